"""The working-day calendar: seeding a year's public holidays from the `holidays` package,
the administrator's edits, and the per-year confirmation (issue 9 point 6; design.md
decision 6; domain.md §7.7: "use a holiday calendar for Vietnam").

The package knows the statutory holidays of the Labour Code 2019 Art. 112 (holidays.VN),
including the lunar Tết days, and the swaps it has been told of. It does not know every
compensatory day the government decrees each year for civil servants: the administrator
adds those in the admin and, when the year's calendar is final, confirms the year
(HolidayYear). A deadline counted across an unconfirmed year is flagged
(inspections.deadlines.unconfirmed_years).

The names are ours: the package's English names (language "en_US", whatever its default
language) are translated through our own gettext table below, not the package's own
Vietnamese catalogue, so the words match the rest of the app and our catalogues.

A seeded row stays `seeded` until an administrator edits it; seeding again updates only
seeded rows and adds missing days, never touching an edited row, so it is idempotent and
keeps the administrator's work. A confirmed year is not seeded again (its calendar is
final; withdraw the confirmation first).

Every write here — a seeded, edited or deleted day, a confirmation given or withdrawn — is
appended to the rule-change log (inspections.rule_log) in the same transaction: a holiday
moves every working-day deadline, so a change to the calendar is a change to a rule
(domain.md, "What this means" point 1).
"""

import datetime
import re
from dataclasses import dataclass, field

import holidays as holidays_package
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inspections import rule_log
from inspections.exceptions import RuleViolation
from inspections.models import Holiday, HolidayYear

# The years the package's Vietnamese calendar covers with its lunar tables (it returns
# nothing after 2100); earlier than 2000 no case can need (the rule tables start there).
FIRST_YEAR, LAST_YEAR = 2000, 2100

# The package's English names (holidays.VN, language "en_US") -> our Vietnamese msgids.
NAMES = {
    "New Year's Day": gettext_lazy("Tết Dương lịch"),
    "29 of Lunar New Year": gettext_lazy("29 Tết Nguyên đán"),
    "Lunar New Year's Eve": gettext_lazy("Giao thừa Tết Nguyên đán"),
    "Lunar New Year": gettext_lazy("Tết Nguyên đán"),
    "Second Day of Lunar New Year": gettext_lazy("Mùng hai Tết Nguyên đán"),
    "Third Day of Lunar New Year": gettext_lazy("Mùng ba Tết Nguyên đán"),
    "Fourth Day of Lunar New Year": gettext_lazy("Mùng bốn Tết Nguyên đán"),
    "Fifth Day of Lunar New Year": gettext_lazy("Mùng năm Tết Nguyên đán"),
    "Sixth Day of Lunar New Year": gettext_lazy("Mùng sáu Tết Nguyên đán"),
    "Hung Kings' Commemoration Day": gettext_lazy("Giỗ Tổ Hùng Vương"),
    "Liberation Day/Reunification Day": gettext_lazy("Ngày Giải phóng miền Nam, thống nhất đất nước"),
    "International Labor Day": gettext_lazy("Ngày Quốc tế Lao động"),
    "National Day": gettext_lazy("Quốc khánh"),
    "Vietnam Cultural Day": gettext_lazy("Ngày Văn hóa Việt Nam"),
}
# The package's suffixes, most specific first.
SUFFIXES = (
    (" (observed, estimated)", gettext_lazy("%(name)s (nghỉ bù, dự kiến)")),
    (" (observed)", gettext_lazy("%(name)s (nghỉ bù)")),
    (" (estimated)", gettext_lazy("%(name)s (dự kiến)")),
)
# "Day off (substituted from MM/DD/YYYY)": a day off swapped for a working Saturday.
SUBSTITUTED = re.compile(r"^Day off \(substituted from (\d{2})/(\d{2})/(\d{4})\)$")


def vietnamese_name(english: str) -> str:
    """Our Vietnamese name for one of the package's English holiday names (the msgid, as
    stored). A name the table lacks (a newer package) keeps its English words inside a
    Vietnamese label, for the administrator to rename."""
    with translation.override(None):
        match = SUBSTITUTED.match(english)
        if match:
            month, day, year = match.groups()
            return _("Nghỉ bù (đi làm bù ngày %(day)s)") % {"day": f"{day}/{month}/{year}"}
        for suffix, template in SUFFIXES:
            if english.endswith(suffix):
                return str(template) % {"name": vietnamese_name(english[: -len(suffix)])}
        if english in NAMES:
            return str(NAMES[english])
        return _("Ngày nghỉ lễ (%(name)s)") % {"name": english}


def package_days(year: int) -> dict[datetime.date, str]:
    """The package's holidays of `year` in Vietnam, with our Vietnamese names."""
    calendar = holidays_package.country_holidays("VN", years=year, language="en_US")
    return {day: vietnamese_name(name) for day, name in sorted(calendar.items())}


def check_year(year) -> int:
    """`year` as an int within the years the package covers, else a RuleViolation."""
    try:
        value = int(year)
    except (TypeError, ValueError):
        value = None
    if value is None or not FIRST_YEAR <= value <= LAST_YEAR:
        raise RuleViolation(
            _(
                "Năm “%(year)s” không nạp được: lịch ngày nghỉ lễ (thư viện holidays, Bộ luật Lao động 2019 "
                "Điều 112) chỉ nạp cho các năm từ %(first)s đến %(last)s. Hãy nhập một năm trong khoảng đó; "
                "ngày nghỉ của năm khác thì thêm tay trong trang quản trị."
            )
            % {"year": year, "first": FIRST_YEAR, "last": LAST_YEAR}
        )
    return value


@dataclass
class SeedResult:
    year: int
    created: list[Holiday] = field(default_factory=list)
    updated: list[Holiday] = field(default_factory=list)
    kept: list[Holiday] = field(default_factory=list)  # edited by the administrator: untouched


# Who the log names for a seed run from the command line (no user).
SEED_ACTOR_NAME = "manage.py seed_holidays"


@transaction.atomic
def holidays_seed(*, year, actor=None) -> SeedResult:
    """Seed the Holiday table with the package's holidays of `year`: add the missing days,
    rename seeded rows the package now names differently, keep every row an administrator
    edited or added. Refused for a year out of range or already confirmed."""
    year = check_year(year)
    if HolidayYear.objects.filter(year=year).exists():
        raise RuleViolation(
            _(
                "Lịch nghỉ năm %(year)s đã được xác nhận nên không nạp lại. Muốn nạp lại, hãy bỏ xác nhận "
                "(xóa dòng xác nhận của năm đó) rồi xác nhận lại sau khi rà soát."
            )
            % {"year": year}
        )
    result = SeedResult(year=year)
    days = package_days(year)
    existing = {row.day: row for row in Holiday.objects.select_for_update().filter(day__in=list(days))}
    actor_name = SEED_ACTOR_NAME if actor is None else None
    for day, name in days.items():
        row = existing.get(day)
        if row is None:
            row = Holiday.objects.create(day=day, name=name, seeded=True)
            rule_log.record_save(actor=actor, actor_name=actor_name, row=row, before=None)
            result.created.append(row)
        elif not row.seeded:
            result.kept.append(row)
        elif row.name != name:
            before = rule_log.snapshot(row)
            row.name = name
            row.save(update_fields=["name"])
            rule_log.record_save(actor=actor, actor_name=actor_name, row=row, before=before)
            result.updated.append(row)
    return result


@transaction.atomic
def holiday_save(*, actor, row: Holiday) -> Holiday:
    """An administrator adds or edits a holiday (e.g. a decreed compensatory day): the row
    is no longer the package's, so a later seed keeps it."""
    before = None
    if row.pk is not None:
        before = rule_log.snapshot(Holiday.objects.select_for_update().get(pk=row.pk))
    row.seeded = False
    try:
        row.full_clean()
    except ValidationError as error:
        raise RuleViolation(error.messages) from error
    row.save()
    rule_log.record_save(actor=actor, row=row, before=before)
    return row


@transaction.atomic
def holiday_delete(*, actor, row: Holiday) -> None:
    """An administrator deletes a day off (e.g. one the package listed that the year's
    decree moved): logged before it goes."""
    row = Holiday.objects.select_for_update().get(pk=row.pk)
    rule_log.record_delete(actor=actor, row=row)
    row.delete()


def check_confirmable(year) -> int:
    """`year` if its calendar may be confirmed now: in range, not confirmed yet, with at
    least one holiday entered; else a RuleViolation saying what to do."""
    year = check_year(year)
    if HolidayYear.objects.filter(year=year).exists():
        raise RuleViolation(_("Lịch nghỉ năm %(year)s đã được xác nhận.") % {"year": year})
    if not Holiday.objects.filter(day__year=year).exists():
        raise RuleViolation(
            _(
                "Năm %(year)s chưa có ngày nghỉ lễ nào trong lịch: hãy nạp lịch nghỉ của năm đó (hoặc thêm "
                "ngày nghỉ) trước khi xác nhận."
            )
            % {"year": year}
        )
    return year


@transaction.atomic
def holiday_year_confirm(*, actor, year, note: str = "") -> HolidayYear:
    """The administrator confirms that `year`'s calendar is final (its compensatory days
    entered). Refused for a year out of range, already confirmed or still empty."""
    year = check_confirmable(year)
    confirmation = HolidayYear.objects.create(
        year=year, confirmed_by=actor, confirmed_on=timezone.localdate(), note=note.strip()
    )
    rule_log.record_save(actor=actor, row=confirmation, before=None)
    return confirmation


@transaction.atomic
def holiday_year_withdraw(*, actor, confirmation: HolidayYear) -> None:
    """Withdraw a year's confirmation (to seed or edit it again): deadlines across the
    year are flagged again. Logged before the row goes."""
    confirmation = HolidayYear.objects.select_for_update().get(pk=confirmation.pk)
    rule_log.record_delete(actor=actor, row=confirmation)
    confirmation.delete()
