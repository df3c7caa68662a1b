"""Denunciation letters: intake and registration, triage (not handled, transfer, the mixed
complaint + denunciation split, or accepted for resolution) (domain.md §5(D); §7.2–§7.5,
§7.7–§7.8).

The checks and rows of a letter's register entry are in
inspections.services.denunciation_letters; masking and notices, which every denunciation
service uses, in inspections.services.denunciation_confidentiality. The resolution steps
after triage are in inspections.services.denunciation_steps and denunciation_conclusion
(which share `check_day` and `require_status` from here); withdrawal, extension and
stopping the clock in inspections.services.denunciation_actions.

Confidentiality (domain.md §5(D) "Protection of the denouncer", §7.2): the denouncers are
recorded only as sealed CaseParty rows (inspections.services.parties); the letter and any
paper of theirs is a sealed scan. Journal payloads name parties by id. Free text typed by
staff who know the denouncer (allegations, notes, reasons) is masked against the sealed
values before it is stored, so that it can be shown to the team and auditors.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inspections import access, journal
from inspections.exceptions import RuleViolation
from inspections.models import (
    Case,
    CaseKind,
    CaseStatus,
    Confidentiality,
    Denunciation,
    DenunciationCriterion,
    DenunciationNotice,
    KeyArea,
)
from inspections.selectors.denunciations import criteria_in_force
from inspections.services.cases import case_create, drafter_of
from inspections.services.denunciation_confidentiality import masker, notice_issue
from inspections.services.denunciation_letters import letter_check, letter_record
from inspections.services.status import current_status, set_status
from inspections.services.steps.closing import case_ended
from people.models import Committee, Organisation, PartyMember

# Shown when a step is tried while the clock is stopped (domain.md §7.9).
PAUSED = _("Việc giải quyết đang tạm dừng (dừng tính thời hạn). Chủ nhiệm cho tiếp tục trước khi thực hiện bước này.")


def check_day(day: datetime.date, label: str, *, not_before: datetime.date | None, before_label: str = "") -> None:
    """A day recorded by a step: not in the future, not before `not_before`."""
    if day > timezone.localdate():
        raise RuleViolation(_("%(label)s không được sau ngày hôm nay.") % {"label": label})
    if not_before is not None and day < not_before:
        raise RuleViolation(
            _("%(label)s không được trước %(other)s (%(day)s).")
            % {"label": label, "other": before_label, "day": not_before.strftime("%d/%m/%Y")}
        )


def require_status(case: Case, *statuses: str, message: str) -> str:
    """The case's status when it is one of `statuses` (else `message`), never while the
    clock is stopped."""
    status = current_status(case)
    if status == CaseStatus.SUSPENDED:
        raise RuleViolation(PAUSED)
    if status not in statuses:
        raise RuleViolation(message)
    return status


# --- 1. Intake and registration ---------------------------------------------------------


@transaction.atomic
def denunciation_register(
    *,
    actor,
    committee: Committee,
    register_number: str,
    received_on: datetime.date,
    allegations: list[str],
    denouncers: list[dict],
    signatory_count: int,
    letter_scan,
    subject_member: PartyMember | None = None,
    subject_organisation: Organisation | None = None,
    title: str = "",
    key_areas: list[KeyArea] | tuple = (),
    letter_dated: datetime.date | None = None,
    forwarded_by: str = "",
    first_received_on: datetime.date | None = None,
    proposal: str = "",
    confidentiality: str = Confidentiality.CONFIDENTIAL,
) -> Case:
    """Committee staff register a denunciation letter; the case starts RECEIVED.

    `received_on` is the day the competent body (this committee) received the letter: the
    clock starts then (domain.md §7.8), not on the day an earlier body received it
    (`first_received_on`, recorded for the register only). `denouncers` are dicts with
    full_name, member, address, contact: recorded as sealed parties; none means an
    anonymous letter. The scan of the letter is sealed with the (first) denouncer.
    """
    letter = letter_check(
        committee=committee,
        register_number=register_number,
        received_on=received_on,
        letter_dated=letter_dated,
        forwarded_by=forwarded_by,
        first_received_on=first_received_on,
        allegations=allegations,
        denouncers=denouncers,
        signatory_count=signatory_count,
        letter_scan=letter_scan,
        subject_member=subject_member,
        proposal=proposal,
        title=title,
    )
    case = case_create(
        actor=actor,
        committee=committee,
        kind=CaseKind.DENUNCIATION,
        title=letter.title[:300],
        grounds=_("Đơn tố cáo nhận ngày %(day)s, vào sổ số %(number)s.")
        % {"day": received_on.strftime("%d/%m/%Y"), "number": letter.register_number},
        subject_member=subject_member,
        subject_organisation=subject_organisation,
        key_areas=key_areas,
        confidentiality=confidentiality,
        status=CaseStatus.RECEIVED,
        journal_payload={"register_number": letter.register_number},
    )
    letter_record(actor=actor, case=case, committee=committee, letter=letter, letter_scan=letter_scan)
    return case


# --- 2. Triage --------------------------------------------------------------------------

Triage = Denunciation.Triage


def register_row_locked(case: Case) -> Denunciation:
    return Denunciation.objects.select_for_update().get(case=case)


def _untriaged(actor, case: Case) -> Denunciation:
    """The register row of a letter awaiting triage, locked, for the chair's decision: the
    clerk who registered it never decides alone, and never while the clock is stopped."""
    # Four-eyes (design.md decision 7): access weighs the drafter with the role.
    access.require(
        actor,
        "approve",
        case,
        author=drafter_of(case),
        own_work=_("Cán bộ tiếp nhận, vào sổ đơn không tự quyết định xử lý đơn."),
    )
    den = register_row_locked(case)
    status = current_status(case)
    if status == CaseStatus.SUSPENDED:
        raise RuleViolation(PAUSED)
    if status != CaseStatus.RECEIVED or den.triage != Triage.PENDING:
        raise RuleViolation(_("Đơn đã được phân loại, xử lý."))
    return den


_TRIAGE_STATUS = {
    Triage.HANDLED: CaseStatus.DENUNCIATION_ACCEPTED,
    Triage.NOT_HANDLED: CaseStatus.NOT_HANDLED,
    Triage.TRANSFERRED: CaseStatus.TRANSFERRED,
}


def _check_triage(den: Denunciation, case: Case, decision: str, criteria: list[str], new_evidence: bool, reason: str):
    in_force = {c.code: c for c in criteria_in_force(case, den.received_on)}
    unknown = [code for code in criteria if code not in in_force]
    if unknown:
        raise RuleViolation(_("Tiêu chí không giải quyết không có trong quy định đang áp dụng."))
    if decision == Triage.NOT_HANDLED:
        if not criteria:
            raise RuleViolation(_("Đơn không giải quyết: cần chọn ít nhất một tiêu chí không giải quyết."))
        if "repeated" in criteria and new_evidence:
            # QĐ 30-QĐ/TW 5.1.1 (domain.md §5(D)): new evidence changing the nature of the
            # case makes a repeated letter one that must be received and handled.
            raise RuleViolation(
                _(
                    "Đơn tố cáo lại có tài liệu, chứng cứ mới làm thay đổi bản chất vụ việc thì phải được "
                    "tiếp nhận, giải quyết: không được lấy lý do “tố cáo lại” để không giải quyết."
                )
            )
        return [in_force[code] for code in criteria]
    if criteria:
        raise RuleViolation(_("Chỉ chọn tiêu chí không giải quyết khi quyết định không giải quyết đơn."))
    if decision == Triage.HANDLED:
        if den.anonymous and "anonymous" in in_force:
            raise RuleViolation(_("Đơn không ghi tên người tố cáo thuộc trường hợp không giải quyết."))
        if den.signatory_count >= 2 and "several_signatories" in in_force:
            raise RuleViolation(_("Đơn có từ hai người trở lên cùng ký tên thuộc trường hợp không giải quyết."))
        if new_evidence and not reason:
            raise RuleViolation(_("Ghi rõ tài liệu, chứng cứ mới làm thay đổi bản chất vụ việc."))
    elif not reason:
        raise RuleViolation(_("Cần ghi rõ lý do xử lý đơn."))
    return []


@transaction.atomic
def denunciation_triage(
    *,
    actor,
    case: Case,
    decision: str,
    criteria: list[str] | tuple = (),
    new_evidence: bool = False,
    reason: str = "",
    transfer_committee: Committee | None = None,
    transfer_body: str = "",
    complaint_part: str = "",
) -> Denunciation:
    """The chair decides how the letter is handled (domain.md §5(D) "Intake and triage",
    "Letters NOT handled", "Special cases"; §7.3–§7.5).

    - not handled: the criteria met (rulebook.not_handled_criteria in force on the day the
      letter was received); a notice to the sender, unless the letter is anonymous or
      under a false name (then there is nobody to notify, and the record says so);
    - transfer to the competent body (another committee in the system, or a named outside
      body): a transfer slip and a notice to the sender;
    - mixed complaint + denunciation: denunciation_split;
    - handled: the resolution continues (a repeated letter only with new evidence).

    The clerk who registered the letter never decides its triage alone.
    """
    den = _untriaged(actor, case)
    if decision not in Triage.values or decision == Triage.PENDING:
        raise RuleViolation(_("Chọn cách xử lý đơn."))
    criteria = list(dict.fromkeys(criteria))
    mask = masker(case)
    reason = mask(reason.strip())
    if decision == Triage.SPLIT:
        if criteria:
            raise RuleViolation(_("Chỉ chọn tiêu chí không giải quyết khi quyết định không giải quyết đơn."))
        return denunciation_split(actor=actor, case=case, complaint_part=complaint_part, reason=reason)
    chosen = _check_triage(den, case, decision, criteria, new_evidence, reason)
    today = timezone.localdate()
    den.triage, den.triage_reason, den.triaged_by, den.triaged_on = decision, reason, actor, today
    den.new_evidence = bool(new_evidence) and decision == Triage.HANDLED
    target = None
    if decision == Triage.TRANSFERRED:
        target = _transfer_target(den, case, mask(transfer_body.strip()), transfer_committee)
    den.save()
    _criteria_record(den, chosen)
    set_status(case=case, actor=actor, target=_TRIAGE_STATUS[decision], reason=reason)
    # Anonymous or false-name letters have nobody to notify (domain.md §5(D) item 1).
    notify_sender = not den.anonymous and "anonymous" not in criteria
    _journal_triage(
        actor=actor, case=case, den=den, criteria=criteria, sent_to=(transfer_committee, target), notify=notify_sender
    )
    _triage_notices(actor=actor, case=case, decision=decision, notify_sender=notify_sender, chosen=chosen, on=today)
    if decision != Triage.HANDLED:
        case_ended(case)
    return den


def _journal_triage(*, actor, case: Case, den: Denunciation, criteria: list[str], sent_to: tuple, notify: bool) -> None:
    """`sent_to`: the committee given for a transfer (if any) and the name the letter went to."""
    decision, (transfer_committee, target) = den.triage, sent_to
    journal.append(
        case=case,
        actor=actor,
        action="denunciation.triaged",
        payload={
            "decision": decision,
            "criteria": criteria,
            "new_evidence": den.new_evidence,
            "reason": den.triage_reason,
            "transfer_committee": getattr(transfer_committee, "pk", None),
            "transfer_to": target,
            "sender_notified": notify and decision != Triage.HANDLED,
        },
    )


def _criteria_record(den: Denunciation, chosen: list) -> None:
    """The not-handled criteria met, copied as they read in the rule in force."""
    DenunciationCriterion.objects.bulk_create(
        [DenunciationCriterion(denunciation=den, code=c.code, label=str(c.label), source=c.source) for c in chosen]
    )


def _transfer_target(den: Denunciation, case: Case, transfer_body: str, transfer_committee: Committee | None) -> str:
    """Where a transferred letter goes: another body in the system that handles
    denunciations (an inspection committee, a party committee or its standing committee, a
    cell: whatever the CaseOpeningRule table lets open D; issue 9 point 9, Reg. 22 Art. 10),
    or a named outside body (`transfer_body`, masked). Set on the row; returns its name."""
    if (transfer_committee is None) == (not transfer_body):
        raise RuleViolation(
            _(
                "Chọn một cơ quan trong hệ thống (Ủy ban kiểm tra, cấp ủy, ban thường vụ, chi bộ) hoặc ghi tên một cơ "
                "quan có thẩm quyền khác để chuyển đơn."
            )
        )
    if transfer_committee is not None:
        if transfer_committee.pk == case.committee_id:
            raise RuleViolation(_("Chọn một cơ quan khác với cơ quan đang giải quyết để chuyển đơn."))
        if not access.bodies_handling(CaseKind.DENUNCIATION).filter(pk=transfer_committee.pk).exists():
            raise RuleViolation(
                access.rule_refusal(transfer_committee, CaseKind.DENUNCIATION)
                or _("Cơ quan được chọn không giải quyết tố cáo: chọn cơ quan khác.")
            )
    den.transfer_committee = transfer_committee
    den.transfer_body = transfer_body[:255]
    return transfer_committee.name if transfer_committee is not None else den.transfer_body


def _triage_notices(*, actor, case: Case, decision: str, notify_sender: bool, chosen: list, on) -> None:
    """The notices a triage sends: to the sender of a letter not handled or transferred
    (when there is one to notify), and the transfer slip to the receiving body."""
    if decision == Triage.NOT_HANDLED and notify_sender:
        notice_issue(
            actor=actor,
            case=case,
            kind=DenunciationNotice.Kind.NOT_HANDLED,
            issued_on=on,
            criteria=[c.label for c in chosen],
        )
    if decision == Triage.TRANSFERRED:
        notice_issue(actor=actor, case=case, kind=DenunciationNotice.Kind.TRANSFER_SLIP, issued_on=on)
        if notify_sender:
            notice_issue(actor=actor, case=case, kind=DenunciationNotice.Kind.TRANSFERRED, issued_on=on)


@transaction.atomic
def denunciation_split(*, actor, case: Case, complaint_part: str, reason: str = "") -> Denunciation:
    """A letter that is both a complaint and a denunciation: only the complaint part is
    handled; the sender is guided to denounce separately (domain.md §5(D) "Special cases",
    §7.5; Guidance 02-HD/TW 2021 point V.2.4).

    This records the split and ends the denunciation case (status COMPLAINT_SPLIT). The
    complaint part stays on the register row for the step that opens the complaint case:
    inspections.selectors.denunciations.complaint_split / awaiting_complaint_case give it,
    and that step links the two cases with CaseLink.Relation.SPLIT (case_spawn)."""
    den = _untriaged(actor, case)
    mask = masker(case)
    complaint_part = mask(complaint_part.strip())
    if not complaint_part:
        raise RuleViolation(_("Ghi rõ phần nội dung là khiếu nại."))
    today = timezone.localdate()
    den.triage = Triage.SPLIT
    den.complaint_part = complaint_part
    den.triage_reason = mask(reason.strip())
    den.triaged_by = actor
    den.triaged_on = today
    den.save()
    set_status(case=case, actor=actor, target=CaseStatus.COMPLAINT_SPLIT, reason=den.triage_reason)
    journal.append(
        case=case,
        actor=actor,
        action="denunciation.split",
        payload={"complaint_part": complaint_part, "reason": den.triage_reason, "sender_notified": not den.anonymous},
    )
    if not den.anonymous:
        notice_issue(actor=actor, case=case, kind=DenunciationNotice.Kind.SPLIT, issued_on=today)
    case_ended(case)
    return den
