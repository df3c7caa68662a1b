"""A body's meeting that votes by secret ballot, for every kind that decides so (discipline
E, discipline complaints F; domain.md §6.2, design.md decision 5), on the ballot subsystem
(inspections.services.ballots).

At the meeting the chair records who of the body is present and opens the ballot
(`meeting_ballot_open`); the kind records its meeting day, then `meeting_record` files the
minutes, journals the meeting and moves the case to VOTING. At the end the chair closes
the ballot (`voting_ballot_close`, after `require_voting`) and the kind applies the result.
"""

import datetime
from collections.abc import Sequence

from django.utils.translation import gettext as _

from inspections import journal
from inspections.exceptions import RuleViolation
from inspections.models import Ballot, Case, CaseStatus
from inspections.selectors import ballots as ballot_selectors
from inspections.selectors.discipline import body_roster
from inspections.services.ballots import BallotOption, PaperCount, ballot_close, ballot_open
from inspections.services.documents import document_add
from inspections.services.status import current_status, set_status
from people.models import Committee, Organisation


def rules_day(case: Case) -> datetime.date:
    """The case is judged by the rules in force when its clock started (issue 3 point 1)."""
    return case.clock_started_on or case.opened_on


def meeting_ballot_open(
    *,
    actor,
    case: Case,
    meeting_on: datetime.date,
    body_label: str,
    body_kind: str,
    committee: Committee | None,
    organisation: Organisation | None,
    options: Sequence[BallotOption],
    present,
    present_on_paper: Sequence[str] = (),
    away: Sequence[str] = (),
    exempted_absent: Sequence[str] = (),
    mode: str = Ballot.Mode.ONLINE,
    cumulative: bool = True,
) -> Ballot:
    """Open the ballot of the body's meeting on `meeting_on`. The count base comes from the
    body's roster on that day (its committee's voting seats or its cell's full members,
    issue 9 point 1), never from a typed number; everyone marked present must be on it."""
    return ballot_open(
        actor=actor,
        case=case,
        body_label=body_label,
        body_kind=body_kind,
        options=options,
        roster=body_roster(committee=committee, organisation=organisation, on=meeting_on),
        present=present,
        present_on_paper=present_on_paper,
        away=away,
        exempted_absent=exempted_absent,
        mode=mode,
        rules_on=rules_day(case),
        cumulative=cumulative,
    )


def meeting_record(
    *,
    actor,
    case: Case,
    meeting_on: datetime.date,
    minutes,
    minutes_kind: str,
    minutes_title: str,
    action: str,
    payload: dict,
) -> None:
    """File the meeting's minutes, if given (`minutes_title` takes the day as %(d)s),
    journal the meeting (`action`, `payload`) and move the case to VOTING."""
    if minutes is not None:
        document_add(
            actor=actor,
            case=case,
            kind=minutes_kind,
            title=minutes_title % {"d": meeting_on.strftime("%d/%m/%Y")},
            upload=minutes,
            action="approve",
        )
    journal.append(case=case, actor=actor, action=action, payload=payload)
    set_status(case=case, actor=actor, target=CaseStatus.VOTING)


def require_voting(case: Case) -> None:
    if current_status(case) != CaseStatus.VOTING:
        raise RuleViolation(_("Hồ sơ không có cuộc bỏ phiếu đang diễn ra."))


def voting_ballot_close(*, actor, case: Case, upload=None, paper: PaperCount | None = None) -> Ballot:
    """Close the case's open ballot and count it (`upload`: the counting board's minutes;
    `paper`: its count of the paper ballots, when any were issued)."""
    ballot = ballot_selectors.open_ballot(case)
    if ballot is None:
        raise RuleViolation(_("Hồ sơ không có cuộc bỏ phiếu đang diễn ra."))
    return ballot_close(actor=actor, ballot=ballot, upload=upload, paper=paper)
