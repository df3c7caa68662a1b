"""The case journal: hash chain, append-only triggers, tamper detection."""

import pytest
from django.db import DatabaseError, connection, transaction

from inspections import hashchain, journal
from inspections.models import JournalEntry
from inspections.services.cases import decision_sign
from inspections.services.documents import document_add


@pytest.fixture
def journaled_case(world, open_case, pdf):
    """A case with four journal entries: opened, status changed, decision signed, document added."""
    case = open_case(declare=False)  # no declarations: keeps the chain to these four entries
    decision_sign(actor=world.chair, case=case)
    document_add(actor=world.staff, case=case, kind="plan", title="Kế hoạch", upload=pdf())
    assert case.journal.count() == 4
    return case


def _entry(case, seq: int) -> JournalEntry:
    return JournalEntry.objects.get(case=case, seq=seq)


def test_journal_entries_form_a_chain(journaled_case):
    entries = list(journaled_case.journal.order_by("seq"))

    assert [e.seq for e in entries] == [1, 2, 3, 4]
    assert entries[0].prev_hash == journal.GENESIS
    for previous, entry in zip(entries, entries[1:], strict=False):
        assert entry.prev_hash == previous.hash
    assert len({e.hash for e in entries}) == 4
    assert journal.verify_chain(journaled_case.pk) is None


def test_journal_chains_are_per_case(world, open_case, journaled_case):
    other = open_case(subject_member=world.other_member, declare=False)

    first = other.journal.get()
    assert (first.seq, first.prev_hash) == (1, journal.GENESIS)
    assert journal.verify_chain(other.pk) is None
    assert list(journal.verify_all()) == []


def test_journal_entry_records_actor_and_canonical_payload(world, journaled_case):
    signed = _entry(journaled_case, 3)

    assert (signed.action, signed.actor, signed.actor_name) == ("decision.signed", world.chair, str(world.chair))
    assert signed.payload == journal.canonical(journal.decoded(signed))
    assert set(journal.decoded(signed)) == {"signed_on", "due_on", "rules_province", "rules_level", "time_limit"}


def test_journal_append_outside_a_transaction_is_refused():
    # No database here: the guard fires before any query, so nothing can be half-written.
    with pytest.raises(RuntimeError):
        journal.append(case=None, actor=None, action="x")


def test_journal_update_is_refused_by_the_database(journaled_case):
    entry = _entry(journaled_case, 2)

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE inspections_journalentry SET payload = %s WHERE id = %s", ['{"x":1}', entry.pk])

    entry.refresh_from_db()
    assert entry.payload != '{"x":1}'
    assert journal.verify_chain(journaled_case.pk) is None


def test_journal_delete_is_refused_by_the_database(journaled_case):
    entry = _entry(journaled_case, 2)

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM inspections_journalentry WHERE id = %s", [entry.pk])

    assert JournalEntry.objects.filter(pk=entry.pk).exists()


def test_journal_orm_update_and_delete_are_refused(journaled_case):
    with pytest.raises(DatabaseError), transaction.atomic():
        JournalEntry.objects.filter(case=journaled_case).update(action="forged")
    with pytest.raises(DatabaseError), transaction.atomic():
        JournalEntry.objects.filter(case=journaled_case, seq=4).delete()

    assert journaled_case.journal.count() == 4


def test_journal_verify_chain_finds_an_edited_payload(journaled_case, journal_unlocked):
    with journal_unlocked.cursor() as cursor:
        cursor.execute(
            "UPDATE inspections_journalentry SET payload = %s WHERE case_id = %s AND seq = 2",
            ['{"from":"draft","to":"closed"}', journaled_case.pk],
        )

    broken = journal.verify_chain(journaled_case.pk)

    assert broken == journal.BrokenLink(journaled_case.pk, 2, "content hash mismatch")
    assert list(journal.verify_all()) == [broken]


def test_journal_verify_chain_finds_a_rehashed_entry_by_its_successor(journaled_case, journal_unlocked):
    # An attacker who recomputes the edited entry's own hash still breaks the next link.
    entry = _entry(journaled_case, 2)
    payload = '{"from":"draft","to":"closed"}'
    forged = journal.entry_hash(
        case_id=entry.case_id,
        seq=entry.seq,
        at_iso=hashchain.iso(entry.at),
        actor_id=entry.actor_id,
        actor_name=entry.actor_name,
        action=entry.action,
        payload=payload,
        prev=entry.prev_hash,
    )
    with journal_unlocked.cursor() as cursor:
        cursor.execute(
            "UPDATE inspections_journalentry SET payload = %s, hash = %s WHERE id = %s", [payload, forged, entry.pk]
        )

    assert journal.verify_chain(journaled_case.pk) == journal.BrokenLink(journaled_case.pk, 3, "previous-hash mismatch")


def test_journal_verify_chain_finds_a_deleted_entry(journaled_case, journal_unlocked):
    with journal_unlocked.cursor() as cursor:
        cursor.execute("DELETE FROM inspections_journalentry WHERE case_id = %s AND seq = 2", [journaled_case.pk])

    assert journal.verify_chain(journaled_case.pk) == journal.BrokenLink(journaled_case.pk, 2, "missing entry")


def test_journal_verify_chain_finds_a_changed_actor(world, journaled_case, journal_unlocked):
    with journal_unlocked.cursor() as cursor:
        cursor.execute(
            "UPDATE inspections_journalentry SET actor_id = %s WHERE case_id = %s AND seq = 3",
            [world.outsider.pk, journaled_case.pk],
        )

    assert journal.verify_chain(journaled_case.pk) == journal.BrokenLink(journaled_case.pk, 3, "content hash mismatch")


def test_journal_verify_chain_finds_a_changed_actor_name(journaled_case, journal_unlocked):
    with journal_unlocked.cursor() as cursor:
        cursor.execute(
            "UPDATE inspections_journalentry SET actor_name = %s WHERE case_id = %s AND seq = 3",
            ["Người Khác", journaled_case.pk],
        )

    assert journal.verify_chain(journaled_case.pk) == journal.BrokenLink(journaled_case.pk, 3, "content hash mismatch")
