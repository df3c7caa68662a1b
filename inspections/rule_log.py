"""The append-only, tamper-evident log of changes to the rule tables (issue 3 point 1:
"every change journaled").

The per-case journal (inspections.journal) needs a case; rule changes concern none, so they
have a chain of their own: one SHA-256 hash chain over every rule table, each entry holding
the actor, the table and row, the action and canonical JSON snapshots of the row before and
after. Database triggers (migration 0012) refuse UPDATE and DELETE on the log.

The chain alone shows that no entry was altered or removed (`verify_chain`). Because every
row of a rule table — the seeded defaults included — enters the log when it is created,
`unlogged_rows` can also show a rule row changed behind the log's back (e.g. by SQL): its
current values must be those of its last logged snapshot.

The log covers every table that decides a deadline or an outcome (domain.md, "What this
means" point 1: a change to a rule is journaled): the versioned rule tables (RULE_MODELS)
and the reference tables an administrator switches or edits — segregation options, deferral
and exemption grounds, who may open which case, the holiday calendar and its yearly
confirmations (LOGGED_MODELS).
"""

import json
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from inspections import hashchain
from inspections.hashchain import GENESIS, first_break, iso, link_hash, quoted
from inspections.models import (
    RULE_MODELS,
    CaseOpeningRule,
    DisciplineGround,
    Holiday,
    HolidayYear,
    RuleChange,
    StepSeparation,
)

# Tables whose every row enters the log; their writers call `record_save`/`record_delete`.
LOGGED_MODELS = (*RULE_MODELS, StepSeparation, DisciplineGround, CaseOpeningRule, Holiday, HolidayYear)

# Serialises appends on PostgreSQL (an arbitrary constant key for pg_advisory_xact_lock);
# SQLite serialises writers by itself.
_LOCK_KEY = 0x6B74_7275_6C65


def canonical(payload: dict | None) -> str:
    """A snapshot as stored: canonical JSON, or "" for the side of a change that has none
    (no "before" on a create, no "after" on a delete)."""
    if payload is None:
        return ""
    return hashchain.canonical(payload)


def snapshot(row) -> dict:
    """Every stored column of a rule row, by column name (works on migration models too)."""
    return {field.attname: getattr(row, field.attname) for field in row._meta.concrete_fields}


def change_hash(
    *,
    seq: int,
    at_iso: str,
    actor_id: int | None,
    actor_name: str,
    table: str,
    row_id: int,
    action: str,
    before: str,
    after: str,
    prev: str,
) -> str:
    return link_hash(
        [str(seq), at_iso, str(actor_id or ""), quoted(actor_name), table, str(row_id), action, before, after, prev]
    )


def _change_hash_of(change: RuleChange) -> str:
    return change_hash(
        seq=change.seq,
        at_iso=iso(change.at),
        actor_id=change.actor_id,
        actor_name=change.actor_name,
        table=change.table,
        row_id=change.row_id,
        action=change.action,
        before=change.before,
        after=change.after,
        prev=change.prev_hash,
    )


def append(
    *,
    actor,
    row,
    action: str,
    before: dict | None,
    after: dict | None,
    actor_name: str | None = None,
    log_model=RuleChange,
):
    """Append one change of `row` to the chain. Must run inside the writer's transaction.
    `log_model` lets the seeding migration pass its historical model."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("rule_log.append must be called inside a transaction")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])
    last = log_model.objects.order_by("-seq").values("seq", "hash").first()
    seq = (last["seq"] + 1) if last else 1
    prev = last["hash"] if last else GENESIS
    at = timezone.now()
    # Milliseconds, as Django's serializers keep them: a test's serialized rollback then
    # reloads the seeded entries unchanged (the UPDATE trigger refuses any change).
    at = at.replace(microsecond=at.microsecond // 1000 * 1000)
    actor_id = actor.pk if actor is not None else None
    if actor_name is None:
        actor_name = str(actor)[:200] if actor is not None else ""
    table = row._meta.model_name
    before_text, after_text = canonical(before), canonical(after)
    return log_model.objects.create(
        seq=seq,
        at=at,
        actor_id=actor_id,
        actor_name=actor_name,
        table=table,
        row_id=row.pk,
        action=action,
        before=before_text,
        after=after_text,
        prev_hash=prev,
        hash=change_hash(
            seq=seq,
            at_iso=iso(at),
            actor_id=actor_id,
            actor_name=actor_name,
            table=table,
            row_id=row.pk,
            action=action,
            before=before_text,
            after=after_text,
            prev=prev,
        ),
    )


def record_save(*, actor, row, before: dict | None, actor_name: str | None = None):
    """Log `row` as just saved: a create when there was no `before`, an update when its
    values changed, nothing when they did not. Inside the writer's transaction."""
    after = snapshot(row)
    if before is None:
        return append(
            actor=actor, actor_name=actor_name, row=row, action=RuleChange.Action.CREATE, before=None, after=after
        )
    if canonical(after) != canonical(before):
        return append(
            actor=actor, actor_name=actor_name, row=row, action=RuleChange.Action.UPDATE, before=before, after=after
        )
    return None


def record_delete(*, actor, row, actor_name: str | None = None):
    """Log `row` as about to be deleted (call before the DELETE, inside its transaction)."""
    return append(
        actor=actor, actor_name=actor_name, row=row, action=RuleChange.Action.DELETE, before=snapshot(row), after=None
    )


@dataclass(frozen=True)
class BrokenChange:
    seq: int
    reason: str


def verify_chain() -> BrokenChange | None:
    """The first broken link of the rule-change chain, or None when it is intact."""
    broken = first_break(RuleChange.objects.order_by("seq").iterator(chunk_size=2000), _change_hash_of)
    return BrokenChange(*broken) if broken else None


@dataclass(frozen=True)
class UnloggedRow:
    table: str
    row_id: int
    reason: str


def _comparable(values: dict) -> dict:
    return json.loads(canonical(values))


def unlogged_rows() -> list[UnloggedRow]:
    """Rule rows whose current values differ from their last logged snapshot, rows with no
    entry at all, and rows the log says were deleted but still exist or vice versa. Only
    the columns a snapshot recorded are compared (a column added later is not in old ones)."""
    last: dict[tuple[str, int], RuleChange] = {}
    for change in RuleChange.objects.order_by("seq").only("table", "row_id", "action", "after", "seq"):
        last[(change.table, change.row_id)] = change
    found: list[UnloggedRow] = []
    for model in LOGGED_MODELS:
        table = model._meta.model_name
        present = set()
        for row in model.objects.order_by("pk").iterator(chunk_size=2000):
            present.add(row.pk)
            change = last.get((table, row.pk))
            if change is None:
                found.append(UnloggedRow(table, row.pk, "no log entry"))
            elif change.action == RuleChange.Action.DELETE:
                found.append(UnloggedRow(table, row.pk, "logged as deleted"))
            else:
                logged = json.loads(change.after)
                current = _comparable(snapshot(row))
                if {key: current.get(key) for key in logged} != logged:
                    found.append(UnloggedRow(table, row.pk, "differs from the logged values"))
        for (logged_table, row_id), change in last.items():
            if logged_table == table and row_id not in present and change.action != RuleChange.Action.DELETE:
                found.append(UnloggedRow(table, row_id, "deleted without a log entry"))
    return found
