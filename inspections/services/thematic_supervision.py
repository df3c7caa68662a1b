"""Thematic supervision (giám sát chuyên đề, C2), domain.md §5(C), C2 table (Bình Thuận
handbook "Procedure 02b"): opening and preparation, the clock, the extension.

Preparation: the committee issues the supervision decision, plan and report outline
(staff draft, the chair signs); the supervision group meets, agrees the method, assigns
its members and sends the papers to the subject. The group receives the subject's report:
the clock starts that day (§7.8, HD 02-HD/UBKTTW 2017) under the rule in force that day;
the chair may extend it once. Execution and conclusion: inspections.services.supervision_results.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inspections import access, journal
from inspections.deadlines import CLOCK_FIELDS, clock_payload, start_clock
from inspections.exceptions import RuleViolation
from inspections.models import (
    Case,
    CaseKind,
    CaseRole,
    CaseStatus,
    DeadlineExtension,
    DocumentKind,
    KeyArea,
    ThematicSupervision,
)
from inspections.selectors.supervision import THEMATIC_LIMIT as LIMIT
from inspections.services.cases import case_create, drafter_of, team_form
from inspections.services.documents import document_add
from inspections.services.extensions import ExtensionWording, extension_grant
from inspections.services.status import current_status, set_status
from people.models import Committee, Organisation, PartyMember


def detail_row(case: Case) -> ThematicSupervision:
    return ThematicSupervision.objects.select_for_update().get_or_create(case=case)[0]


def check_not_future(day: datetime.date, label: str) -> None:
    if day > timezone.localdate():
        raise RuleViolation(_("%(label)s không được sau ngày hôm nay.") % {"label": label})


def check_not_before(day: datetime.date, earliest: datetime.date | None, label: str, what: str) -> None:
    if earliest is not None and day < earliest:
        raise RuleViolation(
            _("%(label)s không được trước %(what)s (%(day)s).")
            % {"label": label, "what": what, "day": earliest.strftime("%d/%m/%Y")}
        )


def _drafts(*, actor, case: Case, decision=None, plan=None, outline=None) -> list[int]:
    """The drafts staff prepare for the chair: decision, plan, report outline."""
    docs = []
    for upload, kind, title in (
        (decision, DocumentKind.SUPERVISION_DECISION, _("Dự thảo quyết định giám sát")),
        (plan, DocumentKind.SUPERVISION_PLAN, _("Kế hoạch giám sát")),
        (outline, DocumentKind.SUPERVISION_OUTLINE, _("Đề cương báo cáo")),
    ):
        if upload is not None:
            docs.append(document_add(actor=actor, case=case, kind=kind, title=title, upload=upload).pk)
    return docs


@transaction.atomic
def thematic_open(
    *,
    actor,
    committee: Committee,
    title: str,
    grounds: str,
    leader,
    members=(),
    director=None,
    subject_member: PartyMember | None = None,
    subject_organisation: Organisation | None = None,
    key_areas: list[KeyArea] | tuple = (),
    confidentiality: str = "normal",
    period_start: datetime.date | None = None,
    period_end: datetime.date | None = None,
    decision=None,
    plan=None,
    outline=None,
) -> Case:
    """Staff open a thematic supervision following the annual programme (C2 step 1): the
    draft decision, plan and outline, and the supervision group."""
    members = [m for m in members if m.pk != leader.pk]
    case = case_create(
        actor=actor,
        committee=committee,
        kind=CaseKind.THEMATIC_SUPERVISION,
        title=title,
        grounds=grounds,
        subject_member=subject_member,
        subject_organisation=subject_organisation,
        key_areas=key_areas,
        confidentiality=confidentiality,
        period_start=period_start,
        period_end=period_end,
        journal_payload={
            "leader": leader.pk,
            "members": sorted(m.pk for m in members),
            "director": director.pk if director is not None else None,
        },
    )
    team_form(actor=actor, case=case, leader=leader, members=members, director=director)
    ThematicSupervision.objects.create(case=case)
    _drafts(actor=actor, case=case, decision=decision, plan=plan, outline=outline)
    return case


@transaction.atomic
def thematic_set_up(
    *, actor, case: Case, leader, members=(), director=None, decision=None, plan=None, outline=None
) -> Case:
    """A thematic supervision opened from another case (a C1 log's escalation) gets its
    supervision group and drafts from committee staff before the chair signs."""
    access.require(actor, "work", case)
    if current_status(case) != CaseStatus.DRAFT:
        raise RuleViolation(_("Quyết định giám sát đã được ký, không lập lại tổ giám sát ở bước này."))
    if CaseRole.objects.filter(case=case, role=CaseRole.Role.LEADER, revoked_at__isnull=True).exists():
        raise RuleViolation(_("Hồ sơ đã có tổ giám sát."))
    members = [m for m in members if m.pk != leader.pk]
    team_form(actor=actor, case=case, leader=leader, members=members, director=director)
    detail_row(case)
    docs = _drafts(actor=actor, case=case, decision=decision, plan=plan, outline=outline)
    journal.append(
        case=case,
        actor=actor,
        action="supervision.set_up",
        payload={
            "leader": leader.pk,
            "members": sorted(m.pk for m in members),
            "director": director.pk if director is not None else None,
            "documents": docs,
        },
    )
    return case


@transaction.atomic
def thematic_decision_sign(*, actor, case: Case, signed_on: datetime.date) -> Case:
    """The chair signs the supervision decision, plan and outline. The drafter never signs.
    The time limit does not start here but when the subject's report arrives (§7.8). (The
    group files the signed copy when it sends it to the subject.)"""
    # Four-eyes (design.md decision 7): access weighs the drafter with the role.
    access.require(
        actor,
        "approve",
        case,
        author=drafter_of(case),
        own_work=_("Người dự thảo quyết định giám sát không được tự ký quyết định."),
    )
    label = _("Ngày ký")
    check_not_future(signed_on, label)
    check_not_before(signed_on, case.opened_on, label, _("ngày lập hồ sơ"))
    if not CaseRole.objects.filter(case=case, role=CaseRole.Role.LEADER, revoked_at__isnull=True).exists():
        raise RuleViolation(_("Chưa có tổ giám sát, chưa thể ký quyết định."))
    set_status(case=case, actor=actor, target=CaseStatus.DECIDED)
    case.decided_on = signed_on
    case.save(update_fields=["decided_on"])
    journal.append(case=case, actor=actor, action="supervision.decision_signed", payload={"signed_on": signed_on})
    return case


@transaction.atomic
def group_meeting_record(
    *,
    actor,
    case: Case,
    met_on: datetime.date,
    method: str,
    assignments: str,
    sent_on: datetime.date,
    upload=None,
    decision=None,
) -> ThematicSupervision:
    """The group meets, agrees the method and assigns its members (C2 step 2); the signed
    decision, the plan and the outline have been sent to the subject."""
    access.require(actor, "lead", case)
    method, assignments = method.strip(), assignments.strip()
    if not method or not assignments:
        raise RuleViolation(_("Cần ghi phương pháp giám sát và phân công thành viên."))
    for day, label in ((met_on, _("Ngày họp tổ giám sát")), (sent_on, _("Ngày gửi quyết định cho đối tượng"))):
        check_not_future(day, label)
        check_not_before(day, case.decided_on, label, _("ngày ký quyết định"))
    set_status(case=case, actor=actor, target=CaseStatus.NOTIFIED)
    row = detail_row(case)
    row.group_met_on, row.method, row.assignments, row.sent_on = met_on, method, assignments, sent_on
    row.save(update_fields=["group_met_on", "method", "assignments", "sent_on"])
    if upload is not None:
        document_add(
            actor=actor, case=case, kind=DocumentKind.MINUTES, title=_("Biên bản họp tổ giám sát"), upload=upload
        )
    if decision is not None:
        document_add(
            actor=actor,
            case=case,
            kind=DocumentKind.SUPERVISION_DECISION,
            title=_("Quyết định giám sát (bản đã ký)"),
            upload=decision,
        )
    journal.append(
        case=case,
        actor=actor,
        action="supervision.group_met",
        payload={"met_on": met_on, "method": method, "assignments": assignments, "sent_on": sent_on},
    )
    return row


@transaction.atomic
def subject_report_receive(*, actor, case: Case, received_on: datetime.date, upload) -> Case:
    """The group receives the subject's report: the statutory clock starts that day (domain.md
    §7.8; HD 02-HD/UBKTTW 2017: counted from the day the supervising body receives the
    report), under the rule in force that day."""
    access.require(actor, "work", case)
    if upload is None:
        raise RuleViolation(_("Cần tải lên báo cáo của đối tượng giám sát."))
    label = _("Ngày nhận báo cáo")
    row = detail_row(case)
    check_not_future(received_on, label)
    check_not_before(received_on, row.sent_on or case.decided_on, label, _("ngày gửi quyết định cho đối tượng"))
    set_status(case=case, actor=actor, target=CaseStatus.SUBJECT_REPORTED)
    row.report_received_on = received_on
    row.save(update_fields=["report_received_on"])
    limit = start_clock(case, received_on)
    case.save(update_fields=list(CLOCK_FIELDS))
    document_add(
        actor=actor,
        case=case,
        kind=DocumentKind.SUPERVISION_SUBJECT_REPORT,
        title=_("Báo cáo của đối tượng giám sát"),
        upload=upload,
    )
    journal.append(
        case=case,
        actor=actor,
        action="supervision.report_received",
        payload={"received_on": received_on, "clock_started_on": received_on, **clock_payload(case, limit)},
    )
    return case


# HD 02-HD/UBKTTW 2017: the thematic supervision's time limit is extended once, by at most
# a third, before it runs out (domain.md §5(C)).
WORDING = ExtensionWording(
    not_started=gettext_lazy("Chưa nhận báo cáo của đối tượng: thời hạn giám sát chưa bắt đầu tính."),
    overdue=gettext_lazy("Đã quá hạn giám sát (%(due)s); chỉ gia hạn được trước khi hết hạn."),
    none_allowed=gettext_lazy("Thời gian giám sát đã được gia hạn hết số lần quy định; không gia hạn thêm."),
    exhausted=gettext_lazy("Thời gian giám sát đã được gia hạn hết số lần quy định; không gia hạn thêm."),
)


@transaction.atomic
def deadline_extend(*, actor, case: Case, reason: str) -> DeadlineExtension:
    """The chair extends the time limit, before it runs out, with a reason, by at most the
    rule's allowance (HD 02-HD/UBKTTW 2017: ≤ 1/3 of the limit, in special cases) and no
    more often than the rule allows (once)."""
    access.require(actor, "approve", case)
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.kind != CaseKind.THEMATIC_SUPERVISION:
        raise RuleViolation(_("Chỉ gia hạn được thời gian giám sát chuyên đề."))
    reason = reason.strip()
    if not reason:
        raise RuleViolation(_("Cần ghi rõ lý do gia hạn."))
    if case.status in (CaseStatus.CONCLUDED, CaseStatus.FOLLOW_UP, CaseStatus.CLOSED):
        raise RuleViolation(_("Cuộc giám sát đã có kết luận, không gia hạn."))
    before = case.due_on
    extension = extension_grant(actor=actor, case=case, rule_code=LIMIT, reason=reason, wording=WORDING)
    new_due = extension.due_after
    journal.append(
        case=case,
        actor=actor,
        action="supervision.extended",
        payload={"number": extension.number, "reason": reason, "due_on": {"before": before, "after": new_due}},
    )
    return extension
