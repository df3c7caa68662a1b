"""Who may do what on a denunciation case (domain.md §5(D); §7.2): each step refuses people
without its action (a refused POST changes nothing), the case actions likewise; the
denouncer's identity never reaches team members, auditors or outsiders, nor the journal;
the register and the case panel read in a constant number of queries."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from viewflow.workflow import STATUS

from inspections.models import Allegation, Case, CaseParty, JournalEntry
from people.models import User
from tests.workflow.conftest import pdf
from tests.workflow.denunciation_helpers import (
    INTAKE_URL,
    SEALED,
    carry_to_concluded,
    day,
    form_team,
    intake_data,
    meet,
    register,
    triage,
    verdicts,
)
from tests.workflow.helpers import complete, open_task, task_url
from tests.world import WORKFLOW_PASSWORD, WorldBuilder

pytestmark = pytest.mark.django_db

REFUSED = {403, 404}


def _as(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _state(case):
    case.refresh_from_db()
    return case.status, JournalEntry.objects.filter(case=case).count()


def refused(case, step, *users):
    """Each user is refused the step: executing it when it is someone's, claiming it when it
    waits in the queue. Nothing changes."""
    for user in users:
        task = open_task(case, step)
        before = _state(case)
        c = _as(user)
        if task.owner_id:
            status = c.post(task_url(task), {}).status_code
        else:
            status = c.post(task_url(task, "assign"), {}).status_code
        assert status in REFUSED, (step, user.username, status)
        task.refresh_from_db()
        assert task.owner_id == (open_task(case, step).owner_id)
        assert _state(case) == before, (step, user.username)
        if not open_task(case, step).owner_id:
            assert task.status == STATUS.NEW


def shown(case, step, user):
    """The step's page opens for the person allowed (claiming it from the queue first)."""
    c = _as(user)
    task = open_task(case, step)
    if task.owner_id is None:
        assert c.post(task_url(task, "assign"), {}).status_code == 302
        task.refresh_from_db()
    response = c.get(task_url(task))
    assert response.status_code == 200, (step, user.username)
    page = response.content.decode()
    assert 'id="denunciation"' in page and not any(value in page for value in SEALED)
    return page


def test_every_step_refuses_people_without_its_action(client, world):
    u = world["users"]
    staff, leader, member, chair, outsider, subject = (
        u[k] for k in ("staff", "leader", "member", "chair", "outsider", "subject")
    )
    # Registering: a committee seat is needed (the subject has none).
    c = _as(subject)
    assert c.post(reverse(INTAKE_URL), intake_data(world)).status_code in REFUSED
    assert c.get(reverse(INTAKE_URL)).status_code in REFUSED
    assert not Case.objects.exists()
    assert "letter_scan" in _as(staff).get(reverse(INTAKE_URL)).content.decode()
    case = register(client, world)

    refused(case, "triage", staff, member, outsider)
    assert "Giấu tên, mạo tên" in shown(case, "triage", chair)  # the criteria in force
    triage(client, world, case)
    refused(case, "meet_denouncer", chair, outsider, member)
    shown(case, "meet_denouncer", staff)
    meet(client, world, case)
    refused(case, "draft_decision", chair, subject)
    shown(case, "draft_decision", staff)
    form_team(client, world, case)
    refused(case, "sign_decision", staff, leader, member)
    shown(case, "sign_decision", chair)
    complete(client, chair, case, "sign_decision", {"signed_on": day()})
    refused(case, "send_outline", chair, outsider)
    shown(case, "send_outline", member)
    complete(client, member, case, "send_outline", {"sent_on": day(), "file": pdf()})
    refused(case, "receive_explanation", chair, subject)
    complete(client, member, case, "receive_explanation", {"received_on": day(), "file": pdf()})
    refused(case, "verify", chair, outsider)
    assert "Lợi dụng chức vụ" in shown(case, "verify", member)  # one verdict field per allegation
    complete(client, member, case, "verify", verdicts(case))
    refused(case, "write_team_report", member, staff, chair)
    shown(case, "write_team_report", leader)
    complete(client, leader, case, "write_team_report", {"text": "Báo cáo", "discussed_on": day()})
    refused(case, "review_team_report", leader, member, staff)
    shown(case, "review_team_report", chair)
    complete(client, chair, case, "review_team_report", {"decision": "accept"})
    refused(case, "draft_conclusion", member, chair)
    shown(case, "draft_conclusion", leader)
    complete(client, leader, case, "draft_conclusion", {"text": "Kết luận", "violation_found": "on"})
    refused(case, "approve_conclusion", leader, staff)
    complete(client, chair, case, "approve_conclusion", {"decision": "accept"})
    refused(case, "notify_conclusion", chair, outsider)
    shown(case, "notify_conclusion", staff)


def test_the_clerk_who_registered_never_triages(client, world):
    """Segregation (StepSeparation D/triage/drafter, and the service's authorship rule): a
    chair who registers a letter cannot triage it; another chair must."""
    u = world["users"]
    client.force_login(u["chair"])
    response = client.post(reverse(INTAKE_URL), intake_data(world))
    assert response.status_code == 302
    case = Case.objects.get()
    task = open_task(case, "triage")
    assert task.owner_id is None  # not auto-assigned to the only approver: they registered it
    c = _as(u["chair"])
    assert c.post(task_url(task, "assign"), {}).status_code in REFUSED
    # Even when given the task, executing it is refused with the reason.
    task.owner, task.status = u["chair"], STATUS.ASSIGNED
    task.save()
    response = c.post(task_url(task), {"decision": "handled"})
    assert response.status_code == 403
    assert "không được thực hiện bước này" in response.content.decode()
    assert Case.objects.get(pk=case.pk).status == "received"


def test_case_actions_need_their_action(client, world):
    u = world["users"]
    case = register(client, world)
    withdraw = reverse("cases:denunciation_withdrawal", args=[case.pk])
    decide = reverse("cases:denunciation_withdrawal_decide", args=[case.pk])
    extend = reverse("cases:denunciation_extend", args=[case.pk])
    assert _as(u["outsider"]).get(withdraw).status_code == 404
    assert _as(u["outsider"]).post(extend, {"reason": "x"}).status_code == 404
    assert _as(u["chair"]).post(withdraw, {"received_on": day()}).status_code == 403
    assert _as(u["staff"]).post(extend, {"reason": "Lý do"}).status_code == 403
    assert _as(u["staff"]).get(extend).status_code == 403
    assert _as(u["chair"]).get(extend).status_code == 200
    assert _as(u["chair"]).get(reverse("cases:denunciation_pause", args=[case.pk])).status_code == 200
    assert _as(u["staff"]).get(reverse("cases:denunciation_pause", args=[case.pk])).status_code == 403
    assert _as(u["staff"]).get(withdraw).status_code == 200
    assert _as(u["staff"]).post(withdraw, {"received_on": day()}).status_code == 302
    assert _as(u["staff"]).post(decide, {"decision": "stop"}).status_code == 403
    assert Case.objects.get(pk=case.pk).status == "received"
    assert not case.deadline_extensions.exists()
    # These pages exist only for denunciations.
    from tests.workflow.helpers import open_case

    planned = open_case(client, world)
    assert _as(u["chair"]).get(reverse("cases:denunciation_extend", args=[planned.pk])).status_code == 404


def _auditor(world) -> User:
    return WorldBuilder(term_start=world["committee"].term_start, password=WORKFLOW_PASSWORD).auditor(
        "auditor", "Kiểm Soát Viên", world["province"], days=30
    )


def test_the_denouncer_identity_never_reaches_the_team_auditors_or_outsiders(client, world):
    u = world["users"]
    case = register(client, world, other_signatories="Mạc Văn Đồng Ký | Thôn Bắc | 0900 111 222", signatory_count="1")
    carry_to_concluded(client, world, case, recommendations=f"{day(30)} | Trả lại đất")
    complete(client, u["staff"], case, "notify_conclusion", {"conclusion_sent_on": day(), "result_sent_on": day()})
    notices = list(case.denunciation_notices.all())
    pages = [
        reverse("cases:detail", args=[case.pk]),
        reverse("cases:denunciation_register"),
        reverse("cases:parties", args=[case.pk]),
        reverse("cases:journal_export", args=[case.pk]),
        *(reverse("cases:denunciation_notice", args=[case.pk, n.pk]) for n in notices),
    ]
    task = open_task(case, "follow_up")
    for user in (u["member"], u["leader"], u["chair"], u["staff"], _auditor(world)):
        c = _as(user)
        for url in [*pages, task_url(task, "detail")]:
            response = c.get(url)
            assert response.status_code == 200, (user.username, url)
            page = response.content.decode()
            assert not any(value in page for value in SEALED), (user.username, url)
    # Outsiders and the denounced see nothing at all.
    for user in (u["outsider"], u["subject"]):
        c = _as(user)
        for url in pages:
            response = c.get(url)
            if url == reverse("cases:denunciation_register"):
                assert case.number not in response.content.decode()
            else:
                assert response.status_code == 404, (user.username, url)
    # The panel offers the reveal (journaled, on the parties page) only with view_sealed.
    assert "mỗi lần xem được ghi nhật ký" in _as(u["leader"]).get(pages[0]).content.decode()
    assert "mỗi lần xem được ghi nhật ký" not in _as(u["member"]).get(pages[0]).content.decode()
    # Nothing sealed was ever journaled.
    for entry in JournalEntry.objects.filter(case=case):
        assert not any(value in entry.payload for value in SEALED), entry.action


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_register_reads_in_a_constant_number_of_queries(client, world):
    u = world["users"]
    register(client, world, register_number="TC-01")
    c = _as(u["chair"])
    url = reverse("cases:denunciation_register")
    one = _queries(c, url)
    for n in range(2, 6):
        register(client, world, register_number=f"TC-0{n}", allegations="A\nB\nC")
    more = _queries(c, url)
    assert more == one
    page = c.get(url).content.decode()
    assert page.count('href="/cases/') >= 5 and "TC-05" in page
    # Filters: status and received date (dd/mm/yyyy); invalid input finds nothing.
    assert "TC-05" in c.get(url, {"status": "received", "received_from": day(-3)}).content.decode()
    assert "TC-05" not in c.get(url, {"received_to": day(-10)}).content.decode()
    response = c.get(url, {"received_from": "31/31/2026"})
    assert response.status_code == 200 and "TC-05" not in response.content.decode()
    assert "TC-05" not in c.get(url, {"status": "not_handled"}).content.decode()
    # Scoped by access: the outsider's register is empty.
    assert "TC-0" not in _as(u["outsider"]).get(url).content.decode()


def test_case_page_with_the_panel_reads_in_a_constant_number_of_queries(client, world):
    u = world["users"]
    small = register(client, world, register_number="TC-01", allegations="Một nội dung")
    big = register(client, world, register_number="TC-02", allegations="\n".join(f"Nội dung {n}" for n in range(1, 9)))
    for case in (small, big):
        triage(client, world, case)
        meet(client, world, case)
    c = _as(u["chair"])
    c.post(reverse("cases:denunciation_extend", args=[big.pk]), {"reason": "Phức tạp"})
    assert Allegation.objects.filter(case=big).count() == 8
    small_count = _queries(c, reverse("cases:detail", args=[small.pk]))
    c.post(reverse("cases:denunciation_extend", args=[small.pk]), {"reason": "Phức tạp"})
    assert _queries(c, reverse("cases:detail", args=[small.pk])) == small_count
    assert _queries(c, reverse("cases:detail", args=[big.pk])) == small_count
    assert CaseParty.objects.filter(case=big).count() == 1
