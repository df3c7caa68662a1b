"""Statutory deadlines for cases, computed from the rule book and the holiday calendar.

A case is judged by the rule in force on the day its clock started (issue 3 point 1;
domain.md §7.8), for the case's province when it has its own version of the rule. The due
date is computed once, when the clock starts, and stored on the case (`Case.due_on`): a
rule changed later, even one given a start day in the past, does not move it.

The province whose rules govern the case is fixed when its clock starts too
(`Case.rules_province`, set by `start_clock`, issue 9 point 4): every later computation of
the case's own time limit (extension, pause, resume, the panels) asks `governing_province`,
so a committee or a case moved to another province later keeps the first province's rules.

The level of the acting body is fixed with it (`Case.rules_level`, issue 9 point 6): a time
limit may differ by level (domain.md §11b.7), and `governing_level` answers for every later
computation the same way.

Holidays: a year's calendar is final once the administrator confirms it (HolidayYear). A
deadline counted across a year without a confirmation may still move when the year's
compensatory days are decreed: `unconfirmed_years` names those years so the page showing
the date can warn (issue 9 point 6)."""

import datetime

from django.conf import settings
from django.utils import timezone

from inspections import rulebook
from inspections.kinds.registry import case_limits
from inspections.models import PROVINCE_RANK, Case, Holiday, HolidayYear
from inspections.rules.deadlines import DeadlineRule, TimeLeft, due_date, time_left
from inspections.rules.levels import tier_of
from people.models import Committee, Organisation

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


def due_on(
    code: str, start: datetime.date, *, province=None, extension: bool = False, level: str = ""
) -> datetime.date:
    """The day the time limit `code` in force on `start` (for a body of `level`, "": every
    level) runs out; with `extension`, the day its (single) extension runs out, counted
    from the original due day."""
    return due_by(rulebook.time_limit(code, on=start, province=province, level=level), start, extension=extension)


def case_limit(kind: str, clock_start: datetime.date, *, province=None, level: str = "") -> rulebook.TimeLimit | None:
    """The whole-case time limit of `kind` in force on `clock_start`; None for kinds without one."""
    code = CASE_LIMITS.get(kind)
    if code is None:
        return None
    return rulebook.time_limit(code, on=clock_start, province=province, level=level)


def case_due_on(kind: str, clock_start: datetime.date, *, province=None, level: str = "") -> datetime.date | None:
    limit = case_limit(kind, clock_start, province=province, level=level)
    return None if limit is None else due_by(limit, clock_start)


def acting_level(case: Case) -> str:
    """The tier (models.ActingLevel) of the body acting on `case`: its committee's
    organisation level, mapped by inspections.rules.levels ("" when the level is not one of
    the shipped ones: the rules for every level). One query."""
    code = Committee.objects.filter(pk=case.committee_id).values_list("organisation__level__code", flat=True).first()
    return tier_of(code)


# The fields start_clock sets; the caller saves them inside its service.
CLOCK_FIELDS = ("clock_started_on", "rules_province", "rules_level", "due_on")


def start_clock(case: Case, on: datetime.date) -> rulebook.TimeLimit | None:
    """Start the case's statutory clock on `on` (the one place a clock starts): fix the
    province whose rules govern the case (`rules_province`, the province above its
    jurisdiction that day; None: national rules) and the acting body's level
    (`rules_level`), set `clock_started_on` and `due_on` from the whole-case limit in force
    that day for that province and level, and return that limit. The caller saves
    CLOCK_FIELDS and journals `clock_payload` in its own entry."""
    province = province_of(case)
    level = acting_level(case)
    limit = case_limit(case.kind, on, province=province, level=level)
    case.clock_started_on = on
    case.rules_province = province
    case.rules_level = level
    case.due_on = None if limit is None else due_by(limit, on)
    return limit


def clock_payload(case: Case, limit: rulebook.TimeLimit | None) -> dict:
    """What the journal records when a clock starts, beside the day it started (each caller
    names its own start event): the due date, the province and level whose rules govern the
    case and the version of the time limit applied."""
    payload = {"due_on": case.due_on, "rules_province": case.rules_province_id, "rules_level": case.rules_level}
    if limit is not None:
        payload["time_limit"] = {
            "code": limit.code,
            "amount": limit.amount,
            "unit": str(limit.unit),
            "version": limit.version,
            "effective_from": limit.effective_from,
            "province": limit.province_id,
            "level": limit.level,
            "provisional": limit.provisional,
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


def governing_level(case: Case) -> str:
    """The acting body's level (models.ActingLevel) whose time limits govern `case`: the one
    fixed when its clock started ("": the rules for every level, also for a case whose clock
    started before levels were recorded, judged by them). Before the clock starts, the
    level of its committee today."""
    if case.clock_started_on is None:
        return acting_level(case)
    return case.rules_level


def case_time_limit(code: str, case: Case) -> rulebook.TimeLimit:
    """The time limit `code` that governs `case`: the version in force when its clock
    started, for its governing province and level."""
    return rulebook.time_limit(
        code, on=case.clock_started_on, province=governing_province(case), level=governing_level(case)
    )


# --- the holiday calendar's confirmation (issue 9 point 6) -------------------------------


def confirmed_years() -> frozenset[int]:
    """The years whose holiday calendar the administrator has confirmed. One query: a page
    showing several due dates reads it once and passes it to `unconfirmed_years`."""
    return frozenset(HolidayYear.objects.values_list("year", flat=True))


def unconfirmed_years(
    start: datetime.date | None, end: datetime.date | None, *, confirmed: frozenset[int] | None = None
) -> list[int]:
    """The years from `start` to `end` (a deadline's clock start and due day, in either
    order; one of them alone for a single day) whose calendar is not confirmed: the deadline
    falls in, or is counted across, a year whose compensatory days may still be decreed, so
    it may move. [] when both days are missing."""
    days = [day for day in (start, end) if day is not None]
    if not days:
        return []
    if confirmed is None:
        confirmed = confirmed_years()
    return [year for year in range(min(days).year, max(days).year + 1) if year not in confirmed]


def case_calendar_warnings(case: Case, *, confirmed: frozenset[int] | None = None) -> list[int]:
    """The unconfirmed years `case`'s own due date is counted across (clock start, else the
    day it was opened, to the due date); [] without a due date."""
    if case.due_on is None:
        return []
    return unconfirmed_years(case.clock_started_on or case.opened_on, case.due_on, confirmed=confirmed)


# --- Time left, as lists show it (issue 11 point 1) -------------------------------------

LIST_WINDOW = datetime.timedelta(days=800)


def list_clock(today: datetime.date | None = None):
    """A function giving the TimeLeft of a due date (None for none), with the holidays of
    two years either side of `today` read once: a page of a list costs one query for all
    its rows. "Due soon" is KIEMTRA_DUE_SOON_DAYS working days (README)."""
    today = today or timezone.localdate()
    holidays = holidays_between(today - LIST_WINDOW, today + LIST_WINDOW)
    soon = settings.KIEMTRA_DUE_SOON_DAYS

    def left(due: datetime.date | None) -> TimeLeft | None:
        return time_left(due, today, holidays, soon)

    return left


def case_time_left(case: Case, clock) -> TimeLeft | None:
    """A running case's time left to its statutory due date; none once it is concluded or
    closed (the clock has stopped)."""
    if case.closed_on or case.concluded_on:
        return None
    return clock(case.due_on)
