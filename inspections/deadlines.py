"""Statutory deadlines for cases, computed from the rule book and the holiday calendar.

A case is judged by the rule in force on the day its clock started (issue 3 point 1;
domain.md §7.8), for the case's province when it has its own version of the rule. The due
date is computed once, when the clock starts, and stored on the case (`Case.due_on`): a
rule changed later, even one given a start day in the past, does not move it.

The province whose rules govern the case is fixed when its clock starts too
(`Case.rules_province`, set by `start_clock`, issue 9 point 4): every later computation of
the case's own time limit (extension, pause, resume, the panels) asks `governing_province`,
so a committee or a case moved to another province later keeps the first province's rules."""

import datetime

from inspections import rulebook
from inspections.kinds.registry import case_limits
from inspections.models import PROVINCE_RANK, Case, Holiday
from inspections.rules.deadlines import DeadlineRule, due_date
from people.models import Organisation

# The time-limit code of each kind's whole-case deadline in the rule book, read from the
# kinds' specs (KindSpec.case_limit).
CASE_LIMITS = case_limits


def holidays_between(start: datetime.date, end: datetime.date) -> frozenset[datetime.date]:
    return frozenset(Holiday.objects.filter(day__gte=start, day__lte=end).values_list("day", flat=True))


def province_of(case: Case) -> Organisation | None:
    """The province-level organisation (the top level of its structure) above the case's
    jurisdiction, read from the path copied when the case was opened, so a case keeps the
    province it was opened under through merges (domain.md "What this means", point 2).
    None when the path holds no province: the national rules apply. One query."""
    ids = [int(part) for part in case.jurisdiction_path.split("/") if part.isdigit()]
    if not ids:
        return None
    return Organisation.objects.filter(pk__in=ids, level__rank=PROVINCE_RANK).order_by("path").first()


def due_by(limit: rulebook.TimeLimit, start: datetime.date, *, extension: bool = False) -> datetime.date:
    """The day `limit` runs out when its clock starts on `start`; with `extension`, the day
    its (single) extension runs out, counted from the original due day."""
    # A generous window of holidays: two years past the longest span the limit can cover.
    span_days = 800 + (366 * limit.amount if limit.unit == "years" else 0)
    holidays = holidays_between(start, start + datetime.timedelta(days=span_days))
    day = due_date(DeadlineRule(limit.amount, limit.unit, limit.clock_starts, limit.source), start, holidays)
    if extension:
        if not limit.extension_amount or limit.extension_unit is None:
            raise ValueError(f"{limit.code} allows no extension")
        ext = DeadlineRule(limit.extension_amount, limit.extension_unit, limit.clock_starts, limit.source)
        day = due_date(ext, day, holidays_between(day, day + datetime.timedelta(days=800)))
    return day


def due_on(code: str, start: datetime.date, *, province=None, extension: bool = False) -> datetime.date:
    """The day the time limit `code` in force on `start` runs out; with `extension`, the
    day its (single) extension runs out, counted from the original due day."""
    return due_by(rulebook.time_limit(code, on=start, province=province), start, extension=extension)


def case_limit(kind: str, clock_start: datetime.date, *, province=None) -> rulebook.TimeLimit | None:
    """The whole-case time limit of `kind` in force on `clock_start`; None for kinds without one."""
    code = CASE_LIMITS.get(kind)
    if code is None:
        return None
    return rulebook.time_limit(code, on=clock_start, province=province)


def case_due_on(kind: str, clock_start: datetime.date, *, province=None) -> datetime.date | None:
    limit = case_limit(kind, clock_start, province=province)
    return None if limit is None else due_by(limit, clock_start)


# The fields start_clock sets; the caller saves them inside its service.
CLOCK_FIELDS = ("clock_started_on", "rules_province", "due_on")


def start_clock(case: Case, on: datetime.date) -> rulebook.TimeLimit | None:
    """Start the case's statutory clock on `on` (the one place a clock starts): fix the
    province whose rules govern the case (`rules_province`, the province above its
    jurisdiction that day; None: national rules), set `clock_started_on` and `due_on` from
    the whole-case limit in force that day for that province, and return that limit. The
    caller saves CLOCK_FIELDS and journals `clock_payload` in its own entry."""
    province = province_of(case)
    limit = case_limit(case.kind, on, province=province)
    case.clock_started_on = on
    case.rules_province = province
    case.due_on = None if limit is None else due_by(limit, on)
    return limit


def clock_payload(case: Case, limit: rulebook.TimeLimit | None) -> dict:
    """What the journal records when a clock starts, beside the day it started (each caller
    names its own start event): the due date, the province whose rules govern the case and
    the version of the time limit applied."""
    payload = {"due_on": case.due_on, "rules_province": case.rules_province_id}
    if limit is not None:
        payload["time_limit"] = {
            "code": limit.code,
            "amount": limit.amount,
            "unit": str(limit.unit),
            "version": limit.version,
            "effective_from": limit.effective_from,
            "province": limit.province_id,
        }
    return payload


def governing_province(case: Case) -> int | None:
    """The province (its id) whose rules govern `case`'s own time limits: the one fixed when
    its clock started (None: the national rules). Before the clock starts, the province
    above its jurisdiction today. Every computation of a case's own limit reads it here."""
    if case.clock_started_on is None:
        province = province_of(case)
        return None if province is None else province.pk
    return case.rules_province_id


def case_time_limit(code: str, case: Case) -> rulebook.TimeLimit:
    """The time limit `code` that governs `case`: the version in force when its clock
    started, for its governing province."""
    return rulebook.time_limit(code, on=case.clock_started_on, province=governing_province(case))
