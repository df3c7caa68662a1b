"""Absence and hand-over pages (issue 4 point 7): "Vắng mặt, ủy quyền" (record an absence
and who acts meanwhile, end it early), hand-over requests for a departing member, and the
chair's approval page listing the cases that would move and the conflicts found.

Deny by default: every list starts from a selector scoped to the viewer, a record the
viewer may not see answers 404, an action they may not take answers 403. Case numbers
and conflict reasons are shown only for cases the viewer may see.
"""

from collections import defaultdict

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, View

from inspections import access
from inspections.exceptions import AccessDenied, RuleViolation
from inspections.models import RoleTransfer
from inspections.selectors import handover as selectors
from inspections.services import handover as services
from people.models import Delegation, HandoverRequest
from workflow import delegation as tasks_follow
from workflow.fields import IdChoiceField, date_field
from workflow.views.outcomes import rules_to_form

LIST_LIMIT = 100


class DelegationForm(forms.Form):
    user = IdChoiceField(label=gettext_lazy("Người vắng mặt"), queryset=None)
    delegate = IdChoiceField(label=gettext_lazy("Người được ủy quyền"), queryset=None)
    starts_on = date_field(gettext_lazy("Từ ngày"))
    ends_on = date_field(gettext_lazy("Đến ngày"))
    reason = forms.CharField(label=gettext_lazy("Lý do vắng mặt"), max_length=255)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = selectors.people_delegable_by(actor)
        self.fields["user"].initial = actor.pk
        # The actor's colleagues, and the actor themself (a chair may act for a member).
        colleagues = selectors.colleagues_of(actor).values("pk")
        self.fields["delegate"].queryset = (
            get_user_model()
            .objects.filter(Q(pk__in=colleagues) | Q(pk=actor.pk), is_active=True)
            .order_by("full_name", "username")
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("Ngày kết thúc không được trước ngày bắt đầu."))
        return data


class HandoverForm(forms.Form):
    departing = IdChoiceField(label=gettext_lazy("Người chuyển công tác, nghỉ việc"), queryset=None)
    successor = IdChoiceField(label=gettext_lazy("Người nhận bàn giao"), queryset=None)
    reason = forms.CharField(label=gettext_lazy("Lý do"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        people = selectors.people_handed_over_by(actor)
        self.fields["departing"].queryset = people
        self.fields["successor"].queryset = people.filter(is_active=True)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Quyết định"),
        choices=[("approve", gettext_lazy("Duyệt bàn giao")), ("reject", gettext_lazy("Không duyệt"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=gettext_lazy("Ý kiến"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


def _report_messages(request, result, *, receiver) -> None:
    """Tell the actor what moved; name only the cases they may see."""
    report = result.report
    if report.moved:
        messages.success(
            request,
            _("Đã chuyển vai trò trong %(cases)d hồ sơ và %(tasks)d công việc cho %(name)s.")
            % {"cases": len(report.moved), "tasks": result.tasks_moved, "name": receiver},
        )
    if result.tasks_queued:
        messages.info(
            request,
            _("%(n)d công việc được trả về hàng đợi chung vì người nhận không được thực hiện bước đó.")
            % {"n": result.tasks_queued},
        )
    if report.skipped:
        visible = set(
            access.cases_visible_to(request.user)
            .filter(pk__in=[m.case.pk for m in report.skipped])
            .values_list("pk", flat=True)
        )
        hidden = 0
        for move in report.skipped:
            if move.case.pk in visible:
                messages.warning(
                    request,
                    _("Hồ sơ %(number)s không chuyển được: %(reasons)s Chủ nhiệm xem xét, quyết định.")
                    % {"number": move.case.number, "reasons": " ".join(move.reasons)},
                )
            else:
                hidden += 1
        if hidden:
            messages.warning(
                request,
                _("%(n)d hồ sơ khác không chuyển được do xung đột lợi ích; Chủ nhiệm xem xét, quyết định.")
                % {"n": hidden},
            )


def _skipped_by_origin(viewer, transfers) -> dict[int, dict]:
    """Skipped transfers per delegation or hand-over: one line per case the viewer may
    see (number, roles, reasons), and how many other cases were skipped."""
    transfers = list(transfers)
    visible = set(
        access.cases_visible_to(viewer).filter(pk__in={t.case_id for t in transfers}).values_list("pk", flat=True)
    )
    grouped: dict[int, dict] = defaultdict(lambda: {"lines": {}, "hidden": set()})
    for t in transfers:
        group = grouped[t.delegation_id or t.handover_id]
        if t.case_id not in visible:
            group["hidden"].add(t.case_id)
            continue
        line = group["lines"].setdefault(t.case_id, {"case": t.case, "reason": t.reason, "roles": []})
        line["roles"].append(t.get_role_display())
    return {
        origin: {"lines": list(group["lines"].values()), "hidden": len(group["hidden"])}
        for origin, group in grouped.items()
    }


class DelegationListView(LoginRequiredMixin, FormView):
    """My absences and delegations: record one, see what was not moved, end one early."""

    template_name = "kiemtra/delegation_list.html"
    form_class = DelegationForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "actor": self.request.user}

    def get_context_data(self, **kwargs):
        user = self.request.user
        delegations = list(selectors.delegations_visible_to(user).order_by("-starts_on", "-pk")[:LIST_LIMIT])
        skipped = _skipped_by_origin(
            user,
            RoleTransfer.objects.filter(
                delegation__in=[d.pk for d in delegations], outcome=RoleTransfer.Outcome.SKIPPED
            ).select_related("case"),
        )
        chaired = set(selectors.people_delegable_by(user).values_list("pk", flat=True))
        rows = [
            {
                "delegation": d,
                "skipped": skipped.get(d.pk),
                "can_end": d.status in selectors.OPEN_DELEGATION
                and (user.pk in (d.user_id, d.created_by_id) or d.user_id in chaired),
            }
            for d in delegations
        ]
        return super().get_context_data(rows=rows, title=_("Vắng mặt, ủy quyền"), **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        with rules_to_form(form) as outcome:
            delegation, result = tasks_follow.delegation_start(
                actor=self.request.user,
                user=data["user"],
                delegate=data["delegate"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                reason=data["reason"],
            )
        if outcome.refused:
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Đã ghi nhận: %(delegate)s được ủy quyền thay %(user)s từ %(start)s đến %(end)s.")
            % {
                "delegate": delegation.delegate,
                "user": delegation.user,
                "start": delegation.starts_on.strftime("%d/%m/%Y"),
                "end": delegation.ends_on.strftime("%d/%m/%Y"),
            },
        )
        _report_messages(self.request, result, receiver=delegation.delegate)
        return HttpResponseRedirect(reverse("cases:delegations"))


class DelegationEndView(LoginRequiredMixin, View):
    """End (or cancel, before it starts) a delegation on demand."""

    http_method_names = ["post"]

    def post(self, request, pk):
        delegation = selectors.delegations_visible_to(request.user).filter(pk=pk).first()
        if delegation is None:
            raise Http404
        try:
            result = tasks_follow.delegation_end(actor=request.user, delegation=delegation)
        except AccessDenied as error:
            raise PermissionDenied from error
        except RuleViolation as error:
            for message in error.messages:
                messages.error(request, message)
            return HttpResponseRedirect(reverse("cases:delegations"))
        delegation.refresh_from_db()
        if delegation.status == Delegation.Status.CANCELLED:
            messages.success(request, _("Đã hủy ủy quyền chưa bắt đầu."))
        else:
            messages.success(
                request,
                _(
                    "Đã kết thúc ủy quyền: vai trò trong %(cases)d hồ sơ và %(tasks)d công việc "
                    "được trả lại cho %(name)s."
                )
                % {"cases": len(result.report.moved), "tasks": result.tasks_moved, "name": delegation.user},
            )
        if result.report.kept:
            messages.warning(
                request,
                _("%(n)d hồ sơ có vai trò không được trả lại vì thành phần đoàn đã thay đổi trong thời gian ủy quyền.")
                % {"n": len(result.report.kept)},
            )
        if result.tasks_queued:
            messages.info(request, _("%(n)d công việc được trả về hàng đợi chung.") % {"n": result.tasks_queued})
        return HttpResponseRedirect(reverse("cases:delegations"))


class HandoverListView(LoginRequiredMixin, FormView):
    """Hand-over requests the viewer made, is concerned by, or may decide; and the form
    to request one (committee staff, chair or deputy)."""

    template_name = "kiemtra/delegation_handovers.html"
    form_class = HandoverForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "actor": self.request.user}

    def get_context_data(self, **kwargs):
        handovers = selectors.handovers_visible_to(self.request.user).order_by("-requested_at", "-pk")[:LIST_LIMIT]
        return super().get_context_data(
            handovers=handovers,
            may_request=selectors.people_handed_over_by(self.request.user).exists(),
            title=_("Bàn giao công việc"),
            **kwargs,
        )

    def form_valid(self, form):
        data = form.cleaned_data
        with rules_to_form(form) as outcome:
            handover = services.handover_request(
                actor=self.request.user, departing=data["departing"], successor=data["successor"], reason=data["reason"]
            )
        if outcome.refused:
            return self.form_invalid(form)
        messages.success(self.request, _("Đã gửi đề nghị bàn giao; chờ Chủ nhiệm duyệt."))
        return HttpResponseRedirect(reverse("cases:handover", args=[handover.pk]))


class HandoverDetailView(LoginRequiredMixin, FormView):
    """One hand-over request: the cases it would move with the conflicts found for the
    successor (rerun at each view), and the chair's decision."""

    template_name = "kiemtra/delegation_handover.html"
    form_class = DecisionForm

    def get_handover(self) -> HandoverRequest:
        if not hasattr(self, "_handover"):
            handover = selectors.handovers_visible_to(self.request.user).filter(pk=self.kwargs["pk"]).first()
            if handover is None:
                raise Http404
            self._handover = handover
        return self._handover

    def get_context_data(self, **kwargs):
        user, handover = self.request.user, self.get_handover()
        context = {"handover": handover, "title": _("Bàn giao công việc")}
        if handover.status == HandoverRequest.Status.REQUESTED:
            preview = selectors.transfer_preview(handover.departing, handover.successor)
            visible = set(
                access.cases_visible_to(user).filter(pk__in=[p.case.pk for p in preview]).values_list("pk", flat=True)
            )
            context["preview"] = [p for p in preview if p.case.pk in visible]
            hidden = [p for p in preview if p.case.pk not in visible]
            context["hidden_count"] = len(hidden)
            context["hidden_conflicts"] = sum(1 for p in hidden if p.conflicts)
            context["is_party"] = user.pk in (handover.requested_by_id, handover.departing_id, handover.successor_id)
            context["can_decide"] = not context["is_party"] and selectors.is_handover_approver(user, handover.departing)
        else:
            context["skipped"] = _skipped_by_origin(
                user, handover.transfers.filter(outcome=RoleTransfer.Outcome.SKIPPED).select_related("case")
            ).get(handover.pk)
            context["moved_count"] = (
                handover.transfers.filter(outcome=RoleTransfer.Outcome.MOVED).values("case_id").distinct().count()
            )
        return super().get_context_data(**context, **kwargs)

    def form_valid(self, form):
        handover, data = self.get_handover(), form.cleaned_data
        with rules_to_form(form) as outcome:
            if data["decision"] == "approve":
                result = tasks_follow.handover_approve(actor=self.request.user, handover=handover, note=data["note"])
            else:
                services.handover_reject(actor=self.request.user, handover=handover, note=data["note"])
        if outcome.refused:
            return self.form_invalid(form)
        if data["decision"] == "approve":
            messages.success(self.request, _("Đã duyệt bàn giao."))
            _report_messages(self.request, result, receiver=handover.successor)
        else:
            messages.success(self.request, _("Đã không duyệt đề nghị bàn giao."))
        return HttpResponseRedirect(reverse("cases:handover", args=[handover.pk]))
