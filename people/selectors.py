"""Reads about people with rules in them (who heads what, who sits where)."""

import datetime

from django.db.models import Q, QuerySet

from people.models import (
    Committee,
    CommitteeSeat,
    Kinship,
    Organisation,
    OrganisationSuccession,
    PartyMember,
    Position,
)

HEAD_KINDS = (Position.Kind.SECRETARY, Position.Kind.HEAD_OF_UNIT)


def _open_on(day: datetime.date) -> Q:
    return Q(started_on__lte=day) & (Q(ended_on__isnull=True) | Q(ended_on__gte=day))


# Statuses of a member still in the party (issue 9 point 8).
IN_PARTY = (PartyMember.Status.FULL, PartyMember.Status.PROBATIONARY)


def in_party_on(on: datetime.date, prefix: str = "") -> Q:
    """Members whose membership had not ended on `on` (issue 9 point 8): no `left_on`
    and still full or probationary, or a `left_on` after that day. Expulsion and strike-off
    end the membership from their effective date, death from its date (domain.md §6.4), so
    a member who left on `on` is out that day. `prefix` reaches the member through a
    relation ("user__member__", "member__"). For count bases and voter lists."""
    return Q(**{f"{prefix}left_on__gt": on}) | Q(**{f"{prefix}left_on__isnull": True, f"{prefix}status__in": IN_PARTY})


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


def seats_of_roles(committee: Committee, on: datetime.date, roles) -> QuerySet:
    """The seats of `committee` held on `on` in one of `roles`."""
    return CommitteeSeat.objects.filter(_open_on(on), committee=committee, role__in=list(roles))


def relatives_of(member: PartyMember) -> set[int]:
    """Ids of members declared related to `member`, in either direction."""
    pairs = Kinship.objects.filter(Q(member=member) | Q(relative=member)).values_list("member_id", "relative_id")
    return {other for pair in pairs for other in pair if other != member.pk}


# --- jurisdiction, following successor links -----------------------------------------------
# domain.md §2 and "What this means" point 2: organisations merge; a case keeps the
# jurisdiction path it was opened under (Case.jurisdiction_path) and follows the successor.
# Every jurisdiction check (auditor mandates, the audit search, organisation-subtree choices)
# asks `jurisdiction_paths` / `within_jurisdiction`, and complaint authority asks
# `is_merged_into`, so the rule lives here only. Splits are not followed: which part
# inherits a split organisation's cases is not recorded.


MergeLinks = tuple[dict[int, list[str]], list[tuple[str, str]]]


def merge_links() -> MergeLinks:
    """successor id -> current paths of the organisations merged into it, and the
    (successor path, predecessor path) pairs; one query."""
    links: dict[int, list[str]] = {}
    rows = list(
        OrganisationSuccession.objects.filter(kind=OrganisationSuccession.Kind.MERGE).values_list(
            "successor_id", "successor__path", "predecessor__path"
        )
    )
    for successor_id, _successor_path, predecessor_path in rows:
        links.setdefault(successor_id, []).append(predecessor_path)
    return links, [(successor_path, predecessor_path) for _pk, successor_path, predecessor_path in rows]


def _ids(path: str) -> list[int]:
    return [int(part) for part in path.split("/") if part.isdigit()]


def _aliases(path: str, links: dict[int, list[str]], memo: dict[str, set[str]], busy: set[str]) -> set[str]:
    """Every path the subtree at `path` has been known by: the path itself, and, for each
    organisation on it, the paths of what was merged into it with the rest of the path
    appended (a merge moves the predecessor's sub-organisations under the successor keeping
    the path below, people.services.organisations._move_children). Succession links are
    followed transitively; `busy` guards against a cycle of links."""
    if path in memo:
        return memo[path]
    if path in busy:
        return {path}
    busy.add(path)
    prefixes = {"/"}
    for pk in _ids(path):
        prefixes = {f"{p}{pk}/" for p in prefixes}
        for predecessor_path in links.get(pk, ()):
            prefixes |= _aliases(predecessor_path, links, memo, busy)
    busy.discard(path)
    memo[path] = prefixes
    return prefixes


def _minimal(paths: set[str]) -> list[str]:
    """Drop every path another one already covers as a prefix (fewer OR terms)."""
    kept: list[str] = []
    for path in sorted(paths, key=len):
        if not any(path.startswith(k) for k in kept):
            kept.append(path)
    return sorted(kept)


def _paths_of(orgs, links: dict[int, list[str]], pairs: list[tuple[str, str]]) -> list[str]:
    memo: dict[str, set[str]] = {}
    result: set[str] = set()
    for org in orgs:
        result |= _aliases(org.path, links, memo, set())
        for successor_path, predecessor_path in pairs:
            # Merged into one of its sub-organisations (into itself: done by _aliases).
            if successor_path.startswith(org.path) and successor_path != org.path:
                result |= _aliases(predecessor_path, links, memo, set())
    return _minimal(result)


def jurisdiction_paths(org: Organisation, *, links: MergeLinks | None = None) -> list[str]:
    """The path prefixes that make up `org`'s jurisdiction: its own path, the paths of every
    organisation merged into it or into one of its sub-organisations, transitively, and the
    former paths of its own subtree. A case belongs to it when Case.jurisdiction_path starts
    with one of them. One query whatever the number of merges (none when `links`, from
    `merge_links()`, is given: a caller asking for several organisations reads them once)."""
    return jurisdiction_paths_of([org], links=links)


def jurisdiction_paths_of(orgs, *, links: MergeLinks | None = None) -> list[str]:
    """`jurisdiction_paths` of several organisations at once (still one query)."""
    orgs = list(orgs)
    if not orgs:
        return []
    return _paths_of(orgs, *(links if links is not None else merge_links()))


def within_jurisdiction(orgs, field: str) -> Q:
    """Q: `field` (a materialised path, e.g. "jurisdiction_path", "path",
    "organisation__path") lies in the jurisdiction of one of `orgs` — an OR of path
    prefixes, which the path indexes serve. Matches nothing when `orgs` is empty."""
    return paths_q(jurisdiction_paths_of(orgs), field)


def paths_q(paths: list[str], field: str) -> Q:
    """Q: `field` starts with one of `paths` (an empty list matches nothing)."""
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(**{f"{field}__startswith": path})
    return q


def is_merged_into(predecessor: Organisation, successor: Organisation) -> bool:
    """`predecessor` was merged into `successor`, directly or through a chain of merges
    (one query; a cycle of links ends). Its bodies' decisions are then the successor's to
    answer for, as if taken by the successor (domain.md §2)."""
    if predecessor.pk == successor.pk:
        return False
    rows = OrganisationSuccession.objects.filter(kind=OrganisationSuccession.Kind.MERGE).values_list(
        "predecessor_id", "successor_id"
    )
    onward: dict[int, list[int]] = {}
    for before, after in rows:
        onward.setdefault(before, []).append(after)
    seen, frontier = {predecessor.pk}, [predecessor.pk]
    while frontier:
        for after in onward.get(frontier.pop(), ()):
            if after == successor.pk:
                return True
            if after not in seen:
                seen.add(after)
                frontier.append(after)
    return False
