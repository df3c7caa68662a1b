"""Auditing and history (issue 4 points 5 and 6): the auditor search across cases, the
export of a case's journal for outside verification, and the case timeline read from
the journal (every transition, assignment, document version and read of sealed data,
with before/after values of edited fields).

Reads by someone whose only access is an audit mandate are journaled ("audit.read") by
the views that show case data: the case page, document downloads and this export.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import ListView, View

from inspections import access, journal
from inspections.models import (
    CaseRole,
    CaseStatus,
    ComplaintOutcome,
    ComplaintVerdict,
    DisciplineRecord,
    DocumentKind,
    Recommendation,
    ReviewStatus,
    SanctionForm,
)
from inspections.selectors import audit as audit_selectors
from inspections.selectors import cases as case_selectors


class AuditSearchView(LoginRequiredMixin, ListView):
    """Search across the cases the user may see (auditors: their mandates)."""

    template_name = "kiemtra/audit_search.html"
    paginate_by = 25
    context_object_name = "cases"

    def get_queryset(self):
        self.search = audit_selectors.audit_search(self.request.user, self.request.GET)
        return self.search.cases

    def get_context_data(self, **kwargs):
        params = self.request.GET.copy()
        params.pop("page", None)
        return super().get_context_data(
            form=self.search.form, query=params.urlencode(), title=gettext_lazy("Tra cứu hồ sơ (kiểm soát)"), **kwargs
        )


class JournalExportView(LoginRequiredMixin, View):
    """GET /cases/<pk>/journal.json: the case's chain with its hashes (access "view").
    tools/verify_journal_export.py checks the file with the standard library only."""

    def get(self, request, pk: int):
        case = case_selectors.case_list(request.user).filter(pk=pk).first()
        if case is None or not access.can(request.user, "view", case):
            raise Http404
        journal.record_audit_read(actor=request.user, case=case, read={"read": "journal_export"})
        response = JsonResponse(journal.export_case(case), json_dumps_params={"ensure_ascii": False, "indent": 1})
        response["Content-Disposition"] = f'attachment; filename="case-{case.pk}-journal.json"'
        response["Cache-Control"] = "no-store"
        return response


# --- The timeline ----------------------------------------------------------------------

FIELD_LABELS = {
    "status": gettext_lazy("trạng thái"),
    "done_on": gettext_lazy("ngày hoàn thành"),
    "result_note": gettext_lazy("kết quả thực hiện"),
    "leader": gettext_lazy("trưởng đoàn"),
    "director": gettext_lazy("ủy viên phụ trách"),
    "members": gettext_lazy("thành viên đoàn"),
    # Complaints (kind F).
    "form": gettext_lazy("hình thức kỷ luật"),
    "state": gettext_lazy("tình trạng kỷ luật"),
    "met_on": gettext_lazy("ngày làm việc"),
    "file_obtained": gettext_lazy("đã nhận hồ sơ kỷ luật"),
    "differences": gettext_lazy("điểm khác nhau"),
    "due_on": gettext_lazy("hạn giải quyết"),
}
READ_LABELS = {
    "case": gettext_lazy("trang hồ sơ"),
    "document": gettext_lazy("tài liệu"),
    "journal_export": gettext_lazy("bản xuất nhật ký"),
}
VALUE_LABELS = {
    **dict(CaseStatus.choices),
    **dict(ReviewStatus.choices),
    **dict(Recommendation.Status.choices),
    # Complaints (kind F): forms, record states and verdicts named in before/after values.
    **dict(SanctionForm.choices),
    **dict(DisciplineRecord.State.choices),
    **dict(ComplaintOutcome.choices),
    **dict(ComplaintVerdict.choices),
}
ROLE_LABELS = dict(CaseRole.Role.choices)


def _user_ids(action: str, data: dict) -> set[int]:
    """Ids of the people an entry names, so that one query fetches every name shown."""
    ids: set[int] = set()
    if action == "case.opened":
        ids.update(u for u in [data.get("leader"), data.get("director"), *data.get("members", [])] if u)
    elif action == "team.changed":
        for side in (data.get("before") or {}, data.get("after") or {}):
            ids.update(u for u in [side.get("leader"), side.get("director"), *side.get("members", [])] if u)
    elif action == "team.left" and data.get("user"):
        ids.add(data["user"])
    elif action.startswith("unseal.") and data.get("requester"):
        ids.add(data["requester"])
    return {i for i in ids if isinstance(i, int)}


def _value(value, names: dict[int, str] | None = None) -> str:
    if value in (None, "", []):
        return "—"
    if isinstance(value, list):
        return ", ".join(_value(v, names) for v in value)
    if names is not None:
        return names.get(value, f"#{value}")
    if isinstance(value, bool):
        return _("có") if value else _("không")
    if isinstance(value, str):
        if value in VALUE_LABELS:
            return str(VALUE_LABELS[value])
        try:
            return datetime.date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            return value
    return str(value)


def _edits(data: dict) -> list[tuple[str, str, str]]:
    """(field, before, after) for every payload value shaped {"before": x, "after": y}."""
    return [
        (str(FIELD_LABELS.get(field, field)), _value(change["before"]), _value(change["after"]))
        for field, change in sorted(data.items())
        if isinstance(change, dict) and set(change) == {"before", "after"}
    ]


def _team_edits(data: dict, names: dict[int, str]) -> list[tuple[str, str, str]]:
    before, after = data.get("before") or {}, data.get("after") or {}
    return [
        (str(FIELD_LABELS[field]), _value(before.get(field), names), _value(after.get(field), names))
        for field in ("leader", "director", "members")
        if before.get(field) != after.get(field)
    ]


def _roles(data: dict) -> str:
    return ", ".join(str(ROLE_LABELS.get(r, r)) for r in data.get("roles", []))


def _party_detail(data: dict, names: dict[int, str]) -> str:
    # Never a sealed value: the payload holds the party's id and role, not its identity.
    parts = [_("bên liên quan #%(party)s") % {"party": data.get("party", "")}]
    if data.get("requester"):
        parts.append(_("người đề nghị %(name)s") % {"name": _value(data["requester"], names)})
    if data.get("reason"):
        parts.append(data["reason"])
    return "; ".join(parts)


def _handover_detail(data: dict) -> str:
    people = [
        data[key]["name"]
        for key in ("user", "delegate", "departing", "successor")
        if isinstance(data.get(key), dict) and data[key].get("name")
    ]
    return " → ".join(people) + (f" ({_roles(data)})" if data.get("roles") else "")


def _detail(action: str, data: dict, names: dict[int, str]) -> str:
    """One line saying what the entry did, in the reader's language."""
    if action == "case.opened":
        return _("số %(number)s; trưởng đoàn %(leader)s; thành viên %(members)s") % {
            "number": data.get("number", ""),
            "leader": _value(data.get("leader"), names),
            "members": _value(data.get("members"), names),
        }
    if action == "status.changed":
        return data.get("reason", "")
    if action == "decision.signed":
        return _("ngày ký %(signed)s; hạn %(due)s") % {
            "signed": _value(data.get("signed_on")),
            "due": _value(data.get("due_on")),
        }
    if action == "document.added":
        # A document version: its kind, title and content fingerprint.
        kind = dict(DocumentKind.choices).get(data.get("kind"), data.get("kind", ""))
        return f"{kind}: {data.get('title', '')} · SHA-256 {(data.get('sha256') or '')[:12]}…"
    if action == "audit.read":
        what = str(READ_LABELS.get(data.get("read"), data.get("read", "")))
        return f"{what}: {data['title']}" if data.get("title") else what
    if action in ("team.left", "conflict.none_declared", "conflict.declared"):
        who = _value(data.get("user"), names) + " – " if data.get("user") else ""
        statement = f" ({data['statement']})" if data.get("statement") else ""
        return f"{who}{_roles(data)}{statement}"
    if action in ("team_report.accepted", "team_report.returned", "conclusion.approved", "conclusion.returned"):
        note = f": {data['note']}" if data.get("note") else ""
        return _("lần %(version)s") % {"version": data.get("version", "")} + note
    if action in ("team_report.submitted", "conclusion.drafted"):
        found = ""
        if "violation_found" in data:
            found = "; " + (_("có vi phạm") if data["violation_found"] else _("không có vi phạm"))
        return _("lần %(version)s") % {"version": data.get("version", "")} + found
    if action in ("task.assigned", "task.released"):
        how = {
            "auto": _("tự động giao"),
            "claimed": _("nhận từ danh sách chờ"),
            "released": _("trả lại danh sách chờ"),
            "reassigned": _("giao lại"),
        }.get(data.get("how"), data.get("how", ""))
        return f"{data.get('step_title', '')} – {data.get('owner_name', '')} ({how})"
    if action == "findings.recorded":
        return _("%(count)d nội dung") % {"count": len(data.get("findings", []))}
    if action.startswith(("party.", "sealed.", "unseal.")):
        return _party_detail(data, names)
    if action.startswith(("delegation.", "handover.")):
        return _handover_detail(data)
    for key in ("sent_on", "received_on", "closed_on"):
        if key in data:
            return _value(data[key])
    return ""


def _changes(action: str, data: dict, names: dict[int, str]) -> list[tuple[str, str, str]]:
    if action == "status.changed":
        return [(str(FIELD_LABELS["status"]), _value(data.get("from")), _value(data.get("to")))]
    if action == "team.changed":
        return _team_edits(data, names)
    if action == "recommendations.done":
        return [
            (f"{_('kiến nghị')} #{row.get('id')} – {field}", before, after)
            for row in data.get("changes", [])
            for field, before, after in _edits(row)
        ]
    return _edits(data)


def case_timeline(case, labels: dict) -> list[dict]:
    """The case's journal as timeline rows, in two queries whatever its length: the
    entries, and the names of everyone they mention."""
    entries = [(e, journal.decoded(e)) for e in case.journal.order_by("seq")]
    ids = set().union(*(_user_ids(e.action, data) for e, data in entries)) if entries else set()
    names = {u.pk: str(u) for u in get_user_model().objects.filter(pk__in=ids)} if ids else {}
    return [
        {
            "entry": e,
            "label": labels.get(e.action, e.action),
            "detail": _detail(e.action, data, names),
            "changes": _changes(e.action, data, names),
        }
        for e, data in entries
    ]
