"""Links between cases (domain.md "What this means", point 3): one row, journaled on both
cases, shown on both case pages."""

from django.db import transaction
from django.utils.translation import gettext as _

from inspections import journal
from inspections.exceptions import RuleViolation
from inspections.models import Case, CaseLink


@transaction.atomic
def case_link(*, actor, source: Case, target: Case, relation: str, note: str = "") -> CaseLink:
    """Record that `source` gave rise to `target`. Callers check the actor's right to act on
    `source`; the link itself reveals nothing of either case to anyone (see links_of)."""
    if source.pk == target.pk:
        raise RuleViolation(_("Không thể liên kết một hồ sơ với chính nó."))
    if relation not in CaseLink.Relation.values:
        raise RuleViolation(_("Quan hệ giữa hai hồ sơ không hợp lệ."))
    link, created = CaseLink.objects.get_or_create(
        source=source, target=target, relation=relation, defaults={"note": note, "created_by": actor}
    )
    if created:
        journal.append(
            case=source,
            actor=actor,
            action="link.added",
            payload={"direction": "out", "case": target.pk, "number": target.number, "relation": relation},
        )
        journal.append(
            case=target,
            actor=actor,
            action="link.added",
            payload={"direction": "in", "case": source.pk, "number": source.number, "relation": relation},
        )
    return link
