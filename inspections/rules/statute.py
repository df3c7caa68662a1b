"""The statute of limitations for discipline (thời hiệu xử lý kỷ luật), as a pure function.

Domain.md §6.5 (Reg. 69; HD 02-HD/TW 2021; HD 06-HD/UBKTTW 2018):
- 5 years for a violation deserving a reprimand, 10 for a warning or dismissal; no limit
  for expulsion (dissolution of an organisation) and for the listed categories (internal
  political protection; defence, security or foreign affairs harming national interests;
  illegal diplomas). The years come from the rule book (`statute_years`).
- counted from the violation — for a continuing violation, from its end — to the day the
  competent body concludes that the violation requires discipline (`concluded_on`,
  recorded on the case as `DisciplineCase.statute_end_on`, §11b.9), not to the day a
  higher body votes;
- a new violation within the period restarts the clock;
- the form is voted first and then compared with the statute: if it has run out, no
  discipline is imposed.
- a deferral (pregnancy, a child under 12 months, serious illness) adds no days: no rule
  says it does (§11b.9).
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class StatuteCheck:
    years: int | None  # None: no limit
    counted_from: datetime.date
    runs_until: datetime.date | None  # the last day discipline may still be concluded
    expired: bool
    restarted_on: datetime.date | None  # the new violation that restarted the clock, if any


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def statute_check(
    *,
    years: int | None,
    violation_start: datetime.date,
    violation_end: datetime.date | None = None,
    concluded_on: datetime.date,
    new_violations: Iterable[datetime.date] = (),
) -> StatuteCheck:
    """Has the statute run out when the competent body concludes on `concluded_on`?

    Discipline may still be concluded on the last day of the period (`runs_until`)."""
    if violation_end is not None and violation_end < violation_start:
        raise ValueError("the violation ends before it starts")
    counted_from = violation_end or violation_start
    if concluded_on < counted_from:
        raise ValueError("discipline is concluded before the violation")
    if years is None:
        return StatuteCheck(None, counted_from, None, False, None)

    def until(start: datetime.date) -> datetime.date:
        return add_years(start, years)

    restarted_on = None
    for day in sorted(new_violations):
        # A new violation after the old one and while its period still runs restarts it.
        if counted_from < day <= min(until(counted_from), concluded_on):
            counted_from, restarted_on = day, day
    runs_until = until(counted_from)
    return StatuteCheck(years, counted_from, runs_until, concluded_on > runs_until, restarted_on)
