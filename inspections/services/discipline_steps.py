"""The steps of a discipline case before the meeting (domain.md §5(E) steps 1-3): the
self-criticism with the self-proposed form, or proceeding without it when the member
refuses or is detained; deferral (pregnancy, a child under 12 months, serious illness)
and resumption; the team's report proposing discipline, with the individual
responsibility of an organisation's head and members."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inspections import access, journal
from inspections.exceptions import RuleViolation
from inspections.models import (
    Case,
    CaseStatus,
    DisciplineCase,
    DisciplineDeferral,
    DisciplineResponsibility,
)
from inspections.selectors import discipline as selectors
from inspections.services import discipline_grounds as grounds
from inspections.services.discipline import not_future as _not_future
from inspections.services.documents import document_add
from inspections.services.status import current_status, set_status
from people.models import PartyMember


def _at_self_criticism(case: Case) -> DisciplineCase:
    if current_status(case) != CaseStatus.SELF_CRITICISM:
        raise RuleViolation(_("Hồ sơ không ở bước kiểm điểm."))
    return DisciplineCase.objects.select_for_update().get(case=case)


@transaction.atomic
def self_criticism_receive(
    *, actor, case: Case, received_on: datetime.date, self_proposed_form: str = "", upload
) -> DisciplineCase:
    """The member's self-criticism report, with the form they propose for themselves
    (domain.md §5(E) step 1). The report file is required."""
    access.require(actor, "work", case)
    discipline = _at_self_criticism(case)
    _not_future(received_on, _("Ngày nhận bản kiểm điểm"))
    if received_on < case.opened_on:
        raise RuleViolation(_("Ngày nhận bản kiểm điểm không được trước ngày lập hồ sơ."))
    if upload is None:
        raise RuleViolation(_("Cần tải lên bản tự kiểm điểm."))
    if self_proposed_form and self_proposed_form not in selectors.subject_forms(case, received_on):
        raise RuleViolation(_("Hình thức tự nhận không áp dụng được cho đối tượng này."))
    discipline.self_criticism = DisciplineCase.SelfCriticism.RECEIVED
    discipline.self_proposed_form = self_proposed_form
    discipline.self_criticism_on = received_on
    discipline.save(update_fields=["self_criticism", "self_proposed_form", "self_criticism_on"])
    document_add(actor=actor, case=case, kind="self_criticism", title=_("Bản tự kiểm điểm"), upload=upload)
    journal.append(
        case=case,
        actor=actor,
        action="self_criticism.received",
        payload={"received_on": received_on, "self_proposed_form": self_proposed_form},
    )
    set_status(case=case, actor=actor, target=CaseStatus.VERIFYING)
    return discipline


WAIVE_REASONS = (DisciplineCase.SelfCriticism.REFUSED, DisciplineCase.SelfCriticism.DETAINED)


@transaction.atomic
def self_criticism_waive(*, actor, case: Case, reason: str, on: datetime.date, note: str) -> DisciplineCase:
    """The member refuses to write the self-criticism, or is detained: the organisation
    proceeds without it (domain.md §5(E) step 2), with the reason recorded."""
    access.require(actor, "work", case)
    discipline = _at_self_criticism(case)
    if reason not in WAIVE_REASONS:
        raise RuleViolation(_("Chọn lý do: đảng viên không kiểm điểm, hoặc đang bị tạm giam."))
    note = note.strip()
    if not note:
        raise RuleViolation(_("Cần ghi rõ sự việc (đã yêu cầu kiểm điểm khi nào, từ chối thế nào, nơi tạm giam…)."))
    _not_future(on, _("Ngày ghi nhận"))
    if on < case.opened_on:
        raise RuleViolation(_("Ngày ghi nhận không được trước ngày lập hồ sơ."))
    discipline.self_criticism = reason
    discipline.self_criticism_on = on
    discipline.self_criticism_note = note
    discipline.save(update_fields=["self_criticism", "self_criticism_on", "self_criticism_note"])
    journal.append(
        case=case, actor=actor, action="self_criticism.waived", payload={"reason": reason, "on": on, "note": note}
    )
    set_status(case=case, actor=actor, target=CaseStatus.VERIFYING)
    return discipline


# Where a deferral may be recorded, and the action the step there needs.
DEFERRABLE = {
    CaseStatus.SELF_CRITICISM: "work",
    CaseStatus.REPORTED: "approve",
    CaseStatus.PROPOSED: "approve",
}


@transaction.atomic
def discipline_defer(
    *, actor, case: Case, reason: str, deferred_on: datetime.date, note: str = "", conclusion: str = "", upload=None
) -> DisciplineDeferral:
    """Discipline not yet considered (domain.md §5(E), §7.9, §11b.3): `reason` is the code
    of a ground in force of effect "defer" (pregnancy, maternity leave or a child under 12
    months, a father raising the child alone, serious illness in hospital) or "missing"
    (the violation is concluded first: `conclusion`). The case is suspended and its clock
    stops; the ground's document is filed (required where its row says so)."""
    status = current_status(case)
    if status not in DEFERRABLE:
        raise RuleViolation(_("Chỉ tạm hoãn được trước khi kiểm điểm hoặc trước cuộc họp biểu quyết."))
    access.require(actor, DEFERRABLE[status], case)
    ground = grounds.ground_get(reason, grounds.Effect.DEFER, grounds.Effect.MISSING)
    if case.subject_organisation_id:
        raise RuleViolation(_("Chỉ tạm hoãn xem xét kỷ luật đối với đảng viên."))
    _not_future(deferred_on, _("Ngày tạm hoãn"))
    if deferred_on < case.opened_on:
        raise RuleViolation(_("Ngày tạm hoãn không được trước ngày lập hồ sơ."))
    grounds.evidence_check(ground, upload)
    if ground.effect == grounds.Effect.MISSING:
        grounds.missing_conclude(actor=actor, case=case, ground=ground, declared_on=deferred_on, conclusion=conclusion)
    deferral = DisciplineDeferral.objects.create(
        case=case,
        reason=ground.code,
        ground=ground,
        note=note.strip(),
        deferred_on=deferred_on,
        from_status=status,
        deferred_by=actor,
    )
    document = grounds.evidence_add(actor=actor, case=case, ground=ground, upload=upload, action=DEFERRABLE[status])
    set_status(case=case, actor=actor, target=CaseStatus.SUSPENDED, reason=ground.label)
    journal.append(
        case=case,
        actor=actor,
        action="discipline.deferred",
        payload={
            "reason": ground.code,
            "source": ground.source,
            "deferred_on": deferred_on,
            "note": deferral.note,
            "at": status,
            "document": document,
        },
    )
    return deferral


@transaction.atomic
def discipline_resume(*, actor, case: Case, resumed_on: datetime.date, note: str) -> DisciplineDeferral:
    """The reason for the deferral has ended: the case goes back to where it stopped; a
    statutory due date is pushed back by the days it was suspended."""
    access.require(actor, "work", case)
    if current_status(case) != CaseStatus.SUSPENDED:
        raise RuleViolation(_("Hồ sơ không ở trạng thái tạm hoãn."))
    deferral = DisciplineDeferral.objects.select_for_update().get(case=case, resumed_on__isnull=True)
    _not_future(resumed_on, _("Ngày tiếp tục"))
    if resumed_on < deferral.deferred_on:
        raise RuleViolation(_("Ngày tiếp tục không được trước ngày tạm hoãn."))
    note = note.strip()
    if not note:
        raise RuleViolation(_("Cần ghi rõ lý do tạm hoãn đã chấm dứt."))
    deferral.resumed_on = resumed_on
    deferral.resume_note = note
    deferral.resumed_by = actor
    deferral.save(update_fields=["resumed_on", "resume_note", "resumed_by"])
    days = (resumed_on - deferral.deferred_on).days
    due = {}
    if case.due_on is not None:
        before = case.due_on
        case.due_on = before + datetime.timedelta(days=days)
        case.save(update_fields=["due_on"])
        due = {"due_on": {"before": before, "after": case.due_on}}
    set_status(case=case, actor=actor, target=deferral.from_status)
    journal.append(
        case=case,
        actor=actor,
        action="discipline.resumed",
        payload={"resumed_on": resumed_on, "suspended_days": days, "note": note, **due},
    )
    return deferral


@transaction.atomic
def discipline_report(
    *,
    actor,
    case: Case,
    text: str,
    proposed_form: str,
    new_violation_on: datetime.date | None = None,
    head: PartyMember | None = None,
    head_responsibility: str = "",
    others: list[tuple[PartyMember, str]] | tuple = (),
    upload=None,
) -> DisciplineCase:
    """The team leader's report proposing discipline (domain.md §5(E) step 3; §9 "report
    proposing discipline"). For an organisation, the individual responsibility of its
    members, and always of its head, is recorded (issue 3 point 3)."""
    access.require(actor, "lead", case)
    if current_status(case) != CaseStatus.VERIFYING:
        raise RuleViolation(_("Hồ sơ không ở bước thẩm tra, báo cáo."))
    discipline = DisciplineCase.objects.select_for_update().get(case=case)
    text = text.strip()
    if not text:
        raise RuleViolation(_("Báo cáo đề nghị thi hành kỷ luật không được để trống."))
    today = timezone.localdate()
    if proposed_form not in selectors.subject_forms(case, today):
        raise RuleViolation(_("Hình thức đề nghị không áp dụng được cho đối tượng này."))
    if new_violation_on is not None:
        _not_future(new_violation_on, _("Ngày vi phạm mới"))
        if new_violation_on <= (discipline.violation_end or discipline.violation_start):
            raise RuleViolation(_("Vi phạm mới phải xảy ra sau vi phạm đang xem xét."))
    responsibilities = _responsibilities(case, head, head_responsibility, others)
    discipline.report_text = text
    discipline.proposed_form = proposed_form
    discipline.reported_on = today
    discipline.new_violation_on = new_violation_on
    discipline.save(update_fields=["report_text", "proposed_form", "reported_on", "new_violation_on"])
    DisciplineResponsibility.objects.filter(case=case).delete()
    DisciplineResponsibility.objects.bulk_create(
        [
            DisciplineResponsibility(case=case, member=member, is_head=is_head, text=duty, recorded_by=actor)
            for member, is_head, duty in responsibilities
        ]
    )
    if upload is not None:
        document_add(
            actor=actor, case=case, kind="discipline_report", title=_("Báo cáo đề nghị thi hành kỷ luật"), upload=upload
        )
    journal.append(
        case=case,
        actor=actor,
        action="discipline.reported",
        payload={
            "text": text,
            "proposed_form": proposed_form,
            "new_violation_on": new_violation_on,
            "responsibility": [{"member": m.pk, "head": h, "text": t} for m, h, t in responsibilities],
        },
    )
    set_status(case=case, actor=actor, target=CaseStatus.REPORTED)
    return discipline


def _responsibilities(case: Case, head, head_responsibility: str, others) -> list[tuple]:
    """For an organisation: the head (required) and other members, each with their share of
    responsibility. For a member: none."""
    if not case.subject_organisation_id:
        if head is not None or others:
            raise RuleViolation(_("Trách nhiệm cá nhân chỉ ghi khi đối tượng là tổ chức đảng."))
        return []
    organisation = case.subject_organisation
    if head is None or not head_responsibility.strip():
        raise RuleViolation(_("Kỷ luật tổ chức đảng: phải xem xét và ghi rõ trách nhiệm cá nhân của người đứng đầu."))
    if not selectors.was_head(head, organisation):
        raise RuleViolation(
            _("%(name)s không phải người đứng đầu (bí thư, thủ trưởng) của %(org)s.")
            % {"name": head, "org": organisation}
        )
    rows = [(head, True, head_responsibility.strip())]
    seen = {head.pk}
    for member, duty in others:
        if member.pk in seen:
            raise RuleViolation(_("%(name)s được ghi hai lần.") % {"name": member})
        if not duty.strip():
            raise RuleViolation(_("Cần ghi trách nhiệm của %(name)s.") % {"name": member})
        if not member.organisation.path.startswith(organisation.path) and not selectors.was_head(member, organisation):
            raise RuleViolation(_("%(name)s không sinh hoạt trong %(org)s.") % {"name": member, "org": organisation})
        seen.add(member.pk)
        rows.append((member, False, duty.strip()))
    return rows
