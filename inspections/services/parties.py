"""The parties of a case and their sealed identities (issue 4 point 4; domain.md §5(D)
"Protection of the denouncer": keep name, address, handwriting and identity confidential,
Luật Tố cáo 2018; §7.2).

- Recording a party or a scan of their papers needs "work" on the case.
- Reading the sealed identity needs "view_sealed" (the intake officer, the team head and
  the chair, access.POLICY) or a live unseal request approved by the chair. Every read
  that returns sealed values appends a "sealed.read" journal entry.
- Journal payloads name the party by id and role only: the journal is append-only and
  shown in the case timeline, so a sealed value written there could never be removed.
"""

import datetime
import hashlib
import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inspections import access, journal
from inspections.exceptions import AccessDenied, RuleViolation
from inspections.models import Case, CaseParty, CaseRole, PartyDocument, UnsealRequest
from inspections.selectors.parties import live_grant
from inspections.services.documents import ALLOWED_TYPES, display_name, read_checked_upload
from people.models import PartyMember

# How long an approved unseal request lets the requester read the identity.
UNSEAL_HOURS_DEFAULT = 24


def _unseal_hours() -> int:
    return int(getattr(settings, "KIEMTRA_UNSEAL_HOURS", UNSEAL_HOURS_DEFAULT))


@transaction.atomic
def party_add(
    *,
    actor,
    case: Case,
    role: str,
    full_name: str = "",
    address: str = "",
    contact: str = "",
    member: PartyMember | None = None,
    received_on: datetime.date | None = None,
    note: str = "",
    scan=None,
    scan_title: str = "",
) -> CaseParty:
    """Record a denouncer, complainant, witness or other party, with an optional scan of
    their papers. Their identity is sealed from the moment it is recorded."""
    access.require(actor, "work", case)
    if role not in CaseParty.Role.values:
        raise RuleViolation(_("Tư cách của bên liên quan không hợp lệ."))
    full_name = full_name.strip() or (member.full_name if member is not None else "")
    if not full_name:
        raise RuleViolation(_("Cần ghi họ và tên, hoặc số thẻ đảng viên của người này."))
    if received_on and received_on > timezone.localdate():
        raise RuleViolation(_("Ngày nhận đơn không được sau ngày hôm nay."))
    if member is not None and _on_team(case, member):
        # The denouncer or a witness may not investigate their own matter (domain.md
        # §7.1): the chair changes the team first, then the party is recorded.
        raise RuleViolation(
            _("Người này đang ở trong đoàn của hồ sơ. Đề nghị thay đổi thành phần đoàn trước khi ghi nhận.")
        )
    party = CaseParty.objects.create(
        case=case,
        role=role,
        member=member,
        full_name=full_name[:200],
        address=address.strip()[:300],
        contact=contact.strip()[:200],
        received_on=received_on,
        note=note.strip(),
        added_by=actor,
    )
    journal.append(
        case=case,
        actor=actor,
        action="party.added",
        payload={"party": party.pk, "role": role, "received_on": received_on},
    )
    if scan is not None:
        party_scan_add(actor=actor, party=party, title=scan_title, upload=scan)
    return party


def _on_team(case: Case, member: PartyMember) -> bool:
    return CaseRole.objects.filter(
        case=case, user__member=member, role__in=access.TEAM_ROLES, revoked_at__isnull=True
    ).exists()


@transaction.atomic
def party_scan_add(*, actor, party: CaseParty, title: str, upload) -> PartyDocument:
    """Store a scan of the party's papers (e.g. the handwritten letter), sealed."""
    case = party.case
    access.require(actor, "work", case)
    data, mime = read_checked_upload(upload)
    # Same safe download name as case documents: no path, no invisible characters, the
    # extension of the sniffed type.
    original = display_name(upload.name, mime)
    scan = PartyDocument(
        party=party,
        title=title.strip()[:255] or original,
        original_name=original,
        content_type=mime,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by=actor,
    )
    scan.file.save(f"{uuid.uuid4().hex}.{ALLOWED_TYPES[mime]}", ContentFile(data), save=False)
    try:
        scan.save()
        journal.append(
            case=case,
            actor=actor,
            action="party.scan_added",
            payload={"party": party.pk, "role": party.role, "scan": scan.pk, "sha256": scan.sha256, "size": scan.size},
        )
    except Exception:
        scan.file.storage.delete(scan.file.name)
        raise
    return scan


def _reveal_grounds(actor, party: CaseParty) -> dict:
    """Why `actor` may read the party's sealed identity, for the journal; AccessDenied if
    they may not. Deny by default."""
    case = party.case
    if not access.can(actor, "view", case):
        raise AccessDenied
    if access.can(actor, "view_sealed", case):
        return {"via": "role"}
    grant = live_grant(actor, party)
    if grant is None:
        raise AccessDenied
    return {"via": "unseal", "request": grant.pk}


@transaction.atomic
def sealed_identity_read(*, actor, party: CaseParty) -> dict:
    """Return the party's sealed identity to an actor allowed to read it, and journal the
    read ("sealed.read", every time). Raises AccessDenied otherwise."""
    grounds = _reveal_grounds(actor, party)
    row = CaseParty.objects.select_related("member").get(pk=party.pk)
    journal.append(
        case=row.case,
        actor=actor,
        action="sealed.read",
        payload={"party": row.pk, "role": row.role, **grounds},
    )
    return {
        "full_name": row.full_name,
        "address": row.address,
        "contact": row.contact,
        "member": str(row.member) if row.member_id else "",
        "scans": [
            {
                "pk": s.pk,
                "title": s.title,
                "original_name": s.original_name,
                "content_type": s.content_type,
                "size": s.size,
                "sha256": s.sha256,
                "uploaded_at": s.uploaded_at,
            }
            for s in row.scans.order_by("uploaded_at", "pk")
        ],
    }


@transaction.atomic
def sealed_scan_open(*, actor, party: CaseParty, scan_pk: int) -> PartyDocument:
    """The scan for download, to an actor allowed to read the identity; journaled as a
    "sealed.read" of that scan. Raises AccessDenied otherwise — before looking the scan
    up, so that ids cannot be probed — and PartyDocument.DoesNotExist for a scan that is
    not the party's."""
    grounds = _reveal_grounds(actor, party)
    scan = PartyDocument.objects.get(pk=scan_pk, party=party)
    journal.append(
        case=party.case,
        actor=actor,
        action="sealed.read",
        payload={"party": party.pk, "role": party.role, "scan": scan.pk, **grounds},
    )
    return scan


@transaction.atomic
def unseal_request(*, actor, party: CaseParty, reason: str) -> UnsealRequest:
    """Someone who sees the case but not sealed identities asks the chair to see one."""
    case = party.case
    access.require(actor, "view", case)
    if access.can(actor, "view_sealed", case) or live_grant(actor, party) is not None:
        raise RuleViolation(_("Bạn đã được xem danh tính này, không cần đề nghị."))
    reason = reason.strip()
    if not reason:
        raise RuleViolation(_("Cần ghi rõ lý do cần xem danh tính."))
    # The party row lock orders two requests of the same person; the partial unique
    # constraint is the backstop.
    CaseParty.objects.select_for_update().filter(pk=party.pk).exists()
    if UnsealRequest.objects.filter(party=party, requested_by=actor, decided_at__isnull=True).exists():
        raise RuleViolation(_("Bạn đã có một đề nghị đang chờ Chủ nhiệm quyết định."))
    request = UnsealRequest.objects.create(case=case, party=party, requested_by=actor, reason=reason)
    journal.append(
        case=case,
        actor=actor,
        action="unseal.requested",
        payload={"request": request.pk, "party": party.pk, "role": party.role, "reason": reason},
    )
    return request


@transaction.atomic
def unseal_decide(*, actor, request: UnsealRequest, approve: bool, reason: str) -> UnsealRequest:
    """The chair approves or refuses an unseal request, with a reason. An approval lasts
    KIEMTRA_UNSEAL_HOURS (24 by default). Four-eyes: nobody decides their own request."""
    request = UnsealRequest.objects.select_for_update().select_related("case", "party").get(pk=request.pk)
    case = request.case
    access.require(actor, "approve", case)
    if request.requested_by_id == actor.pk:
        raise RuleViolation(_("Người đề nghị không được tự quyết định đề nghị của mình."))
    if request.decided_at is not None:
        raise RuleViolation(_("Đề nghị này đã được quyết định."))
    reason = reason.strip()
    if not reason:
        raise RuleViolation(_("Cần ghi rõ lý do đồng ý hoặc từ chối."))
    now = timezone.now()
    request.approved = approve
    request.decided_by = actor
    request.decided_at = now
    request.decision_reason = reason
    request.expires_at = now + datetime.timedelta(hours=_unseal_hours()) if approve else None
    request.save(update_fields=["approved", "decided_by", "decided_at", "decision_reason", "expires_at"])
    journal.append(
        case=case,
        actor=actor,
        action="unseal.approved" if approve else "unseal.refused",
        payload={
            "request": request.pk,
            "party": request.party_id,
            "role": request.party.role,
            "requester": request.requested_by_id,
            "reason": reason,
            "expires_at": request.expires_at,
        },
    )
    return request
