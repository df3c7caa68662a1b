"""The access policy: the only module that grants or revokes guardian permissions.

A case is the unit of access (design.md decision 1). A person sees a case, its tasks,
documents and history only through an object permission on that case, given when a role
on the case is given (CaseRole) and taken back when the role ends. Auditors read the
cases of their jurisdiction (people.AuditMandate). Everything that lists or shows case
data asks `can()` or `cases_visible_to()` — there is no other source.
"""

import datetime

from django.contrib.auth.models import Permission
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from guardian.shortcuts import assign_perm, remove_perm  # noqa: TID251 - this module is the one place allowed

from inspections.models import Case, CaseGroupObjectPermission, CaseRole, CaseUserObjectPermission
from people.models import AuditMandate, CommitteeSeat

# The access policy as one table: role -> actions on a case (issue 4 point 1). Roles held
# through CaseRole rows are granted as object permissions; "auditor" comes from an
# AuditMandate over the case's jurisdiction; the subject, the managing organisation and
# outsiders see nothing of the case file (they receive notices outside the system).
AUDITOR = "auditor"
SUBJECT = "subject"
MANAGING_ORG = "managing_org"
OUTSIDER = "outsider"

# "view_sealed": the sealed identity of denouncers and other parties (issue 4 point 4) is
# visible only to the intake officer (drafter), the team head and the deciding body (the
# chair) — domain.md §7.2 [I]; anyone else needs an approved UnsealRequest.
POLICY: dict[str, frozenset[str]] = {
    CaseRole.Role.DRAFTER: frozenset({"view", "work", "view_sealed"}),  # committee staff who opened the case
    CaseRole.Role.LEADER: frozenset({"view", "work", "lead", "view_sealed"}),
    CaseRole.Role.MEMBER: frozenset({"view", "work"}),
    CaseRole.Role.DIRECTOR: frozenset({"view", "direct"}),  # committee member directing the team
    CaseRole.Role.VOTER: frozenset({"view", "vote"}),  # committee members voting on discipline
    CaseRole.Role.APPROVER: frozenset({"view", "approve", "view_sealed"}),  # the chair
    CaseRole.Role.STANDING: frozenset({"view"}),  # standing board, when seized of the case
    AUDITOR: frozenset({"view"}),
    SUBJECT: frozenset(),
    MANAGING_ORG: frozenset(),
    OUTSIDER: frozenset(),
}

# action -> permission codename on inspections.Case
ACTIONS: dict[str, str] = {
    "view": "view_case",
    "work": "work_case",
    "lead": "lead_case",
    "approve": "approve_case",
    "direct": "direct_case",
    "vote": "vote_case",
    "view_sealed": "view_sealed_case",
}

# What a granted role puts in guardian's tables, derived from the policy table.
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    role: frozenset(ACTIONS[action] for action in POLICY[role]) for role in CaseRole.Role.values
}

# Roles that must record a conflict-of-interest declaration before seeing the file.
TEAM_ROLES = (CaseRole.Role.LEADER, CaseRole.Role.MEMBER, CaseRole.Role.DIRECTOR)

# Seats on an inspection committee that may open a case for that committee.
OPENING_SEATS = (
    CommitteeSeat.Role.STAFF,
    CommitteeSeat.Role.CHAIR,
    CommitteeSeat.Role.DEPUTY,
    CommitteeSeat.Role.MEMBER,
)


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


def _auditor_scope(user, on: datetime.date | None = None) -> Q | None:
    """Cases an auditor may read: jurisdiction in a mandated subtree, opened within the period."""
    mandates = AuditMandate.objects.filter(user=user).select_related("organisation")
    q = None
    for m in mandates:
        part = Q(
            jurisdiction_path__startswith=m.organisation.path, opened_on__gte=m.valid_from, opened_on__lte=m.valid_to
        )
        q = part if q is None else q | part
    return q


def permission_exists(user, codename: str, case_ref) -> Exists:
    """EXISTS on the direct-FK tables: user or one of the user's groups holds `codename` on the case."""
    by_user = CaseUserObjectPermission.objects.filter(user=user, permission__codename=codename, content_object=case_ref)
    return Exists(by_user)


def group_permission_exists(user, codename: str, case_ref) -> Exists:
    by_group = CaseGroupObjectPermission.objects.filter(
        group__user=user, permission__codename=codename, content_object=case_ref
    )
    return Exists(by_group)


def cases_visible_to(user) -> QuerySet:
    """Every list of cases starts here. Deny by default: anonymous users see nothing,
    and superusers get no bypass."""
    if not user.is_authenticated or not user.is_active:
        return Case.objects.none()
    visible = Q(
        Exists(
            CaseUserObjectPermission.objects.filter(
                user=user, permission__codename="view_case", content_object=OuterRef("pk")
            )
        )
    )
    visible |= Q(
        Exists(
            CaseGroupObjectPermission.objects.filter(
                group__user=user, permission__codename="view_case", content_object=OuterRef("pk")
            )
        )
    )
    audit = _auditor_scope(user)
    if audit is not None:
        visible |= audit
    return Case.objects.filter(visible)


def can(user, action: str, case: Case) -> bool:
    """May `user` perform `action` ("view", "work", "lead", "approve") on `case`?"""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    codename = ACTIONS[action]
    if declaration_pending(user, case):
        return False
    if CaseUserObjectPermission.objects.filter(user=user, content_object=case, permission__codename=codename).exists():
        return True
    if CaseGroupObjectPermission.objects.filter(
        group__user=user, content_object=case, permission__codename=codename
    ).exists():
        return True
    if action == "view":
        audit = _auditor_scope(user)
        return audit is not None and Case.objects.filter(audit, pk=case.pk).exists()
    return False


def require(user, action: str, case: Case) -> None:
    """Raise AccessDenied unless `user` may perform `action` on `case` (services call this)."""
    from inspections.exceptions import AccessDenied

    if not can(user, action, case):
        raise AccessDenied


def is_auditor_of(user, case: Case) -> bool:
    audit = _auditor_scope(user) if user.is_authenticated else None
    return audit is not None and Case.objects.filter(audit, pk=case.pk).exists()


def actions_on(user, case: Case) -> set[str]:
    """All actions the user may take on the case, in two queries (for templates)."""
    if not user.is_authenticated or not user.is_active or declaration_pending(user, case):
        return set()
    codenames = set(
        CaseUserObjectPermission.objects.filter(user=user, content_object=case).values_list(
            "permission__codename", flat=True
        )
    ) | set(
        CaseGroupObjectPermission.objects.filter(group__user=user, content_object=case).values_list(
            "permission__codename", flat=True
        )
    )
    result = {action for action, codename in ACTIONS.items() if codename in codenames}
    if "view" not in result and is_auditor_of(user, case):
        result.add("view")
    return result


def committees_open_for(user) -> QuerySet:
    """Inspection committees on which `user` holds a seat allowing them to open cases today."""
    from people.models import Committee

    today = timezone.localdate()
    seats = CommitteeSeat.objects.filter(
        user=user, role__in=OPENING_SEATS, started_on__lte=today, committee=OuterRef("pk")
    ).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
    return Committee.objects.filter(Exists(seats), kind=Committee.Kind.INSPECTION)


def can_open_case(user) -> bool:
    return bool(user.is_authenticated and user.is_active and committees_open_for(user).exists())


def permission_ids(codenames) -> list[int]:
    return list(
        Permission.objects.filter(content_type__app_label="inspections", codename__in=codenames).values_list(
            "pk", flat=True
        )
    )


def holds_permission_named(user, case_ref, permission_name_ref) -> Q:
    """Q for a task list: the user (or a group of the user) holds, on the case referenced by
    `case_ref`, the permission whose full name ("inspections.<codename>") is in
    `permission_name_ref`. An EXISTS over the indexed direct-FK tables, replacing
    viewflow's IN-list of every permission string the user ever held."""
    from django.db.models import Value
    from django.db.models.functions import Concat

    full_name = Concat(Value("inspections."), "permission__codename")
    by_user = (
        CaseUserObjectPermission.objects.filter(user=user, content_object=case_ref)
        .annotate(full_name=full_name)
        .filter(full_name=permission_name_ref)
    )
    by_group = (
        CaseGroupObjectPermission.objects.filter(group__user=user, content_object=case_ref)
        .annotate(full_name=full_name)
        .filter(full_name=permission_name_ref)
    )
    return Q(Exists(by_user)) | Q(Exists(by_group))


def holds_view(user, case_ref) -> Q:
    """Q for a task or process list: the user may view the referenced case."""
    q = Q(
        Exists(
            CaseUserObjectPermission.objects.filter(
                user=user, permission__codename="view_case", content_object=case_ref
            )
        )
    )
    q |= Q(
        Exists(
            CaseGroupObjectPermission.objects.filter(
                group__user=user, permission__codename="view_case", content_object=case_ref
            )
        )
    )
    return q


def _pending(user, case_ref):
    from inspections.models import ConflictDeclaration

    declared = ConflictDeclaration.objects.filter(case=OuterRef("case"), user=user, has_conflict=False)
    return CaseRole.objects.filter(case=case_ref, user=user, role__in=TEAM_ROLES, revoked_at__isnull=True).exclude(
        Exists(declared)
    )


def declaration_pending(user, case: Case) -> bool:
    """A team member who has not yet declared "no conflict" may not see the file."""
    if not user.is_authenticated:
        return False
    return _pending(user, case).exists()


def declaration_pending_q(user, case_ref) -> Q:
    """Q for task lists: the user still owes a declaration on the referenced case."""
    return Q(Exists(_pending(user, case_ref)))


def separation_refusal(user, case: Case, step: str) -> str | None:
    """Segregation of duties per step (StepSeparation table): the message when a role the
    user holds on the case excludes them from `step`, else None."""
    from inspections.models import StepSeparation

    rule = (
        StepSeparation.objects.filter(
            kind=case.kind,
            step=step,
            is_active=True,
            excluded_role__in=CaseRole.objects.filter(case=case, user=user, revoked_at__isnull=True).values("role"),
        )
        .order_by("pk")
        .first()
    )
    if rule is None:
        return None
    from django.utils.translation import gettext as _

    return _("Bạn giữ vai trò “%(role)s” trong hồ sơ nên không được thực hiện bước này (%(note)s).") % {
        "role": rule.get_excluded_role_display(),
        "note": rule.note or rule.step,
    }


def step_refusal(user, case: Case, step: str, action: str) -> str | None:
    """Why `user` may not be assigned or execute `step` on `case`, or None when they may:
    the action the step needs, segregation of duties, and conflicts of interest."""
    from django.utils.translation import gettext as _

    from inspections.selectors.conflicts import conflicts_of

    if declaration_pending(user, case):
        return _("Bạn cần khai báo về xung đột lợi ích trước khi xem hồ sơ.")
    if not can(user, action, case):
        return _("Bạn không có quyền thực hiện bước này của hồ sơ.")
    refusal = separation_refusal(user, case, step)
    if refusal:
        return refusal
    conflicts = conflicts_of(case, user)
    if conflicts:
        return conflicts[0]
    return None
