"""Time left to a due date as lists show it (issue 11 point 1): working days, weekends and
holidays skipped, overdue counted in working days past the due date, "due soon" within the
configured number of working days."""

import datetime

from inspections.rules.deadlines import time_left, working_days_left

MON = datetime.date(2026, 11, 30)  # a Monday
HOLIDAYS = frozenset({datetime.date(2026, 12, 2)})  # a Wednesday off


def test_working_days_left_skip_weekends_and_holidays_both_ways():
    assert working_days_left(MON, MON, HOLIDAYS) == 0
    assert working_days_left(MON, MON + datetime.timedelta(days=1), HOLIDAYS) == 1  # Tuesday
    assert working_days_left(MON, MON + datetime.timedelta(days=3), HOLIDAYS) == 2  # Thu, Wed off
    assert working_days_left(MON, MON + datetime.timedelta(days=7), HOLIDAYS) == 4  # next Monday
    # Overdue: working days after the due date up to today.
    friday = MON - datetime.timedelta(days=3)
    assert working_days_left(MON, friday, HOLIDAYS) == -1  # Saturday, Sunday off, Monday counts
    assert working_days_left(MON + datetime.timedelta(days=3), MON, HOLIDAYS) == -2  # Tue, Thu


def test_the_state_marks_overdue_due_soon_and_ok():
    assert time_left(None, MON, HOLIDAYS, 5) is None
    late = time_left(MON - datetime.timedelta(days=1), MON, HOLIDAYS, 5)
    assert late.state == "overdue" and late.overdue_days == 1
    weekend_late = time_left(MON - datetime.timedelta(days=2), MON - datetime.timedelta(days=1), HOLIDAYS, 5)
    assert weekend_late.state == "overdue" and weekend_late.overdue_days == 0  # due Saturday, seen Sunday
    assert time_left(MON, MON, HOLIDAYS, 5).state == "due_soon"
    assert time_left(MON + datetime.timedelta(days=7), MON, HOLIDAYS, 4).state == "due_soon"
    assert time_left(MON + datetime.timedelta(days=7), MON, HOLIDAYS, 3).state == "ok"
    ranked = sorted(
        [time_left(MON + datetime.timedelta(days=d), MON, HOLIDAYS, 5) for d in (10, -8, 1, -1)],
        key=lambda t: t.rank,
    )
    assert [t.due_on - MON for t in ranked] == [datetime.timedelta(days=d) for d in (-8, -1, 1, 10)]
