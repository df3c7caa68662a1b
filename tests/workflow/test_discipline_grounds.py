"""Issue 9 points 7-8 through the real views: the grounds on the self-criticism and meeting
steps (deferral, a member declared missing, a deceased member, exemption), the case-page
actions (an exemption ground, the strike-off decision), a dismissal naming its post, an
expulsion ending the membership; two users for access."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.models import Process

from inspections.models import (
    Ballot,
    CaseStatus,
    DisciplineCase,
    DisciplineDeferral,
    DisciplineGroundRecord,
    DisciplineRecord,
    JournalEntry,
    StrikeOff,
)
from inspections.selectors import discipline as selectors
from people.models import PartyMember, Position
from tests.factories.people import PositionFactory
from tests.workflow.conftest import pdf
from tests.workflow.discipline_helpers import (
    add_cell_voters,
    add_committee_voters,
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
)
from tests.workflow.helpers import claim, open_task, task_url
from tests.workflow.test_discipline_access import assert_refused

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _page(client, user, case):
    client.force_login(user)
    return client.get(reverse("cases:detail", args=[case.pk])).content.decode()


def _no_open_task(case):
    process = Process.objects.get(caseprocess__case=case)
    assert process.finished is not None
    assert not process.task_set.exclude(status__in=["DONE", "CANCELED"]).exists()


def test_a_missing_member_is_concluded_then_deferred_on_the_step(client, world):
    u = world["users"]
    case = open_discipline(client, world)
    page = complete(
        client,
        u["member"],
        case,
        "self_criticism",
        {"outcome": "defer", "on": day(), "defer_reason": "missing"},
        expect=200,
    )
    assert "kết luận về vi phạm" in page.content.decode()
    assert not DisciplineDeferral.objects.filter(case=case).exists()
    complete(
        client,
        u["member"],
        case,
        "self_criticism",
        {
            "outcome": "defer",
            "on": day(),
            "defer_reason": "missing",
            "conclusion": "Vi phạm đến mức phải xem xét kỷ luật",
            "evidence": pdf("tuyen-bo-mat-tich.pdf"),
        },
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.SUSPENDED
    assert DisciplineCase.objects.get(case=case).statute_end_on == TODAY()
    assert "Vi phạm đến mức phải xem xét kỷ luật" in _page(client, u["chair"], case)
    complete(client, u["staff"], case, "resume", {"resumed_on": day(), "note": "Đảng viên đã trở về"})
    case.refresh_from_db()
    assert case.status == CaseStatus.SELF_CRITICISM and open_task(case, "self_criticism")


def test_the_father_ground_defers_at_the_meeting_and_the_step_lists_every_ground(client, world):
    u = world["users"]
    add_cell_voters(world, 3)
    case = open_discipline(client, world)
    self_criticism(client, world, case)
    report(client, world, case)
    client.force_login(u["chair"])
    task = open_task(case, "meeting")
    if task.owner_id is None:
        claim(client, task)
    form = client.get(task_url(task)).content.decode()
    for code in ("pregnancy", "maternity_leave", "child_under_12m", "father_child_under_12m", "serious_illness"):
        assert f'value="{code}"' in form
    data = {"outcome": "defer", "meeting_on": day(), "defer_reason": "father_child_under_12m", "note": "Vợ mất"}
    complete(client, u["chair"], case, "meeting", data)
    case.refresh_from_db()
    assert case.status == CaseStatus.SUSPENDED
    assert DisciplineDeferral.objects.get(case=case).ground_id == "father_child_under_12m"
    assert "Đảng viên nam nuôi con nhỏ" in _page(client, u["chair"], case)


def test_a_deceased_member_ends_the_case_without_discipline(client, world):
    u = world["users"]
    case = open_discipline(client, world)
    died = TODAY() - datetime.timedelta(days=3)
    data = {"outcome": "deceased", "on": day(), "died_on": died.strftime("%d/%m/%Y")}
    # Another committee's staff and the subject cannot record it; nothing is written.
    for who in ("outsider", "subject"):
        assert_refused(u[who], case, "self_criticism", data)
    complete(client, u["member"], case, "self_criticism", data)
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert DisciplineCase.objects.get(case=case).outcome == "deceased"
    member = PartyMember.objects.get(pk=world["subject_member"].pk)
    assert (member.status, member.left_on) == ("deceased", died)
    _no_open_task(case)
    page = _page(client, u["chair"], case)
    assert "Đảng viên từ trần: không kỷ luật" in page and 'id="discipline-grounds"' in page


def test_an_especially_serious_violation_of_a_deceased_member_goes_to_the_vote(client, world):
    u = world["users"]
    voters = add_cell_voters(world, 3)
    case = open_discipline(client, world)
    self_criticism(client, world, case)
    report(client, world, case)
    base = {"outcome": "deceased", "meeting_on": day(), "died_on": day(-1), "especially_serious": "on"}
    attendance = {"mode": "online", "present": [v.pk for v in voters]}
    complete(client, u["chair"], case, "meeting", {**base, **attendance}, expect=200)  # no reason: refused
    assert not DisciplineGroundRecord.objects.filter(case=case).exists()
    assert PartyMember.objects.get(pk=world["subject_member"].pk).status == "full"
    base["especially_serious_reason"] = "Gây hậu quả đặc biệt nghiêm trọng"
    complete(client, u["chair"], case, "meeting", {**base, **attendance})
    case.refresh_from_db()
    assert case.status == CaseStatus.VOTING
    assert Ballot.objects.filter(case=case, closed_at__isnull=True).exists()
    assert DisciplineGroundRecord.objects.get(case=case).especially_serious


def test_an_exemption_ground_on_the_case_page_then_the_body_exempts(client, world):
    u = world["users"]
    add_cell_voters(world, 3)
    case = open_discipline(client, world)
    self_criticism(client, world, case)
    report(client, world, case)
    url = reverse("cases:discipline_exemption", args=[case.pk])
    assert 'id="record-exemption"' in _page(client, u["chair"], case)
    assert 'id="record-exemption"' not in _page(client, u["member"], case)  # "approve" is the chair's
    client.force_login(u["member"])
    assert client.get(url).status_code == 403
    client.force_login(u["outsider"])
    assert client.get(url).status_code == 404
    client.force_login(u["chair"])
    assert client.get(url).status_code == 200
    data = {"ground": "superior_decision_objected", "note": "Đã có văn bản không đồng ý"}
    response = client.post(url, data)
    assert response.status_code == 200 and "Văn bản đã báo cáo" in response.content.decode()
    assert not DisciplineGroundRecord.objects.filter(case=case).exists()
    assert client.post(url, {**data, "file": pdf("y-kien.pdf")}).status_code == 302
    # The meeting exempts: minutes required.
    exempt = {"outcome": "exempt", "meeting_on": day(), "note": "Hội nghị quyết định miễn kỷ luật"}
    complete(client, u["chair"], case, "meeting", exempt, expect=200)
    complete(client, u["chair"], case, "meeting", {**exempt, "file": pdf("bien-ban.pdf")})
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert DisciplineCase.objects.get(case=case).outcome == "exempted"
    assert not Ballot.objects.filter(case=case).exists()
    _no_open_task(case)
    assert "Miễn kỷ luật theo căn cứ" in _page(client, u["chair"], case)


def _committee_decides(client, world, form):
    """The province inspection committee (province.inspection, which dismisses and expels
    from 1/7/2025) votes `form` unanimously."""
    present = add_province_voters(world, 3)
    case = open_discipline(client, world, body_committee=world["province_committee"].pk, body_organisation="")
    self_criticism(client, world, case, form=form)
    report(client, world, case, form=form)
    meeting(client, world, case, present, total=3)
    for voter in present:
        cast(client, voter, case, form)
    close_ballot(client, world, case)
    assert DisciplineCase.objects.get(case=case).decided_form == form
    return case


def test_a_dismissal_decision_names_the_post_it_ends(client, world):
    u = world["users"]
    member = world["subject_member"]
    named = PositionFactory(member=member, organisation=world["commune"], kind="committee_member", started_on=TODAY())
    kept = PositionFactory(member=member, organisation=world["cell"], kind="secretary", started_on=TODAY())
    case = _committee_decides(client, world, "dismissal")
    complete(client, u["chair"], case, "sign_decision", {"number": "3-QĐ/UBKT", "signed_on": day()}, expect=200)
    complete(
        client, u["chair"], case, "sign_decision", {"number": "3-QĐ/UBKT", "signed_on": day(), "positions": [named.pk]}
    )
    announce(client, world, case)
    assert Position.objects.get(pk=named.pk).ended_on == TODAY()
    assert Position.objects.get(pk=kept.pk).ended_on is None
    record = DisciplineRecord.objects.get(case=case)
    assert "Thôi giữ chức vụ" in record.membership_effect
    assert "kt-membership" in _page(client, u["chair"], case)


def test_an_expelled_member_leaves_the_cell_count_base(client, world):
    u = world["users"]
    add_committee_voters(world, 0)
    before = selectors.body_size(committee=None, organisation=world["cell"], on=TODAY())
    case = _committee_decides(client, world, "expulsion")
    complete(client, u["chair"], case, "sign_decision", {"number": "4-QĐ/UBKT", "signed_on": day()})
    assert PartyMember.objects.get(pk=world["subject_member"].pk).status == "full"  # not yet in force
    announce(client, world, case)
    member = PartyMember.objects.get(pk=world["subject_member"].pk)
    assert (member.status, member.left_on) == ("expelled", TODAY())
    assert selectors.body_size(committee=None, organisation=world["cell"], on=TODAY()) == before - 1
    assert u["subject"] not in selectors.body_voters(committee=None, organisation=world["cell"], on=TODAY())
    assert "Chấm dứt tư cách đảng viên" in _page(client, u["chair"], case)


def test_a_probationary_ballot_offers_no_strike_off_and_the_strike_off_is_its_own_decision(client, world):
    u = world["users"]
    voters = add_cell_voters(world, 3)
    PartyMember.objects.filter(pk=world["subject_member"].pk).update(status=PartyMember.Status.PROBATIONARY)
    case = open_discipline(client, world)
    self_criticism(client, world, case, form="warning")
    report(client, world, case, form="warning")
    meeting(client, world, case, voters, total=3)
    ballot = Ballot.objects.get(case=case)
    assert [o["code"] for o in ballot.options] == ["warning", "reprimand", "none"]
    client.force_login(voters[0])
    assert "strike_off" not in client.get(reverse("cases:ballot_cast", args=[case.pk, ballot.pk])).content.decode()

    url = reverse("cases:strike_off", args=[case.pk])
    assert 'id="strike-off"' in _page(client, u["chair"], case)
    assert 'id="strike-off"' not in _page(client, u["member"], case)
    data = {
        "body_label": "Chi bộ thôn 1",
        "number": "01-QĐ/CB",
        "reason": "Không còn đủ tư cách đảng viên",
        "decided_on": day(),
        "effective_on": day(),
        "file": pdf("xoa-ten.pdf"),
    }
    client.force_login(u["member"])
    assert client.post(url, data).status_code == 403
    assert not StrikeOff.objects.exists()
    client.force_login(u["chair"])
    assert client.post(url, {**data, "file": pdf("xoa-ten.pdf")}).status_code == 302
    member = PartyMember.objects.get(pk=world["subject_member"].pk)
    assert (member.status, member.left_on) == ("struck", TODAY())
    assert "member.struck_off" in JournalEntry.objects.filter(case=case).values_list("action", flat=True)
    assert 'id="strike-offs"' in _page(client, u["chair"], case)


def test_a_full_member_is_refused_a_strike_off_with_the_rule(client, world):
    u = world["users"]
    case = open_discipline(client, world)
    client.force_login(u["chair"])
    data = {
        "body_label": "Chi bộ thôn 1",
        "reason": "Không đủ tư cách",
        "decided_on": day(),
        "effective_on": day(),
        "file": pdf("xoa-ten.pdf"),
    }
    response = client.post(reverse("cases:strike_off", args=[case.pk]), data)
    assert response.status_code == 200 and "phải khai trừ" in response.content.decode()
    assert not StrikeOff.objects.exists()
    assert PartyMember.objects.get(pk=world["subject_member"].pk).status == "full"
