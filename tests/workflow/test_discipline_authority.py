"""Sanction authority after 1 July 2025 through the real views (issue 9 point 2; domain.md
§6.3, §11b.8): the clerk chooses the body, never its kind; the commune inspection committee
decides as commune.inspection; a higher-task violation leaves the cell only proposals; a
province override applies; other users see nothing of the case."""

import pytest
from django.urls import reverse

from inspections import rulebook
from inspections.models import Ballot, DisciplineCase
from tests.factories.rules import SanctionAuthorityRuleFactory
from tests.workflow.discipline_helpers import (
    OPEN_URL,
    add_cell_voters,
    cast,
    close_ballot,
    meeting,
    open_discipline,
    report,
    self_criticism,
)

pytestmark = pytest.mark.django_db


def _purposes(case) -> dict:
    """The forms on the open paper and their purposes; "no discipline" (last on every paper,
    never a form) is checked here and left out."""
    ballot = Ballot.objects.get(case=case, closed_at__isnull=True)
    assert ballot.options[-1]["code"] == "none"
    return {o["code"]: o["purpose"] for o in ballot.options[:-1]}


def test_the_open_form_asks_for_the_body_not_its_kind_and_the_commune_committee_decides(client, world):
    u = world["users"]
    client.force_login(u["staff"])
    page = client.get(reverse(OPEN_URL)).content.decode()
    assert 'name="body_kind"' not in page and 'name="body_committee"' in page and 'name="higher_task"' in page
    case = open_discipline(client, world, body_committee=world["committee"].pk, body_organisation="")
    discipline = DisciplineCase.objects.get(case=case)
    assert discipline.body_kind == "commune.inspection" and discipline.body_committee == world["committee"]
    self_criticism(client, world, case)
    report(client, world, case, form="warning")
    present = [u["chair"], u["leader"], u["member"]]
    meeting(client, world, case, present, total=3)
    assert _purposes(case) == {"expulsion": "propose", "warning": "decide", "reprimand": "decide"}
    for voter in present:
        cast(client, voter, case, "warning")
    close_ballot(client, world, case)
    discipline.refresh_from_db()
    assert (discipline.outcome, discipline.decided_form) == ("decided", "warning")
    # The chair reads the deciding body on the case page; the outsider (another commune's
    # staff) and the subject cannot open it.
    client.force_login(u["chair"])
    assert (
        "Ủy ban kiểm tra đảng ủy xã, phường, đặc khu"
        in client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    )
    for who in ("outsider", "subject"):
        client.force_login(u[who])
        assert client.get(reverse("cases:detail", args=[case.pk])).status_code in (403, 404)


def test_a_higher_task_violation_leaves_the_cell_only_proposals(client, world):
    u = world["users"]
    cell = add_cell_voters(world, 3)
    case = open_discipline(client, world, higher_task="on")
    assert DisciplineCase.objects.get(case=case).higher_task is True
    self_criticism(client, world, case)
    report(client, world, case, form="reprimand")
    meeting(client, world, case, [*cell, u["subject"]], total=4)
    assert set(_purposes(case).values()) == {"propose"}


def test_a_province_override_takes_the_commune_committees_warning_away(client, world):
    u = world["users"]
    SanctionAuthorityRuleFactory(
        body_kind="commune.inspection",
        subject_kind="member",
        form="warning",
        allowed=False,
        province=world["province"],
        effective_from=rulebook.TWO_TIER_FROM,
    )
    case = open_discipline(client, world, body_committee=world["committee"].pk, body_organisation="")
    self_criticism(client, world, case)
    report(client, world, case, form="warning")
    meeting(client, world, case, [u["chair"], u["leader"], u["member"]], total=3)
    assert _purposes(case) == {"expulsion": "propose", "warning": "propose", "reprimand": "decide"}


def test_a_committee_of_a_level_without_a_deciding_kind_is_refused_on_the_form(client, world):
    from inspections.models import DecidingBodyKind

    DecidingBodyKind.objects.filter(level=world["commune"].level, committee_kind="inspection").delete()
    response = open_discipline(client, world, expect=200, body_committee=world["committee"].pk, body_organisation="")
    assert "Chưa có quy định “loại cơ quan xem xét kỷ luật”" in response.content.decode()
