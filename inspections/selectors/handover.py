"""Reads for out-of-office delegation and the hand-over of a departing member's cases
(issue 4 point 7): who may act for whom, which cases a person holds roles on, and what a
hand-over would move — the conflicts of interest rerun for the successor."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone

from inspections.models import Case, CaseRole
from inspections.selectors.conflicts import conflicts_of
from people.models import CommitteeSeat, Delegation, HandoverRequest

# Seats from which a hand-over may be requested: committee staff and its leadership.
REQUESTING_SEATS = (CommitteeSeat.Role.STAFF, CommitteeSeat.Role.CHAIR, CommitteeSeat.Role.DEPUTY)
OPEN_DELEGATION = (Delegation.Status.SCHEDULED, Delegation.Status.ACTIVE)


def _open_on(day: datetime.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}started_on__lte": day}) & (
        Q(**{f"{prefix}ended_on__isnull": True}) | Q(**{f"{prefix}ended_on__gte": day})
    )


def _seats_open(day: datetime.date | None = None) -> QuerySet:
    return CommitteeSeat.objects.filter(_open_on(day or timezone.localdate()))


def committees_of(user, *, ever: bool = False) -> QuerySet:
    """Ids of the committees `user` sits on today (or ever sat on: a departing member's
    seat may already be closed when the hand-over is decided)."""
    seats = CommitteeSeat.objects.filter(user=user) if ever else _seats_open().filter(user=user)
    return seats.values("committee_id")


def chairs_for(user, *, ever: bool = False) -> QuerySet:
    """Users who chair, today, a committee on which `user` sits."""
    chair_seats = _seats_open().filter(role=CommitteeSeat.Role.CHAIR, committee_id__in=committees_of(user, ever=ever))
    return get_user_model().objects.filter(pk__in=chair_seats.values("user_id"), is_active=True)


def colleagues_of(user, *, ever: bool = False) -> QuerySet:
    """Active users with a seat today on a committee on which `user` sits; the only people
    a delegation or a hand-over may go to."""
    seats = _seats_open().filter(committee_id__in=committees_of(user, ever=ever))
    return (
        get_user_model()
        .objects.filter(pk__in=seats.values("user_id"), is_active=True)
        .exclude(pk=user.pk)
        .order_by("full_name", "username")
    )


def may_delegate_for(actor, user) -> bool:
    """The absent person themself, or the chair of a committee on which they sit."""
    if not actor.is_authenticated or not actor.is_active:
        return False
    return actor.pk == user.pk or chairs_for(user).filter(pk=actor.pk).exists()


def people_delegable_by(actor) -> QuerySet:
    """Whose absence `actor` may record: themself and the people of the committees they chair."""
    chaired = _seats_open().filter(user=actor, role=CommitteeSeat.Role.CHAIR).values("committee_id")
    seated = _seats_open().filter(committee_id__in=chaired).values("user_id")
    return (
        get_user_model()
        .objects.filter(Q(pk=actor.pk) | Q(pk__in=seated), is_active=True)
        .order_by("full_name", "username")
    )


def may_end_delegation(actor, delegation: Delegation) -> bool:
    if not actor.is_authenticated or not actor.is_active:
        return False
    return (
        actor.pk in (delegation.user_id, delegation.created_by_id)
        or chairs_for(delegation.user).filter(pk=actor.pk).exists()
    )


def delegations_visible_to(viewer) -> QuerySet:
    """Delegations the viewer gave, received or recorded, and those of the people on the
    committees the viewer chairs."""
    if not viewer.is_authenticated or not viewer.is_active:
        return Delegation.objects.none()
    chaired = _seats_open().filter(user=viewer, role=CommitteeSeat.Role.CHAIR).values("committee_id")
    people = _seats_open().filter(committee_id__in=chaired).values("user_id")
    return Delegation.objects.filter(
        Q(user=viewer) | Q(delegate=viewer) | Q(created_by=viewer) | Q(user_id__in=people)
    ).select_related("user", "delegate", "created_by")


def open_delegations(user) -> QuerySet:
    """Scheduled or running delegations in which `user` is the absent person or the delegate."""
    return Delegation.objects.filter(Q(user=user) | Q(delegate=user), status__in=OPEN_DELEGATION)


def may_request_handover(actor, departing) -> bool:
    """Committee staff or its chair/deputy, on a committee where the departing member sat."""
    if not actor.is_authenticated or not actor.is_active:
        return False
    return (
        _seats_open()
        .filter(user=actor, role__in=REQUESTING_SEATS, committee_id__in=committees_of(departing, ever=True))
        .exists()
    )


def people_handed_over_by(actor) -> QuerySet:
    """Whom `actor` may name in a hand-over request: people of the committees on which
    `actor` is staff, chair or deputy."""
    committees = _seats_open().filter(user=actor, role__in=REQUESTING_SEATS).values("committee_id")
    users = CommitteeSeat.objects.filter(committee_id__in=committees).values("user_id")
    return get_user_model().objects.filter(pk__in=users).order_by("full_name", "username")


def is_handover_approver(actor, departing) -> bool:
    """A chair, today, of a committee on which the departing member sat."""
    if not actor.is_authenticated or not actor.is_active:
        return False
    return chairs_for(departing, ever=True).filter(pk=actor.pk).exists()


def handovers_visible_to(viewer) -> QuerySet:
    if not viewer.is_authenticated or not viewer.is_active:
        return HandoverRequest.objects.none()
    chaired = _seats_open().filter(user=viewer, role=CommitteeSeat.Role.CHAIR).values("committee_id")
    people = CommitteeSeat.objects.filter(committee_id__in=chaired).values("user_id")
    return HandoverRequest.objects.filter(
        Q(requested_by=viewer) | Q(departing=viewer) | Q(successor=viewer) | Q(departing_id__in=people)
    ).select_related("departing", "successor", "requested_by", "decided_by")


def roles_held(user) -> dict[Case, list[str]]:
    """Every case on which `user` holds an active role, with those roles, in case order."""
    grouped: dict[Case, list[str]] = defaultdict(list)
    rows = (
        CaseRole.objects.filter(user=user, revoked_at__isnull=True)
        .select_related("case", "case__subject_member", "case__subject_organisation")
        .order_by("case_id", "role")
    )
    for row in rows:
        grouped[row.case].append(row.role)
    return dict(grouped)


def cases_with_roles(user) -> QuerySet:
    return Case.objects.filter(roles__user=user, roles__revoked_at__isnull=True).distinct()


@dataclass
class CasePreview:
    case: Case
    roles: list[str]
    conflicts: list[str] = field(default_factory=list)

    @property
    def role_labels(self) -> list[str]:
        return [CaseRole.Role(role).label for role in self.roles]


def transfer_preview(from_user, to_user) -> list[CasePreview]:
    """What moving `from_user`'s case roles to `to_user` would do, case by case, with the
    conflicts of interest found for `to_user` (such cases are not moved)."""
    return [
        CasePreview(case=case, roles=roles, conflicts=conflicts_of(case, to_user))
        for case, roles in roles_held(from_user).items()
    ]
