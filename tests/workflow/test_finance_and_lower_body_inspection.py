"""Party-finance inspection (G) and inspection of a lower body's inspection, supervision and
discipline work (H) through the real views: the full path and both return loops, a finding
per content item, the organisation as subject, access and bad input."""

import pytest
from django.urls import reverse
from django.utils import timezone

from inspections.deadlines import due_on
from inspections.journal import verify_chain
from inspections.models import (
    Case,
    CaseKind,
    CaseStatus,
    ChecklistFinding,
    ChecklistItem,
    InspectionRecord,
    JournalEntry,
)
from tests.workflow.conftest import pdf
from tests.workflow.helpers import complete, open_task
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
G, H = CaseKind.FINANCE_INSPECTION, CaseKind.LOWER_BODY_INSPECTION


def _status(case):
    return Case.objects.get(pk=case.pk).status


@pytest.mark.parametrize("kind", [G, H])
def test_verification_comes_round_again_until_every_item_has_a_finding(client, world, kind):
    u = world["users"]
    case = propose(client, world, kind)
    assert case.subject_organisation == world["cell"] and case.subject_member is None
    items = list(ChecklistItem.objects.filter(inspectionrecord__case=case).order_by("order"))
    assert len(items) == 3

    carry_to_verification(client, world, case)
    case.refresh_from_db()
    assert case.status == CaseStatus.SELF_REPORTED
    assert case.due_on == due_on(f"{kind}.resolve", timezone.localdate())
    assert case.clock_started_on == timezone.localdate()

    # Round 1 covers one item only: verification comes round again, no report yet.
    first = items[0]
    complete(
        client,
        u["member"],
        case,
        "verify",
        {f"item_{first.pk}_assessment": "strength", f"item_{first.pk}_text": "Thu đủ, đúng hạn"},
    )
    assert _status(case) == CaseStatus.VERIFYING
    assert open_task(case, "verify")
    with pytest.raises(AssertionError):
        open_task(case, "write_team_report")
    complete(client, u["member"], case, "verify", finding_data(case))
    if kind == G:
        # A finance inspection has the managing organisation's review meeting (B steps 4–7).
        complete(client, u["member"], case, "review_meeting", {"held_on": day(), "summary": "Đã kiểm điểm"})
    else:
        with pytest.raises(AssertionError):
            open_task(case, "review_meeting")
    complete(client, u["leader"], case, "write_team_report", {"text": "Báo cáo", "discussed_on": day()})
    assert _status(case) == CaseStatus.REPORTED


@pytest.mark.parametrize("kind", [G, H])
def test_checklist_path_to_close(client, world, kind):
    u = world["users"]
    case = propose(client, world, kind)
    carry_to_report(client, world, case)
    assert ChecklistFinding.objects.filter(finding__case=case).count() == 3
    assert _status(case) == CaseStatus.REPORTED
    # Return loop 1: more verification, then the report again.
    complete(client, u["chair"], case, "review_team_report", {"decision": "return", "note": "Thẩm tra thêm chứng từ"})
    complete(client, u["member"], case, "verify", finding_data(case))
    assert ChecklistFinding.objects.filter(finding__case=case).count() == 6
    complete(client, u["leader"], case, "write_team_report", {"text": "Báo cáo lần 2", "discussed_on": day()})
    complete(client, u["chair"], case, "review_team_report", {"decision": "accept"})
    # Return loop 2: the conclusion is redrafted.
    complete(client, u["leader"], case, "draft_conclusion", conclusion_data(f"{day(20)} | Nộp đủ đảng phí"))
    complete(client, u["chair"], case, "approve_conclusion", {"decision": "return", "note": "Làm rõ nguyên nhân"})
    assert _status(case) == CaseStatus.REPORTED
    complete(client, u["leader"], case, "draft_conclusion", conclusion_data(f"{day(20)} | Nộp đủ đảng phí"))
    complete(client, u["chair"], case, "approve_conclusion", {"decision": "accept"})
    complete(client, u["staff"], case, "notify_conclusion", {"sent_on": day(), "managing_informed": "on"})
    assert _status(case) == CaseStatus.FOLLOW_UP
    assert InspectionRecord.objects.get(case=case).archive_due_on == due_on("archive", timezone.localdate())
    rec = case.recommendations.get(conclusion__status="accepted")
    complete(client, u["member"], case, "follow_up", {"done": [rec.pk], "done_on": day(), "note": "Đã nộp"})
    assert _status(case) == CaseStatus.CLOSED
    actions = set(JournalEntry.objects.filter(case=case).values_list("action", flat=True))
    assert {"checklist.recorded", "team_report.returned", "conclusion.returned", "case.closed"} <= actions
    assert ("review_meeting.held" in actions) == (kind == G)
    assert verify_chain(case.pk) is None

    client.force_login(u["leader"])
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'id="checklist"' in page
    for item in ChecklistItem.objects.filter(inspectionrecord__case=case):
        assert item.label in page


@pytest.mark.parametrize("kind", [G, H])
def test_subject_must_be_an_organisation_and_content_items_chosen(client, world, kind):
    client.force_login(world["users"]["staff"])
    data = proposal_data(world, kind, subject_organisation="", content_items=[])
    data["subject_card_number"] = world["subject_member"].card_number
    response = client.post(start_url(kind), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "subject_organisation" in errors and "content_items" in errors
    assert "subject_card_number" not in response.context["form"].fields
    assert Case.objects.count() == 0


def test_content_items_of_another_kind_are_refused(client, world):
    client.force_login(world["users"]["staff"])
    other = ChecklistItem.objects.filter(kind=H).first()
    response = client.post(start_url(G), proposal_data(world, G, content_items=[other.pk]))
    assert response.status_code == 200
    assert "content_items" in response.context["form"].errors
    assert Case.objects.count() == 0


def test_checklist_verification_needs_assessment_and_text_together(client, world):
    u = world["users"]
    case = propose(client, world, G)
    carry_to_verification(client, world, case)
    item = ChecklistItem.objects.filter(inspectionrecord__case=case).first()
    response = complete(
        client,
        u["member"],
        case,
        "verify",
        {f"item_{item.pk}_assessment": "", f"item_{item.pk}_text": "Có nội dung"},
        expect=200,
    )
    assert f"item_{item.pk}_assessment" in response.context["form"].errors
    response = complete(client, u["member"], case, "verify", {}, expect=200)
    assert "Cần ghi ít nhất một kết quả thẩm tra" in response.content.decode()
    response = complete(
        client,
        u["member"],
        case,
        "verify",
        {f"item_{item.pk}_assessment": "bogus", f"item_{item.pk}_text": "x"},
        expect=200,
    )
    assert f"item_{item.pk}_assessment" in response.context["form"].errors
    assert _status(case) == CaseStatus.SELF_REPORTED
    assert not ChecklistFinding.objects.exists()


def test_organisation_subject_may_propose_only_organisation_forms(client, world):
    u = world["users"]
    case = propose(client, world, H)
    carry_to_report(client, world, case)
    complete(client, u["chair"], case, "review_team_report", {"decision": "accept"})
    response = complete(
        client, u["leader"], case, "draft_conclusion", conclusion_data(self_proposed_form="expulsion"), expect=200
    )
    assert "self_proposed_form" in response.context["form"].errors
    complete(client, u["leader"], case, "draft_conclusion", conclusion_data(self_proposed_form="dissolution"))
    assert _status(case) == CaseStatus.CONCLUDING


@pytest.mark.parametrize("kind", [G, H])
def test_checklist_steps_refuse_people_without_the_action(client, world, kind):
    u = world["users"]
    case = propose(client, world, kind)
    assert_refused(client, u["member"], case, "sign_decision", {"signed_on": day()})
    complete(client, u["chair"], case, "sign_decision", {"signed_on": day()})
    assert_refused(client, u["chair"], case, "prepare", {"outline": "a", "schedule": "b", "assignments": "c"})
    complete(
        client,
        u["leader"],
        case,
        "prepare",
        {"outline": "a", "schedule": "b", "assignments": "c", "team_met_on": day()},
    )
    complete(client, u["member"], case, "meet_subject", {"met_on": day(), "report_due_on": day(3)})
    complete(client, u["member"], case, "receive_report", {"received_on": day(), "file": pdf()})
    for who in ("chair", "outsider"):
        assert_refused(client, u[who], case, "verify", finding_data(case))
    complete(client, u["leader"], case, "verify", finding_data(case))  # the leader works too
    assert _status(case) == CaseStatus.VERIFYING


def test_case_page_queries_do_not_grow_with_content_items_and_findings(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    u = world["users"]
    every = list(ChecklistItem.objects.filter(kind=G).values_list("pk", flat=True))
    small = propose(client, world, G, content_items=every[:1])
    big = propose(client, world, G, content_items=every)
    for case in (small, big):
        carry_to_report(client, world, case)
    assert ChecklistFinding.objects.filter(finding__case=big).count() == len(every) > 1

    def queries(case):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse("cases:detail", args=[case.pk]))
        assert response.status_code == 200 and 'id="inspection-panel"' in response.content.decode()
        return len(ctx)

    client.force_login(u["chair"])
    queries(small)
    assert queries(small) == queries(big)
