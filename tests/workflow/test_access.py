"""Deny by default: every case, task and document URL checks access on the case, and no
list shows a case to someone it does not name. Two users per rule at least."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from inspections.models import Document
from people.models import User
from tests.workflow.conftest import pdf
from tests.workflow.helpers import complete, open_case, open_task, task_url
from tests.world import WORKFLOW_PASSWORD, WorldBuilder

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate().strftime("%d/%m/%Y")


@pytest.fixture
def case_with_doc(client, world):
    u = world["users"]
    case = open_case(client, world, decision_file=pdf("quyet-dinh.pdf"))
    complete(client, u["chair"], case, "sign_decision", {"signed_on": today()})
    return case, Document.objects.get(case=case)


def _urls(case, doc):
    task = open_task(case, "notify_subject")
    return [
        reverse("cases:detail", args=[case.pk]),
        reverse("cases:document", args=[case.pk, doc.pk]),
        task_url(task, "index"),
        task_url(task, "detail"),
        task_url(task, "execute"),
        task_url(task, "assign"),
        reverse("workflow:flows:plannedinspection:process_detail", args=[task.process_id]),
    ]


@pytest.mark.parametrize("who", ["outsider", "subject"])
def test_people_the_case_does_not_name_get_403_or_404_everywhere(client, world, case_with_doc, who):
    case, doc = case_with_doc
    client.force_login(world["users"][who])
    for url in _urls(case, doc):
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code in (403, 404, 405), (url, response.status_code)
    assert not Document.objects.exclude(pk=doc.pk).exists()


@pytest.mark.parametrize("who", ["outsider", "subject"])
def test_people_the_case_does_not_name_never_see_it_in_any_list(world, case_with_doc, who):
    case, _doc = case_with_doc
    client = Client()  # their own browser: no messages left over from the clerk's session
    client.force_login(world["users"][who])
    for name in ("cases:index", "workflow:inbox", "workflow:queue", "workflow:archive"):
        body = client.get(reverse(name)).content.decode()
        assert case.number not in body, name
    for name in ("workflow:flows:plannedinspection:process_list", "workflow:flows:plannedinspection:task_list"):
        response = client.get(reverse(name))
        assert case.title not in response.content.decode(), name


def test_superuser_without_a_role_gets_no_bypass(client, world, case_with_doc):
    case, doc = case_with_doc
    admin = User.objects.create_superuser("root", "root@example.org", "pw-Kiemtra-2026!")
    client.force_login(admin)
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404
    assert client.get(reverse("cases:document", args=[case.pk, doc.pk])).status_code == 404
    assert case.number not in client.get(reverse("cases:index")).content.decode()


@pytest.mark.parametrize("who", ["staff", "leader", "member", "chair"])
def test_named_people_see_the_case_and_download_documents(client, world, case_with_doc, who):
    case, doc = case_with_doc
    client.force_login(world["users"][who])
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 200
    response = client.get(reverse("cases:document", args=[case.pk, doc.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert case.number in client.get(reverse("cases:index")).content.decode()


def test_document_of_another_case_is_not_reachable_through_a_visible_case(client, world, case_with_doc):
    case, doc = case_with_doc
    other = open_case(client, world, title="Hồ sơ thứ hai")
    client.force_login(world["users"]["leader"])
    assert client.get(reverse("cases:document", args=[other.pk, doc.pk])).status_code == 404


def test_step_needs_the_right_role_member_cannot_sign_chair_cannot_claim_team_work(client, world, case_with_doc):
    case, _doc = case_with_doc
    u = world["users"]
    task = open_task(case, "notify_subject")
    client.force_login(u["chair"])
    assert client.post(task_url(task, "assign")).status_code == 403
    client.force_login(u["member"])
    assert client.post(task_url(task, "assign")).status_code == 302
    client.force_login(u["leader"])  # cannot execute a task claimed by the member
    assert client.post(task_url(task, "execute"), {"sent_on": today()}).status_code == 403


def test_auditor_reads_cases_of_the_jurisdiction_but_cannot_act(client, world, case_with_doc):
    case, _doc = case_with_doc
    build = WorldBuilder(term_start=world["committee"].term_start, password=WORKFLOW_PASSWORD)
    auditor = build.auditor(
        "auditor",
        "",
        world["province"],
        valid_from=timezone.localdate().replace(month=1, day=1),
        valid_to=timezone.localdate().replace(month=12, day=31),
    )
    client.force_login(auditor)
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 200
    task = open_task(case, "notify_subject")
    assert client.post(task_url(task, "assign")).status_code == 403
    outside = build.user("auditor2")
    client.force_login(outside)
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404


def test_anonymous_visitor_is_sent_to_the_vietnamese_login_page(client, world):
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/")
    assert response.status_code == 200


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("name", ["cases:index", "workflow:inbox", "workflow:queue", "workflow:archive"])
def test_lists_run_a_constant_number_of_queries(client, world, name):
    u = world["users"]
    for _ in range(2):
        case = open_case(client, world)
        complete(client, u["chair"], case, "sign_decision", {"signed_on": today()})
    viewer = {
        "cases:index": "member",
        "workflow:inbox": "chair",
        "workflow:queue": "member",
        "workflow:archive": "chair",
    }[name]
    client.force_login(u[viewer])
    few = _count(client, reverse(name))
    for _ in range(4):
        case = open_case(client, world)
        complete(client, u["chair"], case, "sign_decision", {"signed_on": today()})
    client.force_login(u[viewer])
    many = _count(client, reverse(name))
    assert many == few, (few, many)
    assert many <= 25


def test_ui_is_vietnamese_by_default_even_for_an_english_browser_and_english_on_request(client, world):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    body = response.content.decode()
    assert "Đăng nhập" in body and "Tên đăng nhập" in body
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    body = client.get("/accounts/login/").content.decode()
    assert "Log in" in body


def test_case_page_runs_a_constant_number_of_queries(client, world):
    from inspections.services.documents import document_add
    from inspections.services.inspection_steps import verification_record

    u = world["users"]
    case = open_case(client, world)
    complete(client, u["chair"], case, "sign_decision", {"signed_on": today()})
    complete(client, u["member"], case, "notify_subject", {"sent_on": today(), "file": pdf()})
    complete(client, u["member"], case, "receive_self_report", {"received_on": today(), "file": pdf()})
    client.force_login(u["leader"])
    url = reverse("cases:detail", args=[case.pk])
    few = _count(client, url)
    for i in range(5):
        document_add(actor=u["member"], case=case, kind="evidence", title=f"Chứng cứ {i}", upload=pdf())
        verification_record(actor=u["member"], case=case, findings=[("shortcoming", f"Hạn chế {i}")])
    many = _count(client, url)
    assert many == few, (few, many)
