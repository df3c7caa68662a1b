"""The statute's end point through the real views (issue 9 point 5; domain.md §6.5,
§11b.9): the first body's meeting records the day the competent body concluded on the
violation, the check is measured to it, and the case page shows it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from inspections.models import DisciplineCase
from tests.workflow.discipline_helpers import (
    add_cell_voters,
    cast,
    close_ballot,
    meeting,
    open_discipline,
    report,
    self_criticism,
)

pytestmark = pytest.mark.django_db


def test_the_meeting_records_the_statute_end_point_and_the_page_shows_it(client, world):
    u = world["users"]
    cell = add_cell_voters(world, 3)
    violation = timezone.localdate() - datetime.timedelta(days=400)
    case = open_discipline(client, world, violation_start=violation.strftime("%d/%m/%Y"))
    self_criticism(client, world, case)
    report(client, world, case)
    meeting(client, world, case, [*cell, u["subject"]], total=4)
    discipline = DisciplineCase.objects.get(case=case)
    assert discipline.statute_end_on == discipline.voted_on
    for voter in cell:
        cast(client, voter, case, "reprimand")
    close_ballot(client, world, case)
    discipline.refresh_from_db()
    assert discipline.outcome == "decided" and discipline.statute_expired is False
    client.force_login(u["chair"])
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "tính đến ngày cấp có thẩm quyền kết luận vi phạm" in page
    assert discipline.statute_end_on.strftime("%d/%m/%Y") in page
