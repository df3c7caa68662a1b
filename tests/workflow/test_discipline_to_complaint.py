"""A member disciplined, complaining, and getting the form reduced, end to end through the
real views (issue 3 point 4; domain.md §5(E), §5(F), §6.2, §6.4): the cell decides a
warning within its authority by secret ballot, the decision is announced and the record
is in force; within 30 working days of its announcement the member complains, the complaint is opened from the
discipline case, admitted, reviewed and reported; the commune inspection committee votes
by secret ballot (its members casting on the shared ballot page, the chair closing) and
reduces the warning to a reprimand. Then the branches of the complaint ballot: the team
cannot vote, no option reaching its threshold leads to a new round, an increase beyond the
body's authority is refused (referred upward); and who may open the complaint from the
discipline case."""

import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inspections import access
from inspections.deadlines import due_on
from inspections.journal import verify_chain
from inspections.models import (
    Ballot,
    BallotParticipation,
    BallotVote,
    Case,
    CaseKind,
    CaseLink,
    CaseRole,
    CaseStatus,
    Complaint,
    DisciplineCase,
    DisciplineRecord,
    JournalEntry,
    StepSeparation,
)
from inspections.selectors.discipline import records_of_subject
from tests.factories.people import UserFactory
from tests.workflow.conftest import pdf
from tests.workflow.discipline_complaint_helpers import (
    body_members,
    build_world,
    close_ballot,
    day,
    hold_meeting,
    intake_data,
    make_record,
    review_data,
    vote,
    voters_of,
)
from tests.workflow.discipline_helpers import (
    add_cell_voters,
    announce,
    cast,
    complete,
    meeting,
    open_discipline,
    report,
    self_criticism,
    sign,
    state_proposal,
)
from tests.workflow.discipline_helpers import close_ballot as close_discipline_ballot
from tests.workflow.helpers import claim, declare, open_task, task_url

pytestmark = pytest.mark.django_db

SPAWN = "cases:complaint_from_discipline"


@pytest.fixture
def w(db):
    world = build_world()
    world["committee"] = world["ic"]  # the discipline helpers' name for the committee
    return world


def actions(case) -> list[str]:
    return list(JournalEntry.objects.filter(case=case).order_by("seq").values_list("action", flat=True))


def payloads(case, action) -> list[dict]:
    return [
        json.loads(p) for p in JournalEntry.objects.filter(case=case, action=action).values_list("payload", flat=True)
    ]


def page(client, user, case) -> str:
    client.force_login(user)
    response = client.get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == 200
    return response.content.decode()


def disciplined(client, w, *, form="warning"):
    """The cell disciplines the member through the real views of kind E: self-criticism,
    report, meeting, secret ballot of the cell's full members, decision, announcement (the
    record in force), the 5-day proposal; the case closes."""
    u = w["users"]
    cell = add_cell_voters(w, 4)
    case = open_discipline(client, w)
    self_criticism(client, w, case, form="reprimand")
    report(client, w, case, form=form)
    # 6 full members (the subject among them, present, holding a paper as a member of the
    # cell since issue 9 point 1, not cast here; one absent).
    meeting(client, w, case, [*cell, u["subject"]], total=6)
    for voter in cell:
        cast(client, voter, case, form)
    close_discipline_ballot(client, w, case)
    discipline = DisciplineCase.objects.get(case=case)
    # Within the cell's authority (rule book §6.3): decided, not proposed.
    assert (discipline.outcome, discipline.decided_form) == ("decided", form)
    sign(client, w, case)
    announce(client, w, case)
    record = DisciplineRecord.objects.get(case=case)
    assert (record.form, record.state, record.effective_on) == (form, "in_force", timezone.localdate())
    state_proposal(client, w, case)
    assert Case.objects.get(pk=case.pk).status == CaseStatus.CLOSED
    return case, record


def open_from(client, w, origin, *, user=None, expect=302, **data):
    client.force_login(user or w["users"]["staff"])
    url = reverse(SPAWN, args=[origin.pk])
    response = client.post(url, {"committee": w["ic"].pk, "note": "Đơn khiếu nại của đảng viên", **data})
    assert response.status_code == expect, response.content.decode()[:3000]
    if expect != 302:
        return response
    case = Case.objects.filter(kind=CaseKind.DISCIPLINE_COMPLAINT).latest("pk")
    assert response["Location"] == reverse("cases:detail", args=[case.pk])
    return case


def complained(client, w, origin, record, *, proposed="reduce", proposed_form="reprimand"):
    """The member's complaint, opened from the discipline case and carried to the meeting:
    the staff's set-up task registers it (sent and received today, within the 30 working days), the member in
    charge admits it, the team works with both sides and reviews it, the leader reports,
    the chair accepts the report."""
    u = w["users"]
    client.force_login(u["staff"])
    assert client.get(reverse(SPAWN, args=[origin.pk])).status_code == 200
    case = open_from(client, w, origin)
    assert case.status == CaseStatus.DRAFT and case.subject_member == record.member
    today = day(timezone.localdate())
    # The set-up form proposes the announcement day the discipline case recorded (§11b.1).
    record.refresh_from_db()
    assert record.announced_on is not None
    client.force_login(u["staff"])
    task = open_task(case, "intake")
    if task.owner_id is None:
        claim(client, task)
    assert client.get(task_url(task)).context["form"]["announced_on"].initial == record.announced_on
    announced = day(record.announced_on)
    data = intake_data(w, record, decision_received_on=today, announced_on=announced, sent_on=today, received_on=today)
    data.pop("committee")
    complete(client, u["staff"], case, "intake", data)
    for role in case.roles.filter(role__in=["leader", "member", "director"], revoked_at__isnull=True):
        declare(client, role.user, case)
    complete(client, u["director"], case, "check_admissibility", {"decision": "accept"})
    complete(
        client, u["member"], case, "meet_imposing_body", {"met_on": today, "minutes": pdf(), "file_obtained": "on"}
    )
    complete(client, u["member"], case, "meet_complainant", {"met_on": today, "minutes": pdf()})
    complete(client, u["member"], case, "review_aspects", review_data(form_verdict="right"))
    complete(
        client,
        u["leader"],
        case,
        "write_report",
        {"text": "Hình thức cảnh cáo là nặng", "proposed_outcome": proposed, "proposed_form": proposed_form},
    )
    complete(client, u["chair"], case, "review_report", {"decision": "accept"})
    assert Case.objects.get(pk=case.pk).status == CaseStatus.REPORTED
    return case


# --- the whole path ------------------------------------------------------------------------


def test_member_disciplined_complains_and_the_warning_is_reduced_to_a_reprimand(client, w):
    u = w["users"]
    origin, record = disciplined(client, w)
    # The discipline case offers the complaint once the record is in force.
    assert 'id="open-complaint"' in page(client, u["staff"], origin)

    case = complained(client, w, origin, record)
    complaint = Complaint.objects.get(case=case)
    assert complaint.record == record and complaint.sent_on <= complaint.filing_due_on
    assert complaint.announced_on == record.announced_on
    # 30 working days from the announcement, from the rule book (domain.md §11b.1).
    assert complaint.filing_due_on == due_on("F.file", record.announced_on)
    # One complaint at a time: the button is gone while this one is pending.
    assert 'id="open-complaint"' not in page(client, u["staff"], origin)
    # The discipline stays in force meanwhile (Charter Art. 39.9).
    assert DisciplineRecord.objects.get(pk=record.pk).state == "in_force"

    # The commune inspection committee meets: 6 members, all present, the team leader and
    # member among them with a paper (issue 9 point 1; before, they held none).
    members = body_members(w, w["ic"])
    assert len(members) == 6
    hold_meeting(client, w, case, members, on=timezone.localdate())
    ballot = Ballot.objects.get(case=case)
    assert [o["code"] for o in ballot.options] == ["increase:expulsion", "keep", "reduce:reprimand", "remove"]
    assert (ballot.count_base, ballot.present_count, ballot.voters_count) == (6, 6, 6)
    voters = voters_of(case)
    assert {v.pk for v in voters} == {m.pk for m in members}
    for voter in voters:
        html = page(client, voter, case)
        assert 'id="cast-link"' in html
        cast(client, voter, case, "reduce:reprimand")
    # Until the close nobody reads the count, not even the chair.
    html = page(client, u["chair"], case)
    assert "kt-sealed-tally" in html and "kt-tally" not in html
    assert DisciplineRecord.objects.get(pk=record.pk).state == "in_force"
    close_ballot(
        client, w, case, reasons="Hình thức cảnh cáo nặng so với tính chất vi phạm", file=pdf("kiem-phieu.pdf")
    )

    ballot.refresh_from_db()
    assert ballot.result == "reduce:reprimand" and ballot.tally["reduce:reprimand"] == 6  # the team too
    # Who voted and how are stored apart; the voters' role ended with the ballot.
    assert BallotParticipation.objects.filter(ballot=ballot).count() == BallotVote.objects.filter(ballot=ballot).count()
    assert not CaseRole.objects.filter(case=case, role="voter", revoked_at=None).exists()
    complete(
        client,
        u["staff"],
        case,
        "issue_decision",
        {"number": "07-QĐ/UBKT", "signed_on": day(timezone.localdate()), "file": pdf("qd-gq-kn.pdf")},
    )
    today = day(timezone.localdate())
    complete(
        client,
        u["staff"],
        case,
        "notify_decision",
        {
            "complainant_on": today,
            "imposing_body_on": today,
            "managing_org_on": today,
            "notice": pdf("thong-bao.pdf"),
            "restoration_notice": pdf("khoi-phuc.pdf"),
        },
    )
    assert Case.objects.get(pk=case.pk).status == CaseStatus.CLOSED

    # The old record is CHANGED; the reprimand in force replaces it, on the discipline case.
    record.refresh_from_db()
    assert record.state == DisciplineRecord.State.CHANGED and record.changed_by_case_id == case.pk
    new = record.replaced_by
    assert (new.form, new.state, new.replaces_id, new.case_id) == ("reprimand", "in_force", record.pk, origin.pk)
    assert new.decision_number == "07-QĐ/UBKT" and new.effective_on == timezone.localdate()
    # The member's record: the reprimand in force, the warning changed by the complaint.
    mine = records_of_subject(member=record.member)
    assert [(r.form, r.state) for r in mine.filter(state="in_force")] == [("reprimand", "in_force")]
    assert {(r.form, r.state) for r in mine} == {("reprimand", "in_force"), ("warning", "changed")}

    # Both cases journaled, chains intact.
    for journaled in (case, origin):
        done = actions(journaled)
        for action in ("complaint.outcome_applied", "complaint.decision_issued", "complaint.decision_notified"):
            assert action in done, (journaled.kind, action)
        assert verify_chain(journaled.pk) is None
    [applied] = payloads(origin, "complaint.outcome_applied")
    assert applied["complaint_case"] == case.pk and applied["form"] == {"before": "warning", "after": "reprimand"}
    assert applied["vote"]["ballot"] == ballot.pk and applied["vote"]["count_base"] == 6
    for action in ("complaint.meeting", "ballot.opened", "ballot.closed"):
        assert action in actions(case)
    assert actions(case).count("ballot.cast") == 6  # every member of the body, the team too (issue 9 point 1)

    # Linked both ways, each shown on the other's page under "Hồ sơ liên quan".
    assert CaseLink.objects.filter(source=origin, target=case, relation=CaseLink.Relation.COMPLAINT).count() == 1
    complaint_page, discipline_page = page(client, u["staff"], case), page(client, u["staff"], origin)
    assert origin.number in complaint_page and case.number in discipline_page
    assert reverse("cases:detail", args=[origin.pk]) in complaint_page
    assert reverse("cases:detail", args=[case.pk]) in discipline_page
    # The discipline case lists both records; the complaint card shows the tally after close.
    assert "Khiển trách – Đang có hiệu lực" in discipline_page
    assert "Cảnh cáo – Đã thay đổi theo quyết định giải quyết khiếu nại" in discipline_page
    assert "kt-tally" in complaint_page and "Giảm xuống “Khiển trách”" in complaint_page


# --- branches of the complaint ballot -------------------------------------------------------


def test_the_team_votes_on_the_complaint_ballot_as_members_of_the_body(client, w):
    """Issue 9 point 1 (domain.md §11b.2): F/vote ships switched off; the team's leader and
    member, members of the commune inspection committee, hold a paper and cast it."""
    u = w["users"]
    origin, record = disciplined(client, w)
    case = complained(client, w, origin, record)
    hold_meeting(client, w, case, body_members(w, w["ic"]), on=timezone.localdate())
    [opened] = payloads(case, "ballot.opened")
    assert opened["excluded"] == [] and {u["leader"].pk, u["member"].pk} <= set(opened["voters"])
    for who in ("leader", "member"):
        cast(client, u[who], case, "keep")
    assert BallotParticipation.objects.filter(ballot__case=case).count() == 2


def test_an_administrator_switching_f_vote_on_bars_the_team_again(client, w):
    u = w["users"]
    StepSeparation.objects.filter(kind="F", step="vote", excluded_role__in=["leader", "member"]).update(is_active=True)
    origin, record = disciplined(client, w)
    case = complained(client, w, origin, record)
    hold_meeting(client, w, case, body_members(w, w["ic"]), on=timezone.localdate())
    ballot = Ballot.objects.get(case=case)
    [opened] = payloads(case, "ballot.opened")
    excluded = {e["user"]: e["reason"] for e in opened["excluded"]}
    assert set(excluded) == {u["leader"].pk, u["member"].pk}
    assert "không biểu quyết giải quyết khiếu nại" in excluded[u["leader"].pk]  # StepSeparation F/vote
    for who in ("leader", "member"):
        cast(client, u[who], case, "keep", expect=403)
    # Even holding the voter's role (given by mistake), the leader is refused on the page
    # and by the service; nothing is written.
    access.grant_role(case=case, user=u["leader"], role=CaseRole.Role.VOTER)
    client.force_login(u["leader"])
    url = reverse("cases:ballot_cast", args=[case.pk, ballot.pk])
    assert 'id="vote-refusal"' in client.get(url).content.decode()
    response = client.post(url, {"option": "keep"})
    assert response.status_code == 200 and "không được thực hiện bước này" in response.content.decode()
    assert not BallotParticipation.objects.filter(ballot=ballot).exists()
    assert not BallotVote.objects.filter(ballot=ballot).exists()


def test_no_option_reaching_its_threshold_leads_to_a_new_round(client, w):
    u = w["users"]
    origin, record = disciplined(client, w)
    case = complained(client, w, origin, record)
    # 3 of 6 keep, 3 of 6 remove: neither is more than half of the base, and the votes to
    # remove (no form) are never summed with those for a form (issue 9 point 1). Votes split
    # between forms no longer leave a round undecided: they are summed down.
    vote(client, w, case, "remove", against=["keep"] * 3, on=timezone.localdate())
    first = Ballot.objects.get(case=case, round=1)
    assert not first.is_open and first.result == ""
    assert Complaint.objects.get(case=case).outcome == ""
    assert Case.objects.get(pk=case.pk).status == CaseStatus.REPORTED
    assert "complaint.no_decision" in actions(case) and "complaint.outcome_applied" not in actions(case)
    assert DisciplineRecord.objects.get(pk=record.pk).state == "in_force"
    html = page(client, u["chair"], case)
    assert 'id="complaint-undecided"' in html and "Không phương án nào đạt tỷ lệ" in html
    # The chair holds a new round; this time the body reduces the form.
    vote(client, w, case, "reduce:reprimand", on=timezone.localdate())
    second = Ballot.objects.get(case=case, round=2)
    assert second.result == "reduce:reprimand"
    assert DisciplineRecord.objects.get(pk=record.pk).state == "changed"
    assert Case.objects.get(pk=case.pk).status == CaseStatus.VOTED


def test_an_increase_beyond_the_bodys_authority_is_refused_and_referred_upward(client, w):
    u = w["users"]
    origin, record = disciplined(client, w)
    case = complained(client, w, origin, record, proposed="increase", proposed_form="expulsion")
    # A commune inspection committee may not decide expulsion (rule book §6.3): the option
    # is on the paper as a proposal to the higher body, needing two thirds.
    vote(client, w, case, "increase:expulsion", on=timezone.localdate())
    ballot = Ballot.objects.get(case=case)
    assert ballot.result == "increase:expulsion" and ballot.result_purpose == Ballot.Purpose.PROPOSE
    record.refresh_from_db()
    assert record.state == "in_force" and not DisciplineRecord.objects.filter(replaces=record).exists()
    assert Complaint.objects.get(case=case).outcome == ""
    [referred] = payloads(case, "complaint.referred_upward")
    assert "vượt thẩm quyền" in referred["refusal"]
    assert "complaint.outcome_applied" not in actions(origin)
    assert Case.objects.get(pk=case.pk).status == CaseStatus.REPORTED
    html = page(client, u["chair"], case)
    assert "cần đề nghị cấp ủy, ủy ban kiểm tra cấp trên" in html


# --- opening the complaint from the discipline case -----------------------------------------


def test_only_staff_who_may_open_cases_open_the_complaint_and_a_refusal_writes_nothing(client, w):
    u = w["users"]
    record = make_record(w)
    origin = record.case
    cases, links = Case.objects.count(), CaseLink.objects.count()
    # Someone the discipline case does not name gets 404, as for the case itself.
    for who in ("outsider", "subject", "leader"):
        c = Client()
        c.force_login(u[who])
        assert c.get(reverse(SPAWN, args=[origin.pk])).status_code == 404
        assert c.post(reverse(SPAWN, args=[origin.pk]), {"committee": w["ic"].pk}).status_code == 404
        assert 'id="open-complaint"' not in (c.get(reverse("cases:detail", args=[origin.pk])).content.decode())
    # Someone who may read the case but may open no case gets 403.
    reader = UserFactory(username="reader", password=None, full_name="Người đọc")
    access.grant_role(case=origin, user=reader, role=CaseRole.Role.STANDING)
    c = Client()
    c.force_login(reader)
    assert c.get(reverse(SPAWN, args=[origin.pk])).status_code == 403
    assert c.post(reverse(SPAWN, args=[origin.pk]), {"committee": w["ic"].pk}).status_code == 403
    assert 'id="open-complaint"' not in page(c, reader, origin)
    # A committee the clerk holds no seat on is not a choice.
    response = open_from(client, w, origin, expect=200, committee=w["other_ic"].pk)
    assert "committee" in response.context["form"].errors
    assert (Case.objects.count(), CaseLink.objects.count()) == (cases, links)
    case = open_from(client, w, origin)
    # The flow started with the staff set-up task, in the same transaction.
    assert open_task(case, "intake").owner_id is None
    # Not a discipline case: 404.
    open_from(client, w, case, expect=404)


def test_the_complaint_opens_only_on_a_decision_in_force_and_once_at_a_time(client, w):
    u = w["users"]
    record = make_record(w)
    origin = record.case
    DisciplineRecord.objects.filter(pk=record.pk).update(state=DisciplineRecord.State.EXPIRED)
    assert 'id="open-complaint"' not in page(client, u["staff"], origin)
    response = open_from(client, w, origin, expect=200)
    assert "chưa có quyết định kỷ luật đang có hiệu lực" in response.content.decode()
    DisciplineRecord.objects.filter(pk=record.pk).update(state=DisciplineRecord.State.IN_FORCE)
    assert 'id="open-complaint"' in page(client, u["staff"], origin)
    open_from(client, w, origin)
    cases = Case.objects.count()
    response = open_from(client, w, origin, expect=200)
    assert "đang được giải quyết" in response.content.decode()
    assert Case.objects.count() == cases
    assert 'id="open-complaint"' not in page(client, u["staff"], origin)
