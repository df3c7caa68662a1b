"""The append-only, tamper-evident case journal (design.md, key decision 4).

Each entry stores a canonical JSON payload, the previous entry's hash and its own
SHA-256 over all fields, forming one chain per case. Database triggers (migration
0002_journal_triggers) refuse UPDATE and DELETE; `verify_chain` finds the first
broken link.

Periodic checkpoints (`checkpoint_create`) record every chain's head in a chain of their
own, so that a chain cut short at its tail — which the chain alone cannot show — is found
by `missing_heads`. `export_case` gives an outside party a case's chain with the exact
hashed fields (tools/verify_journal_export.py checks it with the standard library only).
Reads by auditors are journaled too (`record_audit_read`, issue 4 point 5).
"""

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from operator import itemgetter

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone

from inspections import access
from inspections.hashchain import GENESIS, canonical, first_break, iso, iso_fast, link_hash, quoted
from inspections.models import Case, CaseRole, JournalCheckpoint, JournalCheckpointHead, JournalEntry


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
    # The name shown in the timeline is covered too (quoted: see hashchain.quoted).
    return link_hash([str(case_id), str(seq), at_iso, str(actor_id or ""), quoted(actor_name), action, payload, prev])


def _entry_hash_of(e: JournalEntry) -> str:
    return entry_hash(
        case_id=e.case_id,
        seq=e.seq,
        at_iso=iso(e.at),
        actor_id=e.actor_id,
        actor_name=e.actor_name,
        action=e.action,
        payload=e.payload,
        prev=e.prev_hash,
    )


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
            at_iso=iso(at),
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
    checkpoint: int | None = None  # the checkpoint that recorded a head now missing


def verify_chain(case_id: int) -> BrokenLink | None:
    """Return the first broken link of one case's chain, or None when it is intact."""
    entries = JournalEntry.objects.filter(case_id=case_id).order_by("seq").iterator(chunk_size=2000)
    broken = first_break(entries, _entry_hash_of)
    return BrokenLink(case_id, *broken) if broken else None


def verify_case(case_id: int) -> BrokenLink | None:
    """The first broken link of one case: in its chain, else a checkpointed head it lost."""
    return verify_chain(case_id) or missing_heads(case_id=case_id).get(case_id)


class _Row(tuple):
    """One journal row as verification reads it — the hashed fields, in `_ROW_FIELDS` order
    — a bare tuple with names (no model object; made in C, issue 10)."""

    __slots__ = ()
    case_id = property(itemgetter(0))
    seq = property(itemgetter(1))
    prev_hash = property(itemgetter(7))
    hash = property(itemgetter(8))


_ROW_FIELDS = ("case_id", "seq", "at", "actor_id", "actor_name", "action", "payload", "prev_hash", "hash")


@lru_cache(maxsize=4096)
def _quoted_name(name: str) -> str:
    return quoted(name)  # the same few hundred names sign most entries


def _row_hash(row: _Row) -> str:
    """`entry_hash` of a row, its fields in the same order (tests pin that both agree)."""
    case_id, seq, at, actor_id, actor_name, action, payload, prev, _hash = row
    return link_hash(
        [str(case_id), str(seq), iso_fast(at), str(actor_id or ""), _quoted_name(actor_name), action, payload, prev]
    )


def _chains(chunk_size: int = 5000):
    """(case_id, rows in seq order) for every chain, from one ordered stream of the whole
    journal (the (case, seq) unique index serves the order; a server-side cursor on
    PostgreSQL): constant memory, no query per case, no model objects (issue 10)."""
    rows = JournalEntry.objects.order_by("case_id", "seq").values_list(*_ROW_FIELDS).iterator(chunk_size=chunk_size)
    yield from groupby(map(_Row, rows), key=itemgetter(0))


def verify_all():
    """Yield the first broken link of every case whose chain is broken or lost a head
    that a checkpoint recorded, in case order."""
    lost = missing_heads()
    pending_lost = sorted(lost)  # lost heads of cases whose rows may all be gone
    for case_id, rows in _chains():
        while pending_lost and pending_lost[0] < case_id:
            yield lost[pending_lost.pop(0)]
        broken = first_break(rows, _row_hash)
        if broken:
            yield BrokenLink(case_id, *broken)
        elif lost.get(case_id):
            yield lost[case_id]
        if pending_lost and pending_lost[0] == case_id:
            pending_lost.pop(0)
    for case_id in pending_lost:
        yield lost[case_id]


def decoded(entry: JournalEntry) -> dict:
    return json.loads(entry.payload)


# --- Reads by auditors ------------------------------------------------------------------


def reads_only_as_auditor(user, case: Case) -> bool:
    """True when the user's only access to the case is an audit mandate: no active role on
    it and no permission through a role or a group (three queries)."""
    if not access.is_auditor_of(user, case):
        return False
    named = Q(Exists(CaseRole.objects.filter(case=OuterRef("pk"), user=user, revoked_at__isnull=True)))
    return not Case.objects.filter(named | access.holds_view(user, OuterRef("pk")), pk=case.pk).exists()


def record_audit_read(*, actor, case: Case, read: dict) -> JournalEntry | None:
    """Journal that an auditor read the case ("audit.read", with what was read) when the
    audit mandate is their only access; people named by the case are not journaled for
    reading their own file. Called by the read views, so a GET writes this one row."""
    if not reads_only_as_auditor(actor, case):
        return None
    with transaction.atomic():
        return append(case=case, actor=actor, action="audit.read", payload=read)


# --- Checkpoints ------------------------------------------------------------------------


class JournalTampered(Exception):
    """A chain no longer holds the head a checkpoint recorded; no new checkpoint is made."""

    def __init__(self, link: BrokenLink):
        super().__init__(f"case {link.case_id}: recorded head at seq {link.seq} is gone")
        self.link = link


@dataclass(frozen=True)
class BrokenCheckpoint:
    checkpoint: int
    reason: str


def heads_digest(heads: dict[int, tuple[int, str]]) -> str:
    """sha256 over the lines "case_id:seq:hash" of every chain head, sorted by case id and
    joined by a newline."""
    lines = "\n".join(f"{case_id}:{seq}:{digest}" for case_id, (seq, digest) in sorted(heads.items()))
    return hashlib.sha256(lines.encode("ascii")).hexdigest()


def checkpoint_digest(*, prev_digest: str, created_iso: str, chain_count: int, entry_count: int, heads: str) -> str:
    return link_hash([prev_digest, created_iso, str(chain_count), str(entry_count), heads], encoding="ascii")


def _chain_states() -> list[tuple[int, int | None, str | None, int | None, str | None, bool]]:
    """Per case, in one query: the current head (seq, hash), the head last recorded by a
    checkpoint (seq, hash), and whether the chain still holds that recorded head."""
    last = JournalEntry.objects.filter(case_id=OuterRef("pk")).order_by("-seq")
    recorded = JournalCheckpointHead.objects.filter(case_id=OuterRef("pk")).order_by("-checkpoint_id")
    holds = JournalEntry.objects.filter(case_id=OuterRef("pk"), seq=OuterRef("rec_seq"), hash=OuterRef("rec_hash"))
    return list(
        Case.objects.annotate(
            head_seq=Subquery(last.values("seq")[:1]),
            head_hash=Subquery(last.values("hash")[:1]),
            rec_seq=Subquery(recorded.values("seq")[:1]),
            rec_hash=Subquery(recorded.values("hash")[:1]),
        )
        .annotate(holds=Exists(holds))
        .filter(Q(head_seq__isnull=False) | Q(rec_seq__isnull=False))
        .order_by("pk")
        .values_list("pk", "head_seq", "head_hash", "rec_seq", "rec_hash", "holds")
    )


@transaction.atomic
def checkpoint_create() -> JournalCheckpoint:
    """Record every chain's head and link the checkpoint to the previous one.

    Only heads that moved since the previous checkpoint are stored (the first checkpoint
    stores all); heads_digest covers every head. A chain that no longer holds the head
    last recorded for it raises JournalTampered: a checkpoint never ratifies a cut or
    rewritten chain. Two concurrent runs cannot fork the chain (unique prev_digest).
    """
    previous = JournalCheckpoint.objects.order_by("-pk").values_list("digest", flat=True).first()
    heads: dict[int, tuple[int, str]] = {}
    moved: list[JournalCheckpointHead] = []
    for case_id, head_seq, head_hash, rec_seq, rec_hash, holds in _chain_states():
        if rec_seq is not None and not holds:
            raise JournalTampered(BrokenLink(case_id, rec_seq, "checkpoint head missing"))
        heads[case_id] = (head_seq, head_hash)
        if (rec_seq, rec_hash) != (head_seq, head_hash):
            moved.append(JournalCheckpointHead(case_id=case_id, seq=head_seq, hash=head_hash))
    created_at = timezone.now()
    chain_count, entry_count, summary = len(heads), sum(seq for seq, _ in heads.values()), heads_digest(heads)
    prev_digest = previous or GENESIS
    checkpoint = JournalCheckpoint.objects.create(
        created_at=created_at,
        chain_count=chain_count,
        entry_count=entry_count,
        heads_digest=summary,
        prev_digest=prev_digest,
        digest=checkpoint_digest(
            prev_digest=prev_digest,
            created_iso=iso(created_at),
            chain_count=chain_count,
            entry_count=entry_count,
            heads=summary,
        ),
    )
    for head in moved:
        head.checkpoint = checkpoint
    JournalCheckpointHead.objects.bulk_create(moved, batch_size=2000)
    return checkpoint


def verify_checkpoints() -> BrokenCheckpoint | None:
    """Walk the checkpoint chain and return its first broken link, or None.

    Each checkpoint must link to its predecessor's digest, hash to its own digest, and its
    heads_digest and counts must match the heads replayed from the recorded rows. (Whether
    the chains still hold those heads is `missing_heads`.)
    """
    rows = (
        JournalCheckpointHead.objects.order_by("checkpoint_id", "case_id")
        .values_list("checkpoint_id", "case_id", "seq", "hash")
        .iterator(chunk_size=5000)
    )
    pending = next(rows, None)
    heads: dict[int, tuple[int, str]] = {}
    prev = GENESIS
    for cp in JournalCheckpoint.objects.order_by("pk").iterator(chunk_size=500):
        while pending is not None and pending[0] <= cp.pk:
            heads[pending[1]] = (pending[2], pending[3])
            pending = next(rows, None)
        recomputed = checkpoint_digest(
            prev_digest=cp.prev_digest,
            created_iso=iso(cp.created_at),
            chain_count=cp.chain_count,
            entry_count=cp.entry_count,
            heads=cp.heads_digest,
        )
        if cp.prev_digest != prev:
            return BrokenCheckpoint(cp.pk, "previous-digest mismatch")
        if recomputed != cp.digest:
            return BrokenCheckpoint(cp.pk, "digest mismatch")
        if heads_digest(heads) != cp.heads_digest:
            return BrokenCheckpoint(cp.pk, "heads digest mismatch")
        if (len(heads), sum(seq for seq, _ in heads.values())) != (cp.chain_count, cp.entry_count):
            return BrokenCheckpoint(cp.pk, "count mismatch")
        prev = cp.digest
    return None


def missing_heads(case_id: int | None = None) -> dict[int, BrokenLink]:
    """Per case, the first recorded head (in checkpoint order) that its chain no longer
    holds with the same hash: the tail was cut off, or the chain was rewritten."""
    holds = JournalEntry.objects.filter(case_id=OuterRef("case_id"), seq=OuterRef("seq"), hash=OuterRef("hash"))
    lost = JournalCheckpointHead.objects.filter(~Exists(holds))
    if case_id is not None:
        lost = lost.filter(case_id=case_id)
    found: dict[int, BrokenLink] = {}
    for checkpoint_id, lost_case, seq in lost.order_by("case_id", "checkpoint_id").values_list(
        "checkpoint_id", "case_id", "seq"
    ):
        found.setdefault(lost_case, BrokenLink(lost_case, seq, "checkpoint head missing", checkpoint=checkpoint_id))
    return found


# --- Export for outside verification ----------------------------------------------------

EXPORT_FORMAT = "kiemtra-journal-export/1"
ALGORITHM = (
    "SHA-256, hex, over the UTF-8 bytes of these fields joined by U+001F (unit separator): "
    "case_id; seq; at (exactly as given); actor_id (empty when none); actor_name as a JSON "
    "string (double-quoted, non-ASCII kept); action; payload (exactly as given, canonical JSON: "
    "sorted keys, no spaces); prev_hash. The first entry's prev_hash is 64 zeros; each "
    "entry's prev_hash is the previous entry's hash; seq runs 1, 2, 3 ... without gaps."
)


def export_case(case: Case) -> dict:
    """A case's whole chain with the exact strings that were hashed, for outside checking."""
    entries = JournalEntry.objects.filter(case_id=case.pk).order_by("seq")
    return {
        "format": EXPORT_FORMAT,
        "case_id": case.pk,
        "case_number": case.number,
        "exported_at": iso(timezone.now()),
        "algorithm": ALGORITHM,
        "genesis": GENESIS,
        "entries": [
            {
                "seq": e.seq,
                "at": iso(e.at),
                "actor_id": e.actor_id,
                "actor_name": e.actor_name,
                "action": e.action,
                "payload": e.payload,
                "prev_hash": e.prev_hash,
                "hash": e.hash,
            }
            for e in entries.iterator(chunk_size=2000)
        ],
    }
