"""Linked cases as one person may see them: a linked case the person cannot view shows
only that a link exists (relation and direction), never its number or title."""

from dataclasses import dataclass

from django.db.models import Q

from inspections import access
from inspections.models import Case, CaseLink


@dataclass(frozen=True)
class LinkView:
    relation: str
    relation_label: str
    direction: str  # "out": this case gave rise to the other; "in": the other gave rise to this
    other: Case | None  # None when the person may not view the other case
    note: str


def links_of(user, case: Case) -> list[LinkView]:
    """Two queries whatever the number of links."""
    links = list(
        CaseLink.objects.filter(Q(source=case) | Q(target=case)).select_related("source", "target").order_by("pk")
    )
    other_ids = {link.target_id if link.source_id == case.pk else link.source_id for link in links}
    visible = (
        set(access.cases_visible_to(user).filter(pk__in=other_ids).values_list("pk", flat=True)) if links else set()
    )
    out = []
    for link in links:
        outgoing = link.source_id == case.pk
        other = link.target if outgoing else link.source
        out.append(
            LinkView(
                relation=link.relation,
                relation_label=link.get_relation_display(),
                direction="out" if outgoing else "in",
                other=other if other.pk in visible else None,
                note=link.note if other.pk in visible else "",
            )
        )
    return out


def origin_of(case: Case) -> Case | None:
    """The case this one arose from (the first link into it), or None. One query."""
    link = CaseLink.objects.filter(target=case).select_related("source").order_by("pk").first()
    return link.source if link else None
