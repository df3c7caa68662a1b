"""A case uses the rule in force when its clock started (issue 3 point 1), for its
province: tested with a rule changed mid-year, a province override, and a later rule
change that must not move a due date already computed."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from inspections import journal
from inspections.deadlines import case_due_on, province_of, start_clock
from inspections.exceptions import RuleViolation
from inspections.models import Case, CaseKind, Holiday, TimeLimitRule
from inspections.services.cases import decision_sign
from inspections.services.rules import rule_version_save
from people.models import OrgLevel
from people.services.organisations import organisation_create

D = datetime.date


@pytest.fixture
def clock(monkeypatch):
    """Set "today" for the services (opening, signing, editing rules)."""

    def _set(day: datetime.date) -> None:
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)

    return _set


@pytest.fixture(autouse=True)
def _no_holidays_in_2026(db):
    # Plain weekday arithmetic for the dates below (the holiday calendar is tested elsewhere).
    Holiday.objects.filter(day__year__in=[2026, 2027]).delete()


def _version(actor, *, amount, on, province=None, code="A.resolve"):
    return rule_version_save(
        actor=actor,
        row=TimeLimitRule(
            code=code,
            amount=amount,
            unit="working_days",
            clock_starts="decision_signed",
            source="Thử nghiệm",
            effective_from=on,
            province=province,
        ),
    )


def _sign(world, open_case, clock, day):
    clock(day)
    case = open_case()
    decision_sign(actor=world.chair, case=case, signed_on=day)
    case.refresh_from_db()
    return case


def test_province_of_is_the_province_above_the_jurisdiction(world, open_case):
    case = open_case()
    assert case.jurisdiction_path == world.commune.path
    assert province_of(case) == world.province


def test_province_of_in_the_legacy_structure_and_without_a_province(db):
    legacy_province = organisation_create(name="Tỉnh ủy cũ", level=OrgLevel.objects.get(code="legacy-province"))
    district = organisation_create(name="Huyện ủy", level=OrgLevel.objects.get(code="district"), parent=legacy_province)
    grassroots = organisation_create(
        name="Đảng ủy cơ sở", level=OrgLevel.objects.get(code="grassroots"), parent=district
    )
    assert province_of(Case(jurisdiction_path=grassroots.path)) == legacy_province
    # A tree whose root is not a province: no province, the national rules apply.
    lone = organisation_create(name="Đảng bộ xã lẻ", level=OrgLevel.objects.get(code="commune"))
    assert province_of(Case(jurisdiction_path=lone.path)) is None
    assert province_of(Case(jurisdiction_path="")) is None


def test_signing_starts_the_clock_and_journals_the_version_applied(world, open_case, clock):
    # Monday 2/3/2026 + 60 working days (12 weeks) = Monday 25/5/2026.
    case = _sign(world, open_case, clock, D(2026, 3, 2))

    assert case.clock_started_on == D(2026, 3, 2)
    assert case.due_on == D(2026, 5, 25)
    signed = case.journal.get(action="decision.signed")
    rule = journal.decoded(signed)["time_limit"]
    seeded = TimeLimitRule.objects.get(code="A.resolve", province__isnull=True)
    assert rule == {
        "code": "A.resolve",
        "amount": 60,
        "unit": "working_days",
        "version": seeded.pk,
        "effective_from": "2000-01-01",
        "province": None,
        "level": "",
        "provisional": True,
    }


def test_a_rule_changed_mid_year_applies_to_clocks_started_after_the_change(world, open_case, clock):
    # Signed Monday 1/6/2026 under the shipped 60 working days -> Monday 24/8/2026.
    before = _sign(world, open_case, clock, D(2026, 6, 1))
    # On 15/6 the administrator enters a new version, 30 working days from 1/7/2026.
    clock(D(2026, 6, 15))
    _version(world.staff, amount=30, on=D(2026, 7, 1))
    # Signed Tuesday 30/6 (still the old rule) and Wednesday 1/7 (the new one).
    last_day_old = _sign(world, open_case, clock, D(2026, 6, 30))
    first_day_new = _sign(world, open_case, clock, D(2026, 7, 1))

    assert before.due_on == D(2026, 8, 24)
    assert last_day_old.due_on == D(2026, 9, 22)  # 60 working days
    assert first_day_new.due_on == D(2026, 8, 12)  # 30 working days
    # The first case's due date was not touched by the change.
    before.refresh_from_db()
    assert before.due_on == D(2026, 8, 24)


def test_a_province_override_applies_only_to_that_provinces_cases(world, open_case, clock):
    clock(D(2026, 1, 5))
    other = organisation_create(name="Đảng bộ tỉnh Bên Cạnh", level=OrgLevel.objects.get(code="province"))
    _version(world.staff, amount=20, on=D(2026, 2, 1), province=other)

    national = _sign(world, open_case, clock, D(2026, 3, 2))
    assert national.due_on == D(2026, 5, 25)  # 60 working days: the other province's rule is not ours

    _version(world.staff, amount=40, on=D(2026, 4, 1), province=world.province)
    ours = _sign(world, open_case, clock, D(2026, 4, 6))
    assert ours.due_on == D(2026, 6, 1)  # 40 working days (Monday 6/4 + 8 weeks)
    assert journal.decoded(ours.journal.get(action="decision.signed"))["time_limit"]["province"] == world.province.pk
    assert case_due_on(CaseKind.PLANNED_INSPECTION, D(2026, 4, 6)) == D(2026, 6, 29)  # national: 60


def test_a_computed_due_date_is_kept_when_the_rule_changes_later(world, open_case, clock, client):
    case = _sign(world, open_case, clock, D(2026, 3, 2))
    assert case.due_on == D(2026, 5, 25)
    # Later an administrator enters, back-dated, a version that would have applied on that day.
    clock(D(2026, 3, 20))
    _version(world.staff, amount=10, on=D(2026, 1, 1))
    assert case_due_on(case.kind, case.clock_started_on, province=province_of(case)) == D(2026, 3, 16)

    client.force_login(world.chair)
    page = client.get(reverse("cases:detail", args=[case.pk]))

    assert page.status_code == 200
    assert "25/05/2026" in page.content.decode()
    case.refresh_from_db()
    assert (case.clock_started_on, case.due_on) == (D(2026, 3, 2), D(2026, 5, 25))


def test_the_version_applied_cannot_be_rewritten_afterwards(world, open_case, clock):
    case = _sign(world, open_case, clock, D(2026, 3, 2))
    seeded = TimeLimitRule.objects.get(code="A.resolve", province__isnull=True)
    seeded.amount = 10
    with pytest.raises(RuleViolation):
        rule_version_save(actor=world.staff, row=seeded)
    assert case_due_on(case.kind, case.clock_started_on) == case.due_on


def test_start_clock_for_a_kind_without_a_case_limit(world, open_case):
    case = open_case()
    case.kind = CaseKind.REGULAR_SUPERVISION
    assert start_clock(case, D(2026, 3, 2)) is None
    assert (case.clock_started_on, case.due_on) == (D(2026, 3, 2), None)
