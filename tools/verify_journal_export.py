#!/usr/bin/env python3
"""Check a kiemtra case-journal export on your own machine, with the Python standard
library only (Python 3.8 or later; nothing from kiemtra is imported).

    python3 verify_journal_export.py case-12-journal.json [--expect-head HASH]

The export (GET /cases/<id>/journal.json) holds every entry of one case's journal with
the exact strings that were hashed. This script recomputes each entry's SHA-256, checks
that each entry points to the one before and that no number is skipped, and prints
"OK" or the first broken entry. Exit status: 0 intact, 1 broken, 2 unreadable file.

A chain that checks out proves the entries were not changed *after* its head was known.
Give a head hash you received earlier by another route (--expect-head, e.g. from a
previous export): an entire forged chain would be self-consistent, but it cannot contain
the hash you already hold.

Hash of one entry: SHA-256 (hex) over the UTF-8 bytes of these fields joined by U+001F:
case_id, seq, at, actor_id (empty when none), actor_name as a JSON string (non-ASCII
kept), action, payload, prev_hash. The first entry's prev_hash is 64 zeros.
"""

import argparse
import hashlib
import json
import sys

FORMAT = "kiemtra-journal-export/1"
GENESIS = "0" * 64


def entry_hash(case_id, entry):
    name = json.dumps(entry["actor_name"], ensure_ascii=False)
    fields = [
        str(case_id),
        str(entry["seq"]),
        entry["at"],
        str(entry["actor_id"] or ""),
        name,
        entry["action"],
        entry["payload"],
        entry["prev_hash"],
    ]
    return hashlib.sha256("\x1f".join(fields).encode("utf-8")).hexdigest()


def first_break(export):
    """(seq, reason) of the first broken entry, or None when the chain is intact."""
    case_id = export["case_id"]
    prev = GENESIS
    for expected_seq, entry in enumerate(export["entries"], start=1):
        if entry["seq"] != expected_seq:
            return expected_seq, "missing entry / thiếu mục"
        if entry["prev_hash"] != prev:
            return entry["seq"], "previous-hash mismatch / mã băm mục trước không khớp"
        if entry_hash(case_id, entry) != entry["hash"]:
            return entry["seq"], "content hash mismatch / nội dung đã bị sửa"
        prev = entry["hash"]
    return None


def main(argv=None):
    parser = argparse.ArgumentParser(description="Verify a kiemtra case-journal export (standard library only).")
    parser.add_argument("file", help="the exported journal.json")
    parser.add_argument("--expect-head", help="a hash obtained earlier by another route; the chain must contain it")
    args = parser.parse_args(argv)
    try:
        with open(args.file, encoding="utf-8") as handle:
            export = json.load(handle)
        if export.get("format") != FORMAT:
            raise ValueError(f"unknown format {export.get('format')!r}")
        if not isinstance(export["case_id"], int) or not isinstance(export["entries"], list):
            raise ValueError("case_id must be an integer and entries a list")
        broken = first_break(export)
    except (OSError, ValueError, KeyError, TypeError) as error:
        print(f"UNREADABLE / không đọc được: {error}", file=sys.stderr)
        return 2
    number = export.get("case_number", export["case_id"])
    if broken is not None:
        seq, reason = broken
        print(f"BROKEN at seq {seq} / hỏng tại mục số {seq}: {reason} (case {number})")
        return 1
    head = export["entries"][-1]["hash"] if export["entries"] else GENESIS
    if args.expect_head:
        held = {entry["hash"]: entry["seq"] for entry in export["entries"]}
        expected = args.expect_head.lower()
        if expected not in held:
            print(f"BROKEN: the expected head {expected} is not in the chain / không còn mục đã biết")
            return 1
        print(f"expected head found at seq {held[expected]} / mục đã biết ở số {held[expected]}")
    print(f"OK: case {number}, {len(export['entries'])} entries / mục, head {head}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
