"""What can happen to a denunciation at any point before its conclusion (domain.md §5(D)
"Special cases", "Time limits"; §7.9): the denouncer withdraws (the resolution stops
unless the withdrawal was coerced), the chair extends the time limit (once, before it runs
out, with a notice to the denouncer), the chair stops and restarts the clock.

Intake and triage are in inspections.services.denunciations, the resolution steps in
inspections.services.denunciation_steps.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inspections import access, deadlines, journal
from inspections.exceptions import RuleViolation
from inspections.models import (
    Case,
    CaseKind,
    CaseStatus,
    DeadlineExtension,
    Denunciation,
    DenunciationNotice,
    DenunciationPause,
    Withdrawal,
)
from inspections.rules.deadlines import Unit, add_working_days, is_working_day
from inspections.selectors.denunciations import (
    BEFORE_CONCLUSION,
    RULE,
    WITHDRAWABLE,
    denouncers_of,
)
from inspections.services.denunciation_confidentiality import masker, notice_issue
from inspections.services.denunciation_letters import not_after_today
from inspections.services.denunciations import PAUSED, register_row_locked
from inspections.services.extensions import ExtensionWording, extension_grant
from inspections.services.parties import party_scan_add
from inspections.services.status import current_status, set_status
from inspections.services.steps.closing import case_ended

# --- 8. Withdrawal ----------------------------------------------------------------------


@transaction.atomic
def withdrawal_record(*, actor, case: Case, received_on: datetime.date, upload=None, note: str = "") -> Withdrawal:
    """The denouncer's letter withdrawing the denunciation is received (before the
    conclusion). The letter is sealed with the denouncer; the chair then decides whether
    the resolution stops (withdrawal_decide)."""
    access.require(actor, "work", case)
    if case.kind != CaseKind.DENUNCIATION:
        raise RuleViolation(_("Hồ sơ này không phải hồ sơ giải quyết tố cáo."))
    den = register_row_locked(case)
    if current_status(case) not in WITHDRAWABLE:
        raise RuleViolation(_("Chỉ ghi nhận việc rút đơn trước khi có kết luận giải quyết tố cáo."))
    not_after_today(received_on, _("Ngày nhận đơn rút tố cáo"))
    if received_on < den.received_on:
        raise RuleViolation(_("Ngày rút đơn không được trước ngày nhận đơn tố cáo."))
    if Withdrawal.objects.filter(case=case, outcome=Withdrawal.Outcome.PENDING).exists():
        raise RuleViolation(_("Đã có một đơn rút tố cáo đang chờ Chủ nhiệm xem xét."))
    letter = None
    if upload is not None:
        party = denouncers_of(case).first()
        if party is None:
            raise RuleViolation(_("Hồ sơ chưa ghi nhận người tố cáo."))
        party.case = case
        letter = party_scan_add(actor=actor, party=party, title=_("Đơn rút tố cáo"), upload=upload)
    withdrawal = Withdrawal.objects.create(
        case=case, received_on=received_on, letter=letter, note=masker(case)(note.strip()), recorded_by=actor
    )
    journal.append(
        case=case,
        actor=actor,
        action="denunciation.withdrawal_received",
        payload={"withdrawal": withdrawal.pk, "received_on": received_on, "letter": getattr(letter, "pk", None)},
    )
    return withdrawal


@transaction.atomic
def withdrawal_decide(*, actor, case: Case, coerced: bool, finding: str = "") -> Withdrawal:
    """The chair decides on the pending withdrawal (domain.md §5(D) "Special cases"): the
    resolution stops (WITHDRAWN, a notice to the denouncer), unless the withdrawal was
    threatened, coerced or bought — a recorded finding; then it continues unchanged.

    Returns the withdrawal; the workflow layer ends the case's open tasks when it stopped."""
    access.require(actor, "approve", case)
    withdrawal = Withdrawal.objects.select_for_update().filter(case=case, outcome=Withdrawal.Outcome.PENDING).first()
    if withdrawal is None:
        raise RuleViolation(_("Không có đơn rút tố cáo nào đang chờ xem xét."))
    if withdrawal.recorded_by_id == actor.pk:
        raise RuleViolation(_("Người ghi nhận đơn rút tố cáo không tự quyết định việc đình chỉ."))
    if current_status(case) not in WITHDRAWABLE:
        raise RuleViolation(_("Đã có kết luận giải quyết tố cáo: việc rút đơn không làm thay đổi kết quả."))
    finding = masker(case)(finding.strip())
    if coerced and not finding:
        raise RuleViolation(
            _("Ghi rõ căn cứ xác định việc rút đơn do bị đe dọa, ép buộc hoặc mua chuộc (để tiếp tục giải quyết).")
        )
    withdrawal.outcome = Withdrawal.Outcome.CONTINUED if coerced else Withdrawal.Outcome.STOPPED
    withdrawal.finding = finding
    withdrawal.decided_by = actor
    withdrawal.decided_at = timezone.now()
    withdrawal.save(update_fields=["outcome", "finding", "decided_by", "decided_at"])
    journal.append(
        case=case,
        actor=actor,
        action="denunciation.withdrawal_continued" if coerced else "denunciation.withdrawal_stopped",
        payload={"withdrawal": withdrawal.pk, "finding": finding},
    )
    if not coerced:
        set_status(case=case, actor=actor, target=CaseStatus.WITHDRAWN, reason=finding)
        # A stopped clock stays stopped for good: the pause ends with the case.
        DenunciationPause.objects.filter(case=case, resumed_on__isnull=True).update(
            resumed_on=timezone.localdate(), resumed_by=actor
        )
        case_ended(case)
        if not Denunciation.objects.get(case=case).anonymous:
            notice_issue(
                actor=actor,
                case=case,
                kind=DenunciationNotice.Kind.STOPPED,
                issued_on=timezone.localdate(),
                withdrawn_on=withdrawal.received_on,
            )
    return withdrawal


# --- 9. Extension -----------------------------------------------------------------------

WORDING = ExtensionWording(
    not_started=gettext_lazy("Hồ sơ chưa có thời hạn giải quyết."),
    overdue=gettext_lazy("Đã hết thời hạn giải quyết (ngày %(due)s): không gia hạn sau khi hết hạn."),
    none_allowed=gettext_lazy("Quy định không cho phép gia hạn thời hạn này."),
    exhausted=gettext_lazy("Thời hạn giải quyết chỉ được gia hạn %(n)s lần và đã gia hạn."),
)


@transaction.atomic
def deadline_extend(*, actor, case: Case, reason: str) -> DeadlineExtension:
    """The chair extends the time limit, before it runs out, by the rule's extension, as
    many times as the rule allows (once for D.resolve), with a notice to the denouncer
    (domain.md §5(D) "Time limits"). The rule in force when the clock started applies."""
    access.require(actor, "approve", case)
    if case.kind != CaseKind.DENUNCIATION:
        raise RuleViolation(_("Hồ sơ này không phải hồ sơ giải quyết tố cáo."))
    reason = masker(case)(reason.strip())
    if not reason:
        raise RuleViolation(_("Cần ghi rõ lý do gia hạn."))
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.status == CaseStatus.SUSPENDED:
        raise RuleViolation(PAUSED)
    if case.status not in BEFORE_CONCLUSION:
        raise RuleViolation(_("Chỉ gia hạn khi việc giải quyết tố cáo chưa kết thúc, chưa có kết luận."))
    extension = extension_grant(actor=actor, case=case, rule_code=RULE, reason=reason, wording=WORDING)
    new_due = extension.due_after
    journal.append(
        case=case,
        actor=actor,
        action="deadline.extended",
        payload={
            "extension": extension.pk,
            "rule": RULE,
            "due_on": {"before": extension.due_before, "after": new_due},
            "reason": reason,
        },
    )
    if not Denunciation.objects.get(case=case).anonymous:
        notice_issue(
            actor=actor,
            case=case,
            kind=DenunciationNotice.Kind.EXTENSION,
            issued_on=extension.granted_on,
            due_before=extension.due_before,
            due_after=new_due,
        )
    return extension


# --- Stopping the clock (domain.md §7.9) ------------------------------------------------


def _paused_span(start: datetime.date, end: datetime.date, unit: str) -> tuple[int, str]:
    """How long the clock stood still from `start` (included) to `end` (excluded), in the
    unit the due date is then moved by: working days for a working-day limit, else days."""
    if Unit(unit) != Unit.WORKING_DAYS:
        return (end - start).days, Unit.CALENDAR_DAYS
    holidays = deadlines.holidays_between(start, end)
    days = sum(1 for n in range((end - start).days) if is_working_day(start + datetime.timedelta(days=n), holidays))
    return days, Unit.WORKING_DAYS


@transaction.atomic
def clock_pause(*, actor, case: Case, reason: str, note: str, paused_on: datetime.date) -> DenunciationPause:
    """The chair stops the clock, with a reason code (domain.md §7.9): e.g. the congress
    period, when denunciations about congress matters are not resolved then (§5(D),
    Guidance 07-HD/UBKTTW 2019). The steps are refused until the chair resumes."""
    access.require(actor, "approve", case)
    if case.kind != CaseKind.DENUNCIATION:
        raise RuleViolation(_("Hồ sơ này không phải hồ sơ giải quyết tố cáo."))
    if reason not in DenunciationPause.Reason.values:
        raise RuleViolation(_("Chọn lý do tạm dừng."))
    note = masker(case)(note.strip())
    if not note:
        raise RuleViolation(_("Cần ghi rõ căn cứ tạm dừng."))
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.status == CaseStatus.SUSPENDED:
        raise RuleViolation(_("Việc giải quyết đang tạm dừng."))
    if case.status not in BEFORE_CONCLUSION:
        raise RuleViolation(_("Chỉ tạm dừng khi việc giải quyết tố cáo chưa kết thúc, chưa có kết luận."))
    not_after_today(paused_on, _("Ngày tạm dừng"))
    if case.clock_started_on and paused_on < case.clock_started_on:
        raise RuleViolation(_("Ngày tạm dừng không được trước ngày nhận đơn."))
    if case.due_on and paused_on > case.due_on:
        raise RuleViolation(_("Đã hết thời hạn giải quyết: không tạm dừng sau khi hết hạn."))
    pause = DenunciationPause.objects.create(
        case=case,
        reason=reason,
        note=note,
        status_before=case.status,
        paused_on=paused_on,
        paused_by=actor,
        due_before=case.due_on,
    )
    set_status(case=case, actor=actor, target=CaseStatus.SUSPENDED, reason=note)
    journal.append(
        case=case,
        actor=actor,
        action="denunciation.paused",
        payload={"pause": pause.pk, "reason": reason, "note": note, "paused_on": paused_on},
    )
    return pause


@transaction.atomic
def clock_resume(*, actor, case: Case, resumed_on: datetime.date) -> DenunciationPause:
    """The chair resumes: the case returns to where it stood and the due date moves by the
    time the clock stood still, in the rule's unit."""
    access.require(actor, "approve", case)
    pause = DenunciationPause.objects.select_for_update().filter(case=case, resumed_on__isnull=True).first()
    if pause is None or current_status(case) != CaseStatus.SUSPENDED:
        raise RuleViolation(_("Việc giải quyết không ở trạng thái tạm dừng."))
    not_after_today(resumed_on, _("Ngày tiếp tục"))
    if resumed_on < pause.paused_on:
        raise RuleViolation(_("Ngày tiếp tục không được trước ngày tạm dừng."))
    case = Case.objects.select_for_update().get(pk=case.pk)
    limit = deadlines.case_time_limit(RULE, case)
    span, unit = _paused_span(pause.paused_on, resumed_on, limit.unit)
    due_after = case.due_on
    if case.due_on is not None and span:
        if unit == Unit.WORKING_DAYS:
            holidays = deadlines.holidays_between(case.due_on, case.due_on + datetime.timedelta(days=3 * span + 60))
            due_after = add_working_days(case.due_on, span, holidays)
        else:
            due_after = case.due_on + datetime.timedelta(days=span)
    pause.resumed_on, pause.resumed_by, pause.due_after = resumed_on, actor, due_after
    pause.save(update_fields=["resumed_on", "resumed_by", "due_after"])
    set_status(case=case, actor=actor, target=pause.status_before)
    before = case.due_on
    case.due_on = due_after
    case.save(update_fields=["due_on"])
    journal.append(
        case=case,
        actor=actor,
        action="denunciation.resumed",
        payload={
            "pause": pause.pk,
            "resumed_on": resumed_on,
            "paused": {"amount": span, "unit": str(unit)},
            "due_on": {"before": before, "after": due_after},
        },
    )
    return pause
