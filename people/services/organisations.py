"""Organisation tree: creation, merge and split with successor links (domain.md §2, 'What
this means' point 2: cases keep their jurisdiction and follow the successor)."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from people.exceptions import PeopleRuleViolation
from people.models import Organisation, OrganisationSuccession, OrgLevel


def _path_for(org: Organisation) -> str:
    prefix = org.parent.path if org.parent_id else "/"
    return f"{prefix}{org.pk}/"


@transaction.atomic
def organisation_create(
    *,
    name: str,
    level: OrgLevel,
    parent: Organisation | None = None,
    short_name: str = "",
    founded_on: datetime.date | None = None,
) -> Organisation:
    if parent is not None:
        if not parent.is_active:
            raise PeopleRuleViolation(_("Tổ chức cấp trên đã giải thể, không thể thêm tổ chức trực thuộc."))
        if parent.level.structure != level.structure or parent.level.rank >= level.rank:
            raise PeopleRuleViolation(_("Cấp của tổ chức phải thấp hơn cấp của tổ chức cấp trên trong cùng mô hình."))
    org = Organisation.objects.create(
        name=name, level=level, parent=parent, short_name=short_name, founded_on=founded_on, path="-"
    )
    org.path = _path_for(org)
    org.save(update_fields=["path"])
    return org


def _move_children(source: Organisation, target: Organisation) -> None:
    """Re-parent the subtree of `source` under `target`, keeping materialised paths right."""
    old_prefix = source.path
    for child in Organisation.objects.filter(parent=source):
        child.parent = target
        child.save(update_fields=["parent"])
    for org in Organisation.objects.filter(path__startswith=old_prefix).exclude(pk=source.pk).order_by("path"):
        org.path = _path_for(Organisation.objects.select_related("parent").get(pk=org.pk))
        org.save(update_fields=["path"])


@transaction.atomic
def organisations_merge(
    *,
    sources: list[Organisation],
    name: str,
    level: OrgLevel,
    parent: Organisation | None,
    effective_on: datetime.date,
) -> Organisation:
    """Merge several organisations into a new one. Members and sub-organisations move to it."""
    if len(sources) < 2:
        raise PeopleRuleViolation(_("Cần ít nhất hai tổ chức để hợp nhất."))
    if any(not s.is_active for s in sources):
        raise PeopleRuleViolation(_("Chỉ hợp nhất được các tổ chức đang hoạt động."))
    merged = organisation_create(name=name, level=level, parent=parent, founded_on=effective_on)
    for source in sources:
        OrganisationSuccession.objects.create(
            predecessor=source, successor=merged, kind=OrganisationSuccession.Kind.MERGE, effective_on=effective_on
        )
        source.members.update(organisation=merged)
        _move_children(source, merged)
        source.is_active = False
        source.dissolved_on = effective_on
        source.save(update_fields=["is_active", "dissolved_on"])
    return merged


@transaction.atomic
def organisation_split(
    *,
    source: Organisation,
    parts: list[str],
    effective_on: datetime.date,
    member_assignment: dict[int, int] | None = None,
) -> list[Organisation]:
    """Split `source` into new organisations named `parts` at the same level and parent.

    `member_assignment` maps member id -> index in `parts`; unassigned members go to the first.
    """
    if len(parts) < 2:
        raise PeopleRuleViolation(_("Cần ít nhất hai tổ chức mới khi chia tách."))
    if not source.is_active:
        raise PeopleRuleViolation(_("Tổ chức này đã không còn hoạt động."))
    new_orgs = [
        organisation_create(name=p, level=source.level, parent=source.parent, founded_on=effective_on) for p in parts
    ]
    for org in new_orgs:
        OrganisationSuccession.objects.create(
            predecessor=source, successor=org, kind=OrganisationSuccession.Kind.SPLIT, effective_on=effective_on
        )
    assignment = member_assignment or {}
    for member in source.members.all():
        index = assignment.get(member.pk, 0)
        if not 0 <= index < len(new_orgs):
            raise PeopleRuleViolation(_("Phân công đảng viên sang tổ chức mới không hợp lệ."))
        member.organisation = new_orgs[index]
        member.save(update_fields=["organisation"])
    _move_children(source, new_orgs[0])
    source.is_active = False
    source.dissolved_on = effective_on
    source.save(update_fields=["is_active", "dissolved_on"])
    return new_orgs


def current_successors(org: Organisation) -> list[Organisation]:
    """Follow successor links to the active organisations that carry `org`'s work today."""
    seen: set[int] = set()
    frontier = [org]
    result: list[Organisation] = []
    while frontier:
        node = frontier.pop()
        if node.pk in seen:
            continue
        seen.add(node.pk)
        if node.is_active:
            result.append(node)
            continue
        frontier.extend(s.successor for s in node.successions.select_related("successor"))
    return result
