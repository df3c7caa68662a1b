"""Statutory deadlines for cases, computed from the rule book and the holiday calendar.

A case is judged by the rule in force on the day its clock started (issue 3 point 1)."""

import datetime

from inspections import rulebook
from inspections.models import CaseKind, Holiday
from inspections.rules.deadlines import DeadlineRule, due_date

# The time-limit code of each kind's whole-case deadline in the rule book.
CASE_LIMITS: dict[str, str] = {
    CaseKind.PLANNED_INSPECTION: "A.resolve",
    CaseKind.SIGNS_INSPECTION: "B.resolve",
    CaseKind.THEMATIC_SUPERVISION: "C2.resolve",
    CaseKind.DENUNCIATION: "D.resolve",
    CaseKind.DISCIPLINE_COMPLAINT: "F.resolve",
    CaseKind.FINANCE_INSPECTION: "G.resolve",
    CaseKind.LOWER_BODY_INSPECTION: "H.resolve",
}


def holidays_between(start: datetime.date, end: datetime.date) -> frozenset[datetime.date]:
    return frozenset(Holiday.objects.filter(day__gte=start, day__lte=end).values_list("day", flat=True))


def due_on(code: str, start: datetime.date, *, province=None, extension: bool = False) -> datetime.date:
    """The day the time limit `code` in force on `start` runs out; with `extension`, the
    day its (single) extension runs out, counted from the original due day."""
    limit = rulebook.time_limit(code, on=start, province=province)
    # A generous window of holidays: two years past the longest span the limit can cover.
    span_days = 800 + (366 * limit.amount if limit.unit == "years" else 0)
    holidays = holidays_between(start, start + datetime.timedelta(days=span_days))
    day = due_date(DeadlineRule(limit.amount, limit.unit, limit.clock_starts, limit.source), start, holidays)
    if extension:
        if not limit.extension_amount or limit.extension_unit is None:
            raise ValueError(f"{code} allows no extension")
        ext = DeadlineRule(limit.extension_amount, limit.extension_unit, limit.clock_starts, limit.source)
        day = due_date(ext, day, holidays_between(day, day + datetime.timedelta(days=800)))
    return day


def case_due_on(kind: str, clock_start: datetime.date, *, province=None) -> datetime.date | None:
    code = CASE_LIMITS.get(kind)
    if code is None:
        return None
    return due_on(code, clock_start, province=province)
