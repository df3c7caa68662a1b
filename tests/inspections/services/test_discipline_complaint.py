"""Complaint services (domain.md §5(F)) without the views: the outcome as a ballot close
would apply it, thresholds, authority, the spawned start, and the rule book deciding the
one-month limit."""

import datetime
import json

import pytest
from django.utils import timezone

from inspections import rulebook
from inspections.exceptions import AccessDenied, RuleViolation
from inspections.journal import verify_chain
from inspections.models import Case, CaseStatus, Complaint, ComplaintAspect, DisciplineRecord, TeamReport
from inspections.rules.deadlines import Unit
from inspections.services import complaint_outcome, complaint_review
from inspections.services import discipline_complaint as services
from inspections.services.teams import conflict_declare
from tests.workflow.conftest import pdf
from tests.workflow.discipline_complaint_helpers import ago, build_world, make_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def cworld(db):
    return build_world()


def open_(w, record, **overrides):
    u = w["users"]
    arguments = {
        "actor": u["staff"],
        "committee": w["ic"],
        "record": record,
        "representative": "",
        "decision_received_on": ago(20),
        "received_on": ago(5),
        "about": ["form"],
        "request": "Đề nghị xem xét lại",
        "letter": pdf(),
        "imposed_by_kind": "cell",
        "imposed_by_organisation": w["cell"],
        "resolving_body": w["ic"],
        "leader": u["leader"],
        "members": [u["member"]],
        "director": u["director"],
    }
    arguments.update(overrides)
    case = services.complaint_open(**arguments)
    for role in case.roles.filter(role__in=["leader", "member", "director"]):
        conflict_declare(actor=role.user, case=case, has_conflict=False)
    return case


def to_meeting(w, case):
    u = w["users"]
    services.complaint_admissibility_decide(actor=u["director"], case=case, admissible=True, reasons=[])
    complaint_review.complaint_imposing_body_meet(
        actor=u["member"], case=case, met_on=ago(3), minutes=pdf(), file_obtained=True
    )
    complaint_review.complaint_complainant_meet(actor=u["member"], case=case, met_on=ago(2), minutes=pdf())
    complaint_review.complaint_aspects_review(
        actor=u["member"],
        case=case,
        differences="Khác nhau",
        reviews={a: ("partly", "Nhận xét") for a in ComplaintAspect.values},
    )
    complaint_review.complaint_report_submit(actor=u["leader"], case=case, text="Báo cáo", proposed_outcome="keep")
    complaint_review.complaint_report_review(actor=u["chair"], case=case, accept=True)


def test_ballot_close_applies_the_outcome_with_its_own_tally(cworld):
    """What the secret-ballot subsystem will call at its close."""
    u = cworld["users"]
    record = make_record(cworld, form="warning")
    case = open_(cworld, record)
    to_meeting(cworld, case)
    tally = {"source": "ballot", "ballot": 42, "count_base": 9, "for": 6, "thresholds": ["decide"]}
    complaint = complaint_outcome.complaint_outcome_apply(
        actor=u["chair"],
        case=case,
        outcome="reduce",
        new_form="reprimand",
        reasons="Hội nghị biểu quyết giảm",
        decided_on=ago(1),
        vote=tally,
    )
    assert (complaint.vote_count_base, complaint.vote_for) == (9, 6)
    assert Case.objects.get(pk=case.pk).status == CaseStatus.VOTED
    record.refresh_from_db()
    assert record.state == DisciplineRecord.State.CHANGED
    for journaled in (case, record.case):
        [entry] = journaled.journal.filter(action="complaint.outcome_applied")
        assert json.loads(entry.payload)["vote"]["ballot"] == 42
        assert verify_chain(journaled.pk) is None
    with pytest.raises(RuleViolation, match="đã được ghi nhận"):
        complaint_outcome.complaint_outcome_apply(
            actor=u["chair"], case=case, outcome="keep", reasons="x", decided_on=ago(1), vote=tally
        )


def test_outcome_apply_needs_the_approver_and_an_in_force_record(cworld):
    u = cworld["users"]
    record = make_record(cworld)
    case = open_(cworld, record)
    to_meeting(cworld, case)
    with pytest.raises(AccessDenied):
        complaint_outcome.complaint_outcome_apply(
            actor=u["leader"], case=case, outcome="keep", reasons="x", decided_on=ago(1), vote={}
        )
    # Expired meanwhile (one year after announcement): nothing can be applied any more.
    DisciplineRecord.objects.filter(pk=record.pk).update(state=DisciplineRecord.State.EXPIRED)
    with pytest.raises(RuleViolation, match="không còn hiệu lực"):
        complaint_outcome.complaint_outcome_apply(
            actor=u["chair"], case=case, outcome="remove", reasons="x", decided_on=ago(1), vote={}
        )
    assert Complaint.objects.get(case=case).outcome == ""


@pytest.mark.parametrize(
    ("base", "votes", "met"),
    [(6, 3, False), (6, 4, True), (7, 3, False), (7, 4, True), (1, 1, True), (2, 1, False)],
)
def test_more_than_half_decides(cworld, base, votes, met):
    u = cworld["users"]
    case = open_(cworld, make_record(cworld))
    to_meeting(cworld, case)
    call = dict(actor=u["chair"], case=case, meeting_on=ago(1), outcome="keep", reasons="x", count_base=base)
    if met:
        complaint_outcome.complaint_outcome_record(votes_for=votes, **call)
        assert Complaint.objects.get(case=case).outcome == "keep"
    else:
        with pytest.raises(RuleViolation, match="chưa đạt"):
            complaint_outcome.complaint_outcome_record(votes_for=votes, **call)
        assert Case.objects.get(pk=case.pk).status == CaseStatus.REPORTED


def test_increase_to_expulsion_also_needs_two_thirds(cworld, monkeypatch):
    u = cworld["users"]
    record = make_record(cworld, form="warning")
    case = open_(cworld, record, resolving_body=cworld["executive"])
    to_meeting(cworld, case)
    # Give the executive committee expulsion power for this test (the matrix is data).
    real = rulebook.may_impose
    monkeypatch.setattr(rulebook, "may_impose", lambda **kw: kw["form"] == "expulsion" or real(**kw))
    call = dict(actor=u["chair"], case=case, meeting_on=ago(1), outcome="increase", new_form="expulsion", reasons="x")
    with pytest.raises(RuleViolation, match="2/3"):
        complaint_outcome.complaint_outcome_record(count_base=9, votes_for=5, **call)
    complaint_outcome.complaint_outcome_record(count_base=9, votes_for=6, **call)
    record.refresh_from_db()
    assert record.replaced_by.form == "expulsion"


def test_dismissal_needs_a_post_and_a_probationary_member_has_only_two_forms(cworld, monkeypatch):
    u = cworld["users"]
    monkeypatch.setattr(rulebook, "may_impose", lambda **kw: True)
    record = make_record(cworld, form="warning")
    case = open_(cworld, record, resolving_body=cworld["executive"])
    to_meeting(cworld, case)
    with pytest.raises(RuleViolation, match="không giữ chức vụ"):
        complaint_outcome.complaint_outcome_apply(
            actor=u["chair"],
            case=case,
            outcome="increase",
            new_form="dismissal",
            reasons="x",
            decided_on=ago(1),
            vote={},
        )
    member = cworld["secretary"]
    member.status = member.Status.PROBATIONARY
    member.save()
    probationary = make_record(cworld, form="reprimand", member=member)
    case2 = open_(cworld, probationary, resolving_body=cworld["executive"])
    to_meeting(cworld, case2)
    with pytest.raises(RuleViolation, match="không áp dụng cho đối tượng này"):
        complaint_outcome.complaint_outcome_apply(
            actor=u["chair"],
            case=case2,
            outcome="increase",
            new_form="dismissal",
            reasons="x",
            decided_on=ago(1),
            vote={},
        )


def test_second_complaint_goes_above_the_body_that_resolved_the_first(cworld):
    """After the standing committee resolved the first complaint against its inspection
    committee's decision, a new complaint goes to the higher level (§5(F) Authority)."""
    u = cworld["users"]
    record = make_record(cworld, deciding_body="UBKT xã")
    inspection = {"imposed_by_kind": "inspection", "imposed_by_organisation": cworld["commune"]}
    first = open_(cworld, record, resolving_body=cworld["standing"], **inspection)
    to_meeting(cworld, first)
    complaint_outcome.complaint_outcome_record(
        actor=u["chair"], case=first, meeting_on=ago(1), outcome="keep", reasons="x", count_base=5, votes_for=3
    )
    complaint_outcome.complaint_decision_issue(
        actor=u["staff"], case=first, number="1", signed_on=ago(1), decision_file=pdf()
    )
    today = timezone.localdate()
    complaint_outcome.complaint_decision_notify(
        actor=u["staff"], case=first, complainant_on=today, imposing_body_on=today, managing_org_on=today
    )
    with pytest.raises(RuleViolation, match="cấp trên"):
        open_(cworld, record, resolving_body=cworld["standing"], **inspection)


def test_spawn_checks_the_origin(cworld):
    u = cworld["users"]
    record = make_record(cworld)
    with pytest.raises(AccessDenied):
        services.complaint_spawn(actor=u["outsider"], origin=record.case)
    complaint_case = open_(cworld, record)
    with pytest.raises(RuleViolation, match="chỉ mở từ hồ sơ thi hành kỷ luật"):
        services.complaint_spawn(actor=u["staff"], origin=complaint_case)
    DisciplineRecord.objects.filter(pk=record.pk).update(state=DisciplineRecord.State.REMOVED)
    with pytest.raises(RuleViolation, match="chưa có quyết định kỷ luật đang có hiệu lực"):
        services.complaint_spawn(actor=u["staff"], origin=record.case)


def test_intake_refuses_a_record_of_someone_else_on_a_spawned_case(cworld):
    u = cworld["users"]
    record = make_record(cworld)
    other = make_record(cworld, member=cworld["secretary"])
    case = services.complaint_spawn(actor=u["staff"], origin=record.case)
    with pytest.raises(RuleViolation, match="không phải của người"):
        services.complaint_intake(
            actor=u["staff"],
            case=case,
            record=other,
            representative="",
            decision_received_on=ago(20),
            received_on=ago(5),
            about=["content"],
            request="x",
            letter=pdf(),
            imposed_by_kind="cell",
            imposed_by_organisation=cworld["cell"],
            resolving_body=cworld["ic"],
            leader=u["leader"],
            director=u["director"],
        )
    assert not Complaint.objects.exists()


def test_the_rule_table_decides_how_a_month_is_counted(cworld, monkeypatch):
    """domain.md §11.6: "one month" or "30 working days" — the rule book decides."""
    from inspections.deadlines import due_on
    from inspections.rules.deadlines import add_months

    got = ago(150)
    record = make_record(cworld, decided_on=ago(200))
    calendar = open_(cworld, record, decision_received_on=got, received_on=got + datetime.timedelta(days=1))
    assert Complaint.objects.get(case=calendar).filing_due_on == add_months(got, 1)
    # A new version of the rule, counted in working days, in force from before the receipt.
    from inspections.models import TimeLimitRule
    from inspections.services.rules import rule_version_save

    current = TimeLimitRule.objects.filter(code="F.file").latest("effective_from")
    rule_version_save(
        actor=cworld["users"]["staff"],
        row=TimeLimitRule(
            code="F.file",
            amount=30,
            unit=Unit.WORKING_DAYS,
            clock_starts=current.clock_starts,
            source="Thử: 30 ngày làm việc",
            effective_from=got - datetime.timedelta(days=1),
        ),
    )
    record2 = make_record(cworld, decided_on=ago(200))
    working = open_(cworld, record2, decision_received_on=got, received_on=got + datetime.timedelta(days=1))
    due = Complaint.objects.get(case=working).filing_due_on
    assert due == due_on("F.file", got) and due > add_months(got, 1)


def test_admissibility_by_the_clerk_is_refused_even_with_the_direct_role(cworld):
    from inspections import access

    u = cworld["users"]
    case = open_(cworld, make_record(cworld))
    access.grant_role(case=case, user=u["staff"], role="director")
    conflict_declare(actor=u["staff"], case=case, has_conflict=False)
    with pytest.raises(RuleViolation, match="không được tự quyết định thụ lý"):
        services.complaint_admissibility_decide(actor=u["staff"], case=case, admissible=True, reasons=[])
    assert Case.objects.get(pk=case.pk).status == CaseStatus.RECEIVED


def test_report_needs_every_aspect_reviewed_and_the_review_needs_both_meetings(cworld):
    u = cworld["users"]
    case = open_(cworld, make_record(cworld))
    services.complaint_admissibility_decide(actor=u["director"], case=case, admissible=True, reasons=[])
    reviews = {a: ("right", "Đúng") for a in ComplaintAspect.values}
    with pytest.raises(RuleViolation, match="trước khi đánh giá"):
        complaint_review.complaint_aspects_review(actor=u["member"], case=case, differences="x", reviews=reviews)
    with pytest.raises(RuleViolation, match="Chưa đánh giá đủ"):
        complaint_review.complaint_report_submit(actor=u["leader"], case=case, text="x", proposed_outcome="keep")
    assert not TeamReport.objects.filter(case=case).exists()
