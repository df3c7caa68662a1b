"""Reads of a case's parties (denouncer, complainant, witness) and of the notices generated
for people outside the committee (issue 4 point 4; domain.md §5(D) "Protection of the
denouncer", §7.2).

Nothing here shows a sealed value. The party list reads only the unsealed columns and
says, per party, whether the viewer may reveal the identity; the reveal itself is
inspections.services.parties.sealed_identity_read, which journals every read. The
notices are built from an explicit whitelist of case fields, never from the party rows.
"""

import re
from dataclasses import dataclass

from django.db.models import Count, F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspections import access
from inspections.models import Case, CaseParty, Conclusion, Recommendation, ReviewStatus, UnsealRequest

MASK = _("[đã niêm phong]")


def live_grants(user, case: Case) -> QuerySet:
    """The user's approved unseal requests on the case that have not expired."""
    return UnsealRequest.objects.filter(
        case=case, requested_by=user, approved=True, expires_at__gt=timezone.now()
    ).order_by("-expires_at")


def live_grant(user, party: CaseParty) -> UnsealRequest | None:
    return live_grants(user, party.case).filter(party=party).first()


def sealed_read_allowed(user, party: CaseParty) -> bool:
    """May `user` read the party's sealed identity: by the policy ("view_sealed"), or
    through a live approved unseal request while they still see the case."""
    case = party.case
    if access.can(user, "view_sealed", case):
        return True
    return access.can(user, "view", case) and live_grant(user, party) is not None


@dataclass(frozen=True)
class PartyRow:
    """A party as a list or detail page shows it: the sealed columns are always masked."""

    pk: int
    role: str
    role_label: str
    received_on: object
    note: str
    scan_count: int
    may_reveal: bool
    may_request: bool
    request_pending: bool
    grant_expires_at: object
    full_name: str = MASK
    address: str = MASK
    contact: str = MASK


def parties_of(user, case: Case) -> list[PartyRow]:
    """The case's parties as `user` sees them, in a constant number of queries.

    The caller has checked that `user` may view the case. Sealed columns are not even
    read from the database here.
    """
    by_policy = access.can(user, "view_sealed", case)
    grants: dict = {}
    if not by_policy:
        for party_id, expires_at in live_grants(user, case).values_list("party_id", "expires_at"):
            grants[party_id] = max(expires_at, grants.get(party_id, expires_at))
    pending = set(
        UnsealRequest.objects.filter(case=case, requested_by=user, decided_at__isnull=True).values_list(
            "party_id", flat=True
        )
    )
    rows = (
        CaseParty.objects.filter(case=case)
        .annotate(scan_count=Count("scans"))
        .values("pk", "role", "received_on", "note", "scan_count")
        .order_by("pk")
    )
    labels = dict(CaseParty.Role.choices)
    result = []
    for row in rows:
        allowed = by_policy or row["pk"] in grants
        result.append(
            PartyRow(
                pk=row["pk"],
                role=row["role"],
                role_label=labels.get(row["role"], row["role"]),
                received_on=row["received_on"],
                note=row["note"],
                scan_count=row["scan_count"],
                may_reveal=allowed,
                may_request=not allowed and row["pk"] not in pending,
                request_pending=row["pk"] in pending,
                grant_expires_at=grants.get(row["pk"]),
            )
        )
    return result


def party_of(user, case: Case, party_pk: int) -> PartyRow | None:
    return next((row for row in parties_of(user, case) if row.pk == party_pk), None)


def unseal_requests_of(case: Case, *, pending_only: bool = False) -> list[dict]:
    """Unseal requests on the case, newest first, with the party's role (never its
    identity) — for the chair's decisions and the party pages."""
    requests = UnsealRequest.objects.filter(case=case).select_related("requested_by", "decided_by")
    if pending_only:
        requests = requests.filter(decided_at__isnull=True)
    labels = dict(CaseParty.Role.choices)
    return [
        {
            "request": r,
            "party_pk": r.party_id,
            "party_role_label": labels.get(r.party_role, r.party_role),
            "pending": r.decided_at is None,
            "live": bool(r.approved and r.expires_at and r.expires_at > timezone.now()),
        }
        for r in requests.annotate(party_role=F("party__role")).order_by("-requested_at", "-pk")
    ]


# Generated notices (domain.md §5(D) step 6: notify the result to the denouncer "in an
# appropriate form"; §7.2: published conclusions exclude information about the
# denouncer). The audience only changes the address line.
NOTICE_AUDIENCES = {
    "subject": _("Đối tượng kiểm tra"),
    "denouncer": _("Người tố cáo"),
    "public": _("Công khai"),
}


def _redactor(case: Case):
    """A function masking, in free text, any sealed value of the case's parties: the
    conclusion is typed by people who may know the denouncer's name. The values are used
    here only to remove them; nobody is shown them, so this is not a journaled read."""
    values: set[str] = set()
    for full_name, address, contact, member_name, card in CaseParty.objects.filter(case=case).values_list(
        "full_name", "address", "contact", "member__full_name", "member__card_number"
    ):
        for value in (full_name, address, contact, member_name, card):
            if value and len(value.strip()) >= 3:
                values.add(value.strip())
    if not values:
        return lambda text: text
    pattern = re.compile("|".join(re.escape(v) for v in sorted(values, key=len, reverse=True)), re.IGNORECASE)
    return lambda text: pattern.sub(str(MASK), text)


def notice_content(case: Case, audience: str) -> dict:
    """What the result notice for `audience` carries: an explicit whitelist of case fields
    (number, title, committee, the approved conclusion and its recommendations). Never a
    party's identity; sealed values typed into free text are masked."""
    if audience not in NOTICE_AUDIENCES:
        raise KeyError(audience)
    redact = _redactor(case)
    conclusion = (
        Conclusion.objects.filter(case=case, status=ReviewStatus.ACCEPTED).order_by("-version").values("text").first()
    )
    recommendations = (
        Recommendation.objects.filter(case=case, conclusion__status=ReviewStatus.ACCEPTED)
        .order_by("due_on", "pk")
        .values_list("text", "due_on")
    )
    return {
        "audience": audience,
        "audience_label": NOTICE_AUDIENCES[audience],
        "number": case.number,
        "title": redact(case.title),
        "committee": case.committee.name,
        "concluded_on": case.concluded_on,
        "conclusion": redact(conclusion["text"]) if conclusion else "",
        "recommendations": [{"text": redact(text), "due_on": due_on} for text, due_on in recommendations],
    }
