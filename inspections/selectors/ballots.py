"""Reading ballots as one person may: participation counts at any time, tallies and results
only once the ballot is closed (design.md decision 5). No read here ever returns a vote row."""

from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext as _

from inspections import access
from inspections.exceptions import AccessDenied, RuleViolation
from inspections.models import Ballot, BallotParticipation, Case
from inspections.selectors.conflicts import conflicts_of

# The step name whose StepSeparation rows say who may not vote (migration 0004: E/vote).
VOTE_STEP = "vote"


@dataclass(frozen=True)
class BallotRow:
    label: str
    purpose: str
    count: int
    cumulative: int | None


@dataclass(frozen=True)
class BallotCard:
    ballot: Ballot
    participated: int  # papers returned so far
    voted: bool  # this person has taken part
    may_vote: bool  # this person may take part now
    rows: list[BallotRow] | None  # None while the ballot is open
    result_label: str


def vote_exclusion(case: Case, user) -> str | None:
    """Why `user` may not vote on `case` whatever their seat: a role the segregation table
    excludes from voting (team members), or a conflict of interest (the subject, a relative,
    a member of the organisation concerned, a party to the case, a declared conflict)."""
    refusal = access.separation_refusal(user, case, VOTE_STEP)
    if refusal:
        return refusal
    conflicts = conflicts_of(case, user)
    return conflicts[0] if conflicts else None


def _rows(ballot: Ballot) -> list[BallotRow]:
    return [
        BallotRow(
            label=option["label"],
            purpose=option["purpose"],
            count=ballot.tally.get(option["code"], 0),
            cumulative=ballot.cumulative_tally.get(option["code"]) if ballot.cumulative else None,
        )
        for option in ballot.options
    ]


def results_of(user, ballot: Ballot) -> list[BallotRow]:
    """The tally of a closed ballot. Before close it is refused: not even the chair reads
    an open ballot's counts."""
    if not access.can(user, "view", ballot.case):
        raise AccessDenied
    if ballot.is_open:
        raise RuleViolation(_("Cuộc bỏ phiếu chưa kết thúc: chưa được xem kết quả kiểm phiếu."))
    return _rows(ballot)


def open_ballot(case: Case) -> Ballot | None:
    return Ballot.objects.filter(case=case, closed_at__isnull=True).select_related("case").first()


def latest_closed(case: Case) -> Ballot | None:
    return Ballot.objects.filter(case=case, closed_at__isnull=False).order_by("-round").first()


def participation_count(ballot: Ballot) -> int:
    return BallotParticipation.objects.filter(ballot=ballot).count()


def vote_refusal(user, ballot: Ballot) -> tuple[str, str] | None:
    """("forbidden", "") when the person holds no vote on the case; ("refused", message)
    when they may not vote on this ballot now; None when they may cast a paper."""
    if not access.can(user, "vote", ballot.case):
        return ("forbidden", "")
    exclusion = vote_exclusion(ballot.case, user)
    if exclusion:
        return ("refused", exclusion)
    if not ballot.is_open:
        return ("refused", _("Cuộc bỏ phiếu đã kết thúc."))
    if BallotParticipation.objects.filter(ballot=ballot, user=user).exists():
        return ("refused", _("Anh/chị đã bỏ phiếu trong lần biểu quyết này; mỗi người chỉ bỏ một phiếu."))
    return None


def ballot_cards(user, case: Case, actions: set[str]) -> list[BallotCard]:
    """Every ballot of the case for the case page, in a constant number of queries."""
    ballots = list(Ballot.objects.filter(case=case).annotate(n=Count("participations")).order_by("round"))
    mine = set(BallotParticipation.objects.filter(ballot__case=case, user=user).values_list("ballot_id", flat=True))
    cards = []
    for ballot in ballots:
        may_vote = False
        if ballot.is_open and "vote" in actions and ballot.pk not in mine:
            may_vote = vote_exclusion(case, user) is None
        closed = not ballot.is_open
        cards.append(
            BallotCard(
                ballot=ballot,
                participated=ballot.n,
                voted=ballot.pk in mine,
                may_vote=may_vote,
                rows=_rows(ballot) if closed else None,
                result_label=(
                    ballot.option_label(ballot.result) if ballot.result else _("Không phương án nào đủ tỷ lệ")
                )
                if closed
                else "",
            )
        )
    return cards
