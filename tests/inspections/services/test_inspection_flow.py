"""The planned inspection through the services, from the signed decision to CLOSED,
with both return loops, four-eyes on the conclusion and the follow-up of recommendations."""

import datetime

import pytest
from django.utils import timezone

from inspections import access, journal
from inspections.exceptions import AccessDenied, RuleViolation
from inspections.models import CaseRole, CaseStatus, Finding, Recommendation, ReviewStatus
from inspections.selectors.cases import conclusion_approved, open_recommendations, report_accepted
from inspections.services.cases import decision_sign
from inspections.services.conclusions import (
    conclusion_draft,
    conclusion_notice_record,
    conclusion_review,
    follow_up_record,
)
from inspections.services.inspection_steps import (
    notice_record,
    self_report_receive,
    team_report_review,
    team_report_submit,
    verification_record,
)


def _status(case) -> str:
    case.refresh_from_db()
    return case.status


@pytest.fixture
def verifying_case(world, open_case, pdf):
    """A signed, notified case with the self-report received and one finding recorded."""
    today = timezone.localdate()
    case = open_case()
    decision_sign(actor=world.chair, case=case)
    notice_record(actor=world.leader, case=case, sent_on=today)
    self_report_receive(actor=world.member2, case=case, received_on=today, upload=pdf("bao-cao-tu-kiem-tra.pdf"))
    verification_record(
        actor=world.member2, case=case, findings=[(Finding.Assessment.SHORTCOMING, "Sinh hoạt chi bộ chưa đều")]
    )
    assert _status(case) == CaseStatus.VERIFYING
    return case


@pytest.fixture
def reported_case(world, verifying_case):
    """A case whose team report has been accepted (status REPORTED)."""
    team_report_submit(actor=world.leader, case=verifying_case, text="Báo cáo kết quả kiểm tra")
    team_report_review(actor=world.chair, case=verifying_case, accept=True)
    assert _status(verifying_case) == CaseStatus.REPORTED
    return verifying_case


def test_inspection_service_path_to_closed_with_both_return_loops(world, verifying_case):
    case = verifying_case
    today = timezone.localdate()
    later = today + datetime.timedelta(days=30)

    # The team's report is sent back for more verification (return loop 1).
    team_report_submit(actor=world.leader, case=case, text="Báo cáo lần 1")
    assert _status(case) == CaseStatus.REPORTED
    with pytest.raises(RuleViolation):
        conclusion_draft(actor=world.leader, case=case, text="Sớm quá", violation_found=False, recommendations=[])
    returned = team_report_review(actor=world.chair, case=case, accept=False, note="Xác minh thêm sổ sách")
    assert returned.status == ReviewStatus.RETURNED
    assert _status(case) == CaseStatus.VERIFYING
    assert not report_accepted(case)

    verification_record(actor=world.member2, case=case, findings=[(Finding.Assessment.VIOLATION, "Chi sai quỹ")])
    assert _status(case) == CaseStatus.VERIFYING
    team_report_submit(actor=world.leader, case=case, text="Báo cáo lần 2")
    accepted = team_report_review(actor=world.chair, case=case, accept=True)
    assert (accepted.version, accepted.status) == (2, ReviewStatus.ACCEPTED)
    assert _status(case) == CaseStatus.REPORTED
    assert report_accepted(case)

    # The conclusion is sent back for redrafting (return loop 2).
    first = conclusion_draft(
        actor=world.leader,
        case=case,
        text="Dự thảo kết luận lần 1",
        violation_found=True,
        recommendations=[("Kiến nghị của dự thảo bị trả lại", later)],
    )
    assert _status(case) == CaseStatus.CONCLUDING
    conclusion_review(actor=world.chair, case=case, approve=False, note="Làm rõ trách nhiệm cá nhân")
    first.refresh_from_db()
    assert first.status == ReviewStatus.RETURNED
    assert _status(case) == CaseStatus.REPORTED

    second = conclusion_draft(
        actor=world.leader,
        case=case,
        text="Dự thảo kết luận lần 2",
        violation_found=True,
        recommendations=[("Kiểm điểm trước chi bộ", later), ("Nộp lại khoản chi sai", later)],
    )
    assert second.version == 2
    conclusion_review(actor=world.chair, case=case, approve=True)
    case.refresh_from_db()
    assert case.status == CaseStatus.CONCLUDED
    assert case.concluded_on == today
    assert conclusion_approved(case)

    # Only the approved draft's recommendations bind the subject.
    binding = list(open_recommendations(case).order_by("pk"))
    assert [r.text for r in binding] == ["Kiểm điểm trước chi bộ", "Nộp lại khoản chi sai"]
    stale = Recommendation.objects.get(conclusion=first)

    conclusion_notice_record(actor=world.leader, case=case, sent_on=today)
    assert _status(case) == CaseStatus.FOLLOW_UP

    with pytest.raises(RuleViolation):
        follow_up_record(actor=world.member2, case=case, done={stale.pk: (today, "không áp dụng")})
    follow_up_record(actor=world.member2, case=case, done={binding[0].pk: (today, "Đã kiểm điểm")})
    assert _status(case) == CaseStatus.FOLLOW_UP
    follow_up_record(actor=world.member2, case=case, done={binding[1].pk: (today, "Đã nộp lại")})

    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert case.closed_on == today
    stale.refresh_from_db()
    assert stale.status == Recommendation.Status.OPEN  # history, never followed up
    moves = [journal.decoded(e)["to"] for e in case.journal.filter(action="status.changed").order_by("seq")]
    assert moves == [
        "decided",
        "notified",
        "self_reported",
        "verifying",
        "reported",
        "verifying",
        "reported",
        "concluding",
        "reported",
        "concluding",
        "concluded",
        "follow_up",
        "closed",
    ]
    assert journal.verify_chain(case.pk) is None


def test_conclusion_review_refuses_the_drafter_even_with_the_approver_role(world, reported_case):
    case = reported_case
    draft = conclusion_draft(actor=world.leader, case=case, text="Kết luận", violation_found=False, recommendations=[])
    access.grant_role(case=case, user=world.leader, role=CaseRole.Role.APPROVER)
    assert access.can(world.leader, "approve", case)

    with pytest.raises(RuleViolation, match="không được tự phê duyệt"):
        conclusion_review(actor=world.leader, case=case, approve=True)

    draft.refresh_from_db()
    assert (draft.status, draft.reviewed_by) == (ReviewStatus.SUBMITTED, None)
    assert _status(case) == CaseStatus.CONCLUDING


def test_conclusion_review_requires_the_approver(world, reported_case):
    conclusion_draft(actor=world.leader, case=reported_case, text="Kết luận", violation_found=False, recommendations=[])

    for user in (world.member2, world.staff, world.outsider):
        with pytest.raises(AccessDenied):
            conclusion_review(actor=user, case=reported_case, approve=True)


def test_conclusion_review_return_needs_a_note(world, reported_case):
    conclusion_draft(actor=world.leader, case=reported_case, text="Kết luận", violation_found=False, recommendations=[])

    with pytest.raises(RuleViolation):
        conclusion_review(actor=world.chair, case=reported_case, approve=False, note="  ")

    assert _status(reported_case) == CaseStatus.CONCLUDING


def test_conclusion_draft_is_for_the_leader_only(world, reported_case):
    with pytest.raises(AccessDenied):
        conclusion_draft(actor=world.member2, case=reported_case, text="K", violation_found=False, recommendations=[])


def test_conclusion_draft_refuses_a_past_due_recommendation(world, reported_case):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    with pytest.raises(RuleViolation):
        conclusion_draft(
            actor=world.leader, case=reported_case, text="K", violation_found=True, recommendations=[("X", yesterday)]
        )

    assert _status(reported_case) == CaseStatus.REPORTED
    assert not Recommendation.objects.filter(case=reported_case).exists()


def test_team_report_review_refuses_the_submitter(world, verifying_case):
    team_report_submit(actor=world.leader, case=verifying_case, text="Báo cáo")
    access.grant_role(case=verifying_case, user=world.leader, role=CaseRole.Role.APPROVER)

    with pytest.raises(RuleViolation):
        team_report_review(actor=world.leader, case=verifying_case, accept=True)


def test_conclusion_notice_without_recommendations_closes_the_case(world, reported_case):
    today = timezone.localdate()
    conclusion_draft(
        actor=world.leader, case=reported_case, text="Không vi phạm", violation_found=False, recommendations=[]
    )
    conclusion_review(actor=world.chair, case=reported_case, approve=True)

    conclusion_notice_record(actor=world.leader, case=reported_case, sent_on=today)

    reported_case.refresh_from_db()
    assert (reported_case.status, reported_case.closed_on) == (CaseStatus.CLOSED, today)


def test_follow_up_record_outside_follow_up_is_refused(world, reported_case):
    with pytest.raises(RuleViolation):
        follow_up_record(actor=world.leader, case=reported_case, done={1: (timezone.localdate(), "")})


def test_self_report_requires_the_file(world, open_case):
    case = open_case()
    decision_sign(actor=world.chair, case=case)
    notice_record(actor=world.leader, case=case, sent_on=timezone.localdate())

    with pytest.raises(RuleViolation):
        self_report_receive(actor=world.leader, case=case, received_on=timezone.localdate(), upload=None)

    assert _status(case) == CaseStatus.NOTIFIED
