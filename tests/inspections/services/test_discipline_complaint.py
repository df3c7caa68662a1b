"""Complaint services (domain.md §5(F)) without the views: the secret ballot on the outcome
(the paper, thresholds on the count base, no decision, a result that cannot be applied),
the outcome applied to the record, authority, the spawned start, and the rule book
deciding the one-month limit."""

import datetime
import json

import pytest
from django.utils import timezone

from inspections import rulebook
from inspections.exceptions import AccessDenied, RuleViolation
from inspections.journal import verify_chain
from inspections.models import (
    Ballot,
    Case,
    CaseRole,
    CaseStatus,
    Complaint,
    ComplaintAspect,
    DecidingBodyKind,
    DisciplineRecord,
    TeamReport,
)
from inspections.rules.deadlines import Unit
from inspections.selectors.authority import authority_province, deciding_body
from inspections.services import ballots, complaint_ballot, complaint_outcome, complaint_review
from inspections.services import discipline_complaint as services
from inspections.services.teams import conflict_declare
from people.models import PartyMember, User
from tests.factories.people import PartyMemberFactory
from tests.roster import pad_roster
from tests.workflow.conftest import pdf
from tests.workflow.discipline_complaint_helpers import ago, body_members, build_world, make_record

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
        "announced_on": ago(20),
        "sent_on": ago(6),
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


def meet(w, case, *, present=None, total=None, on=None):
    """The chair opens the ballot with the resolving body's members present."""
    complaint = Complaint.objects.select_related("resolving_body").get(case=case)
    members = body_members(w, complaint.resolving_body)
    present = members if present is None else present
    if total is not None:  # absent members make the roster, the count base, this long
        pad_roster(committee=complaint.resolving_body, total=total)
    return complaint_ballot.complaint_meeting(
        actor=w["users"]["chair"],
        case=case,
        meeting_on=on or ago(1),
        present=present,
    )


def papers(ballot, votes):
    """`votes`: option codes, one per voter of the ballot in turn ("" leaves one blank)."""
    voters = User.objects.filter(
        pk__in=CaseRole.objects.filter(case=ballot.case, role="voter", revoked_at=None).values("user_id")
    ).order_by("pk")
    for voter, option in zip(voters, votes, strict=False):
        ballots.ballot_cast(actor=voter, ballot=ballot, option=option)


def close(w, case, reasons="Kết luận của hội nghị"):
    return complaint_ballot.complaint_ballot_close(actor=w["users"]["chair"], case=case, reasons=reasons)


def test_ballot_close_applies_the_outcome_with_its_own_tally(cworld):
    u = cworld["users"]
    record = make_record(cworld, form="warning")
    case = open_(cworld, record)
    to_meeting(cworld, case)
    ballot = meet(cworld, case)
    assert Case.objects.get(pk=case.pk).status == CaseStatus.VOTING
    # 6 members, the leader and member of the team among them: 6 papers (the team votes,
    # issue 9 point 1; it held none before); 4 are cast.
    # Counted cumulatively, as discipline ballots are (issue 9 point 1; QĐ 22 Điều 22).
    assert (ballot.count_base, ballot.present_count, ballot.voters_count, ballot.cumulative) == (6, 6, 6, True)
    papers(ballot, ["reduce:reprimand"] * 4)
    # The record stays in force until the ballot is closed (Charter Art. 39.9).
    assert DisciplineRecord.objects.get(pk=record.pk).state == DisciplineRecord.State.IN_FORCE
    ballot = close(cworld, case, reasons="Hội nghị biểu quyết giảm")
    assert ballot.result == "reduce:reprimand" and ballot.reached_by == "single"
    complaint = Complaint.objects.get(case=case)
    assert (complaint.outcome, complaint.new_form, complaint.meeting_on) == ("reduce", "reprimand", ago(1))
    assert complaint.outcome_reasons == "Hội nghị biểu quyết giảm"
    assert Case.objects.get(pk=case.pk).status == CaseStatus.VOTED
    record.refresh_from_db()
    assert record.state == DisciplineRecord.State.CHANGED
    for journaled in (case, record.case):
        [entry] = journaled.journal.filter(action="complaint.outcome_applied")
        vote = json.loads(entry.payload)["vote"]
        assert (vote["ballot"], vote["count_base"], vote["for"], vote["thresholds"]) == (ballot.pk, 6, 4, ["decide"])
        assert verify_chain(journaled.pk) is None
    with pytest.raises(RuleViolation, match="đã được ghi nhận"):
        complaint_outcome.complaint_outcome_apply(
            actor=u["chair"], case=case, outcome="keep", reasons="x", decided_on=ago(1), vote={}
        )


def test_the_paper_offers_only_the_forms_of_the_subject_going_the_right_way(cworld):
    """Options heaviest first; authority marks an increase the body may not decide."""
    member = cworld["secretary"]
    cases = {}

    def plan(record, **kw):
        case = open_(cworld, record, **kw)
        to_meeting(cworld, case)
        cases[record.pk] = case
        complaint = Complaint.objects.get(case=case)
        return [(o.code, o.purpose, o.thresholds) for o in complaint_ballot.ballot_plan(case, complaint, ago(0))]

    decide, propose = Ballot.Purpose.DECIDE, Ballot.Purpose.PROPOSE
    # A full member without a post: no dismissal; the commune inspection committee may not
    # decide expulsion (rule book §6.3), so it is a proposal needing two thirds.
    assert plan(make_record(cworld, form="warning")) == [
        ("increase:expulsion", propose, ("expel_propose",)),
        ("keep", decide, ("decide",)),
        ("reduce:reprimand", decide, ("decide",)),
        ("remove", decide, ("decide",)),
    ]
    # The cell's secretary holds a post; before the commune executive committee, which may
    # decide a warning only.
    assert plan(make_record(cworld, form="reprimand", member=member), resolving_body=cworld["executive"]) == [
        ("increase:expulsion", propose, ("expel_propose",)),
        ("increase:dismissal", propose, ("decide",)),
        ("increase:warning", decide, ("decide",)),
        ("keep", decide, ("decide",)),
        ("remove", decide, ("decide",)),
    ]
    # A probationary member: reprimand and warning only.
    probationary = PartyMemberFactory(
        full_name="Dự bị",
        birth_date=datetime.date(1999, 1, 1),
        sex="F",
        card_number="DB-1",
        organisation=cworld["cell"],
        joined_on=ago(200),
        status=PartyMember.Status.PROBATIONARY,
    )
    assert [c for c, _p, _t in plan(make_record(cworld, form="warning", member=probationary))] == [
        "keep",
        "reduce:reprimand",
        "remove",
    ]


def test_increase_to_expulsion_within_authority_needs_two_thirds_and_more_than_half(cworld, monkeypatch):
    record = make_record(cworld, form="warning")
    case = open_(cworld, record, resolving_body=cworld["executive"])
    to_meeting(cworld, case)
    # Give the executive committee expulsion power for this test (the matrix is data).
    real = rulebook.may_impose
    monkeypatch.setattr(rulebook, "may_impose", lambda **kw: kw["form"] == "expulsion" or real(**kw))
    members = body_members(cworld, cworld["executive"], n=9)
    # 4 of 9 for expulsion, 5 blank: no resulting form reaches more than half even summed
    # down to the form kept: nothing decided, a new round.
    ballot = meet(cworld, case)
    [option] = [o for o in ballot.options if o["code"] == "increase:expulsion"]
    assert option["thresholds"] == ["expel_propose", "decide"] and option["purpose"] == "decide"
    papers(ballot, ["increase:expulsion"] * 4 + [""] * 5)
    ballot = close(cworld, case)
    assert ballot.result == "" and Complaint.objects.get(case=case).outcome == ""
    assert Case.objects.get(pk=case.pk).status == CaseStatus.REPORTED
    assert case.journal.filter(action="complaint.no_decision").count() == 1
    # Second round: 6 of 9 is two thirds.
    ballot = meet(cworld, case, present=members)
    assert ballot.round == 2
    papers(ballot, ["increase:expulsion"] * 6 + ["keep"] * 3)
    close(cworld, case)
    record.refresh_from_db()
    assert record.replaced_by.form == "expulsion"


def test_complaint_votes_count_cumulatively_and_remove_on_its_own(cworld, monkeypatch):
    """Issue 9 point 1 (QĐ 22-QĐ/TW Điều 22 applies Điều 15): 5 of 9 for expulsion is more
    than half but not two thirds; summed down, they keep the warning (reached
    cumulatively) rather than leave the round undecided. Votes to remove are never summed
    with votes for a form."""
    real = rulebook.may_impose
    monkeypatch.setattr(rulebook, "may_impose", lambda **kw: kw["form"] == "expulsion" or real(**kw))
    body_members(cworld, cworld["executive"], n=9)
    record = make_record(cworld, form="warning")
    case = open_(cworld, record, resolving_body=cworld["executive"])
    to_meeting(cworld, case)
    papers(meet(cworld, case), ["increase:expulsion"] * 5 + [""] * 4)
    ballot = close(cworld, case)
    assert (ballot.result, ballot.reached_by) == ("keep", "cumulative")
    assert ballot.cumulative_tally["keep"] == 5 and ballot.tally["increase:expulsion"] == 5
    assert Complaint.objects.get(case=case).outcome == "keep"

    other = make_record(cworld, form="warning", number="07-QĐ/CB")
    case = open_(cworld, other, resolving_body=cworld["executive"])
    to_meeting(cworld, case)
    # 4 keep + 4 remove + 1 reduce: the reduction sums keep's 4 and its own 1 = 5 > 4.5;
    # the 4 to remove add to nothing.
    papers(meet(cworld, case), ["keep"] * 4 + ["remove"] * 4 + ["reduce:reprimand"])
    ballot = close(cworld, case)
    assert ballot.result == "reduce:reprimand" and ballot.cumulative_tally["remove"] == 4


@pytest.mark.parametrize(("base", "votes", "met"), [(6, 3, False), (6, 4, True), (7, 3, False), (7, 4, True)])
def test_more_than_half_of_the_base_absentees_included(cworld, base, votes, met):
    case = open_(cworld, make_record(cworld))
    to_meeting(cworld, case)
    members = body_members(cworld, cworld["ic"])
    # Everyone with a paper votes; those the base counts beyond the 6 present are absent.
    ballot = meet(cworld, case, total=base)
    assert ballot.count_base == base and ballot.voters_count == 6  # the team too (issue 9 point 1)
    papers(ballot, ["keep"] * votes + [""] * (6 - votes))
    ballot = close(cworld, case)
    assert (ballot.result == "keep") is met
    assert (Complaint.objects.get(case=case).outcome == "keep") is met
    assert Case.objects.get(pk=case.pk).status == (CaseStatus.VOTED if met else CaseStatus.REPORTED)
    assert len(members) == 6


def test_meeting_refuses_strangers_and_the_wrong_stage_and_the_close_needs_reasons(cworld):
    u = cworld["users"]
    case = open_(cworld, make_record(cworld))
    with pytest.raises(RuleViolation, match="chưa ở bước hội nghị"):
        meet(cworld, case)
    to_meeting(cworld, case)
    with pytest.raises(AccessDenied):
        complaint_ballot.complaint_meeting(actor=u["leader"], case=case, meeting_on=ago(1), present=[u["chair"]])
    with pytest.raises(RuleViolation, match="không phải thành viên"):
        meet(cworld, case, present=[u["staff2"]], total=6)
    with pytest.raises(RuleViolation, match="không có cuộc bỏ phiếu"):
        close(cworld, case)
    ballot = meet(cworld, case)
    papers(ballot, ["keep"])
    with pytest.raises(RuleViolation, match="Cần ghi lý do"):
        close(cworld, case, reasons=" ")
    assert Ballot.objects.get(pk=ballot.pk).is_open
    with pytest.raises(RuleViolation, match="chưa ở bước hội nghị"):
        meet(cworld, case)


def test_outcome_apply_needs_the_approver_and_an_in_force_record(cworld):
    u = cworld["users"]
    record = make_record(cworld)
    case = open_(cworld, record)
    to_meeting(cworld, case)
    meet(cworld, case)
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


def test_a_ballot_result_that_cannot_be_applied_is_recorded_and_the_count_kept(cworld):
    """The record expired between the opening and the close: the ballot stays closed with
    its tally, nothing is applied, the journal says why and a new round may follow."""
    record = make_record(cworld)
    case = open_(cworld, record)
    to_meeting(cworld, case)
    ballot = meet(cworld, case)
    papers(ballot, ["remove"] * 4)
    DisciplineRecord.objects.filter(pk=record.pk).update(state=DisciplineRecord.State.EXPIRED)
    ballot = close(cworld, case)
    assert not ballot.is_open and ballot.result == "remove" and ballot.tally["remove"] == 4
    [entry] = case.journal.filter(action="complaint.not_applied")
    assert "không còn hiệu lực" in json.loads(entry.payload)["refusal"]
    assert not case.journal.filter(action="complaint.outcome_applied").exists()
    assert Case.objects.get(pk=case.pk).status == CaseStatus.REPORTED
    assert Complaint.objects.get(case=case).outcome == ""
    assert verify_chain(case.pk) is None


def test_dismissal_needs_a_post_and_a_probationary_member_has_only_two_forms(cworld, monkeypatch):
    u = cworld["users"]
    monkeypatch.setattr(rulebook, "may_impose", lambda **kw: True)
    record = make_record(cworld, form="warning")
    case = open_(cworld, record, resolving_body=cworld["executive"])
    to_meeting(cworld, case)
    meet(cworld, case)
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
    meet(cworld, case2)
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
    papers(meet(cworld, first), ["keep"] * 2)
    close(cworld, first)
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
            announced_on=ago(20),
            sent_on=ago(6),
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


def test_the_rule_table_decides_the_filing_time_in_the_version_in_force_on_the_announcement(cworld):
    """domain.md §11b.1: 30 working days (a provisional row) — the rule book decides, in the
    version in force on the day the decision was announced; a later version (here one
    calendar month) applies only to decisions announced after it took effect."""
    from inspections.deadlines import due_on
    from inspections.models import TimeLimitRule
    from inspections.rules.deadlines import add_months
    from inspections.services.rules import rule_version_save

    seeded = TimeLimitRule.objects.filter(code="F.file", province__isnull=True).latest("effective_from")
    assert (seeded.amount, seeded.unit, seeded.clock_starts, seeded.provisional) == (
        30,
        Unit.WORKING_DAYS,
        "announced",
        True,
    )
    assert "5.2.1" in seeded.source
    rule_version_save(
        actor=cworld["users"]["staff"],
        row=TimeLimitRule(
            code="F.file",
            amount=1,
            unit=Unit.MONTHS,
            clock_starts=seeded.clock_starts,
            source="Phiên bản thử",
            effective_from=ago(100),
        ),
    )
    got = ago(150)
    record = make_record(cworld, decided_on=ago(200))
    one_day = datetime.timedelta(days=1)
    working = open_(cworld, record, decision_received_on=got, announced_on=got, sent_on=got, received_on=got + one_day)
    due = Complaint.objects.get(case=working).filing_due_on
    assert due == due_on("F.file", got) and due > add_months(got, 1)
    got = ago(90)
    record2 = make_record(cworld, decided_on=ago(200))
    dates = {"decision_received_on": got, "announced_on": got, "sent_on": got, "received_on": got + one_day}
    calendar = open_(cworld, record2, **dates)
    assert Complaint.objects.get(case=calendar).filing_due_on == add_months(got, 1)


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


def test_an_expulsion_removed_on_complaint_restores_the_membership(cworld):
    """Issue 9 point 8 (Reg. 117-QĐ/TW; domain.md §6.4): the membership the expulsion ended
    comes back when the complaint removes it; a kept expulsion changes nothing."""
    from people.services.membership import membership_end

    kept = make_record(cworld, form="expulsion")
    member = kept.member
    membership_end(member=member, on=ago(25), status=PartyMember.Status.EXPELLED)  # as the announcement did
    case = open_(cworld, kept)
    to_meeting(cworld, case)
    papers(meet(cworld, case), ["keep"] * 4)
    close(cworld, case)
    member.refresh_from_db()
    assert (member.status, member.left_on) == (PartyMember.Status.EXPELLED, ago(25))

    removed = make_record(cworld, form="expulsion", number="06-QĐ/CB")
    case = open_(cworld, removed)
    to_meeting(cworld, case)
    papers(meet(cworld, case), ["remove"] * 4)
    close(cworld, case)
    member.refresh_from_db()
    assert (member.status, member.left_on) == (PartyMember.Status.FULL, None)
    [entry] = removed.case.journal.filter(action="complaint.outcome_applied")
    assert json.loads(entry.payload)["membership"]["after"] == {"status": "full", "left_on": None}


def test_a_form_increased_to_expulsion_on_complaint_ends_the_membership_when_announced(cworld, monkeypatch):
    """Issue 9 point 8 (domain.md §6.4; Charter Art. 39.6): the replacing expulsion takes
    effect when the complaint decision is announced, and from that day the member is out of
    the party (status, left_on, posts and seats), as for an expulsion decided at first
    instance; before the announcement nothing changes."""
    u = cworld["users"]
    record = make_record(cworld, form="warning")
    member = record.member
    case = open_(cworld, record, resolving_body=cworld["executive"])
    to_meeting(cworld, case)
    real = rulebook.may_impose
    monkeypatch.setattr(rulebook, "may_impose", lambda **kw: kw["form"] == "expulsion" or real(**kw))
    body_members(cworld, cworld["executive"], n=9)
    papers(meet(cworld, case), ["increase:expulsion"] * 6 + ["keep"] * 3)
    close(cworld, case)
    member.refresh_from_db()
    assert (member.status, member.left_on) == (PartyMember.Status.FULL, None)  # not announced yet
    complaint_outcome.complaint_decision_issue(
        actor=u["staff"], case=case, number="9-QĐ/ĐU", signed_on=ago(1), decision_file=pdf()
    )
    member.refresh_from_db()
    assert member.left_on is None
    announced = timezone.localdate()
    complaint_outcome.complaint_decision_notify(
        actor=u["staff"], case=case, complainant_on=announced, imposing_body_on=announced, managing_org_on=announced
    )
    member.refresh_from_db()
    assert (member.status, member.left_on) == (PartyMember.Status.EXPELLED, announced)
    new_record = DisciplineRecord.objects.get(replaces=record)
    assert new_record.form == "expulsion" and new_record.effective_on == announced
    assert announced.strftime("%d/%m/%Y") in new_record.membership_effect
    [entry] = case.journal.filter(action="complaint.decision_notified")
    assert json.loads(entry.payload)["membership"]["after"] == {"status": "expelled", "left_on": announced.isoformat()}
    assert verify_chain(case.pk) is None


def test_the_resolving_bodys_kind_is_derived_from_the_deciding_body_table(cworld):
    """Issue 9 point 2 for complaints: the kind comes from DecidingBodyKind (level x committee
    kind) on the meeting day, as for a discipline round; no row in force for the committee
    refuses the meeting naming the table, and nothing is written."""
    case = open_(cworld, make_record(cworld))
    to_meeting(cworld, case)
    ic = cworld["ic"]
    expected = deciding_body(committee=ic, on=ago(1), province=authority_province(case)).code
    assert expected == "commune.inspection"
    rows = DecidingBodyKind.objects.filter(level=ic.organisation.level, committee_kind=ic.kind)
    saved = list(rows.values_list("pk", "effective_from"))
    rows.update(effective_from=timezone.localdate() + datetime.timedelta(days=1))
    with pytest.raises(RuleViolation, match="loại cơ quan xem xét kỷ luật"):
        meet(cworld, case)
    assert not Ballot.objects.filter(case=case).exists()
    for pk, effective_from in saved:
        DecidingBodyKind.objects.filter(pk=pk).update(effective_from=effective_from)
    ballot = meet(cworld, case)
    assert ballot.body_kind == expected
