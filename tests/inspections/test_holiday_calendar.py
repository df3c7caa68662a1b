"""Seeding the holiday calendar from the `holidays` package (issue 9 point 6): the command
and the admin action for 2026 and 2027, the lunar Tết days as the package computes them
(compared with holidays.VN directly), our Vietnamese names, idempotence, the
administrator's edits kept, the confirmed year refused, and bad input."""

import datetime
from io import StringIO

import holidays
import pytest
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.urls import reverse

from inspections.models import Holiday, HolidayYear
from inspections.services.holidays import NAMES, holiday_year_confirm, holidays_seed, vietnamese_name
from tests.factories.people import UserFactory

pytestmark = pytest.mark.django_db


def _package(year: int) -> dict[datetime.date, str]:
    return dict(holidays.VN(years=year, language="en_US").items())


def _seed(*years: str) -> str:
    out = StringIO()
    call_command("seed_holidays", *years, stdout=out)
    return out.getvalue()


def _rows(year: int) -> dict[datetime.date, Holiday]:
    return {row.day: row for row in Holiday.objects.filter(day__year=year)}


@pytest.mark.parametrize("year", [2026, 2027])
def test_the_command_seeds_the_packages_days_with_our_vietnamese_names(year):
    Holiday.objects.filter(day__year=year).delete()
    output = _seed(str(year))
    package = _package(year)
    rows = _rows(year)
    assert set(rows) == set(package)
    assert f"Năm {year}: thêm {len(package)}" in output
    for day, english in package.items():
        assert rows[day].seeded and rows[day].name == vietnamese_name(english)
        assert not rows[day].name.startswith("Ngày nghỉ lễ ("), english  # every name in our table
    # Lunar Tết, as the package computes it (not hard-coded here).
    (new_year,) = [day for day, name in package.items() if name == "Lunar New Year"]
    (eve,) = [day for day, name in package.items() if name == "Lunar New Year's Eve"]
    assert rows[new_year].name == "Tết Nguyên đán" and rows[eve].name == "Giao thừa Tết Nguyên đán"
    assert eve == new_year - datetime.timedelta(days=1) and new_year.month in (1, 2)
    assert rows[datetime.date(year, 9, 2)].name == "Quốc khánh"


def test_the_names_table_covers_the_packages_names_over_the_years():
    english = {name for year in range(2000, 2101) for name in _package(year).values()}
    for name in english:
        assert not vietnamese_name(name).startswith("Ngày nghỉ lễ ("), name
    assert vietnamese_name("National Day (observed)") == "Quốc khánh (nghỉ bù)"
    assert vietnamese_name("Day off (substituted from 08/22/2026)") == "Nghỉ bù (đi làm bù ngày 22/08/2026)"
    assert vietnamese_name("Some New Day") == "Ngày nghỉ lễ (Some New Day)"
    # No dead entry in our table: each name is one the package uses (without its suffix).
    assert set(NAMES) <= {name.removesuffix(" (observed)") for name in english}


def test_seeding_again_changes_nothing_and_keeps_the_administrators_edits(admin_client):
    Holiday.objects.filter(day__year=2027).delete()
    _seed("2027")
    before = {day: (row.pk, row.name, row.seeded) for day, row in _rows(2027).items()}
    assert "thêm 0, cập nhật 0, giữ nguyên 0" in _seed("2027")
    assert {day: (row.pk, row.name, row.seeded) for day, row in _rows(2027).items()} == before

    tet = next(day for day, name in _package(2027).items() if name == "Lunar New Year")
    row = Holiday.objects.get(day=tet)
    # The administrator renames a day and adds the decreed compensatory day, in the admin.
    url = reverse("admin:inspections_holiday_change", args=[row.pk])
    response = admin_client.post(url, {"day": tet.strftime("%d/%m/%Y"), "name": "Tết Nguyên đán (theo thông báo)"})
    assert response.status_code == 302, response.content.decode()[:2000]
    extra = datetime.date(2027, 2, 11)
    response = admin_client.post(
        reverse("admin:inspections_holiday_add"), {"day": extra.strftime("%d/%m/%Y"), "name": "Nghỉ bù Tết"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    # A seeded row the package now names differently is renamed; an edited one is not.
    labour = Holiday.objects.get(day=datetime.date(2027, 5, 1))
    Holiday.objects.filter(pk=labour.pk).update(name="Tên cũ")

    output = _seed("2027")
    assert "thêm 0, cập nhật 1, giữ nguyên 1" in output
    assert Holiday.objects.get(day=tet).name == "Tết Nguyên đán (theo thông báo)"
    assert not Holiday.objects.get(day=tet).seeded
    assert Holiday.objects.get(day=extra).name == "Nghỉ bù Tết" and not Holiday.objects.get(day=extra).seeded
    assert Holiday.objects.get(pk=labour.pk).name == "Ngày Quốc tế Lao động"


def test_rows_already_in_the_calendar_count_as_the_administrators():
    # Migration 0005's 2026 rows (with the decreed Tết days the package does not know).
    existing = {day: row.name for day, row in _rows(2026).items()}
    assert existing and not any(row.seeded for row in _rows(2026).values())
    result = holidays_seed(year=2026)
    rows = _rows(2026)
    assert {day: rows[day].name for day in existing} == existing
    assert set(_package(2026)) <= set(rows)
    assert {row.day for row in result.created} == set(_package(2026)) - set(existing)
    assert {row.day for row in result.kept} == set(_package(2026)) & set(existing)


@pytest.mark.parametrize("year", ["1999", "2101", "abc"])
def test_a_year_out_of_range_is_refused_with_what_to_do_and_writes_nothing(year):
    count = Holiday.objects.count()
    with pytest.raises(CommandError, match="từ 2000 đến 2100"):
        _seed(year)
    assert Holiday.objects.count() == count


def test_a_confirmed_year_is_not_seeded_again(admin_user):
    holiday_year_confirm(actor=admin_user, year=2027, note="Thông báo lịch nghỉ năm 2027")
    count = Holiday.objects.count()
    with pytest.raises(CommandError, match="đã được xác nhận"):
        _seed("2027")
    assert Holiday.objects.count() == count


def test_the_admin_action_seeds_a_year_for_the_administrator_only(admin_client, client):
    changelist = reverse("admin:inspections_holiday_changelist")
    seed = reverse("admin:inspections_holiday_seed")
    assert 'id="seed-holidays"' in admin_client.get(changelist).content.decode()
    # Bad input: the message next to the field, nothing written.
    count = Holiday.objects.count()
    response = admin_client.post(seed, {"year": "3000"})
    assert response.status_code == 200 and "từ 2000 đến 2100" in response.content.decode()
    assert Holiday.objects.count() == count
    # A staff member who may only view the calendar sees no link and may not seed.
    viewer = UserFactory(username="viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_holiday"))
    client.force_login(viewer)
    assert 'id="seed-holidays"' not in client.get(changelist).content.decode()
    assert client.post(seed, {"year": "2030"}).status_code == 403
    assert not Holiday.objects.filter(day__year=2030).exists()

    response = admin_client.post(seed, {"year": "2030"})
    assert response.status_code == 302
    assert set(_rows(2030)) == set(_package(2030))


def test_the_admin_confirms_a_year_once_and_only_with_holidays_entered(admin_client):
    add = reverse("admin:inspections_holidayyear_add")
    response = admin_client.post(add, {"year": "2090", "note": ""})
    assert response.status_code == 200 and "chưa có ngày nghỉ lễ nào" in response.content.decode()
    response = admin_client.post(add, {"year": "2026", "note": "Thông báo 2026"})
    assert response.status_code == 302
    response = admin_client.post(add, {"year": "2026", "note": ""})
    assert response.status_code == 200 and "đã được xác nhận" in response.content.decode()
    assert list(HolidayYear.objects.values_list("year", flat=True)) == [2026]
    changelist = admin_client.get(reverse("admin:inspections_holidayyear_changelist")).content.decode()
    assert "Thông báo 2026" in changelist
