"""The team of a case: conflict-of-interest declarations and team changes (issue 4 point
2; domain.md §5(B) B.1 step 5: changes of members go through the committee)."""

from django.db import transaction
from django.utils.translation import gettext as _

from inspections import access, journal
from inspections.exceptions import AccessDenied, RuleViolation
from inspections.models import Case, CaseRole, ConflictDeclaration
from inspections.selectors.conflicts import conflicts_of
from inspections.services import notifications


def _active_roles(case: Case, user) -> set[str]:
    return set(CaseRole.objects.filter(case=case, user=user, revoked_at__isnull=True).values_list("role", flat=True))


@transaction.atomic
def conflict_declare(*, actor, case: Case, has_conflict: bool, statement: str = "") -> ConflictDeclaration:
    """A team member declares whether they have a conflict of interest on the case.

    "No conflict" opens the file to them. A declared conflict removes them from the team
    at once; the chair or the directing member then completes the team.
    """
    roles = _active_roles(case, actor) & set(access.TEAM_ROLES)
    if not roles:
        raise AccessDenied
    statement = statement.strip()
    if has_conflict and not statement:
        raise RuleViolation(_("Khi khai có xung đột lợi ích, cần ghi rõ quan hệ hoặc lý do."))
    if not has_conflict and ConflictDeclaration.objects.filter(case=case, user=actor, has_conflict=False).exists():
        raise RuleViolation(_("Bạn đã khai không có xung đột lợi ích với hồ sơ này."))
    declaration = ConflictDeclaration.objects.create(
        case=case, user=actor, has_conflict=has_conflict, statement=statement
    )
    journal.append(
        case=case,
        actor=actor,
        action="conflict.declared" if has_conflict else "conflict.none_declared",
        payload={"roles": sorted(roles), "statement": statement},
    )
    if has_conflict:
        for role in sorted(roles):
            access.revoke_role(case=case, user=actor, role=role)
        journal.append(case=case, actor=actor, action="team.left", payload={"user": actor.pk, "roles": sorted(roles)})
    return declaration


@transaction.atomic
def team_change(*, actor, case: Case, leader=None, add_members=(), remove_members=(), director=None) -> dict:
    """The chair or the directing member changes the team. Conflicts are checked for
    everyone added; grants and revocations follow; the change is journaled with the team
    before and after. Returns {"removed": [user ids]} so the workflow layer can hand their
    open tasks back to the queue."""
    if not (access.can(actor, "approve", case) or access.can(actor, "direct", case)):
        raise AccessDenied
    before = _team(case)
    added = [u for u in add_members if u.pk not in before["members"]]
    newcomers = added + [u for u in (leader, director) if u is not None]
    reasons = [reason for user in newcomers for reason in conflicts_of(case, user)]
    if reasons:
        raise RuleViolation(reasons)
    removed: set[int] = set()
    if leader is not None and leader.pk != before["leader"]:
        for role in CaseRole.objects.filter(case=case, role=CaseRole.Role.LEADER, revoked_at__isnull=True):
            access.revoke_role(case=case, user=role.user, role=CaseRole.Role.LEADER)
            removed.add(role.user_id)
        access.grant_role(case=case, user=leader, role=CaseRole.Role.LEADER)
    if director is not None and director.pk != before["director"]:
        for role in CaseRole.objects.filter(case=case, role=CaseRole.Role.DIRECTOR, revoked_at__isnull=True):
            access.revoke_role(case=case, user=role.user, role=CaseRole.Role.DIRECTOR)
            removed.add(role.user_id)
        access.grant_role(case=case, user=director, role=CaseRole.Role.DIRECTOR)
    for user in added:
        access.grant_role(case=case, user=user, role=CaseRole.Role.MEMBER)
    for user in remove_members:
        if user.pk in before["members"]:
            access.revoke_role(case=case, user=user, role=CaseRole.Role.MEMBER)
            removed.add(user.pk)
    if not CaseRole.objects.filter(case=case, role=CaseRole.Role.LEADER, revoked_at__isnull=True).exists():
        raise RuleViolation(_("Đoàn phải có trưởng đoàn."))
    after = _team(case)
    if after == before:
        raise RuleViolation(_("Không có thay đổi nào về thành phần đoàn."))
    journal.append(case=case, actor=actor, action="team.changed", payload={"before": before, "after": after})
    joined = [*added]
    joined += [leader] if leader is not None and leader.pk != before["leader"] else []
    joined += [director] if director is not None and director.pk != before["director"] else []
    notifications.declaration_needed(case=case, users=joined)
    return {"removed": sorted(removed)}


def _team(case: Case) -> dict:
    rows = CaseRole.objects.filter(case=case, revoked_at__isnull=True, role__in=access.TEAM_ROLES)
    team = {"leader": None, "director": None, "members": []}
    for row in rows.order_by("user_id"):
        if row.role == CaseRole.Role.LEADER:
            team["leader"] = row.user_id
        elif row.role == CaseRole.Role.DIRECTOR:
            team["director"] = row.user_id
        else:
            team["members"].append(row.user_id)
    return team


ASSIGNMENT_HOW = ("auto", "claimed", "released", "reassigned")


@transaction.atomic
def assignment_record(*, actor, case: Case, step: str, step_title: str, owner, how: str, task_key: str = "") -> None:
    """Journal who a task of the case went to, or that it went back to the queue (issue 4
    point 6: the timeline shows every assignment). Tasks themselves are the workflow
    layer's; this records the fact on the case."""
    if how not in ASSIGNMENT_HOW:
        raise ValueError(how)
    # The owner hears of it in the same transaction (issue 11 point 2).
    notifications.task_assigned(case=case, owner=owner, step_title=str(step_title), how=how, task_key=task_key)
    journal.append(
        case=case,
        actor=actor,
        action="task.released" if how == "released" else "task.assigned",
        payload={
            "step": step,
            "step_title": str(step_title),
            "owner": owner.pk if owner is not None else None,
            "owner_name": str(owner) if owner is not None else "",
            "how": how,
        },
    )
