"""Three-phase inspections (B, G, H) through the services: the rules of the proposal, the
signature that starts the clock, the execution steps and the committee's conclusion on
the violation, and the selector a discipline case reads."""

import datetime

import pytest
from django.utils import timezone

from inspections.deadlines import due_on
from inspections.exceptions import AccessDenied, RuleViolation
from inspections.models import (
    CaseKind,
    CaseRole,
    CaseStatus,
    ChecklistItem,
    Finding,
    InspectionRecord,
    JournalEntry,
    SanctionForm,
)
from inspections.selectors.three_phase import discipline_grounds, review_meeting_due, uncovered_items
from inspections.services.conclusions import conclusion_review
from inspections.services.inspection_steps import self_report_receive, team_report_review, verification_record
from inspections.services.proposals import PlanInput, decision_plan_sign, inspection_propose, proposal_complete
from inspections.services.teams import conflict_declare
from inspections.services.three_phase import (
    ViolationFacts,
    checklist_verification_record,
    conclusion_assess,
    conclusion_convey,
    explanation_receive,
    forms_for_subject,
    preparation_record,
    review_meeting_record,
    subject_meeting_record,
    team_report_finalise,
)
from people.models import PartyMember

pytestmark = pytest.mark.django_db
B, G, H = CaseKind.SIGNS_INSPECTION, CaseKind.FINANCE_INSPECTION, CaseKind.LOWER_BODY_INSPECTION
TODAY = timezone.localdate


@pytest.fixture
def propose(world):
    def _propose(kind=B, declare=True, **overrides):
        plan = {"content": "Quản lý đất đai", "working_days": 20}
        arguments = {
            "actor": world.staff,
            "kind": kind,
            "committee": world.committee,
            "title": "Kiểm tra khi có dấu hiệu vi phạm",
            "grounds": "Kết quả giám sát",
            "key_areas": world.key_areas,
            "leader": world.leader,
            "members": [world.member2],
        }
        if kind == B:
            arguments["subject_member"] = world.subject_member
            plan["signs_source"] = "monitoring"
        else:
            arguments["subject_organisation"] = world.cell
            plan["content_items"] = tuple(ChecklistItem.objects.filter(kind=kind)[:2])
        for name in ("content", "working_days", "signs_source", "content_items"):
            if name in overrides:
                plan[name] = overrides.pop(name)
        arguments.update(overrides)
        case = inspection_propose(plan=PlanInput(**plan), **arguments)
        if declare:
            for role in CaseRole.objects.filter(case=case, role__in=["leader", "member"]):
                conflict_declare(actor=role.user, case=case, has_conflict=False)
        return case

    return _propose


def _to_verification(world, case, pdf):
    decision_plan_sign(actor=world.chair, case=case)
    preparation_record(actor=world.leader, case=case, outline="a", schedule="b", assignments="c", team_met_on=TODAY())
    subject_meeting_record(
        actor=world.member2, case=case, met_on=TODAY(), report_due_on=TODAY() + datetime.timedelta(days=5), note=""
    )
    if case.kind == B:
        explanation_receive(actor=world.member2, case=case, received_on=TODAY(), upload=pdf())
    else:
        self_report_receive(actor=world.member2, case=case, received_on=TODAY(), upload=pdf())


def _status(case):
    case.refresh_from_db()
    return case.status


@pytest.mark.parametrize(
    ("kind", "overrides", "message"),
    [
        (B, {"content": "  "}, "Nội dung kiểm tra không được để trống"),
        (B, {"working_days": 0}, "từ 1 ngày làm việc"),
        (B, {"working_days": 61}, "vượt thời hạn"),
        (B, {"signs_source": ""}, "nguồn nào"),
        (B, {"content_items": "G"}, "không có danh mục"),
        (G, {"subject_organisation": None, "subject_member": "member"}, "là một tổ chức đảng"),
        (H, {"content_items": ()}, "Chọn ít nhất một nội dung"),
        (H, {"content_items": "G"}, "không thuộc loại việc này"),
        (CaseKind.DENUNCIATION, {"subject_member": "member"}, "không theo quy trình"),
    ],
)
def test_proposal_rules(world, propose, kind, overrides, message):
    if overrides.get("content_items") == "G":
        overrides["content_items"] = tuple(ChecklistItem.objects.filter(kind=G)[:1])
    if overrides.get("subject_member") == "member":
        overrides["subject_member"] = world.subject_member
    with pytest.raises(RuleViolation, match=message):
        propose(kind, declare=False, **overrides)
    assert not InspectionRecord.objects.exists() and not JournalEntry.objects.exists()


def test_signature_starts_the_clock_with_the_kinds_time_limit(world, propose):
    for kind in (B, G, H):
        case = propose(kind)
        with pytest.raises(AccessDenied):
            decision_plan_sign(actor=world.leader, case=case)
        decision_plan_sign(actor=world.chair, case=case)
        case.refresh_from_db()
        assert case.status == CaseStatus.DECIDED
        assert case.clock_started_on == TODAY()
        assert case.due_on == due_on(f"{kind}.resolve", TODAY())
        assert JournalEntry.objects.filter(case=case, action="clock.started").count() == 1


def test_spawned_case_needs_its_proposal_completed_once_before_signing(world, open_case):
    from inspections.models import CaseLink
    from inspections.services.cases import case_spawn

    origin = open_case()
    case = case_spawn(
        actor=world.staff,
        origin=origin,
        kind=B,
        relation=CaseLink.Relation.ESCALATED,
        title="Dấu hiệu vi phạm phát hiện qua giám sát",
        grounds="Báo cáo giám sát",
    )
    with pytest.raises(RuleViolation, match="chưa được hoàn thiện"):
        decision_plan_sign(actor=world.chair, case=case)
    arguments = {
        "plan": PlanInput(content="Nội dung", working_days=10, signs_source="supervision"),
        "leader": world.leader,
    }
    with pytest.raises(AccessDenied):
        proposal_complete(actor=world.outsider, case=case, **arguments)
    with pytest.raises(RuleViolation, match="ngày kết thúc"):
        proposal_complete(
            actor=world.staff,
            case=case,
            period_start=datetime.date(2025, 2, 1),
            period_end=datetime.date(2025, 1, 1),
            **arguments,
        )
    proposal_complete(actor=world.staff, case=case, members=[world.member2], **arguments)
    assert CaseRole.objects.filter(case=case, role="leader", user=world.leader).exists()
    with pytest.raises(RuleViolation, match="đã được hoàn thiện"):
        proposal_complete(actor=world.staff, case=case, **arguments)


def test_execution_steps_check_order_dates_and_kind(world, propose, pdf):
    case = propose(B)
    decision_plan_sign(actor=world.chair, case=case)
    with pytest.raises(AccessDenied):
        preparation_record(
            actor=world.member2, case=case, outline="a", schedule="b", assignments="c", team_met_on=TODAY()
        )
    with pytest.raises(RuleViolation, match="Không thể chuyển hồ sơ"):
        subject_meeting_record(actor=world.member2, case=case, met_on=TODAY(), report_due_on=TODAY(), note="")
    preparation_record(actor=world.leader, case=case, outline="a", schedule="b", assignments="c", team_met_on=TODAY())
    subject_meeting_record(actor=world.member2, case=case, met_on=TODAY(), report_due_on=TODAY(), note="")
    with pytest.raises(RuleViolation, match="Cần tải lên"):
        explanation_receive(actor=world.member2, case=case, received_on=TODAY(), upload=None)
    explanation_receive(actor=world.member2, case=case, received_on=TODAY(), upload=pdf())
    assert _status(case) == CaseStatus.VERIFYING
    assert review_meeting_due(case)
    review_meeting_record(actor=world.member2, case=case, held_on=TODAY(), summary="Đã kiểm điểm")
    assert not review_meeting_due(case)
    with pytest.raises(RuleViolation, match="đã được ghi nhận"):
        review_meeting_record(actor=world.member2, case=case, held_on=TODAY(), summary="Lần hai")

    other = propose(G)
    _to_verification(world, other, pdf)
    with pytest.raises(RuleViolation, match="báo cáo giải trình"):
        explanation_receive(actor=world.member2, case=other, received_on=TODAY(), upload=pdf())


def test_checklist_findings_cover_every_item_before_the_report(world, propose, pdf):
    case = propose(H)
    _to_verification(world, case, pdf)
    first, second = InspectionRecord.objects.get(case=case).content_items.order_by("order")
    outside = ChecklistItem.objects.filter(kind=H).exclude(pk__in=[first.pk, second.pk]).first()
    with pytest.raises(RuleViolation, match="không thuộc phạm vi"):
        checklist_verification_record(actor=world.member2, case=case, findings=[(outside.pk, "strength", "x")])
    with pytest.raises(RuleViolation, match="Đánh giá không hợp lệ"):
        checklist_verification_record(actor=world.member2, case=case, findings=[(first.pk, "excellent", "x")])
    checklist_verification_record(actor=world.member2, case=case, findings=[(first.pk, "shortcoming", "Chậm")])
    assert uncovered_items(case) == [second]
    assert not review_meeting_due(case)  # H has no review meeting
    with pytest.raises(RuleViolation, match=second.label):
        team_report_finalise(actor=world.leader, case=case, text="Báo cáo", discussed_on=TODAY())
    checklist_verification_record(actor=world.member2, case=case, findings=[(second.pk, "violation", "Sai")])
    report = team_report_finalise(actor=world.leader, case=case, text="Báo cáo", discussed_on=TODAY())
    assert report.version == 1 and _status(case) == CaseStatus.REPORTED
    assert Finding.objects.filter(case=case, checklist__item=second).count() == 1


@pytest.fixture
def reported_b(world, propose, pdf):
    case = propose(B)
    _to_verification(world, case, pdf)
    verification_record(actor=world.member2, case=case, findings=[("violation", "Sai thẩm quyền")])
    review_meeting_record(actor=world.member2, case=case, held_on=TODAY(), summary="Đã kiểm điểm")
    team_report_finalise(actor=world.leader, case=case, text="Báo cáo", discussed_on=TODAY())
    team_report_review(actor=world.chair, case=case, accept=True)
    return case


FACTS = ViolationFacts(
    content="Sai thẩm quyền",
    nature="Nghiêm trọng",
    extent="Lớn",
    causes="Chủ quan",
    responsibility="Cá nhân",
    discipline_required=True,
    subject_admits=True,
    self_proposed_form=SanctionForm.REPRIMAND,
)


def _assess(world, case, violation_found=True, facts=FACTS, **kwargs):
    return conclusion_assess(
        actor=world.leader,
        case=case,
        text="Kết luận",
        violation_found=violation_found,
        recommendations=kwargs.pop("recommendations", []),
        committee_met_on=kwargs.pop("committee_met_on", TODAY()),
        facts=facts,
        **kwargs,
    )


@pytest.mark.parametrize(
    ("violation_found", "changes", "message"),
    [
        (True, {"causes": ""}, "cần ghi rõ nội dung"),
        (False, {}, "Không có vi phạm thì không xem xét kỷ luật"),
        (True, {"subject_admits": False}, "đối tượng thừa nhận"),
        (True, {"discipline_required": False}, "đến mức phải kỷ luật"),
        (True, {"self_proposed_form": SanctionForm.DISSOLUTION}, "không áp dụng cho đối tượng"),
    ],
)
def test_conclusion_facts_rules(world, reported_b, violation_found, changes, message):
    facts = ViolationFacts(**{**FACTS.__dict__, **changes})
    with pytest.raises(RuleViolation, match=message):
        _assess(world, reported_b, violation_found=violation_found, facts=facts)
    assert not reported_b.conclusions.exists()


def test_conclusion_date_and_access(world, reported_b):
    with pytest.raises(RuleViolation, match="trước ngày ký quyết định"):
        _assess(world, reported_b, committee_met_on=TODAY() - datetime.timedelta(days=3))
    with pytest.raises(AccessDenied):
        conclusion_assess(
            actor=world.member2,
            case=reported_b,
            text="x",
            violation_found=False,
            recommendations=[],
            committee_met_on=TODAY(),
            facts=ViolationFacts(),
        )


def test_discipline_grounds_follow_the_approved_draft_only(world, reported_b):
    _assess(world, reported_b)
    assert discipline_grounds(reported_b) is None
    conclusion_review(actor=world.chair, case=reported_b, approve=False, note="Sửa")
    _assess(world, reported_b, facts=ViolationFacts(**{**FACTS.__dict__, "self_proposed_form": ""}))
    conclusion_review(actor=world.chair, case=reported_b, approve=True)
    grounds = discipline_grounds(reported_b)
    assert grounds.discipline_required and grounds.subject_admits and not grounds.self_proposed_form
    assert not grounds.merged_path  # admitted, but no form proposed: no merged path


def test_convey_sets_the_archive_due_date_and_closes_without_requirements(world, reported_b):
    _assess(world, reported_b)
    conclusion_review(actor=world.chair, case=reported_b, approve=True)
    with pytest.raises(AccessDenied):
        conclusion_convey(actor=world.chair, case=reported_b, sent_on=TODAY())
    conclusion_convey(actor=world.staff, case=reported_b, sent_on=TODAY())
    assert _status(reported_b) == CaseStatus.CLOSED
    assert InspectionRecord.objects.get(case=reported_b).archive_due_on == due_on("archive", TODAY())
    assert discipline_grounds(reported_b).merged_path


def test_forms_a_subject_may_propose_follow_its_kind(world, propose):
    member_case = propose(B)
    assert SanctionForm.EXPULSION in forms_for_subject(member_case)
    assert SanctionForm.DISSOLUTION not in forms_for_subject(member_case)
    PartyMember.objects.filter(pk=world.subject_member.pk).update(status=PartyMember.Status.PROBATIONARY)
    member_case.subject_member.refresh_from_db()
    # Strike-off is not a form a probationary member proposes (domain.md §11b.6).
    assert forms_for_subject(member_case) == (SanctionForm.REPRIMAND, SanctionForm.WARNING)
    org_case = propose(G)
    assert forms_for_subject(org_case) == (SanctionForm.REPRIMAND, SanctionForm.WARNING, SanctionForm.DISSOLUTION)


def test_the_teams_working_time_is_bounded_by_the_limit_for_the_bodys_level(world, propose):
    """Issue 9 point 6: a time limit can differ by the acting body's level; the plan's
    working time is checked against the limit for that level (and province), as the clock
    will apply it, not against the rule for every level. Refused: nothing written."""
    from inspections import deadlines
    from inspections.models import Case
    from tests.factories.rules import TimeLimitRuleFactory

    case = propose(B, working_days=40)  # within the 60 days of the rule for every level
    level = deadlines.acting_level(case)
    assert level, "the test world's committee has a shipped level"
    TimeLimitRuleFactory(code="B.resolve", level=level, amount=30, source="Thử: thời hạn của cấp này")
    cases, entries = Case.objects.count(), JournalEntry.objects.count()
    with pytest.raises(RuleViolation, match="vượt thời hạn 30 ngày làm việc"):
        propose(B, declare=False, working_days=40)
    assert (Case.objects.count(), JournalEntry.objects.count()) == (cases, entries)
    propose(B, working_days=30)
