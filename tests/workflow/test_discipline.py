"""The discipline flow (kind E) through the real views: every branch of domain.md §5(E)."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from inspections.journal import verify_chain
from inspections.models import (
    Ballot,
    BallotParticipation,
    CaseRole,
    CaseStatus,
    DisciplineCase,
    DisciplineDecision,
    DisciplineProposal,
    DisciplineRecord,
    Document,
    JournalEntry,
    StateProposal,
    StepSeparation,
)
from tests.workflow.conftest import pdf
from tests.workflow.discipline_helpers import (
    add_cell_voters,
    add_province_voters,
    announce,
    cast,
    close_ballot,
    complete,
    day,
    meeting,
    open_discipline,
    report,
    self_criticism,
    sign,
    state_proposal,
)
from tests.workflow.helpers import open_task

pytestmark = pytest.mark.django_db


def actions(case):
    return list(JournalEntry.objects.filter(case=case).order_by("seq").values_list("action", flat=True))


def test_member_reprimanded_by_the_cell_within_its_authority(client, world):
    u = world["users"]
    voters = add_cell_voters(world, 4)
    case = open_discipline(client, world)
    assert case.status == CaseStatus.SELF_CRITICISM
    assert case.clock_started_on == timezone.localdate()
    self_criticism(client, world, case, form="reprimand")
    report(client, world, case, form="reprimand")
    # The cell: 4 members with accounts + the subject + 1 absent. The subject, a member of
    # the cell, holds a paper (issue 9 point 1, domain.md §11b.2, a provisional row; before
    # issue 9 the subject was present without one) and does not cast it here.
    meeting(client, world, case, [*voters, u["subject"]], total=6)
    case.refresh_from_db()
    assert case.status == CaseStatus.VOTING
    ballot = Ballot.objects.get(case=case)
    assert ballot.count_base == 6 and ballot.present_count == 5 and ballot.voters_count == 5
    # No post: no dismissal; "no discipline" last (issue 9 point 1).
    assert [o["code"] for o in ballot.options] == ["expulsion", "warning", "reprimand", "none"]
    assert {o["code"]: o["purpose"] for o in ballot.options} == {
        "expulsion": "propose",
        "warning": "decide",
        "reprimand": "decide",
        "none": "decide",
    }
    voter_ids = set(CaseRole.objects.filter(case=case, role="voter", revoked_at=None).values_list("user_id", flat=True))
    assert voter_ids == {v.pk for v in voters} | {u["subject"].pk}

    # A voter sees the ballot on the case page, but not the counts.
    client.force_login(voters[0])
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'id="cast-link"' in page and "kt-sealed-tally" in page

    for voter in voters[:3]:
        cast(client, voter, case, "reprimand")
    cast(client, voters[3], case, "warning")
    close_ballot(client, world, case, file=pdf("kiem-phieu.pdf"))
    ballot.refresh_from_db()
    assert ballot.result == "reprimand" and ballot.reached_by == "cumulative"  # 3 alone is not > 3; 3 + 1 is
    assert ballot.tally == {"expulsion": 0, "warning": 1, "reprimand": 3, "none": 0}
    assert ballot.cumulative_tally == {"expulsion": 0, "warning": 1, "reprimand": 4, "none": 0}
    case.refresh_from_db()
    assert case.status == CaseStatus.VOTED
    discipline = DisciplineCase.objects.get(case=case)
    assert discipline.outcome == "decided" and discipline.decided_form == "reprimand"
    assert discipline.statute_expired is False and discipline.statute_years == 5
    # The voters' role ended with the ballot.
    assert not CaseRole.objects.filter(case=case, role="voter", revoked_at=None).exists()

    sign(client, world, case)
    decision = DisciplineDecision.objects.get(case=case)
    # A cell's own decision: handed over within 10 days of the vote (rule E.cell_handover).
    assert decision.announce_rule == "E.cell_handover"
    assert decision.announce_due_on == timezone.localdate() + datetime.timedelta(days=10)
    case.refresh_from_db()
    assert case.status == CaseStatus.DECIDED and case.due_on == decision.announce_due_on

    announce(client, world, case)
    record = DisciplineRecord.objects.get(case=case)
    assert record.member == world["subject_member"] and record.form == "reprimand"
    assert record.effective_on == record.announced_on == timezone.localdate()
    assert record.expires_on == timezone.localdate().replace(year=timezone.localdate().year + 1)
    assert record.deciding_body.startswith("Chi bộ")
    proposal = StateProposal.objects.get(case=case)
    assert proposal.due_on == decision.signed_on + datetime.timedelta(days=5)

    state_proposal(client, world, case)
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and case.closed_on == timezone.localdate()
    kinds = set(Document.objects.filter(case=case).values_list("kind", flat=True))
    assert {"self_criticism", "ballot_minutes", "announcement_minutes"} <= kinds
    log = actions(case)
    assert log.count("ballot.cast") == 4
    for action in (
        "discipline.set_up",
        "self_criticism.received",
        "discipline.reported",
        "ballot.opened",
        "ballot.closed",
        "discipline.voted",
        "discipline.decision_signed",
        "discipline.announced",
        "discipline.recorded",
        "state_proposal.sent",
        "case.closed",
    ):
        assert action in log, action
    assert verify_chain(case.pk) is None

    # After close the chair sees the tally and the record on the case page.
    client.force_login(u["chair"])
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "kt-tally" in page and "Khiển trách" in page and 'id="discipline-records"' in page
    assert "Bỏ phiếu kín" in page and "Biểu quyết thi hành kỷ luật" in page  # timeline label


def test_expulsion_proposal_needs_two_thirds_then_the_competent_body_votes_again(client, world):
    u = world["users"]
    cell = add_cell_voters(world, 4)
    committee = add_province_voters(world, 5)
    case = open_discipline(client, world)
    self_criticism(client, world, case, form="warning")
    report(client, world, case, form="expulsion")
    meeting(client, world, case, [*cell, u["subject"]], total=6)
    for voter in cell:
        cast(client, voter, case, "expulsion")  # 4 of 6 = two thirds: proposed
    close_ballot(client, world, case)
    case.refresh_from_db()
    assert case.status == CaseStatus.PROPOSED
    first = Ballot.objects.get(case=case, round=1)
    assert first.result == "expulsion" and first.result_purpose == "propose"
    assert "≥ 2/3" in first.threshold_formula

    # Bad input (issue 9 point 2): the commune inspection committee has no power to expel;
    # the refusal names the rule and what to do, and nothing is written.
    proposal = {"to_organisation": "", "sent_on": day()}
    response = complete(
        client,
        u["staff"],
        case,
        "propose",
        {**proposal, "to_committee": world["committee"].pk, "file": pdf("to-trinh.pdf")},
        expect=200,
    )
    page = response.content.decode()
    assert "không có thẩm quyền quyết định hình thức “Khai trừ”" in page and "đề nghị cấp ủy" in page
    assert not DisciplineProposal.objects.filter(case=case).exists()
    # The file goes to the competent body: the province inspection committee, its kind
    # derived from the committee (never declared).
    complete(
        client,
        u["staff"],
        case,
        "propose",
        {**proposal, "to_committee": world["province_committee"].pk, "file": pdf("to-trinh.pdf")},
    )
    discipline = DisciplineCase.objects.get(case=case)
    assert discipline.body_kind == "province.inspection"
    assert discipline.body_committee == world["province_committee"]

    # Second round: the province committee's own members vote; the subject is not a member
    # of this body.
    present = committee
    meeting(client, world, case, present, total=5)
    second = Ballot.objects.get(case=case, round=2)
    assert second.voters_count == 5
    assert {o["code"]: o["thresholds"] for o in second.options}["expulsion"] == ["decide"]
    voters = set(CaseRole.objects.filter(case=case, role="voter", revoked_at=None).values_list("user_id", flat=True))
    assert voters == {c.pk for c in committee}
    for voter in committee[:3]:
        cast(client, voter, case, "expulsion")  # 3 of 5 > 1/2
    close_ballot(client, world, case)
    second.refresh_from_db()
    assert second.result == "expulsion" and second.result_purpose == "decide"
    discipline.refresh_from_db()
    assert discipline.outcome == "decided" and discipline.decided_form == "expulsion"
    assert discipline.statute_years is None and discipline.statute_expired is False  # no limit for expulsion

    sign(client, world, case, number="12-QĐ/UBKT")
    decision = DisciplineDecision.objects.get(case=case)
    assert decision.announce_rule == "E.announce"
    announce(client, world, case, refused="on", refusal_note="Đảng viên không ký biên bản, không nhận quyết định")
    decision.refresh_from_db()
    assert decision.refused_receipt and decision.announced_on == timezone.localdate()
    record = DisciplineRecord.objects.get(case=case)
    # Refusal changes nothing: the decision is in force from the announcement; expulsion never expires.
    assert record.state == "in_force" and record.effective_on == timezone.localdate() and record.expires_on is None
    state_proposal(client, world, case, outcome="not_applicable", reason="Đảng viên không giữ chức vụ chính quyền")
    assert StateProposal.objects.get(case=case).status == "not_applicable"
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    log = actions(case)
    assert "discipline.beyond_authority" in log and "discipline.proposed" in log and log.count("ballot.closed") == 2


def test_expulsion_short_of_two_thirds_cumulates_down_to_a_form_within_authority(client, world):
    u = world["users"]
    cell = add_cell_voters(world, 4)
    case = open_discipline(client, world)
    self_criticism(client, world, case)
    report(client, world, case, form="expulsion")
    meeting(client, world, case, [*cell, u["subject"]], total=6)
    for voter in cell[:3]:
        cast(client, voter, case, "expulsion")  # 3 of 6 < 2/3
    cast(client, cell[3], case, "reprimand")
    close_ballot(client, world, case)
    ballot = Ballot.objects.get(case=case)
    # expulsion 3 (short of 4); warning 3 + 0 = 3 (not > 3); reprimand 3 + 0 + 1 = 4 > 3.
    assert ballot.cumulative_tally == {"expulsion": 3, "warning": 3, "reprimand": 4, "none": 0}
    assert ballot.result == "reprimand" and ballot.reached_by == "cumulative"
    assert DisciplineCase.objects.get(case=case).decided_form == "reprimand"


def test_no_form_reaching_the_threshold_ends_without_discipline(client, world):
    u = world["users"]
    cell = add_cell_voters(world, 4)
    case = open_discipline(client, world)
    self_criticism(client, world, case)
    report(client, world, case)
    # Absentees count: 4 present out of 9 can never reach more than half.
    meeting(client, world, case, [*cell, u["subject"]], total=9)
    for voter in cell:
        cast(client, voter, case, "reprimand")
    close_ballot(client, world, case)
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert DisciplineCase.objects.get(case=case).outcome == "no_result"
    assert not DisciplineRecord.objects.filter(case=case).exists()
    with pytest.raises(AssertionError):
        open_task(case, "sign_decision")


def test_statute_expired_after_the_vote_means_no_discipline(client, world):
    u = world["users"]
    cell = add_cell_voters(world, 3)
    violation = timezone.localdate() - datetime.timedelta(days=6 * 366)
    case = open_discipline(client, world, violation_start=violation.strftime("%d/%m/%Y"))
    self_criticism(client, world, case)
    report(client, world, case)
    meeting(client, world, case, [*cell, u["subject"]], total=4)
    for voter in cell:
        cast(client, voter, case, "reprimand")  # 3 of 4: reprimand voted...
    close_ballot(client, world, case)
    discipline = DisciplineCase.objects.get(case=case)
    # ...but 5 years for a reprimand have run since the violation.
    assert discipline.outcome == "statute_expired" and discipline.statute_expired is True
    assert Ballot.objects.get(case=case).result == "reprimand"
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert not DisciplineRecord.objects.filter(case=case).exists()
    assert "discipline.statute_expired" in actions(case)
    client.force_login(u["chair"])
    assert "đã hết" in client.get(reverse("cases:detail", args=[case.pk])).content.decode()


def test_a_warning_ten_years_back_is_still_within_the_statute(client, world):
    u = world["users"]
    cell = add_cell_voters(world, 3)
    violation = timezone.localdate() - datetime.timedelta(days=6 * 366)
    case = open_discipline(client, world, violation_start=violation.strftime("%d/%m/%Y"))
    self_criticism(client, world, case, form="warning")
    report(client, world, case, form="warning")
    meeting(client, world, case, [*cell, u["subject"]], total=4)
    for voter in cell:
        cast(client, voter, case, "warning")
    close_ballot(client, world, case)
    discipline = DisciplineCase.objects.get(case=case)
    assert discipline.outcome == "decided" and discipline.statute_years == 10


def test_deferral_at_self_criticism_suspends_and_resume_returns(client, world):
    u = world["users"]
    case = open_discipline(client, world)
    complete(
        client,
        u["member"],
        case,
        "self_criticism",
        {"outcome": "defer", "on": day(), "defer_reason": "child_under_12m", "note": "Con 3 tháng tuổi"},
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.SUSPENDED
    # Resuming needs a reason.
    complete(client, u["staff"], case, "resume", {"resumed_on": day(), "note": ""}, expect=200)
    complete(client, u["staff"], case, "resume", {"resumed_on": day(), "note": "Con đã đủ 12 tháng tuổi"})
    case.refresh_from_db()
    assert case.status == CaseStatus.SELF_CRITICISM
    assert open_task(case, "self_criticism")
    log = actions(case)
    assert "discipline.deferred" in log and "discipline.resumed" in log


def test_deferral_at_the_meeting_returns_to_the_meeting(client, world):
    u = world["users"]
    cell = add_cell_voters(world, 3)
    case = open_discipline(client, world)
    self_criticism(client, world, case)
    report(client, world, case)
    complete(
        client,
        u["chair"],
        case,
        "meeting",
        {"outcome": "defer", "meeting_on": day(), "defer_reason": "serious_illness", "note": "Đang điều trị nội trú"},
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.SUSPENDED
    assert not Ballot.objects.filter(case=case).exists()
    complete(client, u["staff"], case, "resume", {"resumed_on": day(), "note": "Đã xuất viện"})
    case.refresh_from_db()
    assert case.status == CaseStatus.REPORTED
    meeting(client, world, case, [*cell, u["subject"]], total=4)
    assert Ballot.objects.filter(case=case).count() == 1


def test_member_refuses_self_criticism_and_the_cell_proceeds(client, world):
    u = world["users"]
    case = open_discipline(client, world)
    # Refusal needs the facts written down.
    complete(client, u["member"], case, "self_criticism", {"outcome": "refused", "on": day(), "note": ""}, expect=200)
    complete(
        client,
        u["member"],
        case,
        "self_criticism",
        {"outcome": "refused", "on": day(), "note": "Đã yêu cầu hai lần, đảng viên không viết bản kiểm điểm"},
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.VERIFYING
    discipline = DisciplineCase.objects.get(case=case)
    assert discipline.self_criticism == "refused" and discipline.self_proposed_form == ""
    assert open_task(case, "write_report")


def test_detained_member(client, world):
    case = open_discipline(client, world)
    complete(
        client,
        world["users"]["member"],
        case,
        "self_criticism",
        {"outcome": "detained", "on": day(), "note": "Đang bị tạm giam tại Công an tỉnh"},
    )
    assert DisciplineCase.objects.get(case=case).self_criticism == "detained"


def test_expiry_command_ends_the_record_a_year_after_announcement(client, world, capsys):
    u = world["users"]
    cell = add_cell_voters(world, 3)
    case = open_discipline(client, world)
    self_criticism(client, world, case)
    report(client, world, case)
    meeting(client, world, case, [*cell, u["subject"]], total=4)
    for voter in cell:
        cast(client, voter, case, "reprimand")
    close_ballot(client, world, case)
    sign(client, world, case)
    announce(client, world, case)
    state_proposal(client, world, case)
    record = DisciplineRecord.objects.get(case=case)
    call_command("expire_discipline")
    record.refresh_from_db()
    assert record.state == "in_force"  # not yet a year
    later = (record.expires_on + datetime.timedelta(days=1)).strftime("%d/%m/%Y")
    call_command("expire_discipline", "--date", later)
    record.refresh_from_db()
    assert record.state == "expired" and "một năm" in record.note
    assert "discipline.expired" in actions(case)
    assert verify_chain(case.pk) is None
    assert "Đã chấm dứt hiệu lực 1" in capsys.readouterr().out


def _three_member_committee_case(client, world):
    """A case the commune inspection committee decides (commune.inspection, derived from
    the committee), its 3 members present: the chair, the team leader and the team member."""
    u = world["users"]
    case = open_discipline(client, world, body_committee=world["committee"].pk, body_organisation="")
    self_criticism(client, world, case, form="reprimand")
    report(client, world, case, form="reprimand")
    meeting(client, world, case, [u["chair"], u["leader"], u["member"]], total=3)
    return case, Ballot.objects.get(case=case, closed_at__isnull=True)


def test_a_three_member_committee_with_the_team_on_it_decides(client, world):
    """Issue 9 point 1 (domain.md §6.2, §11b.2): every member of the deciding body votes,
    the team included. Before, only the chair held a paper: 1 of 3 can never exceed 1/2 and
    the case closed as "no discipline"."""
    u = world["users"]
    case, ballot = _three_member_committee_case(client, world)
    assert (ballot.count_base, ballot.present_count, ballot.voters_count) == (3, 3, 3)
    cast(client, u["leader"], case, "reprimand")
    cast(client, u["member"], case, "reprimand")
    close_ballot(client, world, case)
    ballot.refresh_from_db()
    assert ballot.result == "reprimand" and ballot.result_purpose == "decide"  # 2 of 3 > 1/2
    discipline = DisciplineCase.objects.get(case=case)
    assert discipline.outcome == "decided" and discipline.decided_form == "reprimand"


def test_an_administrator_switching_the_team_row_on_bars_the_team_again(client, world):
    """StepSeparation E/vote stays an option: switched on, the team holds no paper and is
    refused on the ballot page with the rule's note."""
    u = world["users"]
    StepSeparation.objects.filter(kind="E", step="vote", excluded_role__in=["leader", "member"]).update(is_active=True)
    case, ballot = _three_member_committee_case(client, world)
    assert ballot.voters_count == 1
    [opened] = [e.payload for e in JournalEntry.objects.filter(case=case, action="ballot.opened")]
    assert opened.count("không biểu quyết kỷ luật") == 2
    for who in ("leader", "member"):
        cast(client, u[who], case, "reprimand", expect=403)
    assert not BallotParticipation.objects.filter(ballot=ballot).exists()
