"""Opening a three-phase inspection — upon signs of violation (B), of party finance (G),
of a lower body's inspection, supervision and discipline work (H): the area officer's
proposal, its completion for a case another case gave rise to, and the standing body's
signature on the decision and plan, which starts the statutory clock.

domain.md §5(B) B.1 steps 1–2, §5(G) "Procedure" steps 1–2, §5(H) "Steps".
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inspections import access, deadlines, journal
from inspections.deadlines import CASE_LIMITS
from inspections.exceptions import RuleViolation
from inspections.models import (
    Case,
    CaseKind,
    CaseStatus,
    ChecklistItem,
    DocumentKind,
    InspectionRecord,
    SignsSource,
)
from inspections.rules.deadlines import Unit
from inspections.services.cases import case_open, decision_sign, team_form
from inspections.services.documents import document_attach
from inspections.services.status import current_status
from people.models import PartyMember

THREE_PHASE_KINDS = (CaseKind.SIGNS_INSPECTION, CaseKind.FINANCE_INSPECTION, CaseKind.LOWER_BODY_INSPECTION)
# A finance inspection looks at the finance of party committees and their finance agencies
# (domain.md §5(G) "Targets"); H inspects a lower party organisation (§5(H)): the subject
# of both is an organisation, and both cover a content checklist.
CHECKLIST_KINDS = (CaseKind.FINANCE_INSPECTION, CaseKind.LOWER_BODY_INSPECTION)


@dataclass(frozen=True)
class PlanInput:
    """What a proposal adds to the opening of a case (B.1 step 1): the content, the team's
    working time, and where the signs of violation came from (B) or the content items (G, H)."""

    content: str
    working_days: int
    signs_source: str = ""
    signs_detail: str = ""
    content_items: tuple[ChecklistItem, ...] = ()


def _check_plan(*, case_kind: str, plan: PlanInput, subject_member: PartyMember | None) -> None:
    if case_kind not in THREE_PHASE_KINDS:
        raise RuleViolation(_("Loại việc này không theo quy trình đề xuất, kế hoạch kiểm tra."))
    if not plan.content.strip():
        raise RuleViolation(_("Nội dung kiểm tra không được để trống."))
    if plan.working_days < 1:
        raise RuleViolation(_("Thời gian làm việc của đoàn phải từ 1 ngày làm việc trở lên."))
    if case_kind == CaseKind.SIGNS_INSPECTION and plan.signs_source not in SignsSource.values:
        raise RuleViolation(_("Ghi rõ dấu hiệu vi phạm được phát hiện qua nguồn nào."))
    if case_kind in CHECKLIST_KINDS:
        if subject_member is not None:
            raise RuleViolation(_("Đối tượng của cuộc kiểm tra này là một tổ chức đảng, không phải đảng viên."))
        if not plan.content_items:
            raise RuleViolation(_("Chọn ít nhất một nội dung kiểm tra."))
        if any(item.kind != case_kind or not item.is_active for item in plan.content_items):
            raise RuleViolation(_("Nội dung kiểm tra đã chọn không thuộc loại việc này."))
    elif plan.content_items:
        raise RuleViolation(_("Loại việc này không có danh mục nội dung kiểm tra."))


def _check_working_time(case: Case, plan: PlanInput) -> None:
    """The team's working time fits within the case's statutory time limit: the rule in
    force today for the province and the level of the body acting (issue 9 point 6: a time
    limit can differ by level, e.g. thematic supervision 20/25/30/45 working days), as the
    clock will apply it when the decision is signed (inspections.deadlines.start_clock)."""
    limit = deadlines.case_limit(
        case.kind,
        timezone.localdate(),
        province=deadlines.province_of(case),
        level=deadlines.acting_level(case),
    )
    if limit is not None and limit.unit == Unit.WORKING_DAYS and plan.working_days > limit.amount:
        raise RuleViolation(
            _("Thời gian làm việc của đoàn vượt thời hạn %(n)s ngày làm việc của loại việc này.") % {"n": limit.amount}
        )


def _record_create(*, actor, case: Case, plan: PlanInput, proposal_file, plan_file) -> InspectionRecord:
    signs = case.kind == CaseKind.SIGNS_INSPECTION
    record = InspectionRecord.objects.create(
        case=case,
        content=plan.content.strip(),
        working_days=plan.working_days,
        signs_source=plan.signs_source if signs else "",
        signs_detail=plan.signs_detail.strip() if signs else "",
        proposed_by=actor,
    )
    record.content_items.set(plan.content_items)
    document_attach(actor=actor, case=case, kind=DocumentKind.PROPOSAL, upload=proposal_file)
    document_attach(actor=actor, case=case, kind=DocumentKind.PLAN, upload=plan_file)
    return record


def _plan_payload(record: InspectionRecord, plan: PlanInput) -> dict:
    return {
        "content": record.content,
        "signs_source": record.signs_source,
        "signs_detail": record.signs_detail,
        "working_days": record.working_days,
        "content_items": sorted(item.code for item in plan.content_items),
    }


@transaction.atomic
def inspection_propose(*, actor, kind: str, plan: PlanInput, proposal_file=None, plan_file=None, **opening) -> Case:
    """The area officer proposes the inspection in writing to the standing body: subject,
    content, plan (time markers, the team's working time), the proposed team and, upon
    signs, where the signs came from (B.1 step 1). `opening` takes the arguments of
    inspections.services.cases.case_open (committee, title, grounds, subject, key areas,
    confidentiality, period, leader, members, director, decision_file). The case starts in
    DRAFT."""
    _check_plan(case_kind=kind, plan=plan, subject_member=opening.get("subject_member"))
    case = case_open(actor=actor, kind=kind, **opening)
    _check_working_time(case, plan)  # refused: the atomic block undoes the opening
    record = _record_create(actor=actor, case=case, plan=plan, proposal_file=proposal_file, plan_file=plan_file)
    journal.append(case=case, actor=actor, action="proposal.submitted", payload=_plan_payload(record, plan))
    return case


@transaction.atomic
def proposal_complete(
    *,
    actor,
    case: Case,
    plan: PlanInput,
    period_start: datetime.date | None = None,
    period_end: datetime.date | None = None,
    leader,
    members=(),
    director=None,
    proposal_file=None,
    plan_file=None,
) -> InspectionRecord:
    """Complete the proposal of a case opened from another one (a supervision, an unmet
    follow-up requirement, a denunciation): the content, the plan and the team the opening
    form would have asked for (workflow.spawn)."""
    access.require(actor, "work", case)
    if current_status(case) != CaseStatus.DRAFT or InspectionRecord.objects.filter(case=case).exists():
        raise RuleViolation(_("Đề xuất kiểm tra của hồ sơ này đã được hoàn thiện."))
    _check_plan(case_kind=case.kind, plan=plan, subject_member=case.subject_member)
    _check_working_time(case, plan)
    if period_start and period_end and period_end < period_start:
        raise RuleViolation(_("Thời kỳ kiểm tra: ngày kết thúc phải sau ngày bắt đầu."))
    team_form(actor=actor, case=case, leader=leader, members=members, director=director)
    case.period_start, case.period_end = period_start, period_end
    case.save(update_fields=["period_start", "period_end"])
    record = _record_create(actor=actor, case=case, plan=plan, proposal_file=proposal_file, plan_file=plan_file)
    journal.append(
        case=case,
        actor=actor,
        action="proposal.completed",
        payload={
            **_plan_payload(record, plan),
            "period_start": period_start,
            "period_end": period_end,
            "leader": leader.pk,
            "members": sorted({m.pk for m in members if m.pk != leader.pk}),
            "director": director.pk if director is not None else None,
        },
    )
    return record


@transaction.atomic
def decision_plan_sign(*, actor, case: Case, signed_on: datetime.date | None = None) -> Case:
    """The standing body approves the proposal and signs the inspection decision and plan
    (B.1 step 2). The statutory clock starts that day: the case's time limit is the rule in
    force on it (issue 3 point 1)."""
    access.require(actor, "approve", case)
    if not InspectionRecord.objects.filter(case=case).exists():
        raise RuleViolation(_("Đề xuất kiểm tra chưa được hoàn thiện (nội dung, kế hoạch, đoàn kiểm tra)."))
    decision_sign(actor=actor, case=case, signed_on=signed_on)
    case.clock_started_on = case.decided_on
    case.save(update_fields=["clock_started_on"])
    journal.append(
        case=case,
        actor=actor,
        action="clock.started",
        payload={"clock_started_on": case.clock_started_on, "rule": CASE_LIMITS[case.kind], "due_on": case.due_on},
    )
    return case
