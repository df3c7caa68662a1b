"""Grants and revocations follow the case's life: archiving a closed case takes the file
away from staff and team; transferring a case moves it to another committee's people."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inspections.models import CaseRole, CaseStatus, JournalEntry
from tests.workflow.helpers import complete, open_case, open_task
from tests.world import WORKFLOW_PASSWORD, WorldBuilder

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate().strftime("%d/%m/%Y")


def _close(client, world, case):
    u = world["users"]
    complete(client, u["chair"], case, "sign_decision", {"signed_on": today()})
    complete(client, u["member"], case, "notify_subject", {"sent_on": today()})
    from tests.workflow.conftest import pdf

    complete(client, u["member"], case, "receive_self_report", {"received_on": today(), "file": pdf()})
    complete(client, u["member"], case, "verify", {"strengths": "Tốt"})
    complete(client, u["leader"], case, "write_team_report", {"text": "Báo cáo"})
    complete(client, u["chair"], case, "review_team_report", {"decision": "accept"})
    complete(client, u["leader"], case, "draft_conclusion", {"text": "Kết luận", "recommendations": ""})
    complete(client, u["chair"], case, "approve_conclusion", {"decision": "accept"})
    complete(client, u["staff"], case, "notify_conclusion", {"sent_on": today()})
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED


def _sees(user, case) -> bool:
    c = Client()
    c.force_login(user)
    return c.get(reverse("cases:detail", args=[case.pk])).status_code == 200


def test_archiving_a_closed_case_removes_staff_and_team_access_but_not_the_chairs(client, world):
    u = world["users"]
    case = open_case(client, world)
    url = reverse("cases:archive", args=[case.pk])
    client.force_login(u["chair"])
    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 200 and "Chỉ lưu trữ được hồ sơ đã kết thúc" in response.content.decode()
    _close(client, world, case)
    client.force_login(u["leader"])
    assert client.post(url, {"confirm": "on"}).status_code == 403
    client.force_login(u["chair"])
    assert client.post(url, {"confirm": "on"}).status_code == 302
    for who in ("staff", "leader", "member"):
        assert not _sees(u[who], case), who
    assert _sees(u["chair"], case)
    entry = JournalEntry.objects.get(case=case, action="case.archived")
    assert str(u["leader"].pk) in entry.payload


def test_transfer_moves_the_case_to_the_other_committees_chair_and_releases_tasks(client, world):
    from people.models import Committee

    u = world["users"]
    case = open_case(client, world)
    other = Committee.objects.get(code="UBKTK")
    other_chair = WorldBuilder(term_start=datetime.date(2025, 7, 1), password=WORKFLOW_PASSWORD).user(
        "chair2", "Đinh Văn Quang", seat="chair", on=other
    )
    task = open_task(case, "sign_decision")
    assert task.owner_id == u["chair"].pk
    url = reverse("cases:transfer", args=[case.pk])
    client.force_login(u["staff"])
    assert client.get(url).status_code == 403
    client.force_login(u["chair"])
    response = client.post(url, {"to_committee": other.pk, "reason": ""})
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    response = client.post(url, {"to_committee": other.pk, "reason": "Thuộc thẩm quyền Ủy ban kiểm tra xã Khác"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.committee_id == other.pk and case.jurisdiction_path == other.organisation.path
    for who in ("staff", "leader", "member", "chair"):
        assert not _sees(u[who], case), who
    assert _sees(other_chair, case)
    task.refresh_from_db()
    assert task.owner_id is None
    assert CaseRole.objects.filter(case=case, user=other_chair, role="approver", revoked_at__isnull=True).exists()
    # The new chair forms a new team, with conflicts checked as always.
    client.force_login(other_chair)
    response = client.post(reverse("cases:team", args=[case.pk]), {"leader": u["outsider"].pk})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert JournalEntry.objects.filter(case=case, action="case.transferred").count() == 1
