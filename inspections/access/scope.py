"""Which cases a person may read, as querysets and Q objects for lists (design.md decision 1).

Every list of cases, tasks or processes starts from `cases_visible_to` or one of the EXISTS
expressions here over the direct-FK permission tables; auditors read the cases of their
jurisdiction (people.AuditMandate). A team member who owes the conflict-of-interest
declaration is found here too (`declaration_pending`), for the refusal and the task lists.
"""

import datetime

from django.contrib.auth.models import Permission
from django.db.models import Exists, OuterRef, Q, QuerySet

from inspections.access.policy import TEAM_ROLES
from inspections.models import Case, CaseGroupObjectPermission, CaseRole, CaseUserObjectPermission
from people import selectors as people_selectors
from people.models import AuditMandate


def _auditor_scope(user, on: datetime.date | None = None) -> Q | None:
    """Cases an auditor may read: jurisdiction in a mandated subtree, opened within the period.
    The subtree follows successor links (people.selectors.jurisdiction_paths): a mandate over
    a successor covers the cases of the organisations merged into it. Two queries, however
    many mandates and merges."""
    mandates = list(AuditMandate.objects.filter(user=user).select_related("organisation"))
    if not mandates:
        return None
    links = people_selectors.merge_links()
    q = None
    for m in mandates:
        within = people_selectors.paths_q(
            people_selectors.jurisdiction_paths(m.organisation, links=links), "jurisdiction_path"
        )
        part = within & Q(opened_on__gte=m.valid_from, opened_on__lte=m.valid_to)
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


def visible_case_ids(user) -> QuerySet | None:
    """The ids of the cases the user may read, as one UNION subquery (issue 10 point 3):
    the user's own view permission rows, their groups' rows, and — as its own branch — the
    cases of their audit mandates. Each branch is served by an index (the permission tables'
    (user, case) and (group, case) indexes; Case.jurisdiction_path's prefix index and the
    opened_on range), where an OR of EXISTS across the case table could be served by none
    (the issue measured 2.4 s for the auditor's list against 30 ms for this shape).
    None for a user who may read nothing."""
    if not user.is_authenticated or not user.is_active:
        return None
    by_user = (
        CaseUserObjectPermission.objects.filter(user=user, permission__codename="view_case")
        .order_by()
        .values("content_object_id")
    )
    by_group = (
        CaseGroupObjectPermission.objects.filter(group__user=user, permission__codename="view_case")
        .order_by()
        .values("content_object_id")
    )
    audit = _auditor_scope(user)
    if audit is None:
        return by_user.union(by_group)
    return by_user.union(by_group, Case.objects.filter(audit).order_by().values("pk"))


def cases_visible_to(user) -> QuerySet:
    """Every list of cases starts here. Deny by default: anonymous users see nothing,
    and superusers get no bypass. `pk IN (UNION ...)`: see visible_case_ids."""
    ids = visible_case_ids(user)
    if ids is None:
        return Case.objects.none()
    return Case.objects.filter(pk__in=ids)


def is_auditor_of(user, case: Case) -> bool:
    audit = _auditor_scope(user) if user.is_authenticated else None
    return audit is not None and Case.objects.filter(audit, pk=case.pk).exists()


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
