"""The planned-inspection flow through the real views: happy path, both return loops,
bad input and conflicts."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from inspections.journal import verify_chain
from inspections.models import Case, CaseStatus, Document, JournalEntry, Recommendation
from tests.workflow.conftest import pdf
from tests.workflow.helpers import claim, complete, open_case, open_task

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate().strftime("%d/%m/%Y")


def future(days=60):
    return (timezone.localdate() + datetime.timedelta(days=days)).strftime("%d/%m/%Y")


def carry_to_report(client, world, case):
    u = world["users"]
    complete(client, u["chair"], case, "sign_decision", {"signed_on": today()})
    complete(client, u["member"], case, "notify_subject", {"sent_on": today(), "file": pdf("thong-bao.pdf")})
    complete(client, u["member"], case, "receive_self_report", {"received_on": today(), "file": pdf("bao-cao.pdf")})
    complete(
        client,
        u["member"],
        case,
        "verify",
        {"strengths": "Duy trì sinh hoạt định kỳ", "shortcomings": "Chưa ghi biên bản đầy đủ", "violations": ""},
    )
    complete(client, u["leader"], case, "write_team_report", {"text": "Báo cáo kết quả kiểm tra lần 1"})


def test_planned_inspection_happy_path_with_both_return_loops(client, world):
    u = world["users"]
    case = open_case(client, world)
    assert case.status == CaseStatus.DRAFT
    assert case.number.startswith("01-")

    carry_to_report(client, world, case)
    # Return loop 1: the chair sends the report back for more verification.
    complete(client, u["chair"], case, "review_team_report", {"decision": "return", "note": "Xác minh thêm sổ sách"})
    case.refresh_from_db()
    assert case.status == CaseStatus.VERIFYING
    complete(client, u["member"], case, "verify", {"shortcomings": "Sổ sách ghi chép chưa kịp thời"})
    complete(client, u["leader"], case, "write_team_report", {"text": "Báo cáo kết quả kiểm tra lần 2"})
    complete(client, u["chair"], case, "review_team_report", {"decision": "accept", "note": ""})

    # Return loop 2: the conclusion is sent back for redrafting.
    complete(
        client,
        u["leader"],
        case,
        "draft_conclusion",
        {"text": "Dự thảo kết luận 1", "recommendations": f"{future()} | Kiện toàn sổ sách"},
    )
    complete(client, u["chair"], case, "approve_conclusion", {"decision": "return", "note": "Bổ sung nguyên nhân"})
    case.refresh_from_db()
    assert case.status == CaseStatus.REPORTED
    complete(
        client,
        u["leader"],
        case,
        "draft_conclusion",
        {
            "text": "Dự thảo kết luận 2",
            "violation_found": "",
            "recommendations": f"{future()} | Kiện toàn sổ sách\n{future(90)} | Báo cáo kết quả khắc phục",
        },
    )
    complete(client, u["chair"], case, "approve_conclusion", {"decision": "accept"})
    complete(client, u["staff"], case, "notify_conclusion", {"sent_on": today()})
    case.refresh_from_db()
    assert case.status == CaseStatus.FOLLOW_UP
    binding = Recommendation.objects.filter(case=case, conclusion__status="accepted").order_by("pk")
    assert binding.count() == 2

    complete(client, u["member"], case, "follow_up", {"done": [binding[0].pk], "done_on": today(), "note": "Đã xong"})
    case.refresh_from_db()
    assert case.status == CaseStatus.FOLLOW_UP
    complete(client, u["member"], case, "follow_up", {"done": [binding[1].pk], "done_on": today(), "note": "Đã xong"})
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert case.closed_on == timezone.localdate()

    actions = list(JournalEntry.objects.filter(case=case).order_by("seq").values_list("action", flat=True))
    assert actions[0] == "case.opened"
    assert actions[-1] == "case.closed"
    assert "team_report.returned" in actions and "conclusion.returned" in actions
    # Every assignment is on the record: automatic ones and claims from the queue.
    hows = {
        json.loads(p)["how"]
        for p in JournalEntry.objects.filter(case=case, action="task.assigned").values_list("payload", flat=True)
    }
    assert {"auto", "claimed"} <= hows
    assert verify_chain(case.pk) is None

    # The case page shows the timeline read from the journal.
    client.force_login(u["leader"])
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Trả lại báo cáo để thẩm tra thêm" in page
    assert "Kết thúc hồ sơ" in page


def test_team_tasks_are_claimed_from_the_queue_and_approver_tasks_auto_assigned(client, world):
    u = world["users"]
    case = open_case(client, world)
    sign = open_task(case, "sign_decision")
    assert sign.owner_id == u["chair"].pk
    complete(client, u["chair"], case, "sign_decision", {"signed_on": today()})
    notify = open_task(case, "notify_subject")
    assert notify.owner_id is None
    client.force_login(u["member"])
    queue = client.get(reverse("workflow:queue")).content.decode()
    assert case.number in queue
    client.force_login(u["chair"])
    assert case.number not in client.get(reverse("workflow:queue")).content.decode()


def test_open_case_form_errors_are_shown_next_to_fields_and_nothing_is_saved(client, world):
    client.force_login(world["users"]["staff"])
    url = reverse("workflow:flows:plannedinspection:open_case:execute")
    response = client.post(url, {"committee": world["committee"].pk, "title": "", "grounds": "", "leader": ""})
    assert response.status_code == 200
    form = response.context["form"]
    assert "title" in form.errors and "grounds" in form.errors and "leader" in form.errors
    assert "field-errors" in response.content.decode()
    assert Case.objects.count() == 0


def test_open_case_unknown_card_and_bad_dates_give_messages(client, world):
    client.force_login(world["users"]["staff"])
    url = reverse("workflow:flows:plannedinspection:open_case:execute")
    response = client.post(
        url,
        {
            "committee": world["committee"].pk,
            "title": "X",
            "grounds": "Y",
            "subject_card_number": "KHONG-CO",
            "period_start": "31/12/2025",
            "period_end": "01/01/2025",
            "key_areas": [],
            "confidentiality": "normal",
            "leader": world["users"]["leader"].pk,
        },
    )
    form = response.context["form"]
    assert "Không tìm thấy đảng viên" in str(form.errors["subject_card_number"])
    assert "period_end" in form.errors
    assert Case.objects.count() == 0


def test_rule_violation_conflict_of_interest_is_shown_and_nothing_saved(client, world):
    client.force_login(world["users"]["staff"])
    url = reverse("workflow:flows:plannedinspection:open_case:execute")
    from inspections.models import KeyArea

    # The subject put on the team: refused by the service with its message.
    world["users"]["subject"].seats.create(
        committee=world["committee"], role="member", started_on=datetime.date(2025, 7, 1)
    )
    response = client.post(
        url,
        {
            "committee": world["committee"].pk,
            "title": "X",
            "grounds": "Y",
            "subject_card_number": world["subject_member"].card_number,
            "key_areas": [KeyArea.objects.first().pk],
            "confidentiality": "normal",
            "leader": world["users"]["leader"].pk,
            "members": [world["users"]["subject"].pk],
        },
    )
    assert response.status_code == 200
    assert "là đối tượng của hồ sơ" in response.content.decode()
    assert Case.objects.count() == 0
    assert JournalEntry.objects.count() == 0


def test_rejected_upload_saves_nothing_and_task_stays_open(client, world, settings):
    u = world["users"]
    case = open_case(client, world)
    complete(client, u["chair"], case, "sign_decision", {"signed_on": today()})
    complete(client, u["member"], case, "notify_subject", {"sent_on": today()})
    client.force_login(u["member"])
    claim(client, open_task(case, "receive_self_report"))
    before_journal = JournalEntry.objects.filter(case=case).count()
    from django.core.files.uploadedfile import SimpleUploadedFile

    html = SimpleUploadedFile("bao-cao.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf")
    response = complete(
        client, u["member"], case, "receive_self_report", {"received_on": today(), "file": html}, expect=200
    )
    assert "Loại tệp không được chấp nhận" in response.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.NOTIFIED
    assert Document.objects.filter(case=case).count() == 0
    assert JournalEntry.objects.filter(case=case).count() == before_journal
    assert open_task(case, "receive_self_report")
    media = settings.MEDIA_ROOT
    assert not any(p.is_file() for p in media.rglob("*")) if media.exists() else True


def test_bad_date_on_sign_is_refused_with_message(client, world):
    u = world["users"]
    case = open_case(client, world)
    response = complete(client, u["chair"], case, "sign_decision", {"signed_on": future(5)}, expect=200)
    assert "không được sau ngày hôm nay" in response.content.decode()
    response = complete(client, u["chair"], case, "sign_decision", {"signed_on": "32/13/2026"}, expect=200)
    assert "signed_on" in response.context["form"].errors
    case.refresh_from_db()
    assert case.status == CaseStatus.DRAFT


def test_drafter_cannot_approve_own_conclusion_through_the_view(client, world):
    """Four-eyes: if the leader also holds the approver role, approving their own draft is refused."""
    from inspections import access

    u = world["users"]
    case = open_case(client, world)
    carry_to_report(client, world, case)
    complete(client, u["chair"], case, "review_team_report", {"decision": "accept"})
    complete(client, u["leader"], case, "draft_conclusion", {"text": "Kết luận", "recommendations": ""})
    access.revoke_role(case=case, user=u["chair"], role="approver")
    access.grant_role(case=case, user=u["leader"], role="approver")
    task = open_task(case, "approve_conclusion")
    task.owner = u["leader"]
    task.status = "ASSIGNED"
    task.save()
    # The engine refuses first (segregation of duties per step), with its reason.
    response = complete(client, u["leader"], case, "approve_conclusion", {"decision": "accept"}, expect=403)
    assert "không được thực hiện bước này" in response.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.CONCLUDING


def test_completing_a_task_already_completed_gives_a_clear_message(client, world):
    u = world["users"]
    case = open_case(client, world)
    task = open_task(case, "sign_decision")
    complete(client, u["chair"], case, "sign_decision", {"signed_on": today()})
    client.force_login(u["chair"])
    response = client.post(task.flow_task.reverse("execute", args=[task.process_id, task.pk]), {"signed_on": today()})
    assert response.status_code == 409
    assert "đã được" in response.content.decode() and "hoàn thành" in response.content.decode()
    assert Case.objects.get(pk=case.pk).status == CaseStatus.DECIDED
