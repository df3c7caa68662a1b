"""The shared hash chain (inspections.hashchain): the bytes it hashes are pinned, because
every stored chain (case journals, the rule-change log, journal checkpoints) depends on
them; a change here would make every existing chain fail verification."""

import datetime
import decimal
from types import SimpleNamespace

from inspections import hashchain, journal, rule_log

PAYLOAD = {
    "b": [1, "Đảng"],
    "a": {"d": datetime.date(2025, 1, 2), "z": None, "n": decimal.Decimal("1.50")},
    "t": True,
}
AT = datetime.datetime(2025, 3, 4, 5, 6, 7, 890123, tzinfo=datetime.timezone(datetime.timedelta(hours=7)))


def test_canonical_json_is_pinned():
    expected = '{"a":{"d":"2025-01-02","n":"1.50","z":null},"b":[1,"Đảng"],"t":true}'
    assert hashchain.canonical(PAYLOAD) == expected
    assert journal.canonical(PAYLOAD) == expected
    assert rule_log.canonical(PAYLOAD) == expected
    assert rule_log.canonical(None) == ""


def test_iso_is_utc_with_microseconds():
    assert hashchain.iso(AT) == "2025-03-03T22:06:07.890123Z"


def test_journal_entry_hash_is_pinned():
    assert (
        journal.entry_hash(
            case_id=42,
            seq=3,
            at_iso=hashchain.iso(AT),
            actor_id=7,
            actor_name='Nguyễn "Văn"\x1fA',
            action="case.closed",
            payload=hashchain.canonical(PAYLOAD),
            prev="a" * 64,
        )
        == "0fd6b9440a36bf8ad2f48325e39f7104350bef6758a203c572a0833b3e3f1193"
    )
    assert (
        journal.entry_hash(
            case_id=42,
            seq=1,
            at_iso=hashchain.iso(AT),
            actor_id=None,
            actor_name="",
            action="case.opened",
            payload="{}",
            prev=hashchain.GENESIS,
        )
        == "bbce8d0e5ee52e7a1ac3ea5f3727807add3f5d3ab4ab36942a3658d7e94f0712"
    )


def test_rule_change_hash_is_pinned():
    assert (
        rule_log.change_hash(
            seq=5,
            at_iso=hashchain.iso(AT),
            actor_id=None,
            actor_name="Trần Thị B",
            table="timelimitrule",
            row_id=9,
            action="update",
            before=rule_log.canonical({"amount": 30}),
            after=rule_log.canonical({"amount": 45}),
            prev="b" * 64,
        )
        == "500d4ec8bee55f8c60fb1fcc8885cc587cb1f89e2b8e885fdc6ad39b107ede5f"
    )
    assert (
        rule_log.change_hash(
            seq=1,
            at_iso=hashchain.iso(AT),
            actor_id=3,
            actor_name="",
            table="statuterule",
            row_id=1,
            action="create",
            before=rule_log.canonical(None),
            after=rule_log.canonical({"years": 5}),
            prev=rule_log.GENESIS,
        )
        == "b519faa388239c19e035989a240842a1e70a0a9f2aaf06764ba8215ba0d9d7e9"
    )


def test_checkpoint_digests_are_pinned():
    heads = journal.heads_digest({2: (4, "c" * 64), 1: (9, "d" * 64)})
    assert heads == "6755dcb5fb6cdd141cda13e85d50af7a6918aa23f962b49949aae38589153db6"
    assert (
        journal.checkpoint_digest(
            prev_digest=hashchain.GENESIS, created_iso=hashchain.iso(AT), chain_count=2, entry_count=13, heads=heads
        )
        == "162cc1295383c79317831d79f6d83ca6ceeb262198778a667825e4a9cc4e3810"
    )


def _chain(n: int) -> list[SimpleNamespace]:
    links, prev = [], hashchain.GENESIS
    for seq in range(1, n + 1):
        digest = hashchain.link_hash([str(seq), prev])
        links.append(SimpleNamespace(seq=seq, prev_hash=prev, hash=digest))
        prev = digest
    return links


def _recompute(link) -> str:
    return hashchain.link_hash([str(link.seq), link.prev_hash])


def test_first_break_accepts_an_intact_chain():
    assert hashchain.first_break(_chain(4), _recompute) is None
    assert hashchain.first_break([], _recompute) is None


def test_first_break_names_the_first_broken_link():
    gap = _chain(4)
    del gap[1]
    assert hashchain.first_break(gap, _recompute) == (2, "missing entry")
    relinked = _chain(4)
    relinked[2].prev_hash = "e" * 64
    assert hashchain.first_break(relinked, _recompute) == (3, "previous-hash mismatch")
    altered = _chain(4)
    altered[3].hash = "f" * 64
    assert hashchain.first_break(altered, _recompute) == (4, "content hash mismatch")


def test_the_fast_time_format_is_iso_character_for_character():
    """Verification formats every entry's time with `iso_fast` (issue 10): it must give what
    `iso` gave when the hash was made, for UTC times, other offsets and whole seconds."""
    utc = datetime.UTC
    hanoi = datetime.timezone(datetime.timedelta(hours=7))
    for at in (
        datetime.datetime(2026, 12, 3, 8, 5, 9, 123456, tzinfo=utc),
        datetime.datetime(2026, 1, 1, 0, 0, 0, 0, tzinfo=utc),
        datetime.datetime(2025, 7, 1, 6, 30, 0, 5, tzinfo=hanoi),
        datetime.datetime(999, 1, 1, 0, 0, 0, 1, tzinfo=utc),
    ):
        assert hashchain.iso_fast(at) == hashchain.iso(at)
