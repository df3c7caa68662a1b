"""Pure deadline arithmetic: no database."""

import datetime

import pytest

from inspections.rulebook import DEFAULT_TIME_LIMITS
from inspections.rules.deadlines import (
    DeadlineRule,
    Unit,
    add_months,
    add_working_days,
    due_date,
    is_working_day,
)

D = datetime.date
NO_HOLIDAYS: frozenset[datetime.date] = frozenset()


def test_is_working_day_weekdays_weekends_and_holidays():
    assert is_working_day(D(2026, 3, 6), NO_HOLIDAYS)  # Friday
    assert not is_working_day(D(2026, 3, 7), NO_HOLIDAYS)  # Saturday
    assert not is_working_day(D(2026, 3, 8), NO_HOLIDAYS)  # Sunday
    assert not is_working_day(D(2026, 3, 9), frozenset({D(2026, 3, 9)}))


def test_add_working_days_skips_the_weekend():
    assert add_working_days(D(2026, 3, 6), 1, NO_HOLIDAYS) == D(2026, 3, 9)  # Fri -> Mon
    assert add_working_days(D(2026, 3, 6), 5, NO_HOLIDAYS) == D(2026, 3, 13)


def test_add_working_days_starting_on_a_weekend_counts_from_monday():
    assert add_working_days(D(2026, 3, 7), 1, NO_HOLIDAYS) == D(2026, 3, 9)


def test_add_working_days_skips_holidays_and_the_weekend():
    # Giỗ Tổ 2026 (Mon 27/4), 30/4 (Thu) and 1/5 (Fri).
    holidays = frozenset({D(2026, 4, 27), D(2026, 4, 30), D(2026, 5, 1)})
    assert add_working_days(D(2026, 4, 24), 1, holidays) == D(2026, 4, 28)
    assert add_working_days(D(2026, 4, 24), 3, holidays) == D(2026, 5, 4)
    assert add_working_days(D(2026, 4, 24), 5, holidays) == D(2026, 5, 6)


def test_add_working_days_over_tet():
    tet = frozenset(D(2026, 2, d) for d in range(14, 23))
    # Friday 13/2/2026; the office reopens on Monday 23/2.
    assert add_working_days(D(2026, 2, 13), 1, tet) == D(2026, 2, 23)


def test_add_working_days_zero_is_the_start_day():
    assert add_working_days(D(2026, 3, 7), 0, NO_HOLIDAYS) == D(2026, 3, 7)


def test_add_working_days_negative_is_refused():
    with pytest.raises(ValueError):
        add_working_days(D(2026, 3, 6), -1, NO_HOLIDAYS)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2028, 1, 31), 1, D(2028, 2, 29)),  # leap year
        (D(2026, 3, 31), 1, D(2026, 4, 30)),
        (D(2026, 8, 31), 1, D(2026, 9, 30)),
        (D(2026, 3, 31), -1, D(2026, 2, 28)),
        (D(2026, 12, 15), 1, D(2027, 1, 15)),
        (D(2026, 11, 30), 3, D(2027, 2, 28)),
        (D(2026, 1, 15), -13, D(2024, 12, 15)),
        (D(2026, 5, 10), 0, D(2026, 5, 10)),
    ],
)
def test_add_months_clamps_to_the_end_of_month(start, months, expected):
    assert add_months(start, months) == expected


def _rule(amount: int, unit) -> DeadlineRule:
    return DeadlineRule(amount=amount, unit=unit, clock_starts="test", source="test")


@pytest.mark.parametrize(
    ("rule", "start", "expected"),
    [
        (_rule(2, Unit.WORKING_DAYS), D(2026, 4, 29), D(2026, 5, 5)),  # 30/4 and 1/5 are holidays
        (_rule(10, Unit.CALENDAR_DAYS), D(2026, 4, 29), D(2026, 5, 9)),  # holidays do not count
        (_rule(1, Unit.MONTHS), D(2026, 1, 31), D(2026, 2, 28)),
        (_rule(6, Unit.MONTHS), D(2026, 8, 31), D(2027, 2, 28)),
        (_rule(1, Unit.YEARS), D(2028, 2, 29), D(2029, 2, 28)),
        (_rule(5, Unit.YEARS), D(2026, 4, 29), D(2031, 4, 29)),
    ],
)
def test_due_date_for_every_unit(rule, start, expected):
    holidays = frozenset({D(2026, 4, 30), D(2026, 5, 1)})
    assert due_date(rule, start, holidays) == expected


def test_due_date_covers_every_unit():
    # Guards the table above: a new unit needs a row there.
    assert set(Unit) == {Unit.WORKING_DAYS, Unit.CALENDAR_DAYS, Unit.MONTHS, Unit.YEARS}


def test_due_date_accepts_a_unit_stored_as_plain_text():
    # Rule tables store the unit as text; it must not fall through to "years".
    assert due_date(_rule(3, "working_days"), D(2026, 3, 6), NO_HOLIDAYS) == D(2026, 3, 11)
    assert due_date(_rule(3, "calendar_days"), D(2026, 3, 6), NO_HOLIDAYS) == D(2026, 3, 9)


def test_due_date_unknown_unit_is_refused():
    with pytest.raises(ValueError):
        due_date(_rule(3, "fortnights"), D(2026, 3, 6), NO_HOLIDAYS)


def test_planned_inspection_default_is_sixty_working_days_and_provisional():
    planned = DEFAULT_TIME_LIMITS["A.resolve"]
    assert (planned.amount, planned.unit) == (60, Unit.WORKING_DAYS)
    assert planned.provisional
