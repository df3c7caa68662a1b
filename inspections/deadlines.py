"""Statutory deadlines for cases, computed from the rule defaults and the holiday calendar."""

import datetime

from inspections.models import CaseKind, Holiday
from inspections.rules.deadlines import PLANNED_INSPECTION, DeadlineRule, due_date

RULES: dict[str, DeadlineRule] = {CaseKind.PLANNED_INSPECTION: PLANNED_INSPECTION}


def holidays_between(start: datetime.date, end: datetime.date) -> frozenset[datetime.date]:
    return frozenset(Holiday.objects.filter(day__gte=start, day__lte=end).values_list("day", flat=True))


def case_due_on(kind: str, clock_start: datetime.date) -> datetime.date | None:
    rule = RULES.get(kind)
    if rule is None:
        return None
    # A generous window: holidays within two years after the start cover any rule we ship.
    holidays = holidays_between(clock_start, clock_start + datetime.timedelta(days=800))
    return due_date(rule, clock_start, holidays)
