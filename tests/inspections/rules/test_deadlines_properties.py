"""Properties of the deadline arithmetic (inspections.rules.deadlines; domain.md §7.7),
checked with hypothesis over many dates, amounts and holiday calendars. No database."""

import calendar
import datetime

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from inspections.rules.deadlines import (
    DeadlineRule,
    Unit,
    add_months,
    add_working_days,
    due_date,
    is_working_day,
)

D = datetime.date
ONE_DAY = datetime.timedelta(days=1)

dates = st.dates(min_value=D(2000, 1, 1), max_value=D(2100, 12, 31))
amounts = st.integers(min_value=0, max_value=400)
months = st.integers(min_value=-1200, max_value=1200)


@st.composite
def calendars(draw):
    """A start day and a holiday calendar clustered around it (where it matters)."""
    start = draw(dates)
    offsets = draw(st.sets(st.integers(min_value=-5, max_value=700), max_size=60))
    return start, frozenset(start + datetime.timedelta(days=o) for o in offsets)


def working(day: datetime.date, holidays) -> bool:
    """The oracle, written out independently: Monday to Friday and not a holiday."""
    return day.isoweekday() <= 5 and day not in holidays


def working_days_in(after: datetime.date, through: datetime.date, holidays) -> int:
    """Working days in the half-open span (after, through], by the oracle."""
    count, day = 0, after
    while day < through:
        day += ONE_DAY
        count += working(day, holidays)
    return count


@given(calendars(), st.integers(min_value=-5, max_value=700))
def test_is_working_day_agrees_with_the_oracle(cal, offset):
    start, holidays = cal
    day = start + datetime.timedelta(days=offset)
    assert is_working_day(day, holidays) == working(day, holidays)


# --- working days ---------------------------------------------------------------------------


@given(calendars(), amounts)
@example((D(2026, 4, 24), frozenset({D(2026, 4, 27), D(2026, 4, 30), D(2026, 5, 1)})), 1)
def test_the_result_is_a_working_day_after_start_with_exactly_amount_working_days(cal, amount):
    start, holidays = cal
    result = add_working_days(start, amount, holidays)
    if amount == 0:
        assert result == start
        return
    assert result > start
    assert working(result, holidays)
    assert working_days_in(start, result, holidays) == amount
    # ... and the day before the result still lacks one.
    assert working_days_in(start, result - ONE_DAY, holidays) == amount - 1


@given(calendars(), amounts, amounts)
def test_working_days_are_monotonic_in_the_amount(cal, a, b):
    start, holidays = cal
    low, high = sorted((a, b))
    first, second = add_working_days(start, low, holidays), add_working_days(start, high, holidays)
    assert first <= second
    if low < high:
        assert first < second


@given(calendars(), amounts, amounts)
def test_working_days_compose(cal, a, b):
    start, holidays = cal
    assert add_working_days(add_working_days(start, a, holidays), b, holidays) == add_working_days(
        start, a + b, holidays
    )


@given(calendars(), amounts, st.sets(st.integers(min_value=0, max_value=700), max_size=30))
def test_holidays_only_push_the_deadline_later(cal, amount, extra):
    start, holidays = cal
    more = holidays | {start + datetime.timedelta(days=o) for o in extra}
    assert add_working_days(start, amount, holidays) <= add_working_days(start, amount, more)


@given(calendars(), amounts)
def test_holidays_outside_the_span_or_on_weekends_change_nothing(cal, amount):
    start, holidays = cal
    result = add_working_days(start, amount, holidays)
    weekends = {
        start + datetime.timedelta(days=o) for o in range(1, 700) if (start + datetime.timedelta(days=o)).weekday() >= 5
    }
    later = {result + datetime.timedelta(days=o) for o in range(1, 30)}
    earlier = {start - datetime.timedelta(days=o) for o in range(0, 30)}
    assert add_working_days(start, amount, holidays | weekends | later | earlier) == result


@given(dates, amounts)
def test_without_holidays_five_more_working_days_are_one_more_week(start, amount):
    # From a working day (any result with amount >= 1, or a weekday start), five working
    # days later is the same weekday of the next week.
    assume(amount >= 1 or start.weekday() < 5)
    no_holidays: frozenset[datetime.date] = frozenset()
    base = add_working_days(start, amount, no_holidays)
    assert add_working_days(start, amount + 5, no_holidays) == base + datetime.timedelta(days=7)


@given(calendars(), st.integers(min_value=-1000, max_value=-1))
def test_a_negative_amount_is_refused(cal, amount):
    start, holidays = cal
    with pytest.raises(ValueError):
        add_working_days(start, amount, holidays)


# --- months and years -----------------------------------------------------------------------


@given(dates, months)
@example(D(2026, 1, 31), 1)
@example(D(2024, 2, 29), 12)
@example(D(2026, 3, 31), -1)
def test_add_months_lands_in_the_right_month_and_never_overflows_its_end(start, count):
    result = add_months(start, count)
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == count
    last = calendar.monthrange(result.year, result.month)[1]
    assert result.day == min(start.day, last)


@given(dates, months)
def test_add_months_is_inverse_consistent(start, count):
    back = add_months(add_months(start, count), -count)
    # The same month always; the same day unless the month end clamped it on the way.
    assert (back.year, back.month) == (start.year, start.month)
    assert back <= start
    if start.day <= 28:
        assert back == start


@given(dates, months, months)
def test_add_months_composes_up_to_the_month_end_clamp(start, a, b):
    assert add_months(add_months(start, a), b) <= add_months(start, a + b)
    if start.day <= 28:
        assert add_months(add_months(start, a), b) == add_months(start, a + b)


@given(dates, st.integers(min_value=0, max_value=1200), st.integers(min_value=0, max_value=1200))
def test_add_months_is_monotonic_for_a_fixed_start(start, a, b):
    low, high = sorted((a, b))
    assert start <= add_months(start, low) <= add_months(start, high)


# --- due_date per unit ---------------------------------------------------------------------


def _rule(amount: int, unit) -> DeadlineRule:
    return DeadlineRule(amount, unit, "decision_signed", "Thử")


@given(calendars(), amounts, st.sampled_from(list(Unit)), st.booleans())
def test_due_date_follows_its_unit(cal, amount, unit, as_text):
    start, holidays = cal
    # A unit read back from a rule table is a plain string: it must mean the same.
    result = due_date(_rule(amount, str(unit.value) if as_text else unit), start, holidays)
    expected = {
        Unit.WORKING_DAYS: lambda: add_working_days(start, amount, holidays),
        Unit.CALENDAR_DAYS: lambda: start + datetime.timedelta(days=amount),
        Unit.MONTHS: lambda: add_months(start, amount),
        Unit.YEARS: lambda: add_months(start, 12 * amount),
    }[unit]()
    assert result == expected
    assert result >= start
    assert (result == start) == (amount == 0)


@given(calendars(), st.integers(min_value=1, max_value=400))
def test_calendar_days_ignore_holidays_and_working_days_never_come_sooner(cal, amount):
    start, holidays = cal
    calendar_due = due_date(_rule(amount, Unit.CALENDAR_DAYS), start, holidays)
    assert calendar_due == due_date(_rule(amount, Unit.CALENDAR_DAYS), start, frozenset())
    assert due_date(_rule(amount, Unit.WORKING_DAYS), start, holidays) >= calendar_due


@given(dates, st.integers(min_value=1, max_value=50))
def test_years_are_twelve_months_and_keep_the_day_but_for_29_february(start, years):
    result = due_date(_rule(years, Unit.YEARS), start, frozenset())
    assert result == due_date(_rule(12 * years, Unit.MONTHS), start, frozenset())
    assert (result.year, result.month) == (start.year + years, start.month)
    if (start.month, start.day) == (2, 29):
        assert result.day == (29 if calendar.isleap(result.year) else 28)
    else:
        assert result.day == start.day


@given(dates, amounts, st.text(min_size=1, max_size=12))
def test_an_unknown_unit_is_an_error_not_a_guess(start, amount, unit):
    assume(unit not in {u.value for u in Unit})
    with pytest.raises(ValueError):
        due_date(_rule(amount, unit), start, frozenset())
