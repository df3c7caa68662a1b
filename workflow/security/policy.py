"""Who must sign in with a second factor.

Chairs and deputy chairs sign decisions and approve conclusions (the approvers); auditors read
every case of their jurisdiction; superusers edit the reference data. A stolen password of any
of them exposes or forges far more than one case, so they must use TOTP.
"""

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from people.models import AuditMandate, CommitteeSeat, User

TWO_FACTOR_SEAT_ROLES = (CommitteeSeat.Role.CHAIR, CommitteeSeat.Role.DEPUTY)


def requires_two_factor(user) -> bool:
    """True for a superuser, for anyone holding a chair or deputy seat that has not ended
    (a seat that starts later counts already: the holder enrols before taking office), and for
    anyone whose audit mandate covers today. One query."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    today = timezone.localdate()
    seat = CommitteeSeat.objects.filter(user=OuterRef("pk"), role__in=TWO_FACTOR_SEAT_ROLES).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=today)
    )
    mandate = AuditMandate.objects.filter(user=OuterRef("pk"), valid_from__lte=today, valid_to__gte=today)
    return User.objects.filter(pk=user.pk).filter(Exists(seat) | Exists(mandate)).exists()
