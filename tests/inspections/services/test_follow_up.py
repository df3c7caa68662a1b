"""Follow-up of conclusions through the services: reports, met, unmet, new deadlines, the
inspection upon signs an unmet requirement opens, and the overdue escalation."""

import datetime

import pytest
from django.utils import timezone

from inspections import access
from inspections.exceptions import AccessDenied, RuleViolation
from inspections.models import (
    Case,
    CaseKind,
    CaseLink,
    CaseStatus,
    Finding,
    JournalEntry,
    Recommendation,
    RequirementReport,
    RequirementTracking,
)
from inspections.selectors.follow_up import card, unmet_without_case, unsettled, with_overdue_flag
from inspections.services.cases import decision_sign
from inspections.services.conclusions import conclusion_draft, conclusion_notice_record, conclusion_review
from inspections.services.follow_up import follow_up_record, overdue_escalate, requirement_assess
from inspections.services.inspection_steps import (
    notice_record,
    self_report_receive,
    team_report_review,
    team_report_submit,
    verification_record,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _later(days):
    return TODAY() + datetime.timedelta(days=days)


@pytest.fixture
def following(world, open_case, pdf):
    """A planned inspection in follow-up with two requirements due in 30 and 40 days."""
    case = open_case()
    decision_sign(actor=world.chair, case=case)
    notice_record(actor=world.leader, case=case, sent_on=TODAY())
    self_report_receive(actor=world.member2, case=case, received_on=TODAY(), upload=pdf())
    verification_record(actor=world.member2, case=case, findings=[(Finding.Assessment.SHORTCOMING, "Chậm")])
    team_report_submit(actor=world.leader, case=case, text="Báo cáo")
    team_report_review(actor=world.chair, case=case, accept=True)
    conclusion_draft(
        actor=world.leader,
        case=case,
        text="Kết luận",
        violation_found=True,
        recommendations=[("Khắc phục sổ sách", _later(30)), ("Báo cáo kết quả", _later(40))],
    )
    conclusion_review(actor=world.chair, case=case, approve=True)
    conclusion_notice_record(actor=world.staff, case=case, sent_on=TODAY())
    case.refresh_from_db()
    assert case.status == CaseStatus.FOLLOW_UP
    return case


def _recs(case):
    return list(Recommendation.objects.filter(case=case).order_by("due_on"))


def test_progress_and_met_with_one_document_then_close(world, following, pdf):
    first, second = _recs(following)
    outcome = follow_up_record(
        actor=world.member2,
        case=following,
        progress={first.pk: (TODAY(), "Đang làm"), second.pk: (TODAY(), "Đang làm")},
        upload=pdf(),
    )
    assert not outcome.closed and outcome.signs_case is None
    docs = {r.document_id for r in RequirementReport.objects.all()}
    assert len(docs) == 1 and None not in docs
    follow_up_record(actor=world.member2, case=following, done={first.pk: (TODAY(), "Xong")})
    outcome = follow_up_record(actor=world.member2, case=following, done={second.pk: (TODAY(), "")})
    assert outcome.closed and _status(following) == CaseStatus.CLOSED
    assert RequirementReport.objects.filter(marks_met=True).count() == 2


def _status(case):
    return Case.objects.get(pk=case.pk).status


def test_follow_up_and_assessment_need_their_access(world, following):
    first, _second = _recs(following)
    with pytest.raises(AccessDenied):
        follow_up_record(actor=world.chair, case=following, done={first.pk: (TODAY(), "")})
    with pytest.raises(AccessDenied):
        requirement_assess(
            actor=world.member2, case=following, recommendation_id=first.pk, decision="unmet", reason="x"
        )


def test_unmet_then_signs_case_linked_and_closing(world, following, pdf):
    first, second = _recs(following)
    with pytest.raises(RuleViolation, match="đã được đánh giá không thực hiện"):
        follow_up_record(actor=world.member2, case=following, open_signs_case_for=[first.pk])
    requirement_assess(
        actor=world.chair, case=following, recommendation_id=first.pk, decision="unmet", reason="Không làm"
    )
    assert list(unsettled(following)) == [second]
    assert list(unmet_without_case(following)) == [first]
    with pytest.raises(RuleViolation, match="đã hoàn thành"):
        requirement_assess(actor=world.chair, case=following, recommendation_id=first.pk, decision="unmet", reason="x")
    # Someone without the right to open cases for the committee cannot propose the inspection.
    access.grant_role(case=following, user=world.outsider, role="drafter")
    with pytest.raises(RuleViolation, match="không có quyền lập hồ sơ"):
        follow_up_record(actor=world.outsider, case=following, open_signs_case_for=[first.pk])
    outcome = follow_up_record(actor=world.member2, case=following, open_signs_case_for=[first.pk])
    signs = outcome.signs_case
    assert signs.kind == CaseKind.SIGNS_INSPECTION and signs.status == CaseStatus.DRAFT
    assert signs.subject_member == following.subject_member
    assert CaseLink.objects.get(source=following, target=signs).relation == CaseLink.Relation.FOLLOW_UP
    assert JournalEntry.objects.filter(case=signs, action="link.added").exists()
    assert not outcome.closed  # the second requirement is still followed
    with pytest.raises(RuleViolation):
        follow_up_record(actor=world.member2, case=following, open_signs_case_for=[first.pk])  # once per requirement
    requirement_assess(actor=world.chair, case=following, recommendation_id=second.pk, decision="unmet", reason="Không")
    with pytest.raises(RuleViolation, match="Chọn kiến nghị mà báo cáo"):
        follow_up_record(actor=world.member2, case=following, upload=pdf())
    outcome = follow_up_record(actor=world.member2, case=following)  # all settled: closes
    assert outcome.closed and _status(following) == CaseStatus.CLOSED


def test_extension_lifts_the_flag_and_must_be_in_the_future(world, following):
    first, _second = _recs(following)
    with pytest.raises(RuleViolation, match="Thời hạn mới"):
        requirement_assess(
            actor=world.chair,
            case=following,
            recommendation_id=first.pk,
            decision="extend",
            reason="x",
            new_due_on=TODAY(),
        )
    with pytest.raises(RuleViolation, match="Cần ghi rõ lý do"):
        requirement_assess(actor=world.chair, case=following, recommendation_id=first.pk, decision="unmet", reason=" ")
    with pytest.raises(RuleViolation, match="Chọn cách xử lý"):
        requirement_assess(actor=world.chair, case=following, recommendation_id=first.pk, decision="x", reason="y")
    overdue_escalate(on=_later(31))
    assert with_overdue_flag(Case.objects.filter(pk=following.pk)).get().overdue_requirements
    requirement_assess(
        actor=world.chair,
        case=following,
        recommendation_id=first.pk,
        decision="extend",
        reason="Chờ",
        new_due_on=_later(60),
    )
    assert Recommendation.objects.get(pk=first.pk).due_on == _later(60)
    assert not with_overdue_flag(Case.objects.filter(pk=following.pk)).get().overdue_requirements


def test_overdue_escalation_is_idempotent_and_journaled_once(world, following):
    first, second = _recs(following)
    assert overdue_escalate(on=_later(30)) == []  # due today is not overdue
    escalations = overdue_escalate(on=_later(35))
    assert [(e.case.pk, [r.pk for r in e.items]) for e in escalations] == [(following.pk, [first.pk])]
    assert overdue_escalate(on=_later(35)) == []
    escalations = overdue_escalate(on=_later(41))
    assert [[r.pk for r in e.items] for e in escalations] == [[second.pk]]
    entries = JournalEntry.objects.filter(case=following, action="follow_up.overdue")
    assert entries.count() == 2 and all(e.actor_id is None for e in entries)
    assert RequirementTracking.objects.filter(escalated_at__isnull=False).count() == 2
    rows = card(world.chair, following)
    assert rows["any_escalated"] and rows["can_assess"]
    assert not card(world.member2, following)["can_assess"]
    # A met requirement is no longer flagged; a closed case is not escalated.
    follow_up_record(actor=world.member2, case=following, done={first.pk: (TODAY(), ""), second.pk: (TODAY(), "")})
    assert not with_overdue_flag(Case.objects.filter(pk=following.pk)).get().overdue_requirements
    assert overdue_escalate(on=_later(90)) == []
