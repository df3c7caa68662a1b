"""Discipline services (kind E, domain.md §5(E), §6): the rules the flow's steps rely on."""

import datetime

import pytest
from django.utils import timezone

from inspections.exceptions import AccessDenied, RuleViolation
from inspections.models import (
    Ballot,
    CaseKind,
    CaseLink,
    CaseStatus,
    DisciplineCase,
    DisciplineProposal,
    DisciplineRecord,
    JournalEntry,
    StepSeparation,
)
from inspections.selectors import discipline as selectors
from inspections.services import discipline_records, discipline_steps, discipline_votes
from inspections.services.ballots import ballot_cast
from inspections.services.cases import case_spawn
from inspections.services.discipline import discipline_open, discipline_spawn
from inspections.services.teams import conflict_declare
from people.models import PartyMember
from tests.factories.cases import DisciplineRecordFactory
from tests.factories.people import CommitteeSeatFactory, PositionFactory
from tests.inspections.services.authority_helpers import province_committee
from tests.roster import case_body, others_away
from tests.world import WorldBuilder

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _user(world, card, status=PartyMember.Status.FULL):
    build = WorldBuilder(term_start=datetime.date(2020, 1, 1), joined=datetime.date(2004, 1, 1))
    return build.person(card.lower(), f"Đảng viên {card}", world.cell, card=card, status=status)


def _open(world, actor=None, **overrides):
    arguments = {
        "actor": actor or world.staff,
        "committee": world.committee,
        "title": "Xem xét kỷ luật",
        "grounds": "Kết luận kiểm tra",
        "subject_member": world.subject_member,
        "violation": "Vi phạm",
        "violation_start": TODAY() - datetime.timedelta(days=100),
        "body_organisation": world.cell,
        "leader": world.leader,
        "members": [world.member2],
    }
    arguments.update(overrides)
    case = discipline_open(**arguments)
    for user in (world.leader, world.member2):
        conflict_declare(actor=user, case=case, has_conflict=False)
    return case


def _to_report(world, case, form="reprimand"):
    discipline_steps.self_criticism_waive(actor=world.member2, case=case, reason="refused", on=TODAY(), note="Từ chối")
    discipline_steps.discipline_report(actor=world.leader, case=case, text="Báo cáo", proposed_form=form)


def _to_vote(world, case, votes, form="reprimand"):
    """The cell meets with one new member per vote present; its other members are named as
    attending elsewhere, so the count base is exactly the voters (domain.md §6.2)."""
    voters = [_user(world, f"V-{case.pk}-{i}") for i in range(len(votes))]
    _to_report(world, case, form)
    away = others_away(voters, organisation=world.cell)
    ballot = discipline_votes.discipline_meeting(
        actor=world.chair, case=case, meeting_on=TODAY(), present=voters, away=away
    )
    for voter, option in zip(voters, votes, strict=True):
        ballot_cast(actor=voter, ballot=ballot, option=option)
    return discipline_votes.discipline_ballot_close(actor=world.chair, case=case)


def _to_record(world, case, votes=("reprimand",) * 3):
    _to_vote(world, case, list(votes))
    discipline_records.discipline_decision_sign(actor=world.chair, case=case, number="1-QĐ", signed_on=TODAY())
    return discipline_records.discipline_announce(actor=world.staff, case=case, announced_on=TODAY(), upload=_pdf())


def _pdf():
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.inspections.conftest import PDF_BYTES

    return SimpleUploadedFile("bien-ban.pdf", PDF_BYTES, content_type="application/pdf")


def test_opening_validates_the_body_and_the_violation(world):
    for bad in (
        {"body_organisation": None},  # no body chosen
        {"body_committee": world.committee},  # two bodies chosen
        {"subject_member": None, "subject_organisation": world.office_cell},  # a cell on an organisation
        {"violation": "  "},
        {"violation_start": TODAY() + datetime.timedelta(days=1)},
        {"violation_end": TODAY() - datetime.timedelta(days=200)},
        {"statute_category": "no_limit.whatever"},
        {"subject_kind": "organisation"},
    ):
        with pytest.raises(RuleViolation):
            discipline_open(
                **{
                    "actor": world.staff,
                    "committee": world.committee,
                    "title": "T",
                    "grounds": "G",
                    "subject_member": world.subject_member,
                    "violation": "Vi phạm",
                    "violation_start": TODAY() - datetime.timedelta(days=100),
                    "body_organisation": world.cell,
                    "leader": world.leader,
                    **bad,
                }
            )
    assert not DisciplineCase.objects.exists()
    with pytest.raises(AccessDenied):
        _open(world, actor=world.outsider)


def test_forms_open_to_the_subject(world):
    case = _open(world)
    assert selectors.subject_forms(case, TODAY()) == ("expulsion", "warning", "reprimand")
    PositionFactory(
        member=world.subject_member,
        organisation=world.cell,
        kind="committee_member",
        started_on=datetime.date(2024, 1, 1),
    )
    assert "dismissal" in selectors.subject_forms(case, TODAY())
    world.subject_member.status = PartyMember.Status.PROBATIONARY
    world.subject_member.save()
    case.refresh_from_db()
    # Reprimand and warning only: strike-off is a separate decision (issue 9 point 8).
    assert selectors.subject_forms(case, TODAY()) == ("warning", "reprimand")


def test_ballot_plan_marks_forms_beyond_authority_as_proposals(world):
    case = _open(world)
    discipline = DisciplineCase.objects.get(case=case)
    plan = {o.code: (o.purpose, o.thresholds) for o in discipline_votes.ballot_plan(case, discipline, TODAY())}
    assert plan == {
        "expulsion": ("propose", ("expel_propose",)),
        "warning": ("decide", ("decide",)),
        "reprimand": ("decide", ("decide",)),
        "none": ("decide", ()),  # "no discipline": valid, added to no form (issue 9 point 1)
    }
    # A body with expulsion authority handling the member directly: both thresholds.
    discipline.body_committee, discipline.body_organisation = province_committee(world), None
    plan = {o.code: o.thresholds for o in discipline_votes.ballot_plan(case, discipline, TODAY())}
    assert plan["expulsion"] == ("expel_propose", "decide")


def test_deferral_rules(world):
    case = _open(world)
    with pytest.raises(AccessDenied):
        discipline_steps.discipline_defer(actor=world.outsider, case=case, reason="pregnancy", deferred_on=TODAY())
    with pytest.raises(RuleViolation):
        discipline_steps.discipline_defer(actor=world.member2, case=case, reason="holiday", deferred_on=TODAY())
    with pytest.raises(RuleViolation):
        discipline_steps.discipline_resume(actor=world.staff, case=case, resumed_on=TODAY(), note="x")
    discipline_steps.discipline_defer(actor=world.member2, case=case, reason="pregnancy", deferred_on=TODAY())
    case.refresh_from_db()
    assert case.status == CaseStatus.SUSPENDED
    with pytest.raises(RuleViolation):
        discipline_steps.discipline_defer(actor=world.member2, case=case, reason="pregnancy", deferred_on=TODAY())
    with pytest.raises(RuleViolation):
        discipline_steps.discipline_resume(actor=world.staff, case=case, resumed_on=TODAY(), note="")
    discipline_steps.discipline_resume(actor=world.staff, case=case, resumed_on=TODAY(), note="Đã sinh con")
    assert selectors.paused_days(case) == 0
    case.refresh_from_db()
    assert case.status == CaseStatus.SELF_CRITICISM


def test_an_organisation_is_not_deferred(world):
    case = _open(
        world,
        subject_member=None,
        subject_organisation=world.cell,
        body_organisation=None,
        body_committee=world.committee,
    )
    with pytest.raises(RuleViolation):
        discipline_steps.discipline_defer(actor=world.member2, case=case, reason="pregnancy", deferred_on=TODAY())


def test_the_drafter_never_signs_the_decision(world):
    case = _open(world, actor=world.chair)  # the chair opened the case: a drafter
    _to_vote(world, case, ["reprimand"] * 3)
    with pytest.raises(RuleViolation, match="không được tự ký"):
        discipline_records.discipline_decision_sign(actor=world.chair, case=case, number="1", signed_on=TODAY())


def test_steps_out_of_order_are_refused(world):
    case = _open(world)
    with pytest.raises(RuleViolation):
        discipline_steps.discipline_report(actor=world.leader, case=case, text="x", proposed_form="reprimand")
    with pytest.raises(RuleViolation):
        discipline_votes.discipline_meeting(actor=world.chair, case=case, meeting_on=TODAY(), present=[world.cellmate])
    with pytest.raises(RuleViolation):
        discipline_votes.discipline_ballot_close(actor=world.chair, case=case)
    with pytest.raises(RuleViolation):
        discipline_records.discipline_announce(actor=world.staff, case=case, announced_on=TODAY(), upload=_pdf())
    _to_vote(world, case, ["expulsion"] * 3)  # proposed: the meeting waits for the proposal
    with pytest.raises(RuleViolation, match="tờ trình"):
        discipline_votes.discipline_meeting(actor=world.chair, case=case, meeting_on=TODAY(), present=[world.chair])
    with pytest.raises(RuleViolation):  # same body again
        discipline_votes.discipline_propose(
            actor=world.staff,
            case=case,
            to_organisation=world.cell,
            sent_on=TODAY(),
            upload=_pdf(),
        )
    with pytest.raises(RuleViolation, match="không có thẩm quyền"):  # the commune committee cannot expel
        discipline_votes.discipline_propose(
            actor=world.staff, case=case, to_committee=world.committee, sent_on=TODAY(), upload=_pdf()
        )
    province = province_committee(world)
    with pytest.raises(RuleViolation):  # no file
        discipline_votes.discipline_propose(actor=world.staff, case=case, to_committee=province, sent_on=TODAY())
    assert not DisciplineProposal.objects.filter(case=case).exists()
    proposal = discipline_votes.discipline_propose(
        actor=world.staff, case=case, to_committee=province, sent_on=TODAY(), upload=_pdf()
    )
    assert proposal.form == "expulsion" and proposal.to_has_authority is True
    assert proposal.to_body_kind == "province.inspection"
    with pytest.raises(RuleViolation):
        discipline_votes.discipline_propose(
            actor=world.staff, case=case, to_committee=world.committee, sent_on=TODAY(), upload=_pdf()
        )


def test_a_new_violation_restarts_the_statute(world):
    old = TODAY() - datetime.timedelta(days=6 * 366)
    case = _open(world, violation_start=old)
    discipline_steps.self_criticism_waive(
        actor=world.member2, case=case, reason="detained", on=TODAY(), note="Tạm giam"
    )
    discipline_steps.discipline_report(
        actor=world.leader,
        case=case,
        text="Báo cáo",
        proposed_form="reprimand",
        new_violation_on=TODAY() - datetime.timedelta(days=400),
    )
    voters = [_user(world, f"S-{i}") for i in range(3)]
    ballot = discipline_votes.discipline_meeting(
        actor=world.chair, case=case, meeting_on=TODAY(), present=voters, away=others_away(voters, **case_body(case))
    )
    for voter in voters:
        ballot_cast(actor=voter, ballot=ballot, option="reprimand")
    discipline_votes.discipline_ballot_close(actor=world.chair, case=case)
    discipline = DisciplineCase.objects.get(case=case)
    assert discipline.outcome == "decided" and discipline.statute_expired is False
    entry = JournalEntry.objects.get(case=case, action="discipline.voted")
    assert "restarted_on" in entry.payload


def test_no_limit_categories_never_expire(world):
    case = _open(world, violation_start=datetime.date(1990, 1, 1), statute_category="no_limit.illegal_diplomas")
    _to_vote(world, case, ["reprimand"] * 3)
    assert DisciplineCase.objects.get(case=case).outcome == "decided"


def test_spawn_rules(world, open_case):
    origin = open_case()
    with pytest.raises(AccessDenied):
        discipline_spawn(actor=world.outsider, origin=origin)
    with pytest.raises(RuleViolation):
        discipline_spawn(actor=world.staff, origin=origin, merged=True)
    with pytest.raises(RuleViolation):
        discipline_spawn(actor=world.staff, origin=origin, self_proposed_form="warning")
    with pytest.raises(RuleViolation):
        discipline_spawn(actor=world.staff, origin=origin, merged=True, self_proposed_form="dissolution")
    case = discipline_spawn(actor=world.staff, origin=origin, merged=True, self_proposed_form="warning")
    assert case.kind == CaseKind.DISCIPLINE and case.subject_member == origin.subject_member
    assert CaseLink.objects.filter(source=origin, target=case, relation="discipline").exists()
    assert DisciplineCase.objects.get(case=case).self_criticism == "merged"


def test_state_proposal_rules(world):
    case = _open(world)
    _to_record(world, case)
    for bad in (
        {},
        {"sent_on": TODAY()},
        {"sent_on": TODAY(), "recipient": "UBND", "not_applicable_reason": "x"},
        {"sent_on": TODAY() + datetime.timedelta(days=1), "recipient": "UBND"},
        {"sent_on": TODAY() - datetime.timedelta(days=1), "recipient": "UBND"},
    ):
        with pytest.raises(RuleViolation):
            discipline_records.state_proposal_record(actor=world.staff, case=case, **bad)
    proposal = discipline_records.state_proposal_record(actor=world.staff, case=case, sent_on=TODAY(), recipient="UBND")
    assert proposal.status == "sent"


# --- expiry ---------------------------------------------------------------------------------
def test_expiry_is_held_back_by_a_pending_complaint(world):
    case = _open(world)
    record = _to_record(world, case)
    complaint = case_spawn(
        actor=world.staff,
        origin=case,
        kind=CaseKind.DISCIPLINE_COMPLAINT,
        relation=CaseLink.Relation.COMPLAINT,
        title="Khiếu nại kỷ luật",
        grounds="Đơn khiếu nại",
    )
    later = record.expires_on + datetime.timedelta(days=1)
    outcomes = discipline_records.discipline_expire_due(on=later)
    assert [(o.record, o.expired) for o in outcomes] == [(record, False)]
    assert "khiếu nại" in outcomes[0].reason
    record.refresh_from_db()
    assert record.state == "in_force"
    assert complaint.status != CaseStatus.CLOSED


def test_expiry_is_held_back_by_a_new_discipline(world):
    first = _open(world)
    record = _to_record(world, first)
    second = _open(world)
    _to_record(world, second)
    # The second record was decided the same day as the first announcement, not after it:
    # the rule is "a new discipline after the announcement".
    assert not discipline_records.expiry_blockers(record, record.expires_on)
    DisciplineRecord.objects.filter(case=second).update(decided_on=record.announced_on + datetime.timedelta(days=30))
    assert discipline_records.expiry_blockers(record, record.expires_on)


def test_expiry_is_held_back_by_a_re_offence_within_the_year(world):
    """A record announced a while ago (built directly: dates in the past cannot be reached
    through the services), and a new case about a violation committed since."""
    case = _open(world)
    announced = TODAY() - datetime.timedelta(days=200)
    record = DisciplineRecordFactory(
        case=case,
        member=world.subject_member,
        decided_on=announced,
        expires_on=announced + datetime.timedelta(days=365),
    )
    assert not discipline_records.expiry_blockers(record, record.expires_on)
    _open(world, violation_start=announced + datetime.timedelta(days=10))
    reasons = discipline_records.expiry_blockers(record, record.expires_on)
    assert reasons and "vi phạm mới" in str(reasons[0])


def test_expiry_ends_only_what_is_due(world):
    case = _open(world)
    record = _to_record(world, case)
    assert discipline_records.discipline_expire_due(on=record.expires_on - datetime.timedelta(days=1)) == []
    outcomes = discipline_records.discipline_expire_due(on=record.expires_on)
    assert [o.expired for o in outcomes] == [True]
    record.refresh_from_db()
    assert record.state == "expired"
    entry = JournalEntry.objects.get(case=case, action="discipline.expired")
    assert entry.actor_id is None and '"after":"expired"' in entry.payload
    assert discipline_records.discipline_expire_due(on=record.expires_on) == []  # idempotent


def test_expulsion_never_expires(world):
    province = province_committee(world)
    case = _open(world, body_organisation=None, body_committee=province)
    voters = [_committee_member(world, "K1", province), _committee_member(world, "K2", province)]
    _to_report(world, case, "expulsion")
    ballot = discipline_votes.discipline_meeting(
        actor=world.chair, case=case, meeting_on=TODAY(), present=voters, away=others_away(voters, **case_body(case))
    )
    for voter in voters:
        ballot_cast(actor=voter, ballot=ballot, option="expulsion")  # 3 of 3: both thresholds
    ballot = discipline_votes.discipline_ballot_close(actor=world.chair, case=case)
    assert ballot.result == "expulsion" and ballot.result_purpose == Ballot.Purpose.DECIDE
    discipline_records.discipline_decision_sign(actor=world.chair, case=case, number="9", signed_on=TODAY())
    record = discipline_records.discipline_announce(actor=world.staff, case=case, announced_on=TODAY(), upload=_pdf())
    assert record.expires_on is None
    assert discipline_records.discipline_expire_due(on=TODAY() + datetime.timedelta(days=4000)) == []


def _committee_member(world, card, committee=None):
    user = _user(world, card)
    CommitteeSeatFactory(
        committee=committee or world.committee, user=user, role="member", started_on=datetime.date(2020, 1, 1)
    )
    return user


def _three_member_committee_ballot(world):
    """The commune inspection committee of 3 (commune.inspection, derived from it): the
    chair, the team leader and the team member, all present."""
    case = _open(world, body_organisation=None, body_committee=world.committee)
    _to_report(world, case)
    present = [world.chair, world.leader, world.member2]
    return case, discipline_votes.discipline_meeting(actor=world.chair, case=case, meeting_on=TODAY(), present=present)


def test_a_three_member_committee_with_the_team_on_it_reaches_more_than_half(world):
    """Issue 9 point 1 (domain.md §6.2, §11b.2): the team votes. Before, only the chair held a
    paper and 1 of 3 never exceeds 1/2: the case closed as "no discipline"."""
    case, ballot = _three_member_committee_ballot(world)
    assert ballot.voters_count == 3
    for voter in (world.leader, world.member2):
        ballot_cast(actor=voter, ballot=ballot, option="reprimand")
    ballot = discipline_votes.discipline_ballot_close(actor=world.chair, case=case)
    assert ballot.result == "reprimand" and ballot.result_purpose == "decide"
    discipline = DisciplineCase.objects.get(case=case)
    assert discipline.outcome == "decided" and discipline.decided_form == "reprimand"


def test_switched_back_on_the_team_rows_bar_the_team_from_the_vote(world):
    StepSeparation.objects.filter(kind="E", step="vote", excluded_role__in=["leader", "member"]).update(is_active=True)
    case, ballot = _three_member_committee_ballot(world)
    assert ballot.voters_count == 1
    opened = JournalEntry.objects.get(case=case, action="ballot.opened").payload
    assert opened.count("không biểu quyết kỷ luật") == 2  # the row's note, for each of the team
    with pytest.raises(AccessDenied):  # no paper
        ballot_cast(actor=world.leader, ballot=ballot, option="reprimand")
