"""Deadline arithmetic (domain.md §7, points 7–8).

Most party time limits count working days (Monday–Friday, not public holidays); some
count calendar days, months or years.
"""

import calendar
import datetime
from dataclasses import dataclass
from enum import StrEnum


class Unit(StrEnum):
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"
    MONTHS = "months"
    YEARS = "years"


@dataclass(frozen=True)
class DeadlineRule:
    amount: int
    unit: Unit
    clock_starts: str
    source: str
    provisional: bool = False


def is_working_day(day: datetime.date, holidays: frozenset[datetime.date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def add_working_days(start: datetime.date, amount: int, holidays: frozenset[datetime.date]) -> datetime.date:
    """The date on which `amount` working days after `start` have elapsed.

    The start day itself is not counted (the clock runs from the next working day).
    """
    if amount < 0:
        raise ValueError("amount must be >= 0")
    day = start
    remaining = amount
    while remaining:
        day += datetime.timedelta(days=1)
        if is_working_day(day, holidays):
            remaining -= 1
    return day


def add_months(start: datetime.date, months: int) -> datetime.date:
    month_index = start.month - 1 + months
    year = start.year + month_index // 12
    month = month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return datetime.date(year, month, day)


def due_date(rule: DeadlineRule, start: datetime.date, holidays: frozenset[datetime.date]) -> datetime.date:
    # Normalise first: a unit given as a plain string (as a rule table stores it) must not
    # fall through to "years", and an unknown unit is an error rather than a guess.
    unit = Unit(rule.unit)
    if unit == Unit.WORKING_DAYS:
        return add_working_days(start, rule.amount, holidays)
    if unit == Unit.CALENDAR_DAYS:
        return start + datetime.timedelta(days=rule.amount)
    if unit == Unit.MONTHS:
        return add_months(start, rule.amount)
    return add_months(start, 12 * rule.amount)


def working_days_left(today: datetime.date, due: datetime.date, holidays: frozenset[datetime.date]) -> int:
    """Working days from `today` to `due`: after today up to and including the due day when
    it lies ahead (0 on the day itself); minus the working days past it when overdue."""
    if due == today:
        return 0
    step, sign = (datetime.timedelta(days=1), 1) if due > today else (datetime.timedelta(days=-1), -1)
    days, day = 0, today
    while day != due:
        day += step
        days += is_working_day(day if sign > 0 else day + datetime.timedelta(days=1), holidays)
    return sign * days


@dataclass(frozen=True)
class TimeLeft:
    """A due date as a list shows it (issue 11 point 1): working days left (negative: days
    overdue) and the state — "overdue", "due_soon" (within the configured working days,
    KIEMTRA_DUE_SOON_DAYS) or "ok"."""

    due_on: datetime.date
    days: int
    state: str

    @property
    def overdue_days(self) -> int:
        return max(0, -self.days)

    @property
    def rank(self) -> tuple:
        """Sort key, most urgent first: overdue (longest first), then soonest."""
        return (self.days, self.due_on)


def time_left(
    due: datetime.date | None, today: datetime.date, holidays: frozenset[datetime.date], soon: int
) -> TimeLeft | None:
    if due is None:
        return None
    days = working_days_left(today, due, holidays)
    state = "overdue" if due < today else "due_soon" if days <= soon else "ok"
    return TimeLeft(due, days, state)
