"""Thematic supervision's time limit by the level of the supervising body, through the real
views (issue 9 point 6; domain.md §5(C), §11b.7; HD 02-HD/UBKTTW 2017): the clock started
at the report-received step counts the level's working days, the chair's extension adds up
to a third of them, and the case page marks the provisional number."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from inspections import deadlines
from inspections.models import Case, DeadlineExtension
from inspections.rules.deadlines import add_working_days
from people.models import Organisation, OrgLevel
from tests.workflow.conftest import pdf
from tests.workflow.helpers import complete
from tests.workflow.supervision_helpers import carry, day, open_thematic

pytestmark = pytest.mark.django_db

# (level code of the supervising committee's organisation, tier, working days, extension):
# HD 02-HD/UBKTTW 2017 (grassroots 20, district 25, province 30), the commune level as
# grassroots (provisional), and a level code the tiers do not know (the rule for every level).
CASES = [
    ("grassroots", "grassroots", 20, 6),
    ("commune", "commune", 20, 6),
    ("district", "district", 25, 8),
    ("province", "province", 30, 10),
    ("wf-commune", "", 20, 6),
]


@pytest.mark.parametrize(("level_code", "tier", "days", "extra"), CASES)
def test_the_report_received_step_counts_the_supervising_levels_days(client, world, level_code, tier, days, extra):
    u = world["users"]
    Organisation.objects.filter(pk=world["commune"].pk).update(level=OrgLevel.objects.get(code=level_code))
    case = open_thematic(client, world)
    carry(client, world, case, until="receive_report")
    complete(client, u["member"], case, "receive_report", {"received_on": day(), "file": pdf("bao-cao.pdf")})
    case.refresh_from_db()
    today = timezone.localdate()
    holidays = deadlines.holidays_between(today, today + datetime.timedelta(days=400))
    assert (case.clock_started_on, case.rules_level) == (today, tier)
    assert case.due_on == add_working_days(today, days, holidays)

    client.force_login(u["chair"])
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert case.due_on.strftime("%d/%m/%Y") in page and "HD 02-HD/UBKTTW" in page
    assert 'id="thematic-provisional"' in page  # the number is not confirmed under Reg. 296

    due = case.due_on
    response = client.post(reverse("cases:supervision_extend", args=[case.pk]), {"reason": "Vụ việc phức tạp"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.due_on == add_working_days(due, extra, holidays)
    assert extra * 3 <= days < (extra + 1) * 3  # "up to a third", never more
    assert DeadlineExtension.objects.get(case=case).due_after == case.due_on


def test_a_committee_moved_to_another_level_after_the_report_keeps_the_first_levels_extension(client, world):
    u = world["users"]
    Organisation.objects.filter(pk=world["commune"].pk).update(level=OrgLevel.objects.get(code="district"))
    case = open_thematic(client, world)
    carry(client, world, case, until="study_report")
    Organisation.objects.filter(pk=world["commune"].pk).update(level=OrgLevel.objects.get(code="province"))
    case = Case.objects.get(pk=case.pk)
    due = case.due_on
    client.force_login(u["chair"])
    assert client.post(reverse("cases:supervision_extend", args=[case.pk]), {"reason": "Phức tạp"}).status_code == 302
    holidays = deadlines.holidays_between(due, due + datetime.timedelta(days=100))
    case.refresh_from_db()
    assert case.rules_level == "district" and case.due_on == add_working_days(due, 8, holidays)
