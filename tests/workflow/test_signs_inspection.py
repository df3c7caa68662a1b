"""Inspection upon signs of violation (B) through the real views: the full path with both
return loops, the spawned start, access per step, bad input."""

import pytest
from django.urls import reverse
from django.utils import timezone

from inspections.deadlines import due_on
from inspections.journal import verify_chain
from inspections.models import Case, CaseKind, CaseStatus, Document, InspectionRecord, JournalEntry
from inspections.selectors.three_phase import discipline_grounds
from tests.workflow.conftest import pdf
from tests.workflow.helpers import claim, complete, open_task, task_url
from tests.workflow.three_phase_helpers import (
    assert_refused,
    carry_to_report,
    carry_to_verification,
    conclusion_data,
    day,
    finding_data,
    proposal_data,
    propose,
    start_url,
)

pytestmark = pytest.mark.django_db
B = CaseKind.SIGNS_INSPECTION


def _status(case):
    return Case.objects.get(pk=case.pk).status


def test_signs_inspection_full_path_with_both_return_loops(client, world):
    u = world["users"]
    case = propose(client, world, B, proposal_file=pdf("to-trinh.pdf"), plan_file=pdf("ke-hoach.pdf"))
    record = InspectionRecord.objects.get(case=case)
    assert (record.signs_source, record.working_days) == ("supervision", 20)
    assert _status(case) == CaseStatus.DRAFT

    carry_to_verification(client, world, case)
    case.refresh_from_db()
    today = timezone.localdate()
    # The clock starts when the decision is signed; the deadline is rule "B.resolve" in force that day.
    assert case.clock_started_on == today and case.decided_on == today
    assert case.due_on == due_on("B.resolve", today)
    assert case.status == CaseStatus.VERIFYING  # the explanatory report starts verification

    complete(client, u["member"], case, "verify", finding_data(case))
    complete(client, u["member"], case, "review_meeting", {"held_on": day(), "summary": "Chi bộ đã kiểm điểm"})
    complete(client, u["leader"], case, "write_team_report", {"text": "Báo cáo lần 1", "discussed_on": day()})
    # Return loop 1: the chair sends the report back; the review meeting is not held twice.
    complete(client, u["chair"], case, "review_team_report", {"decision": "return", "note": "Xác minh thêm"})
    assert _status(case) == CaseStatus.VERIFYING
    complete(client, u["member"], case, "verify", {"shortcomings": "Hồ sơ lưu chưa đầy đủ"})
    assert open_task(case, "write_team_report")
    complete(client, u["leader"], case, "write_team_report", {"text": "Báo cáo lần 2", "discussed_on": day()})
    complete(client, u["chair"], case, "review_team_report", {"decision": "accept"})

    # Return loop 2: the committee's conclusion is sent back and redrafted.
    complete(client, u["leader"], case, "draft_conclusion", conclusion_data())
    complete(client, u["chair"], case, "approve_conclusion", {"decision": "return", "note": "Bổ sung tác hại"})
    assert _status(case) == CaseStatus.REPORTED
    assert discipline_grounds(case) is None  # nothing approved yet
    complete(
        client,
        u["leader"],
        case,
        "draft_conclusion",
        conclusion_data(f"{day(30)} | Khắc phục hồ sơ cấp đất", minutes_file=pdf("bien-ban-hop.pdf")),
    )
    complete(client, u["chair"], case, "approve_conclusion", {"decision": "accept"})
    complete(
        client,
        u["staff"],
        case,
        "notify_conclusion",
        {"sent_on": day(), "managing_informed": "on", "minutes_file": pdf("trien-khai.pdf")},
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.FOLLOW_UP
    record.refresh_from_db()
    assert record.archive_due_on == due_on("archive", today)

    grounds = discipline_grounds(case)
    assert grounds.violation_found and grounds.discipline_required and grounds.subject_admits
    assert grounds.self_proposed_form == "warning" and grounds.merged_path

    rec = case.recommendations.get(conclusion__status="accepted")
    complete(client, u["member"], case, "follow_up", {"done": [rec.pk], "done_on": day(), "note": "Đã khắc phục"})
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert not open_task_names(case)

    kinds = set(Document.objects.filter(case=case).values_list("kind", flat=True))
    assert {
        "proposal",
        "plan",
        "explanation_outline",
        "deployment_minutes",
        "explanatory_report",
        "committee_minutes",
        "convey_minutes",
    } <= kinds
    actions = list(JournalEntry.objects.filter(case=case).order_by("seq").values_list("action", flat=True))
    for action in (
        "proposal.submitted",
        "clock.started",
        "preparation.recorded",
        "subject.met",
        "explanation.received",
        "review_meeting.held",
        "team_report.discussed",
        "team_report.returned",
        "violation.assessed",
        "conclusion.returned",
        "archive.due",
        "case.closed",
    ):
        assert action in actions, action
    assert actions.count("review_meeting.held") == 1
    assert verify_chain(case.pk) is None

    client.force_login(u["chair"])
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Qua giám sát" in page  # the source of the signs
    assert record.archive_due_on.strftime("%d/%m/%Y") in page  # the archive due date
    assert "Cảnh cáo" in page and "merged-path" in page  # self-proposed form, merged path
    assert "Nhận báo cáo giải trình" in page and "Kết luận về vi phạm, trách nhiệm" in page  # timeline labels
    assert reverse("cases:archive", args=[case.pk]) in page  # the existing archive action applies


def open_task_names(case):
    from viewflow.workflow import STATUS
    from viewflow.workflow.models import Task

    tasks = Task.objects.filter(process__caseprocess__case=case).exclude(status__in=[STATUS.DONE, STATUS.CANCELED])
    return [t.flow_task.name for t in tasks if t.flow_task_type == "HUMAN"]


def test_conclusion_without_violation_closes_without_follow_up(client, world):
    u = world["users"]
    case = propose(client, world, B)
    carry_to_report(client, world, case)
    complete(client, u["chair"], case, "review_team_report", {"decision": "accept"})
    complete(
        client,
        u["leader"],
        case,
        "draft_conclusion",
        {"text": "Không có vi phạm", "committee_met_on": day(), "recommendations": ""},
    )
    complete(client, u["chair"], case, "approve_conclusion", {"decision": "accept"})
    complete(client, u["staff"], case, "notify_conclusion", {"sent_on": day(), "managing_informed": "on"})
    assert _status(case) == CaseStatus.CLOSED
    grounds = discipline_grounds(case)
    assert not grounds.violation_found and not grounds.merged_path


def test_proposal_errors_are_shown_and_nothing_is_saved(client, world):
    client.force_login(world["users"]["staff"])
    response = client.post(
        start_url(B), proposal_data(world, B, content="", working_days="0", signs_source="rumour", period_end="x")
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"content", "working_days", "signs_source", "period_end"} <= set(errors)
    assert Case.objects.count() == 0


def test_working_days_beyond_the_time_limit_are_refused(client, world):
    client.force_login(world["users"]["staff"])
    response = client.post(start_url(B), proposal_data(world, B, working_days="61"))
    assert response.status_code == 200
    assert "vượt thời hạn 60 ngày làm việc" in response.content.decode()
    assert Case.objects.count() == 0 and JournalEntry.objects.count() == 0


def test_bad_dates_and_missing_texts_on_steps_write_nothing(client, world):
    u = world["users"]
    case = propose(client, world, B)
    complete(client, u["chair"], case, "sign_decision", {"signed_on": day()})
    before = JournalEntry.objects.filter(case=case).count()
    response = complete(
        client, u["leader"], case, "prepare", {"outline": "", "schedule": "x", "team_met_on": day(3)}, expect=200
    )
    assert {"outline", "assignments"} <= set(response.context["form"].errors)
    response = complete(
        client,
        u["leader"],
        case,
        "prepare",
        {"outline": "a", "schedule": "b", "assignments": "c", "team_met_on": day(3)},
        expect=200,
    )
    assert "không được sau ngày hôm nay" in response.content.decode()
    complete(
        client,
        u["leader"],
        case,
        "prepare",
        {"outline": "a", "schedule": "b", "assignments": "c", "team_met_on": day()},
    )
    response = complete(
        client, u["member"], case, "meet_subject", {"met_on": day(), "report_due_on": day(-1)}, expect=200
    )
    assert "Hạn nộp báo cáo phải từ ngày làm việc" in response.content.decode()
    response = complete(client, u["member"], case, "meet_subject", {"met_on": "31/02/2026"}, expect=200)
    assert {"met_on", "report_due_on"} <= set(response.context["form"].errors)
    assert _status(case) == CaseStatus.PREPARED
    assert JournalEntry.objects.filter(case=case, action__in=["subject.met"]).count() == 0
    assert JournalEntry.objects.filter(case=case).count() > before  # only the accepted preparation


def test_review_meeting_and_conveying_refuse_bad_input(client, world):
    u = world["users"]
    case = propose(client, world, B)
    _carry_to(client, world, case, "review_meeting")
    response = complete(client, u["member"], case, "review_meeting", {"held_on": day(), "summary": ""}, expect=200)
    assert "summary" in response.context["form"].errors
    response = complete(client, u["member"], case, "review_meeting", {"held_on": day(4), "summary": "x"}, expect=200)
    assert "không được sau ngày hôm nay" in response.content.decode()
    assert not InspectionRecord.objects.get(case=case).review_met_on
    _carry_to(client, world, case, "notify_conclusion")
    response = complete(client, u["staff"], case, "notify_conclusion", {"sent_on": day()}, expect=200)
    assert "managing_informed" in response.context["form"].errors
    response = complete(
        client, u["staff"], case, "notify_conclusion", {"sent_on": day(2), "managing_informed": "on"}, expect=200
    )
    assert "không được sau ngày hôm nay" in response.content.decode()
    assert _status(case) == CaseStatus.CONCLUDED
    assert InspectionRecord.objects.get(case=case).archive_due_on is None


def test_explanatory_report_file_is_required(client, world):
    u = world["users"]
    case = propose(client, world, B)
    complete(client, u["chair"], case, "sign_decision", {"signed_on": day()})
    complete(
        client,
        u["leader"],
        case,
        "prepare",
        {"outline": "a", "schedule": "b", "assignments": "c", "team_met_on": day()},
    )
    complete(client, u["member"], case, "meet_subject", {"met_on": day(), "report_due_on": day(5)})
    response = complete(client, u["member"], case, "receive_report", {"received_on": day()}, expect=200)
    assert "file" in response.context["form"].errors
    assert _status(case) == CaseStatus.NOTIFIED


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"content": "", "nature": ""}, "cần ghi rõ nội dung, tính chất"),
        ({"subject_admits": ""}, "chỉ ghi khi vi phạm đến mức phải kỷ luật và đối tượng thừa nhận"),
        ({"violation_found": "", "content": ""}, "Không có vi phạm thì không xem xét kỷ luật"),
        ({"committee_met_on": day(2)}, "không được sau ngày hôm nay"),
    ],
)
def test_conclusion_rules_refuse_with_message_and_write_nothing(client, world, overrides, message):
    u = world["users"]
    case = propose(client, world, B)
    carry_to_report(client, world, case)
    complete(client, u["chair"], case, "review_team_report", {"decision": "accept"})
    before = JournalEntry.objects.filter(case=case).count()
    response = complete(client, u["leader"], case, "draft_conclusion", conclusion_data(**overrides), expect=200)
    assert message in response.content.decode()
    assert JournalEntry.objects.filter(case=case).count() == before
    assert not case.conclusions.exists() and _status(case) == CaseStatus.REPORTED


def test_self_proposed_form_choices_follow_the_subject(client, world):
    """A full member may propose expulsion for themself, not dissolution (domain.md §6.1)."""
    u = world["users"]
    case = propose(client, world, B)
    carry_to_report(client, world, case)
    complete(client, u["chair"], case, "review_team_report", {"decision": "accept"})
    response = complete(
        client, u["leader"], case, "draft_conclusion", conclusion_data(self_proposed_form="dissolution"), expect=200
    )
    assert "self_proposed_form" in response.context["form"].errors


# --- access: one allowed person completes each step in the tests above; here the others --
STEPS = [
    ("sign_decision", {"signed_on": day()}, ["member", "leader", "outsider", "staff"]),
    ("prepare", {"outline": "a", "schedule": "b", "assignments": "c", "team_met_on": day()}, ["member", "chair"]),
    ("meet_subject", {"met_on": day(), "report_due_on": day(3)}, ["chair", "outsider"]),
    ("receive_report", {"received_on": day(), "file": None}, ["chair", "subject"]),
    ("verify", {"violations": "x"}, ["chair", "outsider"]),
    ("review_meeting", {"held_on": day(), "summary": "x"}, ["chair", "outsider"]),
    ("write_team_report", {"text": "x", "discussed_on": day()}, ["member", "chair"]),
    ("review_team_report", {"decision": "accept"}, ["leader", "member"]),
    ("draft_conclusion", conclusion_data(), ["member", "chair"]),
    ("approve_conclusion", {"decision": "accept"}, ["leader", "member", "staff"]),
    ("notify_conclusion", {"sent_on": day(), "managing_informed": "on"}, ["chair", "outsider"]),
]


ACTORS = {
    "sign_decision": "chair",
    "prepare": "leader",
    "write_team_report": "leader",
    "review_team_report": "chair",
    "draft_conclusion": "leader",
    "approve_conclusion": "chair",
    "notify_conclusion": "staff",
}


def _complete_step(client, world, case, step):
    data = dict(next(d for s, d, _r in STEPS if s == step))
    if step == "receive_report":
        data["file"] = pdf()
    if step == "verify":
        data = finding_data(case)
    complete(client, world["users"][ACTORS.get(step, "member")], case, step, data)


def _carry_to(client, world, case, step):
    """Complete the open steps before `step`, in order."""
    for name, _data, _who in STEPS:
        if name == step:
            return
        try:
            open_task(case, name)
        except AssertionError:
            continue  # done already
        _complete_step(client, world, case, name)


@pytest.mark.parametrize(("step", "data", "refused"), STEPS, ids=[s for s, _d, _r in STEPS])
def test_each_step_refuses_people_without_its_action(client, world, step, data, refused):
    case = propose(client, world, B)
    _carry_to(client, world, case, step)
    for who in refused:
        assert_refused(client, world["users"][who], case, step, data)


def test_drafter_who_proposed_cannot_sign_the_decision(client, world):
    """Four-eyes on the signature: the proposer holds the approver role too, and is refused."""
    from inspections import access

    u = world["users"]
    case = propose(client, world, B)
    access.grant_role(case=case, user=u["staff"], role="approver")
    task = open_task(case, "sign_decision")
    task.owner = u["staff"]
    task.status = "ASSIGNED"
    task.save()
    response = complete(client, u["staff"], case, "sign_decision", {"signed_on": day()}, expect=403)
    assert "không được thực hiện bước này" in response.content.decode()
    assert _status(case) == CaseStatus.DRAFT


def test_every_step_form_renders_for_the_person_doing_it(client, world):
    """GET of each step's page shows its form, for the person who does the step."""
    client.force_login(world["users"]["staff"])
    page = client.get(start_url(B))
    assert page.status_code == 200 and 'name="signs_source"' in page.content.decode()
    case = propose(client, world, B)
    for step, _data, _refused in STEPS:
        task = open_task(case, step)
        client.force_login(world["users"][ACTORS.get(step, "member")])
        if task.owner_id is None:
            claim(client, task)
        response = client.get(task_url(task))
        assert response.status_code == 200 and "<form" in response.content.decode(), step
        _complete_step(client, world, case, step)
    assert _status(case) == CaseStatus.CLOSED
