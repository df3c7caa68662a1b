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
