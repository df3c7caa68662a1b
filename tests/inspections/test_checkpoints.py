"""Journal checkpoints: every chain's head recorded in a chain of checkpoints, so that a
chain cut short at its tail — invisible to the hash chain — is detected; the checkpoints
are append-only and tampering with them is detected too."""

import datetime
import hashlib
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, IntegrityError, connection, transaction

from inspections import hashchain, journal
from inspections.models import JournalCheckpoint, JournalCheckpointHead, JournalEntry
from inspections.services.cases import decision_sign
from inspections.services.documents import document_add

CHECKPOINT_TABLES = ("inspections_journalcheckpoint", "inspections_journalcheckpointhead")


@pytest.fixture
def two_cases(world, open_case):
    """Two chains: the first with 3 entries (opened, status changed, signed), the second with 1."""
    first = open_case(declare=False)
    decision_sign(actor=world.chair, case=first)
    second = open_case(subject_member=world.other_member, declare=False)
    return first, second


@pytest.fixture
def checkpoints_unlocked(db):
    """Remove the append-only triggers of the checkpoint tables for this test only, as an
    attacker with DDL rights would (rolled back with the test, as for the journal)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for table in CHECKPOINT_TABLES:
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        else:
            for table in CHECKPOINT_TABLES:
                name = table.removeprefix("inspections_")
                cursor.execute(f"DROP TRIGGER {name}_no_update")
                cursor.execute(f"DROP TRIGGER {name}_no_delete")
    return connection


def _verify(*args) -> tuple[CommandError | None, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("verify_journal", *args, stdout=out, stderr=err)
    except CommandError as error:
        return error, out.getvalue(), err.getvalue()
    return None, out.getvalue(), err.getvalue()


def _heads(*cases) -> dict[int, tuple[int, str]]:
    heads = {}
    for case in cases:
        last = JournalEntry.objects.filter(case=case).order_by("-seq").first()
        heads[case.pk] = (last.seq, last.hash)
    return heads


def test_checkpoint_records_every_head_then_only_the_moved_ones(world, two_cases, pdf):
    first, second = two_cases

    one = journal.checkpoint_create()
    assert (one.chain_count, one.entry_count, one.prev_digest) == (2, 4, journal.GENESIS)
    assert one.heads_digest == journal.heads_digest(_heads(first, second))
    assert {(h.case_id, h.seq, h.hash) for h in one.heads.all()} == {
        (case_id, seq, digest) for case_id, (seq, digest) in _heads(first, second).items()
    }

    # Nothing moved: a checkpoint still anchors the time, and records no head.
    idle = journal.checkpoint_create()
    assert idle.prev_digest == one.digest and not idle.heads.exists()
    assert idle.heads_digest == one.heads_digest

    document_add(actor=world.staff, case=second, kind="plan", title="Kế hoạch", upload=pdf())
    two = journal.checkpoint_create()
    assert two.prev_digest == idle.digest
    assert [(h.case_id, h.seq) for h in two.heads.all()] == [(second.pk, 2)]
    assert (two.chain_count, two.entry_count) == (2, 5)
    assert two.heads_digest == journal.heads_digest(_heads(first, second))
    assert journal.verify_checkpoints() is None


def test_checkpoint_digest_is_the_documented_hash(two_cases):
    checkpoint = journal.checkpoint_create()
    material = "\x1f".join(
        [
            journal.GENESIS,
            hashchain.iso(checkpoint.created_at),
            "2",
            "4",
            checkpoint.heads_digest,
        ]
    )
    assert checkpoint.digest == hashlib.sha256(material.encode()).hexdigest()
    lines = sorted(f"{c}:{s}:{h}" for c, (s, h) in _heads(*two_cases).items())
    assert checkpoint.heads_digest == hashlib.sha256("\n".join(lines).encode()).hexdigest()


def test_verify_journal_reports_checkpoints_ok(two_cases):
    journal.checkpoint_create()
    journal.checkpoint_create()

    error, out, err = _verify()

    assert error is None, err
    assert "OK: 2 chuỗi, 4 mục" in out
    assert "OK: 2 điểm kiểm chứng" in out


def test_tail_truncation_is_invisible_to_the_chain_but_found_by_the_checkpoint(two_cases, journal_unlocked):
    first, _second = two_cases
    checkpoint = journal.checkpoint_create()
    with journal_unlocked.cursor() as cursor:
        cursor.execute("DELETE FROM inspections_journalentry WHERE case_id = %s AND seq = 3", [first.pk])

    # What is left is a perfect chain of two entries: the hash chain alone sees nothing.
    assert journal.verify_chain(first.pk) is None
    expected = journal.BrokenLink(first.pk, 3, "checkpoint head missing", checkpoint=checkpoint.pk)
    assert journal.verify_case(first.pk) == expected
    assert list(journal.verify_all()) == [expected]

    error, _out, err = _verify()
    assert error is not None and error.returncode == 1
    assert f"Hồ sơ {first.number} (id {first.pk}): chuỗi nhật ký hỏng tại mục số 3" in err
    assert "checkpoint head missing" in err and f"điểm kiểm chứng #{checkpoint.pk}" in err
    assert "1 trong 2" in str(error)


def test_a_cut_tail_regrown_with_new_entries_is_found(world, two_cases, journal_unlocked):
    """The attacker cuts the last entry and appends a different one at the same place:
    the chain is valid again, but it no longer holds the recorded head."""
    first, _second = two_cases
    checkpoint = journal.checkpoint_create()
    with journal_unlocked.cursor() as cursor:
        cursor.execute("DELETE FROM inspections_journalentry WHERE case_id = %s AND seq = 3", [first.pk])
    with transaction.atomic():
        journal.append(case=first, actor=world.chair, action="decision.signed", payload={"signed_on": "1999-01-01"})
        journal.append(case=first, actor=world.chair, action="case.closed", payload={})

    assert journal.verify_chain(first.pk) is None
    assert journal.verify_case(first.pk) == journal.BrokenLink(
        first.pk, 3, "checkpoint head missing", checkpoint=checkpoint.pk
    )


def test_the_first_checkpoint_whose_head_is_gone_is_reported(world, two_cases, journal_unlocked, pdf):
    first, _second = two_cases
    early = journal.checkpoint_create()  # records first at seq 3
    document_add(actor=world.staff, case=first, kind="plan", title="Kế hoạch", upload=pdf())
    journal.checkpoint_create()  # records first at seq 4
    with journal_unlocked.cursor() as cursor:
        cursor.execute("DELETE FROM inspections_journalentry WHERE case_id = %s AND seq >= 3", [first.pk])

    assert journal.verify_case(first.pk) == journal.BrokenLink(
        first.pk, 3, "checkpoint head missing", checkpoint=early.pk
    )


def test_checkpoint_refuses_to_ratify_a_cut_chain(two_cases, journal_unlocked):
    first, _second = two_cases
    journal.checkpoint_create()
    with journal_unlocked.cursor() as cursor:
        cursor.execute("DELETE FROM inspections_journalentry WHERE case_id = %s AND seq = 3", [first.pk])

    with pytest.raises(journal.JournalTampered):
        journal.checkpoint_create()
    with pytest.raises(CommandError) as excinfo:
        call_command("journal_checkpoint", stdout=io.StringIO())
    assert excinfo.value.returncode == 1
    assert f"(id {first.pk})" in str(excinfo.value) and "mục số 3" in str(excinfo.value)
    assert JournalCheckpoint.objects.count() == 1


def test_journal_checkpoint_command_prints_the_digest(two_cases):
    out = io.StringIO()
    call_command("journal_checkpoint", stdout=out)

    checkpoint = JournalCheckpoint.objects.get()
    assert checkpoint.digest in out.getvalue()
    assert "2 chuỗi, 4 mục" in out.getvalue()


def test_checkpoint_rows_are_append_only(two_cases):
    checkpoint = journal.checkpoint_create()
    head = checkpoint.heads.first()

    for sql, params in [
        ("UPDATE inspections_journalcheckpoint SET heads_digest = %s WHERE id = %s", ["0" * 64, checkpoint.pk]),
        ("DELETE FROM inspections_journalcheckpoint WHERE id = %s", [checkpoint.pk]),
        ("UPDATE inspections_journalcheckpointhead SET seq = 1 WHERE id = %s", [head.pk]),
        ("DELETE FROM inspections_journalcheckpointhead WHERE id = %s", [head.pk]),
    ]:
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)

    assert JournalCheckpointHead.objects.filter(pk=head.pk, seq=head.seq).exists()
    assert journal.verify_checkpoints() is None


def test_two_checkpoints_cannot_follow_the_same_one(two_cases):
    one = journal.checkpoint_create()

    with pytest.raises(IntegrityError), transaction.atomic():
        JournalCheckpoint.objects.create(
            created_at=one.created_at,
            chain_count=0,
            entry_count=0,
            heads_digest=one.heads_digest,
            prev_digest=one.prev_digest,
            digest="f" * 64,
        )


def test_an_edited_checkpoint_is_found(two_cases, checkpoints_unlocked):
    one = journal.checkpoint_create()
    journal.checkpoint_create()
    with checkpoints_unlocked.cursor() as cursor:
        cursor.execute("UPDATE inspections_journalcheckpoint SET entry_count = 99 WHERE id = %s", [one.pk])

    assert journal.verify_checkpoints() == journal.BrokenCheckpoint(one.pk, "digest mismatch")
    error, _out, err = _verify()
    assert error is not None and error.returncode == 1
    assert f"Điểm kiểm chứng #{one.pk}" in err and "digest mismatch" in err


def test_a_rehashed_checkpoint_breaks_the_link_to_its_successor(two_cases, checkpoints_unlocked):
    one = journal.checkpoint_create()
    two = journal.checkpoint_create()
    backdated = one.created_at - datetime.timedelta(days=30)
    forged = journal.checkpoint_digest(
        prev_digest=one.prev_digest,
        created_iso=hashchain.iso(backdated),
        chain_count=one.chain_count,
        entry_count=one.entry_count,
        heads=one.heads_digest,
    )
    JournalCheckpoint.objects.filter(pk=one.pk).update(created_at=backdated, digest=forged)

    # The forged checkpoint is consistent in itself; its successor's link gives it away.
    assert journal.verify_checkpoints() == journal.BrokenCheckpoint(two.pk, "previous-digest mismatch")


def test_a_removed_checkpoint_is_found_by_its_successor(world, two_cases, checkpoints_unlocked):
    journal.checkpoint_create()
    middle = journal.checkpoint_create()  # nothing moved: it has no recorded heads
    last = journal.checkpoint_create()
    with checkpoints_unlocked.cursor() as cursor:
        cursor.execute("DELETE FROM inspections_journalcheckpoint WHERE id = %s", [middle.pk])

    assert journal.verify_checkpoints() == journal.BrokenCheckpoint(last.pk, "previous-digest mismatch")


def test_an_edited_recorded_head_is_found(two_cases, checkpoints_unlocked):
    first, _second = two_cases
    one = journal.checkpoint_create()
    with checkpoints_unlocked.cursor() as cursor:
        cursor.execute(
            "UPDATE inspections_journalcheckpointhead SET seq = 2 WHERE checkpoint_id = %s AND case_id = %s",
            [one.pk, first.pk],
        )

    assert journal.verify_checkpoints() == journal.BrokenCheckpoint(one.pk, "heads digest mismatch")
    # The head now claims seq 2 with the hash of seq 3: the chain does not hold that either.
    assert journal.verify_case(first.pk).reason == "checkpoint head missing"


def test_verify_journal_checks_a_digest_kept_elsewhere(two_cases):
    kept = journal.checkpoint_create().digest

    error, _out, _err = _verify("--checkpoint-digest", kept)
    assert error is None

    error, _out, err = _verify("--checkpoint-digest", "a" * 64)
    assert error is not None and error.returncode == 1
    assert "a" * 64 in err


def test_checkpoints_with_an_empty_journal(db):
    checkpoint = journal.checkpoint_create()

    assert (checkpoint.chain_count, checkpoint.entry_count) == (0, 0)
    assert checkpoint.heads_digest == hashlib.sha256(b"").hexdigest()
    assert journal.verify_checkpoints() is None
