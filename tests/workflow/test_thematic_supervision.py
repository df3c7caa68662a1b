"""Thematic supervision (C2) through the real views: the full path with every branch (the
additions loop, the result report returned, signs of violation found, the notice
returned, follow-up), the clock started by the subject's report, the extension (once,
before the due date, chair only), access per step with two users, and bad input."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from inspections import deadlines
from inspections.deadlines import province_of
from inspections.journal import verify_chain
from inspections.models import (
    AdditionRequest,
    Case,
    CaseStatus,
    DeadlineExtension,
    Document,
    DocumentKind,
    JournalEntry,
    Recommendation,
    SignsProposal,
    SupervisionMeeting,
    ThematicSupervision,
)
from inspections.selectors.supervision import signs_proposals_pending
from tests.workflow.conftest import pdf
from tests.workflow.helpers import claim, complete, open_task, task_url
from tests.workflow.supervision_helpers import STEPS, carry, day, meeting_data, open_thematic

pytestmark = pytest.mark.django_db


def _status(case):
    case.refresh_from_db()
    return case.status


def test_full_path_with_every_branch(client, world):
    u = world["users"]
    case = open_thematic(client, world)
    assert case.status == CaseStatus.DRAFT
    kinds = set(Document.objects.filter(case=case).values_list("kind", flat=True))
    assert kinds == {DocumentKind.SUPERVISION_DECISION, DocumentKind.SUPERVISION_PLAN, DocumentKind.SUPERVISION_OUTLINE}
    assert ThematicSupervision.objects.filter(case=case).exists()

    complete(client, u["chair"], case, "sign_decision", {"signed_on": day()})
    assert _status(case) == CaseStatus.DECIDED and case.decided_on == timezone.localdate()
    # Signing does not start the clock: the subject's report does (domain.md §7.8).
    assert case.due_on is None and case.clock_started_on is None
    carry(client, world, case, start="group_meeting", until="receive_report")
    assert _status(case) == CaseStatus.NOTIFIED

    complete(client, u["member"], case, "receive_report", {"received_on": day(), "file": pdf("bao-cao.pdf")})
    case.refresh_from_db()
    assert case.status == CaseStatus.SUBJECT_REPORTED
    assert case.clock_started_on == timezone.localdate()
    assert case.due_on == deadlines.due_on("C2.resolve", timezone.localdate(), province=province_of(case))
    assert case.due_on > timezone.localdate()

    # Additions loop, twice round: requested -> received -> studied again.
    complete(
        client,
        u["member"],
        case,
        "study_report",
        {"shortcomings": "Chưa nêu số liệu", "additions": "Bổ sung số liệu đảng phí", "requested_on": day()},
    )
    assert _status(case) == CaseStatus.ADDITIONS_REQUESTED
    complete(client, u["leader"], case, "receive_additions", {"received_on": day(), "file": pdf("bo-sung.pdf")})
    assert _status(case) == CaseStatus.VERIFYING
    complete(
        client, u["member"], case, "study_report", {"additions": "Giải trình việc chậm họp", "requested_on": day()}
    )
    complete(client, u["member"], case, "receive_additions", {"received_on": day(), "file": pdf("giai-trinh.pdf")})
    complete(client, u["leader"], case, "study_report", {"strengths": "Đã khắc phục", "violations": "Chi sai quỹ"})
    assert AdditionRequest.objects.filter(case=case, received_on__isnull=False).count() == 2
    assert _status(case) == CaseStatus.VERIFYING

    complete(client, u["leader"], case, "draft_result", {"text": "Dự thảo báo cáo kết quả", "file": pdf()})
    assert _status(case) == CaseStatus.RESULT_DRAFTED
    complete(client, u["member"], case, "subject_meeting", meeting_data(world, case, file=pdf("bien-ban.pdf")))
    assert _status(case) == CaseStatus.MEETING_HELD
    meeting = SupervisionMeeting.objects.get(case=case)
    assert set(meeting.group_present.all()) == {u["leader"], u["member"]}
    assert meeting.minutes.kind == DocumentKind.MINUTES

    # Signs of violation found; the chair returns the report first: no proposal yet.
    complete(
        client,
        u["leader"],
        case,
        "finalise_report",
        {"text": "Báo cáo kết quả lần 1", "signs_found": "on", "signs_content": "Dấu hiệu chi sai quỹ đảng"},
    )
    assert _status(case) == CaseStatus.REPORTED
    complete(client, u["chair"], case, "review_report", {"decision": "return", "note": "Làm rõ số tiền"})
    assert _status(case) == CaseStatus.MEETING_HELD
    assert not SignsProposal.objects.exists()
    complete(
        client,
        u["leader"],
        case,
        "finalise_report",
        {"text": "Báo cáo kết quả lần 2", "signs_found": "on", "signs_content": "Chi sai quỹ 12 triệu đồng"},
    )
    complete(client, u["chair"], case, "review_report", {"decision": "accept"})
    proposal = SignsProposal.objects.get()
    assert (proposal.origin, proposal.content, proposal.proposed_by) == (case, "Chi sai quỹ 12 triệu đồng", u["leader"])
    assert list(signs_proposals_pending(u["chair"])) == [proposal]
    assert _status(case) == CaseStatus.REPORTED

    # The notice: returned once, then signed.
    complete(
        client,
        u["leader"],
        case,
        "draft_notice",
        {"text": "Thông báo kết quả giám sát (dự thảo 1)", "recommendations": f"{day(30)} | Hoàn trả quỹ"},
    )
    assert _status(case) == CaseStatus.CONCLUDING
    complete(client, u["chair"], case, "sign_notice", {"decision": "return", "note": "Bổ sung yêu cầu"})
    assert _status(case) == CaseStatus.REPORTED
    complete(
        client,
        u["leader"],
        case,
        "draft_notice",
        {
            "text": "Thông báo kết quả giám sát",
            "recommendations": f"{day(30)} | Hoàn trả quỹ\n{day(60)} | Kiểm điểm trách nhiệm",
        },
    )
    complete(client, u["chair"], case, "sign_notice", {"decision": "accept"})
    assert _status(case) == CaseStatus.CONCLUDED
    complete(client, u["staff"], case, "send_notice", {"sent_on": day(), "file": pdf("thong-bao.pdf")})
    assert _status(case) == CaseStatus.FOLLOW_UP
    assert Document.objects.filter(case=case, kind=DocumentKind.SUPERVISION_RESULT_NOTICE).count() == 1
    binding = Recommendation.objects.filter(case=case, conclusion__status="accepted").order_by("pk")
    assert binding.count() == 2
    complete(client, u["member"], case, "follow_up", {"done": [binding[0].pk], "done_on": day(), "note": "Đã nộp"})
    assert _status(case) == CaseStatus.FOLLOW_UP
    complete(client, u["member"], case, "follow_up", {"done": [binding[1].pk], "done_on": day(), "note": "Đã họp"})
    assert _status(case) == CaseStatus.CLOSED and case.closed_on == timezone.localdate()

    actions = list(JournalEntry.objects.filter(case=case).order_by("seq").values_list("action", flat=True))
    for action in (
        "supervision.decision_signed",
        "supervision.group_met",
        "supervision.report_received",
        "supervision.studied",
        "supervision.additions_received",
        "supervision.result_drafted",
        "supervision.meeting_held",
        "supervision.report_returned",
        "supervision.report_accepted",
        "supervision.signs_proposed",
        "conclusion.returned",
        "supervision.notice_sent",
        "recommendations.done",
    ):
        assert action in actions, action
    assert actions[-1] == "case.closed"
    # Every entry has a label on the timeline.
    from workflow.views.cases import TIMELINE_LABELS

    assert set(actions) <= set(TIMELINE_LABELS), set(actions) - set(TIMELINE_LABELS)
    assert verify_chain(case.pk) is None
    received = json.loads(JournalEntry.objects.get(case=case, action="supervision.report_received").payload)
    assert received["due_on"] == case.due_on.isoformat()

    client.force_login(u["chair"])
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'id="thematic-supervision"' in page
    assert "Trả lại báo cáo kết quả giám sát" in page and "Nhận bổ sung, giải trình" in page
    assert "Chi sai quỹ 12 triệu đồng" in page


def test_notice_without_requirements_closes_at_once(client, world):
    client.force_login(world["users"]["staff"])
    assert client.get(reverse("workflow:flows:thematicsupervision:open_case:execute")).status_code == 200
    assert client.get(reverse("cases:supervision_log_open")).status_code == 200
    case = open_thematic(client, world)
    carry(client, world, case)
    assert _status(case) == CaseStatus.CLOSED
    assert not SignsProposal.objects.exists()


def test_subject_member_meeting_needs_the_members_attendance(client, world):
    u = world["users"]
    case = open_thematic(
        client, world, subject_organisation="", subject_card_number=world["subject_member"].card_number
    )
    carry(client, world, case, until="subject_meeting")
    data = meeting_data(world, case)
    data.pop("subject_member_present")
    response = complete(client, u["member"], case, "subject_meeting", data, expect=200)
    assert "Cần ghi đảng viên được giám sát có mặt hay vắng mặt" in response.content.decode()
    assert not SupervisionMeeting.objects.exists()
    complete(client, u["member"], case, "subject_meeting", meeting_data(world, case, subject_member_present="0"))
    assert SupervisionMeeting.objects.get().subject_member_present is False


def test_drafter_never_signs_the_decision(client, world):
    """Staff draft, the chair signs. A chair who drafted the case may not sign it."""
    u = world["users"]
    from people.models import CommitteeSeat

    CommitteeSeat.objects.filter(user=u["staff"]).update(role="chair")
    case = open_thematic(client, world)
    # Two chairs: the drafter is excluded from the step, so the other one gets it.
    task = open_task(case, "sign_decision")
    assert task.owner_id == u["chair"].pk
    # Handed to the drafter anyway, the step refuses them with the reason.
    task.owner = u["staff"]
    task.save(update_fields=["owner"])
    response = complete(client, u["staff"], case, "sign_decision", {"signed_on": day()}, expect=403)
    assert "không được thực hiện bước này" in response.content.decode()
    assert _status(case) == CaseStatus.DRAFT
    task.owner = u["chair"]
    task.save(update_fields=["owner"])
    complete(client, u["chair"], case, "sign_decision", {"signed_on": day()})
    assert _status(case) == CaseStatus.DECIDED


# --- access and bad input, step by step ----------------------------------------------
# One case walks the whole flow; at each step the wrong people are refused (a refused POST
# changes nothing), bad input gets a message and writes nothing, then the right person
# completes the step.

ACCESS = {
    # step: (allowed actor, refused actors)
    "sign_decision": ("chair", ["leader", "staff", "outsider"]),
    "group_meeting": ("leader", ["member", "chair", "outsider"]),
    "receive_report": ("member", ["chair", "outsider", "subject"]),
    "study_report": ("leader", ["chair", "outsider"]),
    "draft_result": ("leader", ["member", "chair"]),
    "subject_meeting": ("staff", ["chair", "outsider"]),
    "finalise_report": ("leader", ["member", "chair"]),
    "review_report": ("chair", ["leader", "member", "outsider"]),
    "draft_notice": ("leader", ["staff", "chair"]),
    "sign_notice": ("chair", ["leader", "member"]),
    "send_notice": ("member", ["chair", "outsider"]),
}

BAD = {
    "sign_decision": [({"signed_on": day(2)}, "không được sau ngày hôm nay"), ({"signed_on": "2026-13-01"}, None)],
    "group_meeting": [
        ({"met_on": day(), "method": "", "assignments": "x", "sent_on": day()}, None),
        ({"met_on": day(-40), "method": "m", "assignments": "a", "sent_on": day()}, "trước ngày ký quyết định"),
    ],
    "receive_report": [
        ({"received_on": day()}, None),
        ({"received_on": day(1), "file": pdf()}, "không được sau ngày hôm nay"),
    ],
    "study_report": [({}, "Cần ghi ít nhất một nhận xét"), ({"additions": "Bổ sung"}, "Cần ghi ngày yêu cầu bổ sung")],
    "draft_result": [({"text": "  "}, None)],
    "subject_meeting": [
        ({"held_on": day(), "summary": "S", "group_present": []}, None),
        ({"held_on": day(), "summary": "S", "group_present": ["999999"]}, None),
        ({"held_on": day(), "summary": "S", "group_present": [], "subject_committee_present": ""}, None),
    ],
    "finalise_report": [({"text": "Báo cáo", "signs_found": "on", "signs_content": ""}, "Cần ghi rõ dấu hiệu")],
    "review_report": [({"decision": "return", "note": ""}, "cần ghi rõ nội dung"), ({"decision": "maybe"}, None)],
    "draft_notice": [
        ({"text": "T", "recommendations": "30/02/2027 | X"}, "không đúng mẫu"),
        ({"text": "T", "recommendations": f"{day(-1)} | X"}, "đã qua"),
    ],
    "sign_notice": [({"decision": "return", "note": " "}, "cần ghi rõ nội dung cần sửa")],
    "send_notice": [({"sent_on": day(1)}, "không được sau ngày hôm nay")],
}


def _snapshot(case):
    return (
        Case.objects.get(pk=case.pk).status,
        JournalEntry.objects.filter(case=case).count(),
        Document.objects.filter(case=case).count(),
        AdditionRequest.objects.count(),
        SupervisionMeeting.objects.count(),
        SignsProposal.objects.count(),
    )


def test_each_step_refuses_the_wrong_people_and_bad_input_then_accepts_the_right_one(client, world):
    u = world["users"]
    case = open_thematic(client, world)
    for step, _actor, data in STEPS:
        allowed, refused = ACCESS[step]
        task = open_task(case, step)
        before = _snapshot(case)
        for name in refused:
            client.force_login(u[name])
            if task.owner_id is None:
                # A queued step: the wrong person cannot claim it.
                assert client.post(task_url(task, "assign"), {}).status_code in (403, 404), (step, name)
                task.refresh_from_db()
                assert task.owner_id is None, (step, name)
            else:
                response = client.post(task_url(task), data(world, case))
                assert response.status_code in (403, 404), (step, name, response.status_code)
        assert _snapshot(case) == before, step
        client.force_login(u[allowed])
        if task.owner_id is None:
            claim(client, task)  # journaled as an assignment: done before the snapshot
            task.refresh_from_db()
        before = _snapshot(case)
        assert client.get(task_url(task)).status_code == 200, step
        for bad, message in BAD[step]:
            response = complete(client, u[allowed], case, step, bad, expect=200)
            assert response.context["form"].errors, (step, bad)
            if message:
                assert message in response.content.decode(), (step, bad)
            assert _snapshot(case) == before, (step, bad)
        complete(client, u[allowed], case, step, data(world, case))
        assert _snapshot(case) != before, step
    assert _status(case) == CaseStatus.CLOSED


# --- the extension -------------------------------------------------------------------


def _extend_url(case):
    return reverse("cases:supervision_extend", args=[case.pk])


def test_extension_once_by_the_chair_before_the_due_date(client, world):
    u = world["users"]
    case = open_thematic(client, world)
    carry(client, world, case, until="receive_report")
    # Before the subject's report there is no clock to extend.
    client.force_login(u["chair"])
    response = client.post(_extend_url(case), {"reason": "Đối tượng xin thêm thời gian"})
    assert response.status_code == 200 and "thời hạn giám sát chưa bắt đầu tính" in response.content.decode()

    carry(client, world, case, start="receive_report", until="study_report")
    case.refresh_from_db()
    due = case.due_on
    # Not the chair: refused; outsiders do not see the case.
    for name, status in (("leader", 403), ("member", 403), ("staff", 403), ("outsider", 404), ("subject", 404)):
        client.force_login(u[name])
        assert client.get(_extend_url(case)).status_code == status, name
        assert client.post(_extend_url(case), {"reason": "x"}).status_code == status, name
    assert not DeadlineExtension.objects.exists()

    client.force_login(u["chair"])
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'id="extend-link"' in page
    response = client.post(_extend_url(case), {"reason": "  "})
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    response = client.post(_extend_url(case), {"reason": "Vụ việc phức tạp, cần xác minh thêm"})
    assert response.status_code == 302
    case.refresh_from_db()
    expected = deadlines.due_on("C2.resolve", case.clock_started_on, province=province_of(case), extension=True)
    assert case.due_on == expected and case.due_on > due
    extension = DeadlineExtension.objects.get()
    assert (extension.number, extension.due_before, extension.due_after) == (1, due, expected)
    entry = JournalEntry.objects.get(case=case, action="supervision.extended")
    assert json.loads(entry.payload)["due_on"] == {"before": due.isoformat(), "after": expected.isoformat()}

    # A second extension is refused, with its reason, and changes nothing.
    response = client.post(_extend_url(case), {"reason": "Xin gia hạn lần hai"})
    assert response.status_code == 200
    assert "đã được gia hạn hết số lần quy định" in response.content.decode()
    case.refresh_from_db()
    assert case.due_on == expected and DeadlineExtension.objects.count() == 1
    assert 'id="extend-link"' not in client.get(reverse("cases:detail", args=[case.pk])).content.decode()


def test_extension_after_the_due_date_is_refused(client, world, monkeypatch):
    u = world["users"]
    case = open_thematic(client, world)
    carry(client, world, case, until="study_report")
    case.refresh_from_db()
    late = case.due_on + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: late)
    client.force_login(u["chair"])
    response = client.post(_extend_url(case), {"reason": "Xin gia hạn"})
    assert response.status_code == 200
    assert "Đã quá hạn giám sát" in response.content.decode()
    assert not DeadlineExtension.objects.exists()
    assert 'id="extend-link"' not in client.get(reverse("cases:detail", args=[case.pk])).content.decode()


def test_extension_refused_once_concluded_and_for_other_kinds(client, world):
    u = world["users"]
    case = open_thematic(client, world)
    carry(client, world, case, until="send_notice")
    client.force_login(u["chair"])
    response = client.post(_extend_url(case), {"reason": "Xin gia hạn"})
    assert "đã có kết luận" in response.content.decode()
    from tests.workflow.helpers import open_case

    planned = open_case(client, world)
    client.force_login(u["chair"])
    assert client.get(_extend_url(planned)).status_code == 404


def test_thematic_case_page_queries_do_not_grow_with_additions_and_meetings(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    u = world["users"]
    case = open_thematic(client, world)
    carry(client, world, case, until="study_report")
    client.force_login(u["chair"])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 200
        return len(ctx.captured_queries)

    complete(client, u["member"], case, "study_report", {"additions": "Bổ sung 1", "requested_on": day()})
    complete(client, u["member"], case, "receive_additions", {"received_on": day(), "file": pdf()})
    client.force_login(u["chair"])
    few = count()
    for n in range(4):
        complete(client, u["member"], case, "study_report", {"additions": f"Bổ sung {n + 2}", "requested_on": day()})
        complete(client, u["member"], case, "receive_additions", {"received_on": day(), "file": pdf()})
    client.force_login(u["chair"])
    assert count() == few
    assert Case.objects.get(pk=case.pk).status == CaseStatus.VERIFYING
