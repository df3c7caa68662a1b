"""After the vote (domain.md §6.4, §5(E) steps 6-7): the disciplinary decision, its
announcement (effective on announcement; a refusal to receive it is noted and changes
nothing), the member's or organisation's record, the 5-day proposal to state or
organisation bodies, and the automatic end of a record one year after announcement."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from inspections import access, journal
from inspections.deadlines import due_on
from inspections.exceptions import RuleViolation
from inspections.models import (
    CELL_BODY,
    Case,
    CaseLink,
    CaseStatus,
    DisciplineCase,
    DisciplineDecision,
    DisciplineRecord,
    SanctionForm,
    StateProposal,
)
from inspections.services import membership
from inspections.services.cases import drafter_of
from inspections.services.documents import document_add
from inspections.services.status import current_status, set_status
from inspections.services.steps.closing import case_close

# Forms whose record ends by itself one year after announcement (Reg. 30 Art. 40, 3.2:
# every form but expulsion; striking off and dissolution end membership or the body).
EXPIRING_FORMS = (SanctionForm.REPRIMAND, SanctionForm.WARNING, SanctionForm.DISMISSAL)


@transaction.atomic
def discipline_decision_sign(
    *, actor, case: Case, number: str, signed_on: datetime.date, upload=None, positions=(), seats=()
) -> DisciplineDecision:
    """The chair signs the disciplinary decision. The announcement falls due within the
    time limit in force: 15 days from signing, or for a cell's own decision 10 days from
    the vote (rules "E.announce", "E.cell_handover"; domain.md §6.4). A dismissal names
    the posts it ends (`positions`, `seats`: held by the member that day; issue 9 point 8)."""
    # Four-eyes (design.md decision 7): access weighs the drafter with the role.
    access.require(
        actor,
        "approve",
        case,
        author=drafter_of(case),
        own_work=_("Người lập hồ sơ không được tự ký quyết định kỷ luật."),
    )
    if current_status(case) != CaseStatus.VOTED:
        raise RuleViolation(_("Chưa có kết quả biểu quyết thi hành kỷ luật."))
    discipline = DisciplineCase.objects.get(case=case)
    number = number.strip()
    if not number:
        raise RuleViolation(_("Cần ghi số quyết định."))
    if signed_on > timezone.localdate():
        raise RuleViolation(_("Ngày ký không được sau ngày hôm nay."))
    if signed_on < discipline.voted_on:
        raise RuleViolation(_("Ngày ký không được trước ngày biểu quyết."))
    if discipline.decided_form == SanctionForm.DISMISSAL:
        positions, seats = membership.dismissal_posts_check(
            member=case.subject_member, positions=positions, seats=seats, on=signed_on
        )
    elif positions or seats:
        raise RuleViolation(_("Chỉ quyết định cách chức mới ghi chức vụ bị cách chức."))
    if discipline.body_kind == CELL_BODY:
        rule, start = "E.cell_handover", discipline.voted_on
    else:
        rule, start = "E.announce", signed_on
    due = due_on(rule, start)
    decision = DisciplineDecision.objects.create(
        case=case,
        form=discipline.decided_form,
        body_kind=discipline.body_kind,
        body_label=discipline.body_label,
        number=number,
        signed_on=signed_on,
        signed_by=actor,
        announce_rule=rule,
        announce_due_on=due,
    )
    decision.dismissed_positions.set(positions)
    decision.dismissed_seats.set(seats)
    case.decided_on = signed_on
    case.due_on = due
    case.save(update_fields=["decided_on", "due_on"])
    if upload is not None:
        document_add(
            actor=actor,
            case=case,
            kind="discipline_decision",
            title=_("Quyết định thi hành kỷ luật số %(n)s") % {"n": number},
            upload=upload,
            action="approve",
        )
    journal.append(
        case=case,
        actor=actor,
        action="discipline.decision_signed",
        payload={
            "number": number,
            "signed_on": signed_on,
            "form": decision.form,
            "rule": rule,
            "due_on": due,
            "dismissed_positions": [p.pk for p in positions],
            "dismissed_seats": [s.pk for s in seats],
        },
    )
    set_status(case=case, actor=actor, target=CaseStatus.DECIDED)
    return decision


def _record_write(*, case: Case, decision: DisciplineDecision, announced_on: datetime.date) -> DisciplineRecord:
    """The member's (organisation's) discipline record, in force from the announcement;
    the forms that expire (EXPIRING_FORMS) end after the "E.expiry" time limit."""
    expires = due_on("E.expiry", announced_on) if decision.form in EXPIRING_FORMS else None
    return DisciplineRecord.objects.create(
        case=case,
        member=case.subject_member,
        organisation=case.subject_organisation,
        form=decision.form,
        deciding_body=decision.body_label,
        decision_number=decision.number,
        decided_on=decision.signed_on,
        announced_on=announced_on,
        effective_on=announced_on,
        expires_on=expires,
    )


def _journal_announced(*, actor, case: Case, decision: DisciplineDecision) -> None:
    journal.append(
        case=case,
        actor=actor,
        action="discipline.announced",
        payload={
            "announced_on": decision.announced_on,
            "late": decision.announced_on > decision.announce_due_on,
            "due_on": decision.announce_due_on,
            "refused": decision.refused_receipt,
            "refusal_note": decision.refusal_note,
        },
    )


@transaction.atomic
def discipline_announce(
    *, actor, case: Case, announced_on: datetime.date, refused: bool = False, refusal_note: str = "", upload
) -> DisciplineRecord:
    """The decision is announced, with minutes; it takes effect on announcement (Charter
    Art. 39.6). A subject refusing to attend or to receive it is noted in the minutes and
    the decision takes effect all the same. The record is written; the 5-day proposal to
    state bodies becomes due."""
    access.require(actor, "work", case)
    if current_status(case) != CaseStatus.DECIDED:
        raise RuleViolation(_("Chưa có quyết định kỷ luật để công bố."))
    decision = DisciplineDecision.objects.select_for_update().get(case=case)
    if announced_on > timezone.localdate():
        raise RuleViolation(_("Ngày công bố không được sau ngày hôm nay."))
    if announced_on < decision.signed_on:
        raise RuleViolation(_("Ngày công bố không được trước ngày ký quyết định."))
    refusal_note = refusal_note.strip()
    if refused and not refusal_note:
        raise RuleViolation(_("Cần ghi rõ việc đối tượng từ chối nhận quyết định (như trong biên bản)."))
    if upload is None:
        raise RuleViolation(_("Cần tải lên biên bản công bố quyết định kỷ luật."))
    record = _record_write(case=case, decision=decision, announced_on=announced_on)
    decision.announced_on = announced_on
    decision.announced_by = actor
    decision.refused_receipt = refused
    decision.refusal_note = refusal_note if refused else ""
    decision.record = record
    decision.save(update_fields=["announced_on", "announced_by", "refused_receipt", "refusal_note", "record"])
    proposal_due = due_on("E.state_proposal", decision.signed_on)
    StateProposal.objects.create(case=case, record=record, due_on=proposal_due)
    case.due_on = proposal_due
    case.save(update_fields=["due_on"])
    document_add(
        actor=actor,
        case=case,
        kind="announcement_minutes",
        title=_("Biên bản công bố quyết định kỷ luật"),
        upload=upload,
    )
    _journal_announced(actor=actor, case=case, decision=decision)
    membership.sanction_membership_apply(actor=actor, case=case, decision=decision, record=record)
    journal.append(
        case=case,
        actor=actor,
        action="discipline.recorded",
        payload={
            "record": record.pk,
            "form": record.form,
            "member": record.member_id,
            "organisation": record.organisation_id,
            "effective_on": announced_on,
            "expires_on": record.expires_on,
            "state_proposal_due_on": proposal_due,
        },
    )
    set_status(case=case, actor=actor, target=CaseStatus.ANNOUNCED)
    return record


@transaction.atomic
def state_proposal_record(
    *,
    actor,
    case: Case,
    sent_on: datetime.date | None = None,
    recipient: str = "",
    not_applicable_reason: str = "",
    upload=None,
) -> StateProposal:
    """No later than 5 days after the discipline, the proposal to the state, Fatherland
    Front or socio-political body (Reg. 296; domain.md §5(E)); or the reason none is due
    (the member holds no state or mass-organisation post). The case then closes."""
    access.require(actor, "work", case)
    if current_status(case) != CaseStatus.ANNOUNCED:
        raise RuleViolation(_("Hồ sơ không ở bước đề nghị xử lý hành chính, đoàn thể."))
    proposal = StateProposal.objects.select_for_update().get(case=case)
    recipient, reason = recipient.strip(), not_applicable_reason.strip()
    if (sent_on is None) == (not reason):
        raise RuleViolation(
            _("Ghi ngày gửi và cơ quan nhận đề nghị, hoặc ghi lý do không thuộc trường hợp phải đề nghị.")
        )
    if sent_on is not None:
        if not recipient:
            raise RuleViolation(_("Cần ghi cơ quan nhận đề nghị."))
        if sent_on > timezone.localdate():
            raise RuleViolation(_("Ngày gửi không được sau ngày hôm nay."))
        if sent_on < proposal.record.decided_on:
            raise RuleViolation(_("Ngày gửi không được trước ngày ký quyết định kỷ luật."))
        proposal.status, proposal.sent_on, proposal.recipient = StateProposal.Status.SENT, sent_on, recipient
    else:
        proposal.status, proposal.reason = StateProposal.Status.NOT_APPLICABLE, reason
    proposal.done_by = actor
    proposal.save()
    if upload is not None:
        document_add(actor=actor, case=case, kind="state_proposal", title=_("Văn bản đề nghị"), upload=upload)
    journal.append(
        case=case,
        actor=actor,
        action="state_proposal.sent" if sent_on else "state_proposal.not_applicable",
        payload={
            "sent_on": sent_on,
            "recipient": recipient,
            "reason": reason,
            "due_on": proposal.due_on,
            "late": bool(sent_on and sent_on > proposal.due_on),
        },
    )
    case_close(actor=actor, case=case)
    return proposal


# --- automatic expiry ---------------------------------------------------------------------
@dataclass(frozen=True)
class ExpiryOutcome:
    record: DisciplineRecord
    expired: bool
    reason: str


def expiry_blockers(record: DisciplineRecord, on: datetime.date) -> list[str]:
    """Why a record may not end by itself yet (Reg. 30 Art. 40, 3.2): a complaint still
    pending, a re-offence within the year, or a new discipline since the announcement."""
    reasons = []
    pending = CaseLink.objects.filter(source=record.case_id, relation=CaseLink.Relation.COMPLAINT).exclude(
        target__status=CaseStatus.CLOSED
    )
    if pending.exists():
        reasons.append(_("đang có khiếu nại chưa giải quyết xong"))
    subject = Q(member=record.member) if record.member_id else Q(organisation=record.organisation)
    newer = (
        DisciplineRecord.objects.filter(subject, decided_on__gt=record.announced_on)
        .exclude(pk=record.pk)
        .exclude(replaces=record)
    )
    if newer.exists():
        reasons.append(_("đã bị kỷ luật mới sau khi công bố quyết định"))
    case_subject = (
        Q(case__subject_member=record.member) if record.member_id else Q(case__subject_organisation=record.organisation)
    )
    reoffence = (
        DisciplineCase.objects.filter(
            case_subject, violation_start__gt=record.announced_on, violation_start__lte=min(on, record.expires_on)
        )
        .exclude(case=record.case_id)
        .exclude(outcome=DisciplineCase.Outcome.NO_RESULT)
    )
    if reoffence.exists():
        reasons.append(_("có vi phạm mới trong thời hạn một năm đang hoặc đã được xem xét"))
    return reasons


@transaction.atomic
def discipline_expire_due(*, on: datetime.date | None = None) -> list[ExpiryOutcome]:
    """End every record in force whose year has run (expires_on <= `on`) and that nothing
    holds back; journal each end on the record's case. Records held back are reported with
    the reason and left in force."""
    on = on or timezone.localdate()
    outcomes = []
    due = (
        DisciplineRecord.objects.select_for_update()
        .filter(state=DisciplineRecord.State.IN_FORCE, expires_on__isnull=False, expires_on__lte=on)
        .select_related("case")
        .order_by("expires_on", "pk")
    )
    for record in due:
        blockers = expiry_blockers(record, on)
        if blockers:
            outcomes.append(ExpiryOutcome(record, False, "; ".join(str(b) for b in blockers)))
            continue
        note = _(
            "Tự động hết hiệu lực ngày %(day)s, một năm sau ngày công bố %(announced)s: không có khiếu nại "
            "đang giải quyết, không tái phạm, không có vi phạm mới đến mức phải kỷ luật."
        ) % {"day": record.expires_on.strftime("%d/%m/%Y"), "announced": record.announced_on.strftime("%d/%m/%Y")}
        record.state = DisciplineRecord.State.EXPIRED
        record.note = f"{record.note}\n{note}".strip()
        record.save(update_fields=["state", "note"])
        journal.append(
            case=record.case,
            actor=None,
            action="discipline.expired",
            payload={
                "record": record.pk,
                "state": {"before": DisciplineRecord.State.IN_FORCE, "after": DisciplineRecord.State.EXPIRED},
                "expires_on": record.expires_on,
                "reason": note,
            },
        )
        outcomes.append(ExpiryOutcome(record, True, note))
    return outcomes
