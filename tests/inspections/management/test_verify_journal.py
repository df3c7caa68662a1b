"""manage.py verify_journal: exit 0 when every chain is intact, 1 naming each broken link."""

import io

import pytest
from django.core.management import CommandError, call_command, execute_from_command_line

from inspections.models import JournalEntry
from inspections.services.cases import decision_sign


def _run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("verify_journal", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _fail(*args) -> tuple[CommandError, str]:
    err = io.StringIO()
    with pytest.raises(CommandError) as excinfo:
        call_command("verify_journal", *args, stdout=io.StringIO(), stderr=err)
    return excinfo.value, err.getvalue()


@pytest.fixture
def two_cases(world, open_case):
    first = open_case(declare=False)
    decision_sign(actor=world.chair, case=first)
    second = open_case(subject_member=world.other_member, declare=False)
    return first, second


def test_verify_journal_reports_ok_with_counts(two_cases):
    out, err = _run()

    assert out.startswith("OK:")
    assert "2 chuỗi, 4 mục" in out
    assert err == ""


def test_verify_journal_with_no_cases_is_ok(db):
    out, _err = _run()

    assert "OK: 0 chuỗi, 0 mục" in out


def test_verify_journal_fails_naming_the_edited_link(two_cases, journal_unlocked):
    first, _second = two_cases
    with journal_unlocked.cursor() as cursor:
        cursor.execute(
            "UPDATE inspections_journalentry SET payload = %s WHERE case_id = %s AND seq = 2", ["{}", first.pk]
        )

    error, err = _fail()

    assert error.returncode == 1
    assert f"Hồ sơ {first.number} (id {first.pk})" in err
    assert "mục số 2" in err
    assert "content hash mismatch" in err
    assert err.count("Hồ sơ ") == 1  # the intact case is not reported
    assert "1 trong 2" in str(error)


def test_verify_journal_fails_naming_the_deleted_link(two_cases, journal_unlocked):
    first, second = two_cases
    with journal_unlocked.cursor() as cursor:
        cursor.execute("DELETE FROM inspections_journalentry WHERE case_id = %s AND seq = 2", [first.pk])
        cursor.execute("UPDATE inspections_journalentry SET action = 'x' WHERE case_id = %s", [second.pk])

    error, err = _fail()

    assert error.returncode == 1
    assert f"Hồ sơ {first.number} (id {first.pk}): chuỗi nhật ký hỏng tại mục số 2" in err
    assert "missing entry" in err
    assert f"Hồ sơ {second.number} (id {second.pk}): chuỗi nhật ký hỏng tại mục số 1" in err
    assert "2 trong 2" in str(error)


def test_verify_journal_case_option_checks_one_chain(two_cases, journal_unlocked):
    first, second = two_cases
    with journal_unlocked.cursor() as cursor:
        cursor.execute("UPDATE inspections_journalentry SET payload = '{}' WHERE case_id = %s", [first.pk])

    out, _err = _run("--case", str(second.pk))
    assert "OK: 1 chuỗi, 1 mục" in out

    error, err = _fail("--case", str(first.pk))
    assert error.returncode == 1
    assert f"(id {first.pk})" in err and "mục số 1" in err


def test_verify_journal_unknown_case_is_an_error(two_cases):
    error, _err = _fail("--case", "999999")

    assert "999999" in str(error)
    assert JournalEntry.objects.count() == 4


def test_verify_journal_exits_with_status_1_from_the_command_line(two_cases, journal_unlocked, capsys):
    first, _second = two_cases
    with journal_unlocked.cursor() as cursor:
        cursor.execute("DELETE FROM inspections_journalentry WHERE case_id = %s AND seq = 1", [first.pk])

    with pytest.raises(SystemExit) as excinfo:
        execute_from_command_line(["manage.py", "verify_journal"])

    assert excinfo.value.code == 1
    assert "mục số 1" in capsys.readouterr().err
