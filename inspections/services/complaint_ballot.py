"""The competent body's secret ballot on the outcome of a discipline complaint (domain.md
§5(F) step 3, §6.2; design.md decision 5), on the shared ballot subsystem
(inspections.services.ballots):

- `complaint_meeting`: the chair records the meeting and opens a ballot whose options are
  (outcome, new form) pairs — increase to a heavier form, keep, reduce to a lighter form,
  remove — only the forms of the subject's scale that go the right way (the F rules), each
  to reach more than half of the count base (expulsion also two thirds proposing it),
  counted cumulatively from the heaviest resulting form down, "remove" on its own. The
  count base is the resolving body's full membership, absentees included, as in
  discipline; its members present receive a paper, the team too (the F/vote rows ship
  switched off, issue 9 point 1), never anyone in conflict.
- `complaint_ballot_close`: the chair closes the ballot; the papers are counted by the
  shared tally and its result is applied with `complaint_outcome_apply`. No option
  reaching its threshold, or a result the body may not apply (an increase beyond its
  authority must be referred upward), leaves the complaint undecided: the case goes back to
  the meeting step and the chair may open a new round.
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
    Complaint,
    ComplaintOutcome,
    DocumentKind,
    ReviewStatus,
    SanctionForm,
)
from inspections.rules import ballot as ballot_rules
from inspections.rules import complaints as rules
from inspections.selectors import discipline_complaint as selectors
from inspections.selectors.authority import authority_province
from inspections.services.ballots import BallotOption, PaperCount
from inspections.services.complaint_checks import subject_kind
from inspections.services.complaint_outcome import authority_subject_kind, body_kind, complaint_outcome_apply
from inspections.services.discipline_complaint import complaint_row
from inspections.services.status import current_status, set_status
from inspections.services.steps.meeting_ballot import (
    meeting_ballot_open,
    meeting_record,
    require_voting,
    rules_day,
    voting_ballot_close,
)

Outcome = ComplaintOutcome


def option_code(outcome: str, form: str = "") -> str:
    """ "keep", "remove", "reduce:reprimand", "increase:dismissal" (at most 20 characters,
    the size of a ballot paper's option)."""
    return f"{outcome}:{form}" if form else outcome


def decode(code: str) -> tuple[str, str]:
    outcome, _sep, form = code.partition(":")
    return outcome, form


def _increase_option(form: str, label: str, *, within: bool) -> BallotOption:
    """An increase to `form`: it decides when within the body's authority, else it is a
    proposal to the competent higher body."""
    if form != SanctionForm.EXPULSION:
        thresholds = ("decide",)
    elif within:
        # Reg. 69 Art. 15 (§6.2): at least two thirds propose expulsion, and more than half
        # of the competent body agree; a body with the authority does both in one vote.
        thresholds = ("expel_propose", "decide")
    else:
        thresholds = ("expel_propose",)
    text = _("Tăng lên “%(form)s”") % {"form": label}
    if not within:
        text += " " + _("(vượt thẩm quyền: đề nghị cấp trên)")
    purpose = Ballot.Purpose.DECIDE if within else Ballot.Purpose.PROPOSE
    return BallotOption(option_code(Outcome.INCREASE, form), text, purpose, thresholds)


def ballot_plan(case: Case, complaint: Complaint, on: datetime.date) -> list[BallotOption]:
    """The paper: heaviest resulting form first — the increases, keep, the reductions,
    remove. Only the forms of the subject's scale (dismissal only for a member holding a
    post) that go the right way from the form complained against (rules.change_refusal).
    An increase beyond the resolving body's authority (rule book, §6.3) stays on the paper
    as a proposal to the competent higher body: voting it decides nothing here."""
    record = complaint.record
    scale = subject_kind(record)
    holds_post = record.member_id is not None and selectors.holds_post(record.member, on)
    forms = [f for f in rules.forms_for(scale) if f != SanctionForm.DISMISSAL or holds_post]
    heavier_first = list(reversed(forms))
    label = {value: str(text) for value, text in SanctionForm.choices}
    # The resolving body's kind and authority on the meeting day `on` (issue 9 point 2).
    body, authority_kind = body_kind(complaint.resolving_body, on, case), authority_subject_kind(complaint, on)
    province = authority_province(case)

    def goes(outcome: str, form: str) -> bool:
        return rules.change_refusal(outcome=outcome, old_form=record.form, new_form=form, subject_kind=scale) is None

    plan = []
    for form in heavier_first:
        if not goes(Outcome.INCREASE, form):
            continue
        within = rulebook.may_impose(body_kind=body, subject_kind=authority_kind, form=form, on=on, province=province)
        plan.append(_increase_option(form, label[form], within=within))
    current = label.get(record.form, record.form)
    plan.append(
        BallotOption(
            option_code(Outcome.KEEP),
            _("Giữ nguyên “%(form)s”") % {"form": current},
            Ballot.Purpose.DECIDE,
            ("decide",),
        )
    )
    for form in heavier_first:
        if goes(Outcome.REDUCE, form):
            plan.append(
                BallotOption(
                    option_code(Outcome.REDUCE, form),
                    _("Giảm xuống “%(form)s”") % {"form": label[form]},
                    Ballot.Purpose.DECIDE,
                    ("decide",),
                )
            )
    # Removing leaves no form at all: judged on its own votes, never summed into by the
    # votes for a form (like "no discipline" on a discipline paper).
    plan.append(
        BallotOption(
            option_code(Outcome.REMOVE),
            _("Xóa hình thức kỷ luật “%(form)s”") % {"form": current},
            Ballot.Purpose.DECIDE,
            ("decide",),
            alone=True,
        )
    )
    return plan


def describe_plan(case: Case, plan: list[BallotOption]) -> list[tuple[str, str]]:
    """Each option of the paper with the share of the count base it needs ("> 1/2")."""
    on = rules_day(case)
    return [
        (option.label, " + ".join(ballot_rules.describe(rulebook.threshold(c, on=on)) for c in option.thresholds))
        for option in plan
    ]


def _ready_for_meeting(case: Case) -> Complaint:
    complaint = complaint_row(case)
    if current_status(case) != CaseStatus.REPORTED:
        raise RuleViolation(_("Hồ sơ chưa ở bước hội nghị xem xét, quyết định."))
    last = case.team_reports.order_by("-version").first()
    if last is None or last.status != ReviewStatus.ACCEPTED:
        raise RuleViolation(_("Báo cáo của đoàn chưa được chấp nhận, chưa thể đưa ra hội nghị."))
    return complaint


@transaction.atomic
def complaint_meeting(
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
    """The competent body meets on the team's report: attendance is recorded and the secret
    ballot on the outcome opened; the body's members present receive a paper, except
    anyone excluded or in conflict (inspections.services.ballots.ballot_open says why)."""
    access.require(actor, "approve", case)
    complaint = _ready_for_meeting(case)
    complaint = Complaint.objects.select_related("record__member", "resolving_body__organisation__level").get(
        pk=complaint.pk
    )
    if meeting_on > timezone.localdate():
        raise RuleViolation(_("Ngày hội nghị không được sau ngày hôm nay."))
    if meeting_on < complaint.received_on:
        raise RuleViolation(_("Ngày hội nghị không được trước ngày nhận đơn khiếu nại."))
    if complaint.meeting_on and meeting_on < complaint.meeting_on:
        raise RuleViolation(_("Ngày hội nghị không được trước ngày hội nghị lần trước."))
    body = complaint.resolving_body
    ballot = meeting_ballot_open(
        actor=actor,
        case=case,
        meeting_on=meeting_on,
        body_label=body.name,
        body_kind=body_kind(body, meeting_on, case),
        committee=body,
        organisation=None,
        options=ballot_plan(case, complaint, meeting_on),
        present=present,
        present_on_paper=present_on_paper,
        away=away,
        exempted_absent=exempted_absent,
        mode=mode,
        # Cumulative counting as for discipline (issue 9 point 1: QĐ 22-QĐ/TW Điều 22 applies
        # the counting of Điều 15): the resulting forms heaviest first — the increases, the
        # form kept, the reductions — a vote for a heavier form counting for each lighter
        # one, so votes split between forms never leave the round undecided; "remove"
        # (no form) counts only its own papers (BallotOption.alone).
        cumulative=True,
    )
    Complaint.objects.filter(pk=complaint.pk).update(meeting_on=meeting_on)
    meeting_record(
        actor=actor,
        case=case,
        meeting_on=meeting_on,
        minutes=upload,
        minutes_kind=DocumentKind.COMPLAINT_MINUTES,
        minutes_title=_("Biên bản hội nghị ngày %(d)s"),
        action="complaint.meeting",
        payload={"meeting_on": meeting_on, "body": body.pk, "ballot": ballot.pk, "round": ballot.round},
    )
    return ballot


def _vote(ballot: Ballot) -> dict:
    """What the outcome's journal entry keeps of the ballot that decided it."""
    option = next(o for o in ballot.options if o["code"] == ballot.result)
    return {
        "source": "ballot",
        "ballot": ballot.pk,
        "round": ballot.round,
        "count_base": ballot.count_base,
        "for": ballot.tally.get(ballot.result, 0),
        "valid": ballot.valid_count,
        "invalid": ballot.invalid_count,
        "thresholds": option["thresholds"],
    }


@transaction.atomic
def complaint_ballot_close(*, actor, case: Case, reasons: str, upload=None, paper: PaperCount | None = None) -> Ballot:
    """The chair closes the ballot and its result is applied (see the module docstring).
    `reasons`: the meeting's conclusion, recorded with the outcome."""
    access.require(actor, "approve", case)
    require_voting(case)
    reasons = reasons.strip()
    if not reasons:
        raise RuleViolation(_("Cần ghi lý do của kết quả giải quyết khiếu nại."))
    ballot = voting_ballot_close(actor=actor, case=case, upload=upload, paper=paper)
    complaint = complaint_row(case)
    if not ballot.result:
        journal.append(
            case=case, actor=actor, action="complaint.no_decision", payload={"ballot": ballot.pk, "round": ballot.round}
        )
        set_status(case=case, actor=actor, target=CaseStatus.REPORTED)
        return ballot
    outcome, new_form = decode(ballot.result)
    try:
        # A savepoint: a refused application undoes only itself, never the count.
        with transaction.atomic():
            complaint_outcome_apply(
                actor=actor,
                case=case,
                outcome=outcome,
                new_form=new_form,
                reasons=reasons,
                decided_on=complaint.meeting_on,
                vote=_vote(ballot),
            )
    except RuleViolation as refusal:
        beyond = ballot.result_purpose == Ballot.Purpose.PROPOSE
        journal.append(
            case=case,
            actor=actor,
            action="complaint.referred_upward" if beyond else "complaint.not_applied",
            payload={
                "ballot": ballot.pk,
                "round": ballot.round,
                "outcome": outcome,
                "new_form": new_form,
                "refusal": " ".join(refusal.messages),
            },
        )
        set_status(case=case, actor=actor, target=CaseStatus.REPORTED)
    return ballot
