"""Secret ballots as a service (design.md decision 5; domain.md §6.2): who may take part,
one paper each, participation stored apart from anonymous votes, tallies only at close,
and the ballot reused by another case kind (a complaint's keep / increase / reduce / remove)."""

import datetime
import uuid

import pytest
from django.db import models

from inspections import access
from inspections.exceptions import AccessDenied, RuleViolation
from inspections.models import Ballot, BallotParticipation, BallotVote, CaseRole, JournalEntry, StepSeparation
from inspections.selectors import ballots as ballot_selectors
from inspections.selectors.discipline import RosterEntry
from inspections.services import ballots
from inspections.services.ballots import BallotOption, ballot_cast, ballot_close, ballot_open
from inspections.services.discipline import discipline_open
from inspections.services.teams import conflict_declare
from tests.factories.people import KinshipFactory
from tests.world import WorldBuilder

pytestmark = pytest.mark.django_db

DECIDE = Ballot.Purpose.DECIDE
COMPLAINT_OPTIONS = [
    BallotOption("increase", "Tăng hình thức", DECIDE, ("decide",)),
    BallotOption("keep", "Giữ nguyên", DECIDE, ("decide",)),
    BallotOption("reduce", "Giảm hình thức", DECIDE, ("decide",)),
    BallotOption("remove", "Xóa hình thức kỷ luật", DECIDE, ("decide",)),
]
FORMS = [
    BallotOption("expulsion", "Khai trừ", Ballot.Purpose.PROPOSE, ("expel_propose",)),
    BallotOption("warning", "Cảnh cáo", DECIDE, ("decide",)),
    BallotOption("reprimand", "Khiển trách", DECIDE, ("decide",)),
]


def _cell_user(world, name, card):
    build = WorldBuilder(term_start=world.committee.term_start, joined=datetime.date(2004, 1, 1))
    return build.person(card.lower(), name, world.cell, card=card)


@pytest.fixture
def discipline_case(world):
    case = discipline_open(
        actor=world.staff,
        committee=world.committee,
        title="Xem xét kỷ luật",
        grounds="Kết luận kiểm tra",
        subject_member=world.subject_member,
        violation="Vi phạm",
        violation_start=datetime.date.today() - datetime.timedelta(days=100),
        body_organisation=world.cell,
        leader=world.leader,
        members=[world.member2],
    )
    return case


@pytest.fixture
def voters(world):
    return [world.cellmate, _cell_user(world, "Đảng viên A", "DV-A"), _cell_user(world, "Đảng viên B", "DV-B")]


def _roster(present, total: int, away: int = 0, exempted: int = 0):
    """A roster of `total` members: those present (with accounts) first, then members
    without an account; `away` and `exempted` of the latter named out of the count base."""
    users = list({u.pk: u for u in present or []}.values())
    entries = [RosterEntry(key=f"u{u.pk}", name=str(u), user_id=u.pk, member_id=u.member_id) for u in users][:total]
    entries += [RosterEntry(key=f"x{i}", name=f"Thành viên {i}") for i in range(max(0, total - len(entries)))]
    keys = [e.key for e in reversed(entries)]  # members without an account first
    return entries, keys[:away], keys[away : away + exempted]


def _open(world, case, present=None, options=FORMS, members_total=6, away_count=0, exempted_absent_count=0, **kw):
    roster, away, exempted = _roster(present, members_total, away_count, exempted_absent_count)
    arguments = {
        "actor": world.chair,
        "case": case,
        "body_label": "Chi bộ thôn Đông",
        "body_kind": "cell",
        "options": options,
        "roster": roster,
        "away": away,
        "exempted_absent": exempted,
        "present": present,
        "rules_on": datetime.date.today(),
    }
    arguments.update(kw)
    return ballot_open(**arguments)


def test_present_members_get_a_paper_but_not_a_relative_and_the_team_and_subject_vote_at_the_cell(
    world, discipline_case, voters
):
    """Issue 9 point 1 (domain.md §11b.2): the team leader votes (E/vote ships switched off)
    and so does the subject, a member of the cell (provisional row); a relative does not.
    Until issue 9 the subject and the leader were left out too (3 papers)."""
    KinshipFactory(member=world.relative_member, relative=world.subject_member, relation="sibling")
    present = [*voters, world.subject, world.relative, world.leader]
    ballot = _open(world, discipline_case, present, members_total=8)
    assert ballot.present_count == 6 and ballot.voters_count == 5 and ballot.count_base == 8
    granted = set(
        CaseRole.objects.filter(case=discipline_case, role="voter", revoked_at=None).values_list("user_id", flat=True)
    )
    assert granted == {v.pk for v in voters} | {world.subject.pk, world.leader.pk}
    payload = JournalEntry.objects.get(case=discipline_case, action="ballot.opened").payload
    assert f'"user":{world.relative.pk}' in payload
    for user in (world.subject, world.leader):
        assert f'"user":{user.pk}' not in payload


def test_rows_switched_on_leave_out_the_team_and_the_subject_again(world, discipline_case, voters):
    """An administrator switching E/vote (leader) and the subject's cell row back on bars them."""
    StepSeparation.objects.filter(kind="E", step="vote", excluded_role="leader").update(is_active=True)
    StepSeparation.objects.filter(kind="E", step="vote", excluded_role="subject", body_kind="cell").update(
        is_active=True
    )
    ballot = _open(world, discipline_case, [*voters, world.subject, world.leader])
    assert ballot.voters_count == 3
    payload = JournalEntry.objects.get(case=discipline_case, action="ballot.opened").payload
    assert "không biểu quyết kỷ luật" in payload and "là đối tượng của hồ sơ" in payload


def test_the_subject_takes_no_part_before_a_body_other_than_the_cell(world, discipline_case, voters):
    """Only the cell row lets the subject vote; before a committee the subject stays out."""
    ballot = _open(world, discipline_case, [*voters, world.subject], body_kind="grassroots.inspection")
    assert ballot.voters_count == 3
    assert "là đối tượng của hồ sơ" in JournalEntry.objects.get(case=discipline_case, action="ballot.opened").payload


def test_opening_rules(world, discipline_case, voters):
    with pytest.raises(AccessDenied):
        _open(world, discipline_case, voters, actor=world.staff)
    for bad in (
        {"options": []},
        {"options": [FORMS[1], FORMS[1]]},
        {"options": [BallotOption("x", "X", DECIDE, ())]},
        {"members_total": 0},
        {"members_total": 3, "away_count": 2, "exempted_absent_count": 1},
        {"members_total": 2},  # three present, base two
        {"present": []},
        {"present": [voters[0], voters[0]]},
        {"away_count": 6},  # everyone out of the base
    ):
        with pytest.raises(RuleViolation):
            _open(world, discipline_case, **{"present": voters, **bad})
    assert not Ballot.objects.exists()
    ballot = _open(world, discipline_case, voters, members_total=7, away_count=1, exempted_absent_count=1)
    assert ballot.count_base == 5 and "= 5" in ballot.base_note
    with pytest.raises(RuleViolation):
        _open(world, discipline_case, voters)  # one open ballot per case


def test_one_paper_each_and_only_for_those_who_hold_one(world, discipline_case, voters):
    ballot = _open(world, discipline_case, voters)
    ballot_cast(actor=voters[0], ballot=ballot, option="warning")
    with pytest.raises(RuleViolation):
        ballot_cast(actor=voters[0], ballot=ballot, option="reprimand")
    for outsider in (world.outsider, world.staff, world.chair, world.subject):
        with pytest.raises(AccessDenied):
            ballot_cast(actor=outsider, ballot=ballot, option="warning")
    with pytest.raises(RuleViolation):
        ballot_cast(actor=voters[1], ballot=ballot, option="censure")
    assert BallotParticipation.objects.filter(ballot=ballot).count() == BallotVote.objects.filter(ballot=ballot).count()
    assert BallotVote.objects.filter(ballot=ballot).count() == 1


def test_team_members_and_the_conflicted_are_refused_even_holding_the_voter_role(world, discipline_case, voters):
    """StepSeparation E/vote switched on by an administrator and conflicts of interest apply
    at the cast (the row ships switched off: issue 9 point 1)."""
    StepSeparation.objects.filter(kind="E", step="vote").exclude(excluded_role="subject").update(is_active=True)
    ballot = _open(world, discipline_case, voters, body_kind="grassroots.inspection")
    conflict_declare(actor=world.leader, case=discipline_case, has_conflict=False)
    access.grant_role(case=discipline_case, user=world.leader, role=CaseRole.Role.VOTER)
    with pytest.raises(RuleViolation, match="không biểu quyết kỷ luật"):
        ballot_cast(actor=world.leader, ballot=ballot, option="warning")
    access.grant_role(case=discipline_case, user=world.subject, role=CaseRole.Role.VOTER)
    with pytest.raises(RuleViolation, match="đối tượng"):
        ballot_cast(actor=world.subject, ballot=ballot, option="reprimand")
    assert not BallotParticipation.objects.filter(ballot=ballot).exists()


def test_participation_and_vote_are_written_together_or_not_at_all(world, discipline_case, voters, monkeypatch):
    ballot = _open(world, discipline_case, voters)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(BallotVote.objects, "create", broken)
    with pytest.raises(RuntimeError):
        ballot_cast(actor=voters[0], ballot=ballot, option="warning")
    assert not BallotParticipation.objects.filter(ballot=ballot).exists()


def test_votes_cannot_be_linked_to_voters():
    """No user, no time on a vote; a random key; nothing points from one table to the other."""
    fields = {f.name: f for f in BallotVote._meta.get_fields()}
    assert isinstance(BallotVote._meta.pk, models.UUIDField)
    assert not any(isinstance(f, models.DateField | models.DateTimeField) for f in fields.values())
    related = {f.related_model for f in fields.values() if f.is_relation}
    assert related == {Ballot}
    participation = {f.related_model for f in BallotParticipation._meta.get_fields() if f.is_relation}
    assert BallotVote not in participation and not any(
        isinstance(f, models.DateField | models.DateTimeField) for f in BallotParticipation._meta.get_fields()
    )
    assert BallotVote._meta.ordering == []


def test_tally_is_refused_before_close_and_papers_are_reshuffled_at_close(world, discipline_case, voters, monkeypatch):
    ballot = _open(world, discipline_case, voters)
    with pytest.raises(RuleViolation, match="Chưa có phiếu"):
        ballot_close(actor=world.chair, ballot=ballot)
    for voter, option in zip(voters, ["warning", "reprimand", "warning"], strict=True):
        ballot_cast(actor=voter, ballot=ballot, option=option)
    with pytest.raises(RuleViolation):
        ballot_selectors.results_of(world.chair, ballot)
    ballot.refresh_from_db()
    assert ballot.tally == {} and ballot.result == ""
    keys = set(BallotVote.objects.filter(ballot=ballot).values_list("pk", flat=True))
    assert all(uuid.UUID(str(k)).version == 4 for k in keys)
    shuffled = []
    monkeypatch.setattr(ballots, "_shuffle", lambda papers: (shuffled.append(list(papers)), papers.reverse()))
    with pytest.raises(AccessDenied):
        ballot_close(actor=voters[0], ballot=ballot)
    ballot = ballot_close(actor=world.chair, ballot=ballot)
    assert sorted(shuffled[0]) == ["reprimand", "warning", "warning"]
    after = set(BallotVote.objects.filter(ballot=ballot).values_list("pk", flat=True))
    assert after.isdisjoint(keys) and len(after) == 3
    assert ballot.tally == {"expulsion": 0, "warning": 2, "reprimand": 1}
    # base 6: warning 2, then 2 + 1 = 3 for reprimand: not more than half.
    assert ballot.result == "" and ballot.valid_count == 3 and ballot.invalid_count == 0
    rows = ballot_selectors.results_of(world.chair, ballot)
    assert [(r.label, r.count, r.cumulative) for r in rows] == [
        ("Khai trừ", 0, 0),
        ("Cảnh cáo", 2, 2),
        ("Khiển trách", 1, 3),
    ]
    with pytest.raises(AccessDenied):
        ballot_selectors.results_of(world.outsider, ballot)
    # Voters lost their role; a closed ballot takes no paper and cannot be closed again.
    assert not CaseRole.objects.filter(case=discipline_case, role="voter", revoked_at=None).exists()
    with pytest.raises(RuleViolation):
        ballot_close(actor=world.chair, ballot=ballot)


def test_a_complaint_style_ballot_reuses_the_service(world, open_case, voters):
    """Another kind (here a planned inspection, standing in for a complaint) opens a ballot
    with keep / increase / reduce / remove and no cumulative counting."""
    case = open_case()
    ballot = _open(world, case, voters, options=COMPLAINT_OPTIONS, cumulative=False, members_total=3, body_kind="x")
    assert ballot.purpose == DECIDE
    ballot_cast(actor=voters[0], ballot=ballot, option="reduce")
    ballot_cast(actor=voters[1], ballot=ballot, option="reduce")
    ballot_cast(actor=voters[2], ballot=ballot, option="")  # nothing marked
    ballot = ballot_close(actor=world.chair, ballot=ballot)
    assert ballot.result == "reduce" and ballot.reached_by == "single"
    assert (ballot.valid_count, ballot.invalid_count) == (2, 1)
    assert ballot.cumulative_tally == {} and "cộng dồn" not in ballot.threshold_formula


def test_no_discipline_is_a_valid_vote_added_to_no_form(world, discipline_case, voters):
    """Issue 9 point 1: the paper offers "no discipline"; a member against any discipline
    marks it (valid) instead of returning a blank (invalid); it never adds to a form."""
    options = [*FORMS, ballots.no_sanction_option()]
    ballot = _open(world, discipline_case, voters, options=options, members_total=3)
    assert ballot.options[-1]["code"] == "none" and ballot.options[-1]["alone"] is True
    assert ballot.purpose == Ballot.Purpose.DECIDE_OR_PROPOSE  # "none" does not change it
    for voter, option in zip(voters, ["none", "none", "warning"], strict=True):
        ballot_cast(actor=voter, ballot=ballot, option=option)
    ballot = ballot_close(actor=world.chair, ballot=ballot)
    assert (ballot.valid_count, ballot.invalid_count) == (3, 0)
    assert ballot.tally == {"expulsion": 0, "warning": 1, "reprimand": 0, "none": 2}
    assert ballot.cumulative_tally["reprimand"] == 1 and ballot.cumulative_tally["none"] == 2
    assert ballot.result == ""  # no form reached: no discipline
    assert "Không thi hành kỷ luật: phiếu hợp lệ, không cộng vào hình thức nào" in ballot.threshold_formula


def test_no_discipline_votes_never_tip_a_form(world, discipline_case, voters):
    # Base 3: warning 1 + reprimand 1 = 2 > 1.5 for reprimand; the "none" paper adds nothing.
    options = [*FORMS, ballots.no_sanction_option()]
    ballot = _open(world, discipline_case, voters, options=options, members_total=3)
    for voter, option in zip(voters, ["warning", "reprimand", "none"], strict=True):
        ballot_cast(actor=voter, ballot=ballot, option=option)
    ballot = ballot_close(actor=world.chair, ballot=ballot)
    assert (ballot.result, ballot.reached_by) == ("reprimand", "cumulative")


def test_a_paper_of_only_no_discipline_is_refused(world, discipline_case, voters):
    with pytest.raises(RuleViolation, match="ít nhất một phương án"):
        _open(world, discipline_case, voters, options=[ballots.no_sanction_option()])
    assert not Ballot.objects.filter(case=discipline_case).exists()
