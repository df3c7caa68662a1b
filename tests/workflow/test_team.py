"""Need-to-know on the team: the no-conflict declaration before seeing the file, declared
conflicts, team changes with conflicts rerun, and segregation of duties per step."""

import datetime
import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inspections.models import CaseRole, ConflictDeclaration, JournalEntry, StepSeparation
from tests.factories.people import KinshipFactory
from tests.workflow.helpers import complete, declare, open_case, open_task, task_url
from tests.world import WORKFLOW_PASSWORD, WorldBuilder

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate().strftime("%d/%m/%Y")


def test_team_member_must_declare_before_seeing_the_file(client, world):
    u = world["users"]
    case = open_case(client, world, declare_team=False)
    for who in ("leader", "member"):
        c = Client()
        c.force_login(u[who])
        detail = c.get(reverse("cases:detail", args=[case.pk]))
        assert detail.status_code == 302 and detail["Location"].endswith(f"/cases/{case.pk}/declare/")
        page = c.get(detail["Location"]).content.decode()
        assert case.title in page  # they see what they declare about, not the file
    # The staff member who opened the case is not on the team: no declaration needed.
    client.force_login(u["staff"])
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 200
    declare(client, u["member"], case)
    client.force_login(u["member"])
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 200
    assert JournalEntry.objects.filter(case=case, action="conflict.none_declared").count() == 1


def test_undeclared_member_cannot_claim_or_execute_and_queue_hides_the_task(client, world):
    u = world["users"]
    case = open_case(client, world, declare_team=False)
    declare(client, u["leader"], case)
    complete(client, u["chair"], case, "sign_decision", {"signed_on": today()})
    task = open_task(case, "notify_subject")
    client.force_login(u["member"])
    assert case.number not in client.get(reverse("workflow:queue")).content.decode()
    assert client.post(task_url(task, "assign")).status_code == 403
    client.force_login(u["leader"])
    assert case.number in client.get(reverse("workflow:queue")).content.decode()


def test_declaring_a_conflict_removes_the_member_and_needs_a_reason(client, world):
    u = world["users"]
    case = open_case(client, world, declare_team=False)
    client.force_login(u["member"])
    response = client.post(reverse("cases:declare", args=[case.pk]), {"has_conflict": "1", "statement": ""})
    assert response.status_code == 200
    assert "cần ghi rõ" in response.content.decode()
    assert not ConflictDeclaration.objects.exists()
    declare(client, u["member"], case, has_conflict=True, statement="Là anh họ của đối tượng")
    assert not CaseRole.objects.filter(case=case, user=u["member"], revoked_at__isnull=True).exists()
    client.force_login(u["member"])
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404
    actions = set(JournalEntry.objects.filter(case=case).values_list("action", flat=True))
    assert {"conflict.declared", "team.left"} <= actions


def test_chair_changes_the_team_conflicts_are_rerun_and_tasks_released(client, world):
    u = world["users"]
    case = open_case(client, world)
    complete(client, u["chair"], case, "sign_decision", {"signed_on": today()})
    task = open_task(case, "notify_subject")
    client.force_login(u["member"])
    client.post(task_url(task, "assign"))
    build = WorldBuilder(
        term_start=datetime.date(2025, 7, 1),
        password=WORKFLOW_PASSWORD,
        born=datetime.date(1985, 1, 1),
        joined=datetime.date(2010, 1, 1),
        sex="F",
    )
    relative = build.person(
        "relative", "Vũ Thị Hà", world["province"], card="R0001", seat="member", on=world["committee"]
    )
    KinshipFactory(member=world["subject_member"], relative=relative.member, relation="sibling")
    url = reverse("cases:team", args=[case.pk])
    # Only the chair or the directing member changes the team.
    client.force_login(u["leader"])
    assert client.get(url).status_code == 403
    client.force_login(u["chair"])
    response = client.post(url, {"add_members": [relative.pk]})
    assert response.status_code == 200 and "quan hệ gia đình" in response.content.decode()
    assert not CaseRole.objects.filter(case=case, user=relative).exists()
    response = client.post(url, {"remove_members": [u["member"].pk]})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.owner_id is None and task.status == "NEW"
    released = JournalEntry.objects.filter(case=case, action="task.released").get()
    assert json.loads(released.payload)["owner"] == u["member"].pk
    entry = JournalEntry.objects.filter(case=case, action="team.changed").get()
    change = json.loads(entry.payload)
    assert u["member"].pk in change["before"]["members"] and u["member"].pk not in change["after"]["members"]
    client.force_login(u["member"])
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404


def test_segregation_of_duties_is_configurable_per_step(client, world):
    u = world["users"]
    case = open_case(client, world)
    # The chair also drafted a case: they may not sign their own decision (default rule).
    client.force_login(u["chair"])
    assert StepSeparation.objects.filter(kind="A", step="sign_decision", excluded_role="drafter").exists()
    from inspections import access

    access.grant_role(case=case, user=u["chair"], role="drafter")
    task = open_task(case, "sign_decision")
    response = client.post(task_url(task), {"signed_on": today()})
    assert response.status_code == 403
    assert "không được thực hiện bước này" in response.content.decode()
    # A committee can switch a rule off; the authorship rule in the service still holds.
    StepSeparation.objects.filter(kind="A", step="sign_decision").update(is_active=False)
    response = client.post(task_url(task), {"signed_on": today()})
    assert response.status_code == 302
