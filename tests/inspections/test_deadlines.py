"""Statutory deadlines with the holiday calendar from the database."""

import datetime

from inspections.deadlines import case_due_on, holidays_between
from inspections.models import CaseKind, Holiday
from tests.factories.rules import HolidayFactory

D = datetime.date


def test_holidays_between_includes_both_ends(db):
    Holiday.objects.filter(day__range=(D(2031, 1, 1), D(2031, 12, 31))).delete()
    for day in (D(2031, 1, 1), D(2031, 1, 2), D(2031, 1, 10)):
        HolidayFactory(day=day, name="Thử")

    assert holidays_between(D(2031, 1, 1), D(2031, 1, 10)) == {D(2031, 1, 1), D(2031, 1, 2), D(2031, 1, 10)}
    assert holidays_between(D(2031, 1, 2), D(2031, 1, 9)) == {D(2031, 1, 2)}


def test_case_due_on_counts_holidays_from_the_calendar(db):
    # Friday 3/1/2031 + 60 working days, without holidays: Friday 28/3/2031.
    Holiday.objects.filter(day__range=(D(2031, 1, 1), D(2031, 12, 31))).delete()
    assert case_due_on(CaseKind.PLANNED_INSPECTION, D(2031, 1, 3)) == D(2031, 3, 28)

    HolidayFactory(day=D(2031, 1, 6), name="Thử")
    assert case_due_on(CaseKind.PLANNED_INSPECTION, D(2031, 1, 3)) == D(2031, 3, 31)


def test_case_due_on_is_none_for_a_kind_without_a_rule(db):
    # Regular supervision is a continuous log, discipline has step limits only.
    assert case_due_on(CaseKind.REGULAR_SUPERVISION, D(2026, 3, 6)) is None
    assert case_due_on(CaseKind.DISCIPLINE, D(2026, 3, 6)) is None
