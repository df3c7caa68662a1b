"""A due date counted across a year whose holiday calendar the administrator has not
confirmed is flagged on the case page (issue 9 point 6), in a constant number of queries;
the confirmation, made in the admin, removes the warning."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from inspections import deadlines
from inspections.models import HolidayYear
from inspections.services.holidays import holiday_year_confirm
from tests.workflow.conftest import pdf
from tests.workflow.helpers import complete
from tests.workflow.supervision_helpers import carry, day, open_thematic

pytestmark = pytest.mark.django_db

D = datetime.date
# A Monday late in the year: 20 working days later is in the next year.
START = D(2026, 12, 21)


def warning(year: int) -> str:
    return f"Lịch nghỉ năm {year} chưa được xác nhận: hạn có thể thay đổi"


@pytest.fixture
def reported_case(client, world, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: START)
    case = open_thematic(client, world)
    carry(client, world, case, until="receive_report")
    complete(client, world["users"]["member"], case, "receive_report", {"received_on": day(), "file": pdf()})
    case.refresh_from_db()
    return case


def test_unconfirmed_years_are_the_years_a_deadline_is_counted_across(db):
    assert deadlines.unconfirmed_years(D(2026, 12, 21), D(2027, 1, 20), confirmed=frozenset()) == [2026, 2027]
    assert deadlines.unconfirmed_years(D(2027, 1, 20), D(2026, 12, 21), confirmed=frozenset({2026})) == [2027]
    assert deadlines.unconfirmed_years(None, D(2028, 3, 1), confirmed=frozenset()) == [2028]
    assert deadlines.unconfirmed_years(None, None) == []
    assert deadlines.unconfirmed_years(D(2026, 1, 1), D(2029, 1, 1), confirmed=frozenset({2027})) == [2026, 2028, 2029]


def test_the_case_page_warns_until_each_years_calendar_is_confirmed(client, admin_client, world, reported_case):
    case = reported_case
    assert case.clock_started_on.year == 2026 and case.due_on.year == 2027
    url = reverse("cases:detail", args=[case.pk])
    chair = world["users"]["chair"]
    client.force_login(chair)

    def page():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        return response.content.decode(), len(ctx.captured_queries)

    shown, queries = page()
    assert warning(2026) in shown and warning(2027) in shown
    # The administrator confirms 2026 in the admin (a second user, the only one who may).
    assert client.post(reverse("admin:inspections_holidayyear_add"), {"year": "2026"}).status_code == 302
    assert not HolidayYear.objects.exists()  # the chair is not an administrator
    response = admin_client.post(reverse("admin:inspections_holidayyear_add"), {"year": "2026", "note": "TB 1/2026"})
    assert response.status_code == 302
    confirmation = HolidayYear.objects.get(year=2026)
    assert confirmation.confirmed_on == START and confirmation.confirmed_by.is_superuser
    client.force_login(chair)
    shown, same = page()
    assert warning(2026) not in shown and warning(2027) in shown
    assert same == queries
    holiday_year_confirm(actor=confirmation.confirmed_by, year=2027)
    shown, same = page()
    assert "chưa được xác nhận" not in shown and same == queries


def test_a_case_without_a_due_date_has_no_warning(client, world):
    case = open_thematic(client, world)
    client.force_login(world["users"]["chair"])
    shown = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert case.due_on is None and "chưa được xác nhận" not in shown
