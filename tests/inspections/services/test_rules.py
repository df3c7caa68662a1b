"""Writing the rule tables (inspections.services.rules) and the rule-change log
(inspections.rule_log): versioning discipline, validation, journaling, tamper evidence."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from inspections import rule_log, rulebook
from inspections.exceptions import RuleViolation
from inspections.models import (
    RULE_MODELS,
    NotHandledCriterion,
    RuleChange,
    SanctionAuthorityRule,
    StatuteRule,
    TimeLimitRule,
    VoteThresholdRule,
)
from inspections.services.rules import (
    SEED_EFFECTIVE_FROM,
    rule_version_delete,
    rule_version_save,
    seed_defaults,
)

D = datetime.date
TODAY = D(2026, 6, 15)


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return TODAY


def _new_limit(**overrides):
    values = {
        "code": "D.resolve",
        "amount": 60,
        "unit": "working_days",
        "clock_starts": "received_by_competent_body",
        "source": "QĐ 296-QĐ/TW",
        "effective_from": D(2026, 7, 1),
    } | overrides
    return TimeLimitRule(**values)


def _seeded(code="D.resolve") -> TimeLimitRule:
    return TimeLimitRule.objects.get(code=code, province__isnull=True, effective_from=SEED_EFFECTIVE_FROM)


def _log_count() -> int:
    return RuleChange.objects.count()


# --- the seed ------------------------------------------------------------------------------


def test_the_seed_is_logged_and_the_log_matches_the_tables(db):
    # Every logged table's seeded rows, the reference tables included (segregation options,
    # grounds, opening rules, holidays: inspections/migrations/0014_log_reference_rows).
    seeded = sum(model.objects.count() for model in rule_log.LOGGED_MODELS)
    assert seeded > sum(model.objects.count() for model in RULE_MODELS) > 0
    assert RuleChange.objects.filter(action="create", actor__isnull=True).count() == seeded
    assert rule_log.verify_chain() is None
    assert rule_log.unlogged_rows() == []


def test_seed_defaults_is_idempotent_and_adds_a_missing_default(db, world):
    assert seed_defaults() == []
    TimeLimitRule.objects.filter(code="archive").delete()  # as if added to the code later
    before = _log_count()

    created = seed_defaults(actor=world.staff)

    assert [row.code for row in created] == ["archive"]
    assert rulebook.time_limit("archive", on=TODAY).version == created[0].pk
    assert _log_count() == before + 1
    assert RuleChange.objects.order_by("-seq").first().actor == world.staff


# --- adding and changing versions ----------------------------------------------------------


def test_adding_a_version_is_logged_with_its_values(world, today):
    row = rule_version_save(actor=world.staff, row=_new_limit())

    change = RuleChange.objects.order_by("-seq").first()
    assert (change.action, change.table, change.row_id, change.actor, change.actor_name) == (
        "create",
        "timelimitrule",
        row.pk,
        world.staff,
        str(world.staff),
    )
    assert change.before == ""
    assert json.loads(change.after)["amount"] == 60
    assert json.loads(change.after)["effective_from"] == "2026-07-01"
    assert rule_log.verify_chain() is None
    assert rule_log.unlogged_rows() == []


def test_a_future_version_may_be_changed_and_the_change_is_logged(world, today):
    row = rule_version_save(actor=world.staff, row=_new_limit())
    row.amount = 45
    row.effective_from = D(2026, 8, 1)

    rule_version_save(actor=world.chair, row=row)

    change = RuleChange.objects.order_by("-seq").first()
    assert change.action == "update" and change.actor == world.chair
    assert (json.loads(change.before)["amount"], json.loads(change.after)["amount"]) == (60, 45)
    assert TimeLimitRule.objects.get(pk=row.pk).amount == 45


def test_saving_without_a_change_logs_nothing(world, today):
    row = rule_version_save(actor=world.staff, row=_new_limit())
    before = _log_count()
    rule_version_save(actor=world.staff, row=TimeLimitRule.objects.get(pk=row.pk))
    assert _log_count() == before


def test_the_numbers_of_a_version_in_force_are_not_rewritten(world, today):
    row = _seeded()
    before = _log_count()
    row.amount = 75
    row.unit = "calendar_days"

    with pytest.raises(RuleViolation) as refused:
        rule_version_save(actor=world.staff, row=row)

    message = refused.value.messages[0]
    assert "01/01/2000" in message and "phiên bản mới" in message
    assert "thời hạn" in message and "đơn vị" in message
    assert _seeded().amount == 90
    assert _log_count() == before


@pytest.mark.parametrize(
    "field, value",
    [
        ("code", "D.other"),
        ("effective_from", D(2026, 1, 1)),
        ("clock_starts", "decision_signed"),
        ("extension_amount", 10),
    ],
)
def test_every_rule_field_of_a_version_in_force_is_fixed(world, today, field, value):
    row = _seeded()
    setattr(row, field, value)
    with pytest.raises(RuleViolation):
        rule_version_save(actor=world.staff, row=row)


def test_the_province_of_a_version_in_force_is_fixed(world, today):
    row = _seeded()
    row.province = world.province
    with pytest.raises(RuleViolation):
        rule_version_save(actor=world.staff, row=row)


def test_the_citation_of_a_version_in_force_may_be_corrected(world, today):
    row = _seeded()
    row.source = "QĐ 30-QĐ/TW, mục 5.1"
    row.note = "Sửa trích dẫn"
    row.provisional = True

    rule_version_save(actor=world.staff, row=row)

    change = RuleChange.objects.order_by("-seq").first()
    assert (change.action, change.row_id) == ("update", row.pk)
    assert json.loads(change.after)["source"] == "QĐ 30-QĐ/TW, mục 5.1"
    assert rulebook.time_limit("D.resolve", on=TODAY).source == "QĐ 30-QĐ/TW, mục 5.1"


def test_a_version_in_force_may_be_ended_from_today_on_only(world, today):
    row = _seeded("B.resolve")
    row.effective_to = TODAY - datetime.timedelta(days=1)
    with pytest.raises(RuleViolation) as refused:
        rule_version_save(actor=world.staff, row=row)
    assert "15/06/2026" in refused.value.messages[0]

    row.effective_to = TODAY
    rule_version_save(actor=world.staff, row=row)
    assert _seeded("B.resolve").effective_to == TODAY


def test_a_past_end_is_not_moved(world, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: D(2026, 1, 1))
    row = rule_version_save(actor=world.staff, row=_new_limit(code="X.t", effective_from=D(2026, 1, 1)))
    row.effective_to = D(2026, 3, 31)
    rule_version_save(actor=world.staff, row=row)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)

    row.effective_to = None
    with pytest.raises(RuleViolation) as refused:
        rule_version_save(actor=world.staff, row=row)
    assert "31/03/2026" in refused.value.messages[0]
    assert TimeLimitRule.objects.get(pk=row.pk).effective_to == D(2026, 3, 31)


def test_a_back_dated_new_version_is_accepted(world, today):
    row = rule_version_save(actor=world.staff, row=_new_limit(effective_from=D(2026, 5, 1)))
    assert rulebook.time_limit("D.resolve", on=D(2026, 5, 1)).version == row.pk


# --- deleting ------------------------------------------------------------------------------


def test_a_future_version_may_be_deleted_and_the_deletion_is_logged(world, today):
    row = rule_version_save(actor=world.staff, row=_new_limit())
    pk = row.pk

    rule_version_delete(actor=world.chair, row=row)

    assert not TimeLimitRule.objects.filter(pk=pk).exists()
    change = RuleChange.objects.order_by("-seq").first()
    assert (change.action, change.row_id, change.after, change.actor) == ("delete", pk, "", world.chair)
    assert json.loads(change.before)["amount"] == 60
    assert rule_log.unlogged_rows() == []


def test_a_version_in_force_cannot_be_deleted(world, today):
    row = _seeded()
    before = _log_count()
    with pytest.raises(RuleViolation) as refused:
        rule_version_delete(actor=world.staff, row=row)
    assert "không xóa được" in refused.value.messages[0]
    assert TimeLimitRule.objects.filter(pk=row.pk).exists()
    assert _log_count() == before


# --- validation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "row, expected",
    [
        (lambda: _new_limit(amount=0), "lớn hơn 0"),
        (lambda: _new_limit(extension_amount=10), "đơn vị của thời gian gia hạn"),
        (lambda: _new_limit(extension_amount=10, extension_unit="working_days"), "số lần"),
        (lambda: _new_limit(extension_unit="working_days"), "để trống đơn vị"),
        (lambda: _new_limit(unit="fortnights"), "fortnights"),
        (lambda: _new_limit(code="D resolve"), "Mã chỉ gồm"),
        (lambda: _new_limit(effective_to=D(2026, 6, 30)), "không được trước ngày bắt đầu"),
        (
            lambda: VoteThresholdRule(code="decide", numerator=3, denominator=2, source="T", effective_from=TODAY),
            "không quá 1",
        ),
        (
            lambda: VoteThresholdRule(code="decide", numerator=0, denominator=2, source="T", effective_from=TODAY),
            "không quá 1",
        ),
        (lambda: StatuteRule(category="member.reprimand", years=0, source="T", effective_from=TODAY), "0 năm"),
        (
            lambda: SanctionAuthorityRule(
                body_kind="cell", subject_kind="martian", form="warning", source="T", effective_from=TODAY
            ),
            "martian",
        ),
        (
            lambda: NotHandledCriterion(
                letter_kind="denunciation", code="x", label="", source="T", effective_from=TODAY
            ),
            "",
        ),
    ],
)
def test_invalid_versions_are_refused_with_a_message(world, today, row, expected):
    before = _log_count()
    with pytest.raises(RuleViolation) as refused:
        rule_version_save(actor=world.staff, row=row())
    assert expected in " ".join(refused.value.messages)
    assert _log_count() == before


def test_a_province_override_must_be_a_province(world, today):
    with pytest.raises(RuleViolation) as refused:
        rule_version_save(actor=world.staff, row=_new_limit(province=world.commune))
    assert "cấp tỉnh" in refused.value.messages[0]
    rule_version_save(actor=world.staff, row=_new_limit(province=world.province))


def test_two_versions_of_a_rule_may_not_start_on_the_same_day_in_the_same_scope(world, today):
    rule_version_save(actor=world.staff, row=_new_limit())
    with pytest.raises(RuleViolation) as refused:
        rule_version_save(actor=world.staff, row=_new_limit(amount=50))
    assert "cùng ngày" in refused.value.messages[0]
    # Another scope may.
    rule_version_save(actor=world.staff, row=_new_limit(province=world.province))


# --- the log is append-only and tamper-evident ---------------------------------------------


def test_the_log_refuses_update_and_delete(db):
    change = RuleChange.objects.order_by("seq").first()
    with pytest.raises(DatabaseError), transaction.atomic():
        RuleChange.objects.filter(pk=change.pk).update(actor_name="x")
    with pytest.raises(DatabaseError), transaction.atomic():
        RuleChange.objects.filter(pk=change.pk).delete()
    assert RuleChange.objects.get(pk=change.pk).actor_name == change.actor_name


def test_the_log_accepts_an_update_that_changes_nothing(db):
    # What a test's serialized rollback does when it reloads the seeded rows.
    change = RuleChange.objects.order_by("seq").first()
    change.save()
    with pytest.raises(DatabaseError), transaction.atomic():
        RuleChange.objects.filter(pk=change.pk).update(hash="0" * 64)
    assert rule_log.verify_chain() is None


def test_append_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError):
        rule_log.append(actor=None, row=TimeLimitRule(pk=1), action="create", before=None, after={})


@pytest.fixture
def log_unlocked(db):
    """Remove the log's triggers for this test only, as an attacker with DDL rights would;
    the test's rollback restores them."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE inspections_rulechange DISABLE TRIGGER USER")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        else:
            cursor.execute("DROP TRIGGER rulechange_no_update")
            cursor.execute("DROP TRIGGER rulechange_no_delete")


def test_a_rewritten_log_entry_is_found(log_unlocked):
    entry = RuleChange.objects.get(seq=3)
    RuleChange.objects.filter(pk=entry.pk).update(after=entry.after.replace('"amount":60', '"amount":6'))
    assert rule_log.verify_chain().seq == 3
    assert rule_log.verify_chain().reason == "content hash mismatch"


def test_a_removed_log_entry_is_found(log_unlocked):
    RuleChange.objects.filter(seq=5).delete()
    assert rule_log.verify_chain() == rule_log.BrokenChange(5, "missing entry")


def test_a_rule_row_changed_behind_the_log_is_found(db):
    row = _seeded()
    TimeLimitRule.objects.filter(pk=row.pk).update(amount=9)
    StatuteRule.objects.filter(category="member.reprimand").delete()
    extra = TimeLimitRule.objects.create(
        code="Q.x", amount=1, unit="working_days", clock_starts="decision_signed", source="T", effective_from=TODAY
    )

    found = {(r.table, r.row_id): r.reason for r in rule_log.unlogged_rows()}

    assert found[("timelimitrule", row.pk)] == "differs from the logged values"
    assert found[("timelimitrule", extra.pk)] == "no log entry"
    assert "deleted without a log entry" in found.values()
    assert len(found) == 3


def test_verify_rule_log_command(db, capsys):
    call_command("verify_rule_log")
    assert "OK" in capsys.readouterr().out

    TimeLimitRule.objects.filter(code="A.resolve").update(amount=1)
    with pytest.raises(CommandError) as failed:
        call_command("verify_rule_log")
    assert failed.value.returncode == 1
    assert "timelimitrule" in capsys.readouterr().err


def test_rules_seed_command(db, capsys):
    TimeLimitRule.objects.filter(code="archive").delete()
    call_command("rules_seed")
    assert "1" in capsys.readouterr().out
    assert TimeLimitRule.objects.filter(code="archive", province__isnull=True).count() == 1
