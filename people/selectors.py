"""Reads about people with rules in them (who heads what, who sits where)."""

import datetime

from django.db.models import Q, QuerySet

from people.models import Committee, CommitteeSeat, Kinship, PartyMember, Position

HEAD_KINDS = (Position.Kind.SECRETARY, Position.Kind.HEAD_OF_UNIT)


def _open_on(day: datetime.date) -> Q:
    return Q(started_on__lte=day) & (Q(ended_on__isnull=True) | Q(ended_on__gte=day))


def headed_organisations(member: PartyMember, on: datetime.date) -> QuerySet:
    """Positions by which `member` heads an organisation on `on` (secretary or head of unit)."""
    return Position.objects.filter(_open_on(on), member=member, kind__in=HEAD_KINDS).select_related("organisation")


def is_head(member: PartyMember, on: datetime.date) -> bool:
    return headed_organisations(member, on).exists()


def seats_of(user, on: datetime.date) -> QuerySet:
    return CommitteeSeat.objects.filter(_open_on(on), user=user).select_related("committee")


def committee_seat_role(user, committee: Committee, on: datetime.date) -> str | None:
    seat = seats_of(user, on).filter(committee=committee).order_by("role").first()
    return seat.role if seat else None


def committee_chairs(committee: Committee, on: datetime.date) -> QuerySet:
    return CommitteeSeat.objects.filter(_open_on(on), committee=committee, role=CommitteeSeat.Role.CHAIR)


def relatives_of(member: PartyMember) -> set[int]:
    """Ids of members declared related to `member`, in either direction."""
    pairs = Kinship.objects.filter(Q(member=member) | Q(relative=member)).values_list("member_id", "relative_id")
    return {other for pair in pairs for other in pair if other != member.pk}
