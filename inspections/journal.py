"""The append-only, tamper-evident case journal (design.md, key decision 4).

Each entry stores a canonical JSON payload, the previous entry's hash and its own
SHA-256 over all fields, forming one chain per case. Database triggers (migration
0002_journal_triggers) refuse UPDATE and DELETE; `verify_chain` finds the first
broken link.
"""

import datetime
import hashlib
import json
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from inspections.models import Case, JournalEntry

GENESIS = "0" * 64


def canonical(payload: dict) -> str:
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def entry_hash(
    *,
    case_id: int,
    seq: int,
    at_iso: str,
    actor_id: int | None,
    actor_name: str,
    action: str,
    payload: str,
    prev: str,
) -> str:
    # The name shown in the timeline is covered too; it is JSON-quoted so that control
    # characters in a user's name cannot shift the field boundaries.
    name = json.dumps(actor_name, ensure_ascii=False)
    material = "\x1f".join([str(case_id), str(seq), at_iso, str(actor_id or ""), name, action, payload, prev])
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def _iso(at) -> str:
    return at.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def append(*, case: Case, actor, action: str, payload: dict | None = None) -> JournalEntry:
    """Append one entry to the case's chain. Must run inside the service's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("journal.append must be called inside a transaction")
    # Serialise appends per case: the case row lock orders concurrent writers.
    Case.objects.select_for_update().filter(pk=case.pk).exists()
    last = JournalEntry.objects.filter(case_id=case.pk).order_by("-seq").values("seq", "hash").first()
    seq = (last["seq"] + 1) if last else 1
    prev = last["hash"] if last else GENESIS
    at = timezone.now()
    body = canonical(payload or {})
    actor_id = actor.pk if actor is not None else None
    actor_name = str(actor)[:200] if actor is not None else ""
    return JournalEntry.objects.create(
        case=case,
        seq=seq,
        at=at,
        actor_id=actor_id,
        actor_name=actor_name,
        action=action,
        payload=body,
        prev_hash=prev,
        hash=entry_hash(
            case_id=case.pk,
            seq=seq,
            at_iso=_iso(at),
            actor_id=actor_id,
            actor_name=actor_name,
            action=action,
            payload=body,
            prev=prev,
        ),
    )


@dataclass(frozen=True)
class BrokenLink:
    case_id: int
    seq: int
    reason: str


def verify_chain(case_id: int) -> BrokenLink | None:
    """Return the first broken link of one case's chain, or None when it is intact."""
    prev = GENESIS
    expected_seq = 1
    for e in JournalEntry.objects.filter(case_id=case_id).order_by("seq").iterator(chunk_size=2000):
        if e.seq != expected_seq:
            return BrokenLink(case_id, expected_seq, "missing entry")
        if e.prev_hash != prev:
            return BrokenLink(case_id, e.seq, "previous-hash mismatch")
        recomputed = entry_hash(
            case_id=e.case_id,
            seq=e.seq,
            at_iso=_iso(e.at),
            actor_id=e.actor_id,
            actor_name=e.actor_name,
            action=e.action,
            payload=e.payload,
            prev=e.prev_hash,
        )
        if recomputed != e.hash:
            return BrokenLink(case_id, e.seq, "content hash mismatch")
        prev = e.hash
        expected_seq += 1
    return None


def verify_all():
    """Yield the first broken link of every case whose chain is broken."""
    for case_id in Case.objects.order_by("pk").values_list("pk", flat=True).iterator(chunk_size=2000):
        broken = verify_chain(case_id)
        if broken:
            yield broken


def decoded(entry: JournalEntry) -> dict:
    return json.loads(entry.payload)
