"""Granting and revoking a role on a case: the only code that writes guardian permissions
(ruff's banned-api rule keeps assign_perm / remove_perm here)."""

from django.utils import timezone
from guardian.shortcuts import assign_perm, remove_perm  # noqa: TID251 - this module is the one place allowed

from inspections.access.policy import ROLE_PERMISSIONS
from inspections.models import Case, CaseRole


def _perm(codename: str) -> str:
    return f"inspections.{codename}"


def grant_role(*, case: Case, user, role: str) -> CaseRole:
    """Give `user` the role on `case` and the permissions that come with it."""
    case_role, _created = CaseRole.objects.get_or_create(case=case, user=user, role=role, revoked_at=None)
    for codename in ROLE_PERMISSIONS[role]:
        assign_perm(_perm(codename), user, case)
    return case_role


def revoke_role(*, case: Case, user, role: str) -> None:
    """End the role; remove only the permissions no other active role of the user still gives."""
    CaseRole.objects.filter(case=case, user=user, role=role, revoked_at=None).update(revoked_at=timezone.now())
    remaining = set()
    for other in CaseRole.objects.filter(case=case, user=user, revoked_at=None).values_list("role", flat=True):
        remaining |= ROLE_PERMISSIONS[other]
    for codename in ROLE_PERMISSIONS[role] - remaining:
        remove_perm(_perm(codename), user, case)
