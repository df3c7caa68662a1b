"""Deferral and exemption grounds (issue 9 point 7) and membership following the sanction
(point 8), through the services: every ground does what domain.md §11b.3 says to the clock
and the outcome; expulsion, dismissal and strike-off change the membership and the posts;
nothing is written on refusal."""

import datetime

import pytest
from django.utils import timezone

from inspections.exceptions import AccessDenied, RuleViolation
from inspections.models import (
    CaseStatus,
    DisciplineCase,
    DisciplineDeferral,
    DisciplineGround,
    DisciplineGroundRecord,
    Document,
    JournalEntry,
    StrikeOff,
)
from inspections.selectors import discipline as selectors
from inspections.services import discipline_grounds, discipline_records, discipline_steps, discipline_votes, membership
from inspections.services.ballots import ballot_cast
from people.models import CommitteeSeat, PartyMember, Position
from people.selectors import in_party_on
from tests.factories.people import CommitteeSeatFactory, PositionFactory
from tests.inspections.services.authority_helpers import province_committee
from tests.inspections.services.test_discipline import _committee_member, _open, _pdf, _to_report, _user
from tests.roster import case_body, others_away
from tests.world import WorldBuilder

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)
DEFER_CODES = ("pregnancy", "maternity_leave", "child_under_12m", "father_child_under_12m", "serious_illness")


def _snapshot(case):
    """What a refused call must leave as it was."""
    case.refresh_from_db()
    member = PartyMember.objects.get(pk=case.subject_member_id)
    return (
        case.status,
        JournalEntry.objects.filter(case=case).count(),
        DisciplineDeferral.objects.filter(case=case).count(),
        DisciplineGroundRecord.objects.filter(case=case).count(),
        Document.objects.filter(case=case).count(),
        DisciplineCase.objects.get(case=case).statute_end_on,
        DisciplineCase.objects.get(case=case).outcome,
        (member.status, member.left_on),
    )


def test_the_grounds_are_rows_with_their_effect_and_source():
    rows = {g.code: g for g in DisciplineGround.objects.all()}
    assert set(DEFER_CODES) <= set(rows)
    effects = {code: g.effect for code, g in rows.items()}
    assert {effects[c] for c in DEFER_CODES} == {"defer"}
    assert (effects["missing"], effects["deceased"]) == ("missing", "deceased")
    assert effects["innovation_kl14"] == effects["superior_decision_objected"] == "exempt"
    assert all("HD 02-HD/TW" in g.source for g in rows.values())
    assert "KL 14-KL/TW" in rows["innovation_kl14"].source
    # Only the written objection is a document the rule requires (domain.md §11b.3).
    assert [c for c, g in rows.items() if g.evidence_required] == ["superior_decision_objected"]


@pytest.mark.parametrize("code", DEFER_CODES)
def test_each_deferral_ground_suspends_and_resumes_where_it_stopped(world, code):
    case = _open(world)
    deferral = discipline_steps.discipline_defer(
        actor=world.member2, case=case, reason=code, deferred_on=TODAY(), note="Ghi chú"
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.SUSPENDED and deferral.ground_id == code
    assert deferral.reason_label() == DisciplineGround.objects.get(code=code).label
    discipline_steps.discipline_resume(actor=world.staff, case=case, resumed_on=TODAY(), note="Đã hết lý do")
    case.refresh_from_db()
    assert case.status == CaseStatus.SELF_CRITICISM


def test_a_ground_switched_off_or_unknown_is_refused_and_nothing_is_written(world):
    case = _open(world)
    DisciplineGround.objects.filter(code="pregnancy").update(is_active=False)
    before = _snapshot(case)
    for code in ("pregnancy", "holiday", "innovation_kl14", "deceased"):  # off, unknown, wrong effect
        with pytest.raises(RuleViolation, match="HD 02-HD/TW"):
            discipline_steps.discipline_defer(actor=world.member2, case=case, reason=code, deferred_on=TODAY())
    assert _snapshot(case) == before


def test_a_missing_member_is_concluded_then_deferred_and_the_statute_stops_there(world):
    case = _open(world)
    declared = TODAY() - 5 * DAY
    case.opened_on = declared - DAY
    case.save(update_fields=["opened_on"])
    before = _snapshot(case)
    with pytest.raises(RuleViolation, match="kết luận"):
        discipline_steps.discipline_defer(actor=world.member2, case=case, reason="missing", deferred_on=declared)
    assert _snapshot(case) == before
    discipline_steps.discipline_defer(
        actor=world.member2,
        case=case,
        reason="missing",
        deferred_on=declared,
        conclusion="Vi phạm quy định về những điều đảng viên không được làm, đến mức phải kỷ luật",
        upload=_pdf(),
    )
    case.refresh_from_db()
    discipline = DisciplineCase.objects.get(case=case)
    assert case.status == CaseStatus.SUSPENDED
    assert discipline.statute_end_on == declared  # domain.md §11b.9: the conclusion's day
    record = DisciplineGroundRecord.objects.get(case=case)
    assert record.ground_id == "missing" and "đến mức phải kỷ luật" in record.conclusion
    assert Document.objects.filter(case=case, kind="ground_evidence").count() == 1
    actions = list(JournalEntry.objects.filter(case=case).values_list("action", flat=True))
    assert actions.index("discipline.violation_concluded") < actions.index("discipline.deferred")
    # The member reappears: the case resumes; the later meeting does not move the end point.
    discipline_steps.discipline_resume(actor=world.staff, case=case, resumed_on=TODAY(), note="Đã trở về địa phương")
    _to_report(world, case)
    voters = [_user(world, f"M-{i}") for i in range(3)]
    discipline_votes.discipline_meeting(
        actor=world.chair, case=case, meeting_on=TODAY(), present=voters, away=others_away(voters, **case_body(case))
    )
    assert DisciplineCase.objects.get(case=case).statute_end_on == declared


def test_a_deceased_member_concludes_the_case_without_discipline(world):
    seat = CommitteeSeatFactory(
        committee=world.committee, user=world.subject, role="member", started_on=datetime.date(2021, 1, 1)
    )
    case = _open(world)
    died = TODAY() - 2 * DAY
    before = _snapshot(case)
    with pytest.raises(RuleViolation, match="sau ngày hôm nay"):
        discipline_grounds.discipline_member_deceased(actor=world.member2, case=case, died_on=TODAY() + DAY)
    with pytest.raises(AccessDenied):
        discipline_grounds.discipline_member_deceased(actor=world.outsider, case=case, died_on=died)
    assert _snapshot(case) == before
    discipline_grounds.discipline_member_deceased(actor=world.member2, case=case, died_on=died, upload=_pdf())
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert DisciplineCase.objects.get(case=case).outcome == DisciplineCase.Outcome.DECEASED
    member = PartyMember.objects.get(pk=world.subject_member.pk)
    assert (member.status, member.left_on) == (PartyMember.Status.DECEASED, died)
    seat.refresh_from_db()
    assert seat.ended_on == died
    assert not PartyMember.objects.filter(in_party_on(died), pk=member.pk).exists()
    assert PartyMember.objects.filter(in_party_on(died - DAY), pk=member.pk).exists()


def test_an_especially_serious_violation_of_a_deceased_member_needs_its_reason_then_proceeds(world):
    case = _open(world)
    before = _snapshot(case)
    with pytest.raises(RuleViolation, match="đặc biệt nghiêm trọng"):
        discipline_grounds.discipline_member_deceased(
            actor=world.member2, case=case, died_on=TODAY(), especially_serious=True, especially_serious_reason=" "
        )
    assert _snapshot(case) == before
    discipline_grounds.discipline_member_deceased(
        actor=world.member2,
        case=case,
        died_on=TODAY(),
        especially_serious=True,
        especially_serious_reason="Gây thiệt hại đặc biệt lớn, dư luận bức xúc",
    )
    case.refresh_from_db()
    discipline = DisciplineCase.objects.get(case=case)
    assert case.status == CaseStatus.VERIFYING  # on to the report and the vote
    assert discipline.self_criticism == "deceased" and discipline.outcome == "pending"
    assert PartyMember.objects.get(pk=world.subject_member.pk).status == PartyMember.Status.DECEASED


def test_an_exemption_ground_is_recorded_before_the_vote_and_the_body_exempts(world):
    case = _open(world)
    _to_report(world, case)
    before = _snapshot(case)
    with pytest.raises(RuleViolation, match="Văn bản đã báo cáo"):  # the written objection is required
        discipline_grounds.discipline_exemption_record(
            actor=world.chair, case=case, ground="superior_decision_objected", note="Đã có văn bản"
        )
    with pytest.raises(RuleViolation, match="Chưa ghi nhận căn cứ miễn"):
        discipline_grounds.discipline_exempt(actor=world.chair, case=case, decided_on=TODAY(), note="x", upload=_pdf())
    with pytest.raises(AccessDenied):
        discipline_grounds.discipline_exemption_record(
            actor=world.outsider, case=case, ground="innovation_kl14", note="x", upload=_pdf()
        )
    assert _snapshot(case) == before
    discipline_grounds.discipline_exemption_record(
        actor=world.chair,
        case=case,
        ground="superior_decision_objected",
        note="Đã báo cáo bằng văn bản không đồng ý trước khi thực hiện",
        upload=_pdf(),
    )
    with pytest.raises(RuleViolation, match="đã được ghi nhận"):
        discipline_grounds.discipline_exemption_record(
            actor=world.chair, case=case, ground="superior_decision_objected", note="Lần hai", upload=_pdf()
        )
    with pytest.raises(RuleViolation, match="biên bản"):
        discipline_grounds.discipline_exempt(actor=world.chair, case=case, decided_on=TODAY(), note="x", upload=None)
    discipline_grounds.discipline_exempt(
        actor=world.chair, case=case, decided_on=TODAY(), note="Cơ quan quyết định miễn kỷ luật", upload=_pdf()
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert DisciplineCase.objects.get(case=case).outcome == DisciplineCase.Outcome.EXEMPTED


def _expel(world, case, voters):
    _to_report(world, case, "expulsion")
    ballot = discipline_votes.discipline_meeting(
        actor=world.chair, case=case, meeting_on=TODAY(), present=voters, away=others_away(voters, **case_body(case))
    )
    for voter in voters:
        ballot_cast(actor=voter, ballot=ballot, option="expulsion")
    discipline_votes.discipline_ballot_close(actor=world.chair, case=case)
    discipline_records.discipline_decision_sign(actor=world.chair, case=case, number="9", signed_on=TODAY())
    return discipline_records.discipline_announce(actor=world.staff, case=case, announced_on=TODAY(), upload=_pdf())


def test_expulsion_ends_the_membership_from_the_announcement_and_leaves_the_count_base(world):
    build = WorldBuilder(term_start=datetime.date(2020, 10, 1))
    standing = build.committee(world.commune, "Ban Thường vụ Đảng ủy xã", "BTVĐU", kind="standing")
    seat = build.seat(standing, world.subject, CommitteeSeat.Role.MEMBER)
    post = PositionFactory(
        member=world.subject_member, organisation=world.cell, kind="committee_member", started_on=build.term_start
    )
    province = province_committee(world)  # the province inspection committee expels (from 1/7/2025)
    voters = [_committee_member(world, f"K{i}", province) for i in range(3)]
    cell_before = selectors.body_size(committee=None, organisation=world.cell, on=TODAY())
    assert selectors.body_size(committee=standing, organisation=None, on=TODAY()) == 1
    assert world.subject in selectors.body_voters(committee=None, organisation=world.cell, on=TODAY())
    case = _open(world, body_organisation=None, body_committee=province)
    record = _expel(world, case, voters)
    member = PartyMember.objects.get(pk=world.subject_member.pk)
    assert (member.status, member.left_on) == (PartyMember.Status.EXPELLED, TODAY())
    seat.refresh_from_db()
    post.refresh_from_db()
    assert seat.ended_on == TODAY() and post.ended_on == TODAY()
    assert "Chấm dứt tư cách đảng viên" in record.membership_effect
    # A later ballot's base and voter list, through the existing body_size / body_voters.
    assert selectors.body_size(committee=None, organisation=world.cell, on=TODAY()) == cell_before - 1
    assert selectors.body_size(committee=standing, organisation=None, on=TODAY()) == 0
    assert world.subject not in selectors.body_voters(committee=None, organisation=world.cell, on=TODAY())
    assert "membership.changed" in JournalEntry.objects.filter(case=case).values_list("action", flat=True)


def test_dismissal_ends_the_named_post_only(world):
    keep = PositionFactory(
        member=world.subject_member, organisation=world.cell, kind="secretary", started_on=datetime.date(2021, 1, 1)
    )
    named = PositionFactory(
        member=world.subject_member,
        organisation=world.commune,
        kind="committee_member",
        started_on=datetime.date(2021, 1, 1),
    )
    other = PositionFactory(
        member=world.relative_member, organisation=world.cell, kind="secretary", started_on=datetime.date(2021, 1, 1)
    )
    province = province_committee(world)  # the province inspection committee dismisses (from 1/7/2025)
    case = _open(world, body_organisation=None, body_committee=province)
    voters = [_committee_member(world, f"D{i}", province) for i in range(3)]
    _to_report(world, case, "dismissal")
    ballot = discipline_votes.discipline_meeting(
        actor=world.chair, case=case, meeting_on=TODAY(), present=voters, away=others_away(voters, **case_body(case))
    )
    for voter in voters:
        ballot_cast(actor=voter, ballot=ballot, option="dismissal")
    discipline_votes.discipline_ballot_close(actor=world.chair, case=case)
    assert DisciplineCase.objects.get(case=case).decided_form == "dismissal"
    sign = discipline_records.discipline_decision_sign
    before = _snapshot(case)
    with pytest.raises(RuleViolation, match="phải ghi rõ chức vụ"):
        sign(actor=world.chair, case=case, number="7", signed_on=TODAY())
    with pytest.raises(RuleViolation, match="đang giữ"):
        sign(actor=world.chair, case=case, number="7", signed_on=TODAY(), positions=[other])
    assert _snapshot(case) == before
    decision = sign(actor=world.chair, case=case, number="7", signed_on=TODAY(), positions=[named])
    assert list(decision.dismissed_positions.all()) == [named]
    record = discipline_records.discipline_announce(actor=world.staff, case=case, announced_on=TODAY(), upload=_pdf())
    named.refresh_from_db()
    keep.refresh_from_db()
    assert named.ended_on == TODAY() and keep.ended_on is None
    assert "Thôi giữ chức vụ" in record.membership_effect and "Cấp ủy viên" in record.membership_effect
    member = PartyMember.objects.get(pk=world.subject_member.pk)
    assert member.status == PartyMember.Status.FULL and member.left_on is None  # still a member


def test_a_lighter_decision_names_no_post(world):
    PositionFactory(
        member=world.subject_member, organisation=world.cell, kind="secretary", started_on=datetime.date(2021, 1, 1)
    )
    case = _open(world)
    voters = [_user(world, f"W-{i}") for i in range(3)]
    _to_report(world, case)
    ballot = discipline_votes.discipline_meeting(
        actor=world.chair, case=case, meeting_on=TODAY(), present=voters, away=others_away(voters, **case_body(case))
    )
    for voter in voters:
        ballot_cast(actor=voter, ballot=ballot, option="reprimand")
    discipline_votes.discipline_ballot_close(actor=world.chair, case=case)
    post = Position.objects.get(member=world.subject_member)
    with pytest.raises(RuleViolation, match="Chỉ quyết định cách chức"):
        discipline_records.discipline_decision_sign(
            actor=world.chair, case=case, number="3", signed_on=TODAY(), positions=[post]
        )


def test_strike_off_is_never_on_a_probationary_ballot_and_is_its_own_decision(world):
    PartyMember.objects.filter(pk=world.subject_member.pk).update(status=PartyMember.Status.PROBATIONARY)
    world.subject_member.refresh_from_db()
    case = _open(world)
    assert "strike_off" not in selectors.subject_forms(case, TODAY())
    assert [o.code for o in discipline_votes.ballot_plan(case, DisciplineCase.objects.get(case=case), TODAY())] == [
        "warning",
        "reprimand",
        "none",
    ]
    arguments = {
        "case": case,
        "body_label": "Chi bộ thôn Đông",
        "number": "01-QĐ/CB",
        "reason": "Không còn đủ tư cách đảng viên",
        "decided_on": TODAY() - DAY,
        "effective_on": TODAY(),
        "upload": _pdf(),
    }
    before = _snapshot(case)
    with pytest.raises(AccessDenied):
        membership.strike_off_record(actor=world.outsider, **arguments)
    for bad in ({"reason": " "}, {"effective_on": TODAY() - 2 * DAY}, {"upload": None}, {"decided_on": TODAY() + DAY}):
        with pytest.raises(RuleViolation):
            membership.strike_off_record(actor=world.chair, **{**arguments, **bad})
    assert _snapshot(case) == before and not StrikeOff.objects.exists()
    strike = membership.strike_off_record(actor=world.chair, **arguments)
    member = PartyMember.objects.get(pk=world.subject_member.pk)
    assert (member.status, member.left_on) == (PartyMember.Status.STRUCK, TODAY())
    assert strike.reason == "Không còn đủ tư cách đảng viên"
    assert "member.struck_off" in JournalEntry.objects.filter(case=case).values_list("action", flat=True)


def test_a_full_member_is_never_struck_off(world):
    case = _open(world)
    before = _snapshot(case)
    with pytest.raises(RuleViolation, match="phải khai trừ"):
        membership.strike_off_record(
            actor=world.chair,
            case=case,
            body_label="Chi bộ",
            reason="Không đủ tư cách",
            decided_on=TODAY(),
            effective_on=TODAY(),
            upload=_pdf(),
        )
    assert _snapshot(case) == before and not StrikeOff.objects.exists()
