"""The meeting, the secret ballot and what follows it in a discipline case (domain.md
§5(E) steps 3-5, §6.2, §6.3, §6.5):

- the meeting records attendance and opens the ballot, with the forms open to the
  subject (heaviest first); the authority matrix (rulebook.may_impose) says, form by form,
  whether reaching it decides (within the body's authority) or proposes to the competent
  body; expulsion takes two thirds of the base to propose, more than half to decide;
- at close: no form reaches its threshold -> no discipline; a form beyond the body's
  authority -> a proposal, on which the competent body votes again with its own members;
  a form within authority -> the statute of limitations is checked AFTER the vote (§6.5):
  run out -> no discipline, recorded; else the form is decided.
"""

import datetime
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inspections import access, journal, rulebook
from inspections.exceptions import RuleViolation
from inspections.models import (
    Ballot,
    Case,
    CaseStatus,
    DisciplineCase,
    DisciplineProposal,
    SanctionForm,
)
from inspections.rules.statute import statute_check
from inspections.selectors import ballots as ballot_selectors
from inspections.selectors import discipline as selectors
from inspections.selectors.authority import (
    DecidingBody,
    authority_province,
    authority_refusal,
    deciding_body,
    within_authority,
)
from inspections.services.ballots import BallotOption, PaperCount, no_sanction_option
from inspections.services.discipline import body_check, body_store, subject_kind_check
from inspections.services.documents import document_add
from inspections.services.status import current_status, set_status
from inspections.services.steps.closing import case_close
from inspections.services.steps.meeting_ballot import (
    meeting_ballot_open,
    meeting_record,
    require_voting,
    rules_day,
    voting_ballot_close,
)
from people.models import Committee, Organisation

Outcome = DisciplineCase.Outcome


def ballot_plan(
    case: Case, discipline: DisciplineCase, on: datetime.date, body: DecidingBody | None = None
) -> list[BallotOption]:
    """The ballot paper for the current round: every form open to the subject, heaviest
    first, each marked "decide" or "propose" by the body's authority, with its thresholds
    (Reg. 69 Art. 15, domain.md §6.2). The authority is the one in force on the meeting day
    `on` (issue 9 point 2: a case whose step happens after the 1/7/2025 restructuring is
    decided by the bodies that exist then), for the body's kind derived from the body."""
    province = authority_province(case)
    if body is None:
        body = deciding_body(
            committee=discipline.body_committee, organisation=discipline.body_organisation, on=on, province=province
        )
    expulsion_proposed = DisciplineProposal.objects.filter(case=case, form=SanctionForm.EXPULSION).exists()
    plan = []
    for form in selectors.subject_forms(case, on):
        within = within_authority(body=body, case=case, discipline=discipline, form=form, on=on, province=province)
        if form != SanctionForm.EXPULSION:
            thresholds = ("decide",)
        elif not within:
            thresholds = ("expel_propose",)  # at least two thirds propose it
        elif expulsion_proposed:
            thresholds = ("decide",)  # the competent body agrees by more than half
        else:
            # [I] A body with the authority that handles the member directly both proposes
            # and decides: both thresholds apply to its one vote.
            thresholds = ("expel_propose", "decide")
        plan.append(
            BallotOption(
                code=form,
                label=str(SanctionForm(form).label),
                purpose=Ballot.Purpose.DECIDE if within else Ballot.Purpose.PROPOSE,
                thresholds=thresholds,
            )
        )
    # Last, lightest of all: "no discipline", a valid vote added to no form (issue 9 point 1).
    proposes_only = bool(plan) and all(o.purpose == Ballot.Purpose.PROPOSE for o in plan)
    plan.append(no_sanction_option(Ballot.Purpose.PROPOSE if proposes_only else Ballot.Purpose.DECIDE))
    return plan


@transaction.atomic
def discipline_meeting(
    *,
    actor,
    case: Case,
    meeting_on: datetime.date,
    present,
    present_on_paper: Sequence[str] = (),
    away: Sequence[str] = (),
    exempted_absent: Sequence[str] = (),
    mode: str = Ballot.Mode.ONLINE,
    upload=None,
) -> Ballot:
    """The deciding body meets: attendance is recorded and the secret ballot opened; the
    body's members present receive a paper, except anyone excluded or in conflict
    (inspections.services.ballots.ballot_open says why; the team votes, issue 9 point 1)."""
    access.require(actor, "approve", case)
    status = current_status(case)
    if status not in (CaseStatus.REPORTED, CaseStatus.PROPOSED):
        raise RuleViolation(_("Hồ sơ chưa sẵn sàng để họp xem xét, biểu quyết."))
    discipline = DisciplineCase.objects.select_for_update().get(case=case)
    if meeting_on > timezone.localdate():
        raise RuleViolation(_("Ngày họp không được sau ngày hôm nay."))
    if meeting_on < (discipline.reported_on or case.opened_on):
        raise RuleViolation(_("Ngày họp không được trước ngày báo cáo đề nghị thi hành kỷ luật."))
    last = DisciplineProposal.objects.filter(case=case).order_by("-pk").first()
    if status == CaseStatus.PROPOSED and (last is None or last.ballot_id != ballot_selectors.latest_closed(case).pk):
        raise RuleViolation(_("Chưa ghi nhận tờ trình đề nghị cấp có thẩm quyền."))
    if last is not None and meeting_on < last.sent_on:
        raise RuleViolation(_("Ngày họp không được trước ngày gửi tờ trình đề nghị."))
    # The body's kind as it is on the meeting day (issue 9 point 2), recorded with the round.
    body = deciding_body(
        committee=discipline.body_committee,
        organisation=discipline.body_organisation,
        on=meeting_on,
        province=authority_province(case),
    )
    discipline.body_kind = body.code
    ballot = meeting_ballot_open(
        actor=actor,
        case=case,
        meeting_on=meeting_on,
        body_label=discipline.body_label,
        body_kind=body.code,
        committee=discipline.body_committee,
        organisation=discipline.body_organisation,
        options=ballot_plan(case, discipline, meeting_on, body),
        present=present,
        present_on_paper=present_on_paper,
        away=away,
        exempted_absent=exempted_absent,
        mode=mode,
    )
    discipline.voted_on = meeting_on
    if discipline.statute_end_on is None:
        # Not spawned from a concluded case: the first body to meet concludes on the
        # violation before it votes (§5(E) step 3); a later round does not move the day.
        discipline.statute_end_on = meeting_on
    discipline.save(update_fields=["voted_on", "statute_end_on", "body_kind"])
    meeting_record(
        actor=actor,
        case=case,
        meeting_on=meeting_on,
        minutes=upload,
        minutes_kind="meeting_minutes",
        minutes_title=_("Trích biên bản hội nghị ngày %(d)s"),
        action="discipline.meeting",
        payload={
            "meeting_on": meeting_on,
            "body": discipline.body_label,
            "ballot": ballot.pk,
            "round": ballot.round,
            "statute_end_on": discipline.statute_end_on,
        },
    )
    return ballot


def _statute(case: Case, discipline: DisciplineCase, form: str):
    if discipline.statute_category != DisciplineCase.StatuteCategory.BY_FORM:
        category = discipline.statute_category
    else:
        category = f"{'organisation' if case.subject_organisation_id else 'member'}.{form}"
    years = rulebook.statute_years(category, on=rules_day(case))
    check = statute_check(
        years=years,
        violation_start=discipline.violation_start,
        violation_end=discipline.violation_end,
        # Domain.md §6.5, §11b.9 (HD 02-HD/TW 2021): to the day the competent body concluded
        # that the violation requires discipline, not to the deciding ballot; deferral adds
        # no days (no rule-table row says it does).
        concluded_on=discipline.statute_end_on,
        new_violations=[discipline.new_violation_on] if discipline.new_violation_on else [],
    )
    return category, check


def _decide_within_authority(*, actor, case: Case, discipline: DisciplineCase, ballot: Ballot) -> Ballot:
    """A form within the body's authority was voted: vote first, then compare with the
    statute of limitations (§6.5). Run out -> no discipline, the case closes; else the
    form is decided."""
    form = ballot.result
    category, check = _statute(case, discipline, form)
    discipline.statute_years = check.years
    discipline.statute_runs_until = check.runs_until
    discipline.statute_expired = check.expired
    statute = {
        "category": category,
        "years": check.years,
        "counted_from": check.counted_from,
        "runs_until": check.runs_until,
        "restarted_on": check.restarted_on,
        "concluded_on": discipline.statute_end_on,
    }
    if check.expired:
        discipline.outcome = Outcome.STATUTE_EXPIRED
        discipline.save(update_fields=["statute_years", "statute_runs_until", "statute_expired", "outcome"])
        journal.append(
            case=case,
            actor=actor,
            action="discipline.statute_expired",
            payload={"ballot": ballot.pk, "form": form, **statute},
        )
        case_close(actor=actor, case=case)
        return ballot
    discipline.outcome = Outcome.DECIDED
    discipline.decided_form = form
    discipline.save(update_fields=["statute_years", "statute_runs_until", "statute_expired", "outcome", "decided_form"])
    case.concluded_on = discipline.voted_on
    case.save(update_fields=["concluded_on"])
    journal.append(
        case=case,
        actor=actor,
        action="discipline.voted",
        payload={"ballot": ballot.pk, "form": form, "body": discipline.body_label, **statute},
    )
    set_status(case=case, actor=actor, target=CaseStatus.VOTED)
    return ballot


@transaction.atomic
def discipline_ballot_close(*, actor, case: Case, upload=None, paper: PaperCount | None = None) -> Ballot:
    """The chair closes the ballot; the case follows its result (see the module docstring).
    `paper`: the counting board's count of the paper ballots, when any were issued."""
    access.require(actor, "approve", case)
    require_voting(case)
    ballot = voting_ballot_close(actor=actor, case=case, upload=upload, paper=paper)
    discipline = DisciplineCase.objects.select_for_update().get(case=case)
    form = ballot.result
    if not form:
        discipline.outcome = Outcome.NO_RESULT
        discipline.save(update_fields=["outcome"])
        journal.append(case=case, actor=actor, action="discipline.no_result", payload={"ballot": ballot.pk})
        case_close(actor=actor, case=case)
        return ballot
    if ballot.result_purpose == Ballot.Purpose.PROPOSE:
        discipline.outcome = Outcome.PROPOSED
        discipline.save(update_fields=["outcome"])
        journal.append(
            case=case,
            actor=actor,
            action="discipline.beyond_authority",
            payload={"ballot": ballot.pk, "form": form, "body": discipline.body_label},
        )
        set_status(case=case, actor=actor, target=CaseStatus.PROPOSED)
        return ballot
    return _decide_within_authority(actor=actor, case=case, discipline=discipline, ballot=ballot)


def _check_proposal(
    case: Case, discipline: DisciplineCase, *, to_body: tuple, form: str, sent_on: datetime.date, upload
) -> DecidingBody:
    """The competent body proposed to (a committee or a cell) exists, differs from the one
    that voted and has the authority to decide the proposed form (domain.md §5(E) step 4,
    §6.3); returns it, with its kind derived on the day the proposal is sent."""
    committee, organisation = to_body
    if sent_on > timezone.localdate():
        raise RuleViolation(_("Ngày gửi không được sau ngày hôm nay."))
    if discipline.voted_on and sent_on < discipline.voted_on:
        raise RuleViolation(_("Ngày gửi không được trước ngày biểu quyết."))
    body = body_check(case=case, committee=committee, organisation=organisation, on=sent_on)
    if (body.committee, body.organisation) == (discipline.body_committee, discipline.body_organisation):
        raise RuleViolation(_("Cơ quan được đề nghị phải khác cơ quan đã biểu quyết."))
    province = authority_province(case)
    if not within_authority(body=body, case=case, discipline=discipline, form=form, on=sent_on, province=province):
        raise RuleViolation(
            authority_refusal(body=body, discipline=discipline, form=form, on=sent_on, province=province)
        )
    if upload is None:
        raise RuleViolation(_("Cần tải lên tờ trình đề nghị thi hành kỷ luật."))
    return body


def _deciding_body_set(discipline: DisciplineCase, body: DecidingBody) -> None:
    """The body proposed to decides the next round."""
    body_store(discipline, body)
    discipline.outcome = Outcome.PENDING
    discipline.save(
        update_fields=["body_kind", "body_label", "body_committee", "body_organisation", "outcome", "subject_kind"]
    )


@transaction.atomic
def discipline_propose(
    *,
    actor,
    case: Case,
    to_committee: Committee | None = None,
    to_organisation: Organisation | None = None,
    sent_on: datetime.date,
    note: str = "",
    upload=None,
    subject_kind: str = "",
) -> DisciplineProposal:
    """The file and the proposal go to the competent body (domain.md §5(E) step 4), which
    becomes the deciding body of the next round. Its kind is derived from the body chosen
    (issue 9 point 2); a body without the authority to decide the proposed form is refused
    with the rule and what to do, nothing written. `subject_kind`: what the subject is to the
    new body (a commune committee member is a lower-level committee member to the province
    bodies, domain.md §6.3); blank keeps the one recorded."""
    access.require(actor, "work", case)
    if current_status(case) != CaseStatus.PROPOSED:
        raise RuleViolation(_("Hồ sơ không ở bước đề nghị cấp có thẩm quyền."))
    discipline = DisciplineCase.objects.select_for_update().get(case=case)
    ballot = ballot_selectors.latest_closed(case)
    if ballot is None or DisciplineProposal.objects.filter(ballot=ballot).exists():
        raise RuleViolation(_("Đề nghị của lần biểu quyết này đã được ghi nhận."))
    subject_before = discipline.subject_kind
    if subject_kind:
        # Judged against the new body; saved with it below (nothing is written on refusal).
        discipline.subject_kind = subject_kind_check(case, subject_kind)
    body = _check_proposal(
        case,
        discipline,
        to_body=(to_committee, to_organisation),
        form=ballot.result,
        sent_on=sent_on,
        upload=upload,
    )
    label = body.name
    proposal = DisciplineProposal.objects.create(
        case=case,
        ballot=ballot,
        form=ballot.result,
        from_body_label=discipline.body_label,
        to_body_kind=body.code,
        to_body_label=label,
        to_committee=body.committee,
        to_organisation=body.organisation,
        to_has_authority=True,
        sent_on=sent_on,
        note=note.strip(),
        created_by=actor,
    )
    _deciding_body_set(discipline, body)
    document_add(
        actor=actor,
        case=case,
        kind="discipline_proposal",
        title=_("Tờ trình đề nghị %(body)s") % {"body": label},
        upload=upload,
    )
    journal.append(
        case=case,
        actor=actor,
        action="discipline.proposed",
        payload={
            "form": proposal.form,
            "sent_on": sent_on,
            "to_has_authority": True,
            "to_body_kind": body.code,
            "subject_kind": {"before": subject_before, "after": discipline.subject_kind},
            "body": {"before": proposal.from_body_label, "after": label},
            "note": proposal.note,
        },
    )
    return proposal
