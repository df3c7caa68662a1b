"""The SHA-256 hash chain shared by the case journal (inspections.journal) and the rule-change
log (inspections.rule_log), design.md key decision 4.

A chain is a run of rows numbered 1, 2, 3 ... Each row stores the previous row's hash
(`GENESIS` for the first) and its own hash, a SHA-256 over its fields joined by U+001F
(`link_hash`). Payloads are stored as canonical JSON (`canonical`) and times as UTC ISO
strings with microseconds (`iso`), so that the hashed text is exactly what is stored.
`first_break` walks a chain and names its first broken link.

The hashes of existing chains depend on every byte produced here: a change to these
functions breaks every stored chain (tests/inspections/test_hashchain.py pins them).
"""

import datetime
import hashlib
import json
from collections.abc import Callable, Iterable
from typing import Protocol

GENESIS = "0" * 64
SEPARATOR = "\x1f"  # the unit separator: cannot occur in a field without being escaped


def canonical(payload: dict) -> str:
    """Sorted keys, no spaces, non-ASCII kept; dates, decimals and the like as str()."""
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def quoted(text: str) -> str:
    """A free-text field (a person's name) as a JSON string, so that control characters in
    it cannot shift the field boundaries of the hashed material."""
    return json.dumps(text, ensure_ascii=False)


def iso(at: datetime.datetime) -> str:
    return at.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


_ZERO = datetime.timedelta(0)


def iso_fast(at: datetime.datetime) -> str:
    """`iso(at)`, character for character, without strftime for a time already in UTC (what
    the database gives back): verification formats every entry's time (issue 10)."""
    if at.utcoffset() != _ZERO or at.year < 1000:
        return iso(at)
    return f"{at.year}-{at.month:02d}-{at.day:02d}T{at.hour:02d}:{at.minute:02d}:{at.second:02d}.{at.microsecond:06d}Z"


def link_hash(fields: Iterable[str], *, encoding: str = "utf-8") -> str:
    """Hex SHA-256 over the fields joined by the unit separator."""
    return hashlib.sha256(SEPARATOR.join(fields).encode(encoding)).hexdigest()


class Link(Protocol):
    seq: int
    prev_hash: str
    hash: str


def first_break(links: Iterable[Link], recompute: Callable[[Link], str]) -> tuple[int, str] | None:
    """(seq, reason) of the first broken link of a chain given in seq order, or None when
    it is intact: a gap in the numbering ("missing entry", at the missing seq), a row not
    pointing at its predecessor ("previous-hash mismatch") or one whose fields no longer
    give its hash ("content hash mismatch")."""
    prev = GENESIS
    expected = 1
    for link in links:
        if link.seq != expected:
            return expected, "missing entry"
        if link.prev_hash != prev:
            return link.seq, "previous-hash mismatch"
        if recompute(link) != link.hash:
            return link.seq, "content hash mismatch"
        prev = link.hash
        expected += 1
    return None
