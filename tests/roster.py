"""Rosters for ballot tests (issue 9 point 1): the count base is the voting body's roster on
the meeting day, so a test wanting a base larger than those present adds absent members to
the body, as a committee would have them: a seat held by an account that does not attend,
or a cell member without an account."""

import datetime
import itertools

from django.utils import timezone

from inspections.selectors.discipline import RosterEntry, body_roster
from people.models import CommitteeSeat
from tests.factories.people import CommitteeSeatFactory, PartyMemberFactory, UserFactory

_serial = itertools.count(1)


def pad_roster(*, committee=None, organisation=None, total: int, on: datetime.date | None = None) -> list[RosterEntry]:
    """The body's roster on `on` (today), after adding absent members until it has `total`
    entries; a roster already that long is left as it is."""
    on = on or timezone.localdate()
    roster = body_roster(committee=committee, organisation=organisation, on=on)
    for _ in range(total - len(roster)):
        n = next(_serial)
        if committee is not None:
            user = UserFactory(username=f"vangmat{n}", full_name=f"Ủy viên vắng mặt {n}", password=None)
            CommitteeSeatFactory(
                committee=committee, user=user, role=CommitteeSeat.Role.MEMBER, started_on=committee.term_start
            )
        else:
            PartyMemberFactory(full_name=f"Đảng viên vắng mặt {n}", organisation=organisation, card_number=f"VM{n:06d}")
    return body_roster(committee=committee, organisation=organisation, on=on)


def absent_keys(roster: list[RosterEntry], present, n: int) -> list[str]:
    """Keys of `n` roster members who are not among `present` (users), last first."""
    here = {u.pk for u in present}
    keys = [entry.key for entry in reversed(roster) if entry.user_id not in here]
    if len(keys) < n:
        raise AssertionError(f"the roster has only {len(keys)} absent members, {n} wanted")
    return keys[:n]


def others_away(present, *, committee=None, organisation=None, on: datetime.date | None = None) -> list[str]:
    """Keys of the body's members other than `present`, to name as attending elsewhere so
    that the count base is exactly those present (tests whose arithmetic counts only them)."""
    roster = body_roster(committee=committee, organisation=organisation, on=on or timezone.localdate())
    return absent_keys(roster, present, len(roster) - len({u.pk for u in present}))


def case_body(case) -> dict:
    """The voting body of a discipline case, as body_roster takes it."""
    from inspections.models import DisciplineCase

    discipline = DisciplineCase.objects.get(case=case)
    return {"committee": discipline.body_committee, "organisation": discipline.body_organisation}
