"""The journal export and the standalone verifier (tools/verify_journal_export.py): an
outside party recomputes the chain with the Python standard library only."""

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest

from inspections import journal
from inspections.services.cases import decision_sign
from inspections.services.documents import document_add

TOOL = Path(__file__).resolve().parents[2] / "tools" / "verify_journal_export.py"


@pytest.fixture
def exported(world, open_case, pdf):
    """The export of a case whose actors' names hold non-ASCII letters, quotes and a
    control character (the name is hashed JSON-quoted)."""
    world.chair.full_name = 'Đỗ Văn "Chủ"\x1f\n'
    world.chair.save(update_fields=["full_name"])
    case = open_case()
    decision_sign(actor=world.chair, case=case)
    document_add(actor=world.leader, case=case, kind="plan", title="Kế hoạch – lần 1", upload=pdf())
    return case, journal.export_case(case)


def _run(path: Path, *args) -> subprocess.CompletedProcess:
    # -I: isolated mode, no PYTHONPATH, no site-packages of the user, no current directory
    # on the path — the verifier can only use the standard library.
    return subprocess.run(  # noqa: S603 - fixed interpreter and script
        [sys.executable, "-I", str(TOOL), str(path), *args],
        capture_output=True,
        text=True,
        cwd=path.parent,
        check=False,
        timeout=60,
    )


def _write(tmp_path: Path, data: dict, name: str = "journal.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def test_export_holds_every_entry_with_the_hashed_strings(exported):
    case, data = exported
    entries = list(case.journal.order_by("seq"))

    assert data["format"] == journal.EXPORT_FORMAT
    assert (data["case_id"], data["case_number"]) == (case.pk, case.number)
    assert "SHA-256" in data["algorithm"]
    assert [e["seq"] for e in data["entries"]] == [e.seq for e in entries]
    for row, entry in zip(data["entries"], entries, strict=True):
        assert set(row) == {"seq", "at", "actor_id", "actor_name", "action", "payload", "prev_hash", "hash"}
        assert row["hash"] == entry.hash and row["payload"] == entry.payload
        assert row["hash"] == journal.entry_hash(
            case_id=case.pk,
            seq=row["seq"],
            at_iso=row["at"],
            actor_id=row["actor_id"],
            actor_name=row["actor_name"],
            action=row["action"],
            payload=row["payload"],
            prev=row["prev_hash"],
        )


def test_verifier_accepts_the_export(exported, tmp_path):
    case, data = exported

    result = _run(_write(tmp_path, data))

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("OK")
    assert f"{len(data['entries'])} entries" in result.stdout
    assert data["entries"][-1]["hash"] in result.stdout


@pytest.mark.parametrize(
    ("tamper", "seq", "reason"),
    [
        (lambda entries: entries[2].update(payload='{"signed_on":"2000-01-01"}'), 3, "content hash mismatch"),
        (lambda entries: entries[1].update(actor_name="Người Khác"), 2, "content hash mismatch"),
        (lambda entries: entries[3].update(at="2000-01-01T00:00:00.000000Z"), 4, "content hash mismatch"),
        (lambda entries: entries.pop(1), 2, "missing entry"),
    ],
    ids=["payload", "actor-name", "time", "deleted"],
)
def test_verifier_names_the_first_broken_entry_of_a_tampered_copy(exported, tmp_path, tamper, seq, reason):
    _case, data = exported
    forged = copy.deepcopy(data)
    tamper(forged["entries"])

    result = _run(_write(tmp_path, forged, "forged.json"))

    assert result.returncode == 1
    assert result.stdout.startswith(f"BROKEN at seq {seq}")
    assert reason in result.stdout


def test_verifier_finds_a_rehashed_entry_by_its_successor(exported, tmp_path):
    case, data = exported
    forged = copy.deepcopy(data)
    entry = forged["entries"][2]
    entry["payload"] = '{"signed_on":"2000-01-01"}'
    entry["hash"] = journal.entry_hash(
        case_id=case.pk,
        seq=entry["seq"],
        at_iso=entry["at"],
        actor_id=entry["actor_id"],
        actor_name=entry["actor_name"],
        action=entry["action"],
        payload=entry["payload"],
        prev=entry["prev_hash"],
    )

    result = _run(_write(tmp_path, forged))

    assert result.returncode == 1
    assert result.stdout.startswith("BROKEN at seq 4") and "previous-hash mismatch" in result.stdout


def test_verifier_checks_a_head_known_from_elsewhere(exported, tmp_path):
    _case, data = exported
    path = _write(tmp_path, data)

    known = data["entries"][1]["hash"]
    assert _run(path, "--expect-head", known).returncode == 0
    result = _run(path, "--expect-head", "b" * 64)
    assert result.returncode == 1 and "BROKEN" in result.stdout


def test_verifier_refuses_an_unreadable_file(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert _run(bad).returncode == 2
    assert _run(_write(tmp_path, {"format": "other", "case_id": 1, "entries": []})).returncode == 2
