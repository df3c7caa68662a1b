"""What every denunciation service shares to protect the denouncer (domain.md §5(D)
"Protection of the denouncer", §7.2): free text typed by staff who know the denouncer is
masked against the sealed values before it is stored (`masker`), and the notices sent
about a letter are frozen from a whitelist of fields (`notice_issue`,
inspections.selectors.denunciation_notices), never from free text."""

import datetime
import re

from inspections import journal
from inspections.models import Case, DenunciationNotice
from inspections.selectors import denunciation_notices as notices
from inspections.selectors.parties import MASK, _redactor


def masker(case: Case):
    """Mask sealed values of the case's parties in free text before it is stored."""
    return _redactor(case)


def masker_for(denouncers: list[dict]):
    """The same masking as `masker`, from the denouncers about to be recorded: the title is
    journaled when the case is opened, before the parties exist."""
    values = set()
    for d in denouncers:
        member = d.get("member")
        for value in (
            d.get("full_name"),
            d.get("address"),
            d.get("contact"),
            *((member.full_name, member.card_number) if member is not None else ()),
        ):
            if value and len(value.strip()) >= 3:
                values.add(value.strip())
    if not values:
        return lambda text: text
    pattern = re.compile("|".join(re.escape(v) for v in sorted(values, key=len, reverse=True)), re.IGNORECASE)
    return lambda text: pattern.sub(str(MASK), text)


def notice_issue(*, actor, case: Case, kind: str, issued_on: datetime.date, document=None, **extra):
    """Freeze a notice built from the whitelist (inspections.selectors.denunciation_notices)
    and journal it. Call inside the service's transaction."""
    content = notices.build(case, kind, **extra)
    notice = DenunciationNotice.objects.create(
        case=case,
        kind=kind,
        recipient=content["recipient"][:300],
        issued_on=issued_on,
        content=content,
        document=document,
        issued_by=actor,
    )
    journal.append(
        case=case,
        actor=actor,
        action="denunciation.notice_issued",
        payload={"notice": notice.pk, "kind": kind, "issued_on": issued_on, "document": getattr(document, "pk", None)},
    )
    return notice
