"""The count base from the body's roster and paper ballots (issue 9 point 1; domain.md §6.2;
Reg. 69 Art. 15): the base is the roster on the meeting day, by name, never a typed number;
members without an account, or a meeting held on paper, vote on paper and the counting
board's count joins the papers cast on the system as numbers, never linked to a voter."""

import pytest

from inspections.exceptions import AccessDenied, RuleViolation
from inspections.models import (
    Ballot,
    BallotVote,
    CaseRole,
    DisciplineCase,
    JournalEntry,
    Notification,
    StepSeparation,
)
from inspections.services import discipline_votes
from inspections.services.ballots import PaperCount, ballot_cast
from people.models import PartyMember
from tests.inspections.services.test_discipline import TODAY, _open, _pdf, _to_report

pytestmark = pytest.mark.django_db

Mode = Ballot.Mode


def _meet(world, case, **kw):
    return discipline_votes.discipline_meeting(actor=world.chair, case=case, meeting_on=TODAY(), **kw)


def _other_key(world) -> str:
    """Lê Văn Khác, a full member of the cell without an account."""
    return f"m{world.other_member.pk}"


def _nothing_closed(case) -> None:
    assert Ballot.objects.get(case=case).is_open
    assert not JournalEntry.objects.filter(case=case, action="ballot.closed").exists()
    assert DisciplineCase.objects.get(case=case).outcome == "pending"


def test_the_count_base_is_the_cells_roster_on_the_meeting_day_shown_by_name(world):
    """The cell's four full members count, the one without an account and those absent
    included; a member named as attending elsewhere leaves the base; an expelled member is
    not on the roster of a later meeting (issue 9 point 8)."""
    case = _open(world)
    _to_report(world, case)
    leaver = world.cell.members.create(
        full_name="Đinh Văn Đi", birth_date=world.subject_member.birth_date, sex="M", card_number="DV-0099",
        joined_on=world.subject_member.joined_on, status=PartyMember.Status.EXPELLED, left_on=TODAY(),
    )  # fmt: skip
    ballot = _meet(world, case, present=[world.cellmate, world.relative], away=[f"m{world.subject_member.pk}"])
    assert (ballot.members_total, ballot.away_count, ballot.count_base) == (4, 1, 3)
    names = {row["name"]: row for row in ballot.roster}
    assert set(names) == {"Lê Văn Khác", "Nguyễn Thị Thân", "Nguyễn Văn Đối", "Trần Văn Cùng"}
    assert leaver.full_name not in names
    assert names["Lê Văn Khác"] == {
        "key": _other_key(world), "name": "Lê Văn Khác", "account": False, "away": False,
        "exempted_absent": False, "present": False, "paper": False,
    }  # fmt: skip
    assert names["Nguyễn Văn Đối"]["away"] and names["Trần Văn Cùng"]["present"]
    opened = JournalEntry.objects.get(case=case, action="ballot.opened").payload
    assert "Lê Văn Khác" in opened and '"members_total":4' in opened


def test_roll_call_input_that_does_not_fit_the_roster_is_refused_and_writes_nothing(world):
    case = _open(world)
    _to_report(world, case)
    bad = [
        ({"present": [world.cellmate], "present_on_paper": [_other_key(world)]}, "chọn hình thức bỏ phiếu giấy"),
        ({"present": [world.cellmate], "away": ["m999999"]}, "không có trong danh sách thành viên"),
        ({"present": [world.cellmate], "away": [f"m{world.cellmate.member_id}"]}, "bỏ một trong hai"),
        ({"present": [world.cellmate], "present_on_paper": [f"m{world.relative.member_id}"], "mode": Mode.MIXED},
         "có tài khoản"),
        ({"present": [world.chair]}, "không phải thành viên"),
        ({"present": []}, "Chưa điểm danh"),
        ({"present": [world.cellmate], "away": [_other_key(world)], "exempted_absent": [_other_key(world)]},
         "vừa sinh hoạt tạm thời nơi khác"),
        ({"present": [world.cellmate], "mode": "telepathy"}, "Hình thức bỏ phiếu không hợp lệ"),
    ]  # fmt: skip
    for arguments, message in bad:
        with pytest.raises(RuleViolation, match=message):
            _meet(world, case, **arguments)
    assert not Ballot.objects.filter(case=case).exists()
    assert not JournalEntry.objects.filter(case=case, action__in=("ballot.opened", "discipline.meeting")).exists()


def test_a_mixed_ballot_joins_the_counting_boards_paper_count_to_the_papers_cast_online(world):
    """Three members with accounts vote on the system, the member without one on paper; 2
    online + 1 paper for reprimand is 3 of 4, more than half: decided."""
    case = _open(world)
    _to_report(world, case)
    online = [world.cellmate, world.relative, world.subject]  # the subject votes at the cell
    ballot = _meet(world, case, present=online, present_on_paper=[_other_key(world)], mode=Mode.MIXED)
    assert (ballot.mode, ballot.paper_issued, ballot.voters_count, ballot.present_count) == ("mixed", 1, 4, 4)
    granted = set(CaseRole.objects.filter(case=case, role="voter", revoked_at=None).values_list("user_id", flat=True))
    assert granted == {u.pk for u in online}
    # Each online voter is told the ballot waits for their paper; the paper voter has no account.
    notices = Notification.objects.filter(case=case, kind="ballot_opened")
    assert set(notices.values_list("recipient_id", flat=True)) == {u.pk for u in online}
    assert all("phiếu của bạn đang chờ" in n.text and "reprimand" not in n.text for n in notices)
    for user, option in zip(online, ["reprimand", "reprimand", "none"], strict=True):
        ballot_cast(actor=user, ballot=ballot, option=option)
    close = discipline_votes.discipline_ballot_close
    good = PaperCount(returned=1, invalid=0, options={"reprimand": 1})
    count = PaperCount
    refusals = [
        ({"upload": _pdf()}, "Ban kiểm phiếu cần ghi số phiếu thu về"),
        ({"paper": good}, "Cần tải lên biên bản kiểm phiếu"),
        ({"paper": count(returned=2, invalid=0, options={"reprimand": 2}), "upload": _pdf()}, "vượt số phiếu giấy"),
        ({"paper": count(returned=1, invalid=1, options={"reprimand": 1}), "upload": _pdf()}, "phải bằng số phiếu"),
        ({"paper": count(returned=1, invalid=0, options={"strike": 1}), "upload": _pdf()}, "không có trên phiếu"),
        ({"paper": count(returned=1, invalid=-1, options={"reprimand": 2}), "upload": _pdf()}, "không âm"),
        ({"paper": count(returned=True, invalid=0, options={"reprimand": 1}), "upload": _pdf()}, "không âm"),
    ]  # fmt: skip
    for arguments, message in refusals:
        with pytest.raises(RuleViolation, match=message):
            close(actor=world.chair, case=case, **arguments)
        _nothing_closed(case)
    ballot = close(actor=world.chair, case=case, paper=good, upload=_pdf())
    assert ballot.tally == {"expulsion": 0, "warning": 0, "reprimand": 3, "none": 1}
    assert (ballot.valid_count, ballot.invalid_count, ballot.result) == (4, 0, "reprimand")
    assert (ballot.paper_returned, ballot.paper_invalid) == (1, 0)
    assert ballot.paper_tally == {"expulsion": 0, "warning": 0, "reprimand": 1, "none": 0}
    assert DisciplineCase.objects.get(case=case).outcome == "decided"
    # The system keeps its three papers apart from the participants; the paper count is numbers.
    assert BallotVote.objects.filter(ballot=ballot).count() == 3
    closed = JournalEntry.objects.get(case=case, action="ballot.closed").payload
    assert '"paper_returned":1' in closed and '"returned":4' in closed
    assert case.documents.filter(kind="ballot_minutes").exists()


def test_a_meeting_held_on_paper_hands_no_paper_on_the_system_and_no_discipline_is_a_valid_vote(world):
    """Everyone present votes on paper: nobody gets the VOTER role. 1 warning + 2 reprimand +
    1 "no discipline": reprimand reaches 3 of 4 cumulatively; the "no discipline" paper is
    valid and adds to no form (before issue 9 that member had to return a blank, invalid)."""
    case = _open(world)
    _to_report(world, case)
    present = [world.cellmate, world.relative, world.subject]
    ballot = _meet(world, case, present=present, present_on_paper=[_other_key(world)], mode=Mode.PAPER)
    assert (ballot.paper_issued, ballot.voters_count) == (4, 4)
    assert not CaseRole.objects.filter(case=case, role="voter").exists()
    assert not Notification.objects.filter(case=case, kind="ballot_opened").exists()
    with pytest.raises(AccessDenied):
        ballot_cast(actor=world.cellmate, ballot=ballot, option="reprimand")
    paper = PaperCount(returned=4, invalid=0, options={"warning": 1, "reprimand": 2, "none": 1})
    ballot = discipline_votes.discipline_ballot_close(actor=world.chair, case=case, paper=paper, upload=_pdf())
    assert ballot.result == "reprimand" and ballot.reached_by == "cumulative"
    assert ballot.cumulative_tally["reprimand"] == 3 and ballot.cumulative_tally["none"] == 1
    assert (ballot.valid_count, ballot.invalid_count) == (4, 0)
    assert not BallotVote.objects.filter(ballot=ballot).exists()


def test_a_paper_count_on_a_ballot_with_no_paper_issued_is_refused(world):
    case = _open(world)
    _to_report(world, case)
    ballot = _meet(world, case, present=[world.cellmate, world.relative, world.subject])
    assert ballot.paper_issued == 0
    for user in (world.cellmate, world.relative, world.subject):
        ballot_cast(actor=user, ballot=ballot, option="reprimand")
    with pytest.raises(RuleViolation, match="không phát phiếu giấy"):
        discipline_votes.discipline_ballot_close(
            actor=world.chair, case=case, paper=PaperCount(returned=1, invalid=0, options={"reprimand": 1})
        )
    _nothing_closed(case)
    assert discipline_votes.discipline_ballot_close(actor=world.chair, case=case).result == "reprimand"


def test_a_subject_without_an_account_votes_on_paper_at_the_cell_unless_the_row_is_switched_on(world):
    """The subject's provisional cell row (domain.md §11b.2) decides for a paper voter too."""
    case = _open(world, subject_member=world.other_member)
    _to_report(world, case)
    ballot = _meet(world, case, present=[world.cellmate], present_on_paper=[_other_key(world)], mode=Mode.MIXED)
    assert ballot.paper_issued == 1


def test_a_subject_without_an_account_takes_no_paper_when_the_row_is_switched_on(world):
    StepSeparation.objects.filter(kind="E", step="vote", excluded_role="subject", body_kind="cell").update(
        is_active=True
    )
    case = _open(world, subject_member=world.other_member)
    _to_report(world, case)
    ballot = _meet(world, case, present=[world.cellmate], present_on_paper=[_other_key(world)], mode=Mode.MIXED)
    assert (ballot.paper_issued, ballot.voters_count, ballot.present_count) == (0, 1, 2)
    opened = JournalEntry.objects.get(case=case, action="ballot.opened").payload
    assert f'"member":{world.other_member.pk}' in opened
