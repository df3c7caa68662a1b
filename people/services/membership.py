"""Membership changes that follow a sanction or a decision (issue 9 point 8; domain.md
§6.1, §6.4, §11b.6): the membership ends (expulsion, strike-off, death) with the member's
party posts and committee seats, a dismissal ends the posts its decision names, and a
wrongful expulsion removed on complaint restores the membership (Reg. 117-QĐ/TW 2023).

These run inside the calling inspections service's transaction, which checks the rules
and journals the change on the case; they only write the people rows."""

import datetime

from django.db import transaction
from django.db.models import F, Q

from people.models import CommitteeSeat, PartyMember, Position

# Party posts: they end with the membership. A post as head of a state unit
# (HEAD_OF_UNIT) is not the party's to end: the 5-day proposal to the state body handles it
# (domain.md §5(E) principles).
PARTY_POSTS = (Position.Kind.SECRETARY, Position.Kind.DEPUTY_SECRETARY, Position.Kind.COMMITTEE_MEMBER)
LEFT_STATUSES = (PartyMember.Status.EXPELLED, PartyMember.Status.STRUCK, PartyMember.Status.DECEASED)


def _still_open(on: datetime.date) -> Q:
    return Q(ended_on__isnull=True) | Q(ended_on__gt=on)


def _end(queryset, on: datetime.date) -> list[int]:
    """End the rows still open after `on` on that day (a row starting later ends on its
    first day, the earliest end its dates allow); returns their ids."""
    rows = queryset.filter(_still_open(on))
    ids = sorted(rows.values_list("pk", flat=True))
    rows.filter(started_on__lte=on).update(ended_on=on)
    queryset.model.objects.filter(pk__in=ids, started_on__gt=on).update(ended_on=F("started_on"))
    return ids


@transaction.atomic
def posts_end(*, positions, seats, on: datetime.date) -> dict:
    """End the named posts (Position rows) and committee seats on `on`."""
    return {
        "positions": _end(Position.objects.filter(pk__in=[p.pk for p in positions]), on),
        "seats": _end(CommitteeSeat.objects.filter(pk__in=[s.pk for s in seats]), on),
    }


@transaction.atomic
def membership_end(*, member: PartyMember, on: datetime.date, status: str) -> dict:
    """The membership ends on `on` with `status` (expelled, struck, deceased): `left_on`
    is set, the member's party posts and the seats of the member's account end that day.
    Returns what changed, for the caller's journal."""
    if status not in LEFT_STATUSES:
        raise ValueError(f"not a status that ends membership: {status!r}")
    before = {"status": member.status, "left_on": member.left_on}
    member.status, member.left_on = status, on
    member.save(update_fields=["status", "left_on"])
    ended = posts_end(
        positions=Position.objects.filter(member=member, kind__in=PARTY_POSTS),
        seats=CommitteeSeat.objects.filter(user__member=member),
        on=on,
    )
    return {"before": before, "after": {"status": status, "left_on": on}, **ended}


@transaction.atomic
def membership_restore(*, member: PartyMember) -> dict:
    """Restore the membership of a member whose expulsion was removed (Reg. 117-QĐ/TW
    2023: "khôi phục sinh hoạt đảng"): full member again, `left_on` cleared. Posts are not
    restored here: restoring a post or an equivalent one is the competent body's decision."""
    before = {"status": member.status, "left_on": member.left_on}
    member.status, member.left_on = PartyMember.Status.FULL, None
    member.save(update_fields=["status", "left_on"])
    return {"before": before, "after": {"status": member.status, "left_on": None}}
