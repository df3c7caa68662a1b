"""Reading ballots as one person may: participation counts at any time, tallies and results
only once the ballot is closed (design.md decision 5). No read here ever returns a vote row.

Who may cast a paper is decided by inspections.access.refusal (ballot=...), not here."""

from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext as _

from inspections import access
from inspections.exceptions import AccessDenied, RuleViolation
from inspections.models import Ballot, BallotParticipation, Case


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


def ballot_cards(user, case: Case, *, votable: Ballot | None) -> list[BallotCard]:
    """Every ballot of the case for the case page, in a constant number of queries.
    `votable`: the ballot `user` may cast a paper on now (as access.refusal answered), if any."""
    ballots = list(Ballot.objects.filter(case=case).annotate(n=Count("participations")).order_by("round"))
    mine = set(BallotParticipation.objects.filter(ballot__case=case, user=user).values_list("ballot_id", flat=True))
    cards = []
    for ballot in ballots:
        closed = not ballot.is_open
        cards.append(
            BallotCard(
                ballot=ballot,
                participated=ballot.n,
                voted=ballot.pk in mine,
                may_vote=votable is not None and ballot.pk == votable.pk,
                rows=_rows(ballot) if closed else None,
                result_label=(
                    ballot.option_label(ballot.result) if ballot.result else _("Không phương án nào đủ tỷ lệ")
                )
                if closed
                else "",
            )
        )
    return cards
