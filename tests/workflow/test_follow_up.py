"""Follow-up of conclusions through the real views, for the kinds that plug the step in
(A, B, G, H): progress reports with documents, a requirement met, a requirement found unmet
opening an inspection upon signs linked both ways, overdue escalation (idempotent) and what
it puts in front of the approver, access, bad input, constant queries."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from inspections.models import (
    Case,
    CaseKind,
    CaseLink,
    CaseStatus,
    InspectionRecord,
    JournalEntry,
    Recommendation,
    RequirementReport,
    RequirementTracking,
)
from tests.workflow.conftest import pdf
from tests.workflow.helpers import claim, complete, open_case, open_task
from tests.workflow.test_planned_inspection import carry_to_report as carry_planned_to_report
from tests.workflow.three_phase_helpers import (
    assert_refused,
    carry_to_follow_up,
    day,
    declare_all,
    propose,
)

pytestmark = pytest.mark.django_db


def _follow_up_case(client, world, kind=CaseKind.PLANNED_INSPECTION, n=2):
    """A case of `kind` in follow-up with `n` requirements due in 30, 31, ... days."""
    lines = "\n".join(f"{day(30 + i)} | Yêu cầu số {i + 1}" for i in range(n))
    u = world["users"]
    if kind == CaseKind.PLANNED_INSPECTION:
        case = open_case(client, world)
        carry_planned_to_report(client, world, case)
        complete(client, u["chair"], case, "review_team_report", {"decision": "accept"})
        complete(client, u["leader"], case, "draft_conclusion", {"text": "Kết luận", "recommendations": lines})
        complete(client, u["chair"], case, "approve_conclusion", {"decision": "accept"})
        complete(client, u["staff"], case, "notify_conclusion", {"sent_on": day()})
    else:
        case = propose(client, world, kind)
        carry_to_follow_up(client, world, case, lines)
    case.refresh_from_db()
    assert case.status == CaseStatus.FOLLOW_UP
    return case, list(Recommendation.objects.filter(case=case, conclusion__status="accepted").order_by("due_on"))


def _page(client, user, case):
    client.force_login(user)
    return client.get(reverse("cases:detail", args=[case.pk])).content.decode()


@pytest.mark.parametrize(
    "kind",
    [
        CaseKind.PLANNED_INSPECTION,
        CaseKind.SIGNS_INSPECTION,
        CaseKind.FINANCE_INSPECTION,
        CaseKind.LOWER_BODY_INSPECTION,
    ],
)
def test_progress_report_then_requirements_met_close_the_case(client, world, kind):
    u = world["users"]
    case, (first, second) = _follow_up_case(client, world, kind)
    complete(
        client,
        u["member"],
        case,
        "follow_up",
        {"progress": [first.pk, second.pk], "done_on": day(), "note": "Đang khắc phục", "file": pdf("tien-do.pdf")},
    )
    assert Case.objects.get(pk=case.pk).status == CaseStatus.FOLLOW_UP
    reports = RequirementReport.objects.filter(recommendation__case=case)
    assert reports.count() == 2 and all(r.document and r.document.kind == "follow_up" for r in reports)
    complete(client, u["member"], case, "follow_up", {"done": [first.pk], "done_on": day(), "note": "Xong 1"})
    complete(client, u["member"], case, "follow_up", {"done": [second.pk], "done_on": day(), "note": "Xong 2"})
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert RequirementReport.objects.filter(recommendation__case=case, marks_met=True).count() == 2
    page = _page(client, u["member"], case)
    assert "Đang khắc phục" in page and "Báo cáo thực hiện kết luận" in page  # the report and its document
    assert "Báo cáo tiến độ thực hiện kiến nghị" in page  # timeline label


def test_follow_up_bad_input_writes_nothing(client, world):
    u = world["users"]
    case, (first, second) = _follow_up_case(client, world)
    client.force_login(u["member"])
    claim(client, open_task(case, "follow_up"))
    before = JournalEntry.objects.filter(case=case).count()
    cases = [
        ({"done_on": day()}, "Chọn ít nhất một kiến nghị"),
        ({"progress": [first.pk], "done_on": day(), "note": ""}, "Cần ghi nội dung báo cáo tiến độ"),
        ({"progress": [first.pk], "done": [first.pk], "done_on": day(), "note": "x"}, "vừa báo cáo tiến độ"),
        ({"done": [first.pk], "done_on": day(3)}, "không được sau ngày hôm nay"),
        ({"done": [first.pk], "done_on": day(-400)}, "không được trước ngày kết luận"),
        ({"done_on": day(), "file": pdf()}, "Chọn ít nhất một kiến nghị"),
        # Not found unmet: not offered, so nothing is chosen.
        ({"open_signs_case": [first.pk], "done_on": day()}, "Chọn ít nhất một kiến nghị"),
        ({"done": ["x"], "done_on": "2026-01-01"}, "done_on"),
    ]
    for data, message in cases:
        response = complete(client, u["member"], case, "follow_up", data, expect=200)
        body = response.content.decode()
        assert message in body or message in response.context["form"].errors, (data, message)
    assert JournalEntry.objects.filter(case=case).count() == before
    assert not RequirementReport.objects.exists()
    assert Case.objects.get(pk=case.pk).status == CaseStatus.FOLLOW_UP


def test_unmet_requirement_opens_an_inspection_upon_signs_linked_both_ways(client, world):
    u = world["users"]
    case, (first, second) = _follow_up_case(client, world, CaseKind.FINANCE_INSPECTION)
    complete(client, u["member"], case, "follow_up", {"done": [first.pk], "done_on": day(), "note": "Đã nộp"})
    # The chair finds the second requirement not carried out.
    client.force_login(u["chair"])
    url = reverse("cases:follow_up_assess", args=[case.pk])
    response = client.post(url, {"requirement": second.pk, "decision": "unmet", "reason": "Không nộp lại đảng phí"})
    assert response.status_code == 302
    tracking = RequirementTracking.objects.get(recommendation=second)
    assert tracking.unmet_on == timezone.localdate() and tracking.assessed_by == u["chair"]
    # Every requirement is settled, but the case closes only when the team completes the step.
    assert Case.objects.get(pk=case.pk).status == CaseStatus.FOLLOW_UP

    complete(client, u["member"], case, "follow_up", {"open_signs_case": [second.pk], "done_on": day()})
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    signs = Case.objects.get(kind=CaseKind.SIGNS_INSPECTION)
    tracking.refresh_from_db()
    assert tracking.signs_case == signs
    assert CaseLink.objects.filter(source=case, target=signs, relation=CaseLink.Relation.FOLLOW_UP).exists()
    assert signs.subject_organisation == case.subject_organisation
    assert "Không nộp lại đảng phí" in signs.grounds
    assert JournalEntry.objects.filter(case=case, action="follow_up.signs_opened").exists()

    # The new case's flow starts with its drafter (who proposed it) completing the proposal.
    complete(
        client,
        u["member"],
        signs,
        "complete_proposal",
        {
            "content": "Việc không nộp lại đảng phí",
            "working_days": "15",
            "signs_source": "follow_up",
            "leader": u["leader"].pk,
            "members": [u["staff"].pk],
        },
    )
    assert InspectionRecord.objects.get(case=signs).signs_source == "follow_up"
    declare_all(client, signs)
    complete(client, u["chair"], signs, "sign_decision", {"signed_on": day()})
    signs.refresh_from_db()
    assert signs.status == CaseStatus.DECIDED and signs.clock_started_on == timezone.localdate()
    assert open_task(signs, "prepare")

    # Both case pages show the link; the origin's follow-up card names the new case.
    origin_page = _page(client, u["chair"], case)
    assert signs.number in origin_page and "Đã đề nghị kiểm tra khi có dấu hiệu vi phạm" in origin_page
    signs_page = _page(client, u["chair"], signs)
    assert case.number in signs_page and "Phát sinh từ" in signs_page
    assert "Qua theo dõi thực hiện" in signs_page or "Không thực hiện kết luận" in signs_page


def test_complete_proposal_is_refused_to_others_and_checks_input(client, world):
    u = world["users"]
    case, (first, second) = _follow_up_case(client, world)
    client.force_login(u["chair"])
    for rec in (first, second):
        client.post(
            reverse("cases:follow_up_assess", args=[case.pk]),
            {"requirement": rec.pk, "decision": "unmet", "reason": "Không thực hiện"},
        )
    complete(client, u["member"], case, "follow_up", {"open_signs_case": [first.pk, second.pk], "done_on": day()})
    signs = Case.objects.get(kind=CaseKind.SIGNS_INSPECTION)
    data = {"content": "x", "working_days": "10", "signs_source": "follow_up", "leader": u["leader"].pk}
    for who in ("outsider", "chair", "leader"):
        assert_refused(client, u[who], signs, "complete_proposal", data)
    response = complete(
        client, u["member"], signs, "complete_proposal", {**data, "content": "", "leader": ""}, expect=200
    )
    assert {"content", "leader"} <= set(response.context["form"].errors)
    assert not InspectionRecord.objects.filter(case=signs).exists()
    # The subject of the case cannot be put on its team (conflict of interest, nothing saved).
    u["subject"].seats.create(committee=world["committee"], role="member", started_on=datetime.date(2025, 7, 1))
    response = complete(
        client, u["member"], signs, "complete_proposal", {**data, "members": [u["subject"].pk]}, expect=200
    )
    assert "là đối tượng của hồ sơ" in response.content.decode()
    assert not InspectionRecord.objects.filter(case=signs).exists()


def test_overdue_escalation_is_idempotent_and_put_in_front_of_the_approver(client, world):
    u = world["users"]
    case, (first, second) = _follow_up_case(client, world, CaseKind.SIGNS_INSPECTION)
    late = (timezone.localdate() + datetime.timedelta(days=31)).strftime("%d/%m/%Y")  # first overdue, not second

    call_command("escalate_overdue", on=late)
    entries = JournalEntry.objects.filter(case=case, action="follow_up.overdue")
    assert entries.count() == 1
    call_command("escalate_overdue", on=late)
    assert entries.count() == 1  # idempotent
    tracking = RequirementTracking.objects.get(recommendation=first)
    assert tracking.escalated_at is not None
    assert not RequirementTracking.objects.filter(recommendation=second).exists()

    # The case list flags the case and filters on the flag; the case page lists the item,
    # with the approver's link to settle it.
    client.force_login(u["chair"])
    listing = client.get(reverse("cases:index") + "?overdue=1").content.decode()
    assert case.number in listing and "Kiến nghị quá hạn" in listing
    chair_page = _page(client, u["chair"], case)
    assert "đã báo Chủ nhiệm" in chair_page and "follow-up/assess/?item=" in chair_page
    assert "follow-up/assess/" not in _page(client, u["member"], case)

    # A new deadline lifts the flag; a later run escalates again.
    client.force_login(u["chair"])
    response = client.post(
        reverse("cases:follow_up_assess", args=[case.pk]),
        {"requirement": first.pk, "decision": "extend", "reason": "Chờ quyết toán", "new_due_on": day(60)},
    )
    assert response.status_code == 302
    tracking.refresh_from_db()
    assert tracking.escalated_at is None
    assert case.number not in client.get(reverse("cases:index") + "?overdue=1").content.decode()
    call_command("escalate_overdue", on=(timezone.localdate() + datetime.timedelta(days=61)).strftime("%d/%m/%Y"))
    assert entries.count() == 2
    assert RequirementTracking.objects.filter(escalated_at__isnull=False).count() == 2


def test_assess_page_access_and_bad_input(client, world):
    u = world["users"]
    case, (first, _second) = _follow_up_case(client, world)
    url = reverse("cases:follow_up_assess", args=[case.pk])
    client.force_login(u["member"])
    assert client.post(url, {"requirement": first.pk, "decision": "unmet", "reason": "x"}).status_code == 403
    client.force_login(u["outsider"])
    assert client.post(url, {"requirement": first.pk, "decision": "unmet", "reason": "x"}).status_code == 404
    assert not RequirementTracking.objects.exists()
    client.force_login(u["chair"])
    assert client.get(url).status_code == 200
    for data, field in (
        ({"requirement": first.pk, "decision": "extend", "reason": "x"}, "new_due_on"),
        ({"requirement": first.pk, "decision": "unmet", "reason": ""}, "reason"),
        ({"requirement": 2**70, "decision": "unmet", "reason": "x"}, "requirement"),
        ({"requirement": first.pk, "decision": "maybe", "reason": "x"}, "decision"),
    ):
        response = client.post(url, data)
        assert response.status_code == 200 and field in response.context["form"].errors, data
    response = client.post(url, {"requirement": first.pk, "decision": "extend", "reason": "x", "new_due_on": day(-1)})
    assert "Thời hạn mới phải sau ngày hôm nay" in response.content.decode()
    assert not RequirementTracking.objects.exists()
    assert Recommendation.objects.get(pk=first.pk).due_on == first.due_on


def test_follow_up_step_refuses_the_chair_and_outsiders(client, world):
    u = world["users"]
    case, (first, _second) = _follow_up_case(client, world, CaseKind.LOWER_BODY_INSPECTION)
    for who in ("chair", "outsider", "subject"):
        assert_refused(client, u[who], case, "follow_up", {"done": [first.pk], "done_on": day()})


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx)


def test_case_page_and_list_queries_do_not_grow_with_requirements_reports_and_cases(client, world):
    u = world["users"]
    small, (rec,) = _follow_up_case(client, world, n=1)
    big, recs = _follow_up_case(client, world, n=6)
    for _round in range(2):
        complete(
            client,
            u["member"],
            big,
            "follow_up",
            {"progress": [r.pk for r in recs], "done_on": day(), "note": "Tiến độ", "file": pdf()},
        )
    later = (timezone.localdate() + datetime.timedelta(days=40)).strftime("%d/%m/%Y")
    call_command("escalate_overdue", on=later)
    client.force_login(u["chair"])
    client.get(reverse("cases:detail", args=[small.pk]))  # warm caches (content types, session)
    assert _queries(client, reverse("cases:detail", args=[small.pk])) == _queries(
        client, reverse("cases:detail", args=[big.pk])
    )
    one = _queries(client, reverse("cases:index") + "?overdue=1")
    for _ in range(3):
        _follow_up_case(client, world, n=1)
    call_command("escalate_overdue", on=later)
    client.force_login(u["chair"])
    assert _queries(client, reverse("cases:index") + "?overdue=1") == one
    assert _queries(client, reverse("cases:index")) == one
