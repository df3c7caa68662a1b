"""Denunciation letters: intake and registration, triage (not handled, transfer, the mixed
complaint + denunciation split, or accepted for resolution), and what the other
denunciation services share (masking, notices) (domain.md §5(D); §7.2–§7.5, §7.7–§7.8).

The resolution steps after triage are in inspections.services.denunciation_steps;
withdrawal, extension and stopping the clock in inspections.services.denunciation_actions.

Confidentiality (domain.md §5(D) "Protection of the denouncer", §7.2): the denouncers are
recorded only as sealed CaseParty rows (inspections.services.parties); the letter and any
paper of theirs is a sealed scan. Journal payloads name parties by id. Free text typed by
staff who know the denouncer (allegations, notes, reasons) is masked against the sealed
values before it is stored, so that it can be shown to the team and auditors.
"""

import datetime
import re

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inspections import access, deadlines, journal
from inspections.exceptions import RuleViolation
from inspections.models import (
    Allegation,
    Case,
    CaseKind,
    CaseParty,
    CaseStatus,
    Confidentiality,
    Denunciation,
    DenunciationCriterion,
    DenunciationNotice,
    KeyArea,
)
from inspections.selectors import denunciation_notices as notices
from inspections.selectors.denunciations import (
    RULE,
    criteria_in_force,
    province_of,
)
from inspections.selectors.parties import MASK, _redactor
from inspections.services.cases import case_create, drafter_of
from inspections.services.parties import party_add
from inspections.services.status import current_status, set_status
from inspections.services.steps.closing import case_ended
from people.models import Committee, Organisation, PartyMember

# Shown when a step is tried while the clock is stopped (domain.md §7.9).
PAUSED = _("Việc giải quyết đang tạm dừng (dừng tính thời hạn). Chủ nhiệm cho tiếp tục trước khi thực hiện bước này.")


def masker(case: Case):
    """Mask sealed values of the case's parties in free text before it is stored."""
    return _redactor(case)


def _masker_for(denouncers: list[dict]):
    """The same masking as `masker`, from the denouncers about to be recorded: the title is
    journaled when the case is opened, before the parties exist."""
    values = set()
    for d in denouncers:
        member = d.get("member")
        for value in (
            d.get("full_name"),
            d.get("address"),
            d.get("contact"),
            *((member.full_name, member.card_number) if member is not None else ()),
        ):
            if value and len(value.strip()) >= 3:
                values.add(value.strip())
    if not values:
        return lambda text: text
    pattern = re.compile("|".join(re.escape(v) for v in sorted(values, key=len, reverse=True)), re.IGNORECASE)
    return lambda text: pattern.sub(str(MASK), text)


def not_after_today(day: datetime.date | None, label: str) -> None:
    if day is not None and day > timezone.localdate():
        raise RuleViolation(_("%(label)s không được sau ngày hôm nay.") % {"label": label})


def notice_issue(*, actor, case: Case, kind: str, issued_on: datetime.date, document=None, **extra):
    """Freeze a notice built from the whitelist (inspections.selectors.denunciation_notices)
    and journal it. Call inside the service's transaction."""
    content = notices.build(case, kind, **extra)
    notice = DenunciationNotice.objects.create(
        case=case,
        kind=kind,
        recipient=content["recipient"][:300],
        issued_on=issued_on,
        content=content,
        document=document,
        issued_by=actor,
    )
    journal.append(
        case=case,
        actor=actor,
        action="denunciation.notice_issued",
        payload={"notice": notice.pk, "kind": kind, "issued_on": issued_on, "document": getattr(document, "pk", None)},
    )
    return notice


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
    register_number = register_number.strip()
    if not register_number:
        raise RuleViolation(_("Cần ghi số vào sổ của đơn."))
    not_after_today(received_on, _("Ngày nhận đơn"))
    if letter_dated and letter_dated > received_on:
        raise RuleViolation(_("Ngày ghi trên đơn không được sau ngày nhận đơn."))
    forwarded_by = forwarded_by.strip()
    if first_received_on and not forwarded_by:
        raise RuleViolation(_("Ghi rõ cơ quan đã nhận và chuyển đơn đến, nếu có ngày nhận đơn của cơ quan đó."))
    if first_received_on and first_received_on > received_on:
        raise RuleViolation(_("Cơ quan chuyển đơn không thể nhận đơn sau ngày cơ quan có thẩm quyền nhận đơn."))
    allegations = [text.strip() for text in allegations if text and text.strip()]
    if not allegations:
        raise RuleViolation(_("Cần ghi ít nhất một nội dung tố cáo (mỗi dòng một nội dung)."))
    if signatory_count < 0:
        raise RuleViolation(_("Số người ký tên không hợp lệ."))
    if letter_scan is None:
        raise RuleViolation(_("Cần tải lên bản chụp đơn tố cáo (được niêm phong)."))
    denouncers = [d for d in denouncers if (d.get("full_name") or "").strip() or d.get("member") is not None]
    for d in denouncers:
        if subject_member is not None and d.get("member") is not None and d["member"].pk == subject_member.pk:
            raise RuleViolation(_("Người tố cáo không thể đồng thời là người bị tố cáo."))
    early_mask = _masker_for(denouncers)
    title = early_mask(title.strip())
    year = received_on.year
    if Denunciation.objects.filter(committee=committee, register_year=year, register_number=register_number).exists():
        raise RuleViolation(
            _("Số vào sổ %(number)s năm %(year)s đã được dùng cho một đơn khác.")
            % {"number": register_number, "year": year}
        )
    title = title or _("Giải quyết đơn tố cáo vào sổ số %(number)s") % {"number": register_number}
    case = case_create(
        actor=actor,
        committee=committee,
        kind=CaseKind.DENUNCIATION,
        title=title[:300],
        grounds=_("Đơn tố cáo nhận ngày %(day)s, vào sổ số %(number)s.")
        % {"day": received_on.strftime("%d/%m/%Y"), "number": register_number},
        subject_member=subject_member,
        subject_organisation=subject_organisation,
        key_areas=key_areas,
        confidentiality=confidentiality,
        status=CaseStatus.RECEIVED,
        journal_payload={"register_number": register_number},
    )
    anonymous = not denouncers
    den = Denunciation.objects.create(
        case=case,
        committee=committee,
        register_year=year,
        register_number=register_number,
        received_on=received_on,
        letter_dated=letter_dated,
        forwarded_by=forwarded_by[:255],
        first_received_on=first_received_on,
        signatory_count=signatory_count,
        anonymous=anonymous,
        proposal=proposal.strip(),
        registered_by=actor,
    )
    parties = []
    if anonymous:
        # The scan still shows handwriting: it is sealed with a placeholder party.
        parties.append(
            party_add(
                actor=actor,
                case=case,
                role=CaseParty.Role.DENOUNCER,
                full_name=_("Người gửi đơn không ghi tên"),
                received_on=received_on,
                note=_("Đơn không ghi tên người tố cáo."),
                scan=letter_scan,
                scan_title=_("Đơn tố cáo"),
            )
        )
    for index, d in enumerate(denouncers):
        parties.append(
            party_add(
                actor=actor,
                case=case,
                role=CaseParty.Role.DENOUNCER,
                full_name=d.get("full_name") or "",
                member=d.get("member"),
                address=d.get("address") or "",
                contact=d.get("contact") or "",
                received_on=received_on,
                scan=letter_scan if index == 0 else None,
                scan_title=_("Đơn tố cáo"),
            )
        )
    # Now that the sealed values are known, mask them in what the team and auditors read.
    mask = masker(case)
    Allegation.objects.bulk_create(
        [Allegation(case=case, number=n, text=mask(text), added_by=actor) for n, text in enumerate(allegations, 1)]
    )
    if den.proposal:
        den.proposal = mask(den.proposal)
        den.save(update_fields=["proposal"])
    case.clock_started_on = received_on
    case.due_on = deadlines.due_on(RULE, received_on, province=province_of(committee))
    case.save(update_fields=["clock_started_on", "due_on"])
    journal.append(
        case=case,
        actor=actor,
        action="denunciation.registered",
        payload={
            "register_number": register_number,
            "received_on": received_on,
            "letter_dated": letter_dated,
            "forwarded_by": forwarded_by,
            "first_received_on": first_received_on,
            "clock_started_on": received_on,
            "due_on": case.due_on,
            "rule": RULE,
            "signatory_count": signatory_count,
            "anonymous": anonymous,
            "parties": [p.pk for p in parties],
            "allegations": [mask(text) for text in allegations],
        },
    )
    return case


# --- 2. Triage --------------------------------------------------------------------------

Triage = Denunciation.Triage


def register_row_locked(case: Case) -> Denunciation:
    return Denunciation.objects.select_for_update().get(case=case)


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
    access.require(actor, "approve", case)
    if drafter_of(case).pk == actor.pk:
        raise RuleViolation(_("Cán bộ tiếp nhận, vào sổ đơn không tự quyết định xử lý đơn."))
    den = register_row_locked(case)
    status = current_status(case)
    if status == CaseStatus.SUSPENDED:
        raise RuleViolation(PAUSED)
    if status != CaseStatus.RECEIVED or den.triage != Triage.PENDING:
        raise RuleViolation(_("Đơn đã được phân loại, xử lý."))
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
    den.triage = decision
    den.triage_reason = reason
    den.new_evidence = bool(new_evidence) and decision == Triage.HANDLED
    den.triaged_by = actor
    den.triaged_on = today
    target = None
    if decision == Triage.TRANSFERRED:
        transfer_body = mask(transfer_body.strip())
        if (transfer_committee is None) == (not transfer_body):
            raise RuleViolation(
                _("Chọn một Ủy ban kiểm tra trong hệ thống hoặc ghi tên một cơ quan có thẩm quyền khác để chuyển đơn.")
            )
        if transfer_committee is not None and (
            transfer_committee.pk == case.committee_id or transfer_committee.kind != Committee.Kind.INSPECTION
        ):
            raise RuleViolation(_("Chọn một Ủy ban kiểm tra khác để chuyển đơn."))
        den.transfer_committee = transfer_committee
        den.transfer_body = transfer_body[:255]
        target = transfer_committee.name if transfer_committee is not None else den.transfer_body
    den.save()
    DenunciationCriterion.objects.bulk_create(
        [DenunciationCriterion(denunciation=den, code=c.code, label=str(c.label), source=c.source) for c in chosen]
    )
    target_status = {
        Triage.HANDLED: CaseStatus.DENUNCIATION_ACCEPTED,
        Triage.NOT_HANDLED: CaseStatus.NOT_HANDLED,
        Triage.TRANSFERRED: CaseStatus.TRANSFERRED,
    }[decision]
    set_status(case=case, actor=actor, target=target_status, reason=reason)
    # Anonymous or false-name letters have nobody to notify (domain.md §5(D) item 1).
    notify_sender = not den.anonymous and "anonymous" not in criteria
    journal.append(
        case=case,
        actor=actor,
        action="denunciation.triaged",
        payload={
            "decision": decision,
            "criteria": criteria,
            "new_evidence": den.new_evidence,
            "reason": reason,
            "transfer_committee": getattr(transfer_committee, "pk", None),
            "transfer_to": target,
            "sender_notified": notify_sender and decision != Triage.HANDLED,
        },
    )
    if decision == Triage.NOT_HANDLED and notify_sender:
        notice_issue(
            actor=actor,
            case=case,
            kind=DenunciationNotice.Kind.NOT_HANDLED,
            issued_on=today,
            criteria=[c.label for c in chosen],
        )
    if decision == Triage.TRANSFERRED:
        notice_issue(actor=actor, case=case, kind=DenunciationNotice.Kind.TRANSFER_SLIP, issued_on=today)
        if notify_sender:
            notice_issue(actor=actor, case=case, kind=DenunciationNotice.Kind.TRANSFERRED, issued_on=today)
    if decision != Triage.HANDLED:
        case_ended(case)
    return den


@transaction.atomic
def denunciation_split(*, actor, case: Case, complaint_part: str, reason: str = "") -> Denunciation:
    """A letter that is both a complaint and a denunciation: only the complaint part is
    handled; the sender is guided to denounce separately (domain.md §5(D) "Special cases",
    §7.5; Guidance 02-HD/TW 2021 point V.2.4).

    This records the split and ends the denunciation case (status COMPLAINT_SPLIT). The
    complaint part stays on the register row for the step that opens the complaint case:
    inspections.selectors.denunciations.complaint_split / awaiting_complaint_case give it,
    and that step links the two cases with CaseLink.Relation.SPLIT (case_spawn)."""
    access.require(actor, "approve", case)
    if drafter_of(case).pk == actor.pk:
        raise RuleViolation(_("Cán bộ tiếp nhận, vào sổ đơn không tự quyết định xử lý đơn."))
    den = register_row_locked(case)
    status = current_status(case)
    if status == CaseStatus.SUSPENDED:
        raise RuleViolation(PAUSED)
    if status != CaseStatus.RECEIVED or den.triage != Triage.PENDING:
        raise RuleViolation(_("Đơn đã được phân loại, xử lý."))
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
