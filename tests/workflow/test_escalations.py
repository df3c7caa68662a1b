"""Cross-kind links through the real views (issue 3 wiring): the chair opens the case an
approved outcome calls for from the origin case's page; the new case's flow starts with its
set-up task in the staff's queue; the link shows on both pages; a second attempt and
anyone but the approver are refused, and a refusal writes nothing."""

import pytest
from django.urls import reverse
from viewflow.workflow.models import Task

from inspections.models import Case, CaseKind, CaseLink, CaseStatus, DisciplineCase, JournalEntry
from tests.workflow.discipline_helpers import report
from tests.workflow.helpers import complete, declare, open_task
from tests.workflow.three_phase_helpers import carry_to_follow_up, conclusion_data, propose

pytestmark = pytest.mark.django_db
B = CaseKind.SIGNS_INSPECTION


def _written():
    return Case.objects.count(), CaseLink.objects.count(), JournalEntry.objects.count(), Task.objects.count()


def _page(client, user, case) -> str:
    client.force_login(user)
    response = client.get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _links_card(client, user, case) -> str:
    page = _page(client, user, case)
    start = page.index('id="links"')
    return page[start : page.index("</div>", start)]


def _assert_linked_both_ways(client, user, origin, spawned):
    assert spawned.number in _links_card(client, user, origin)
    assert origin.number in _links_card(client, user, spawned)


def _assert_in_staff_queue(client, world, case, step):
    task = open_task(case, step)
    assert task.owner_id is None  # anyone of the staff may claim it
    client.force_login(world["users"]["staff"])
    queue = client.get(reverse("workflow:queue")).content.decode()
    assert case.number in queue or f"/{task.process_id}/" in queue


def _assert_refused(client, users, url, data):
    before = _written()
    for user, codes in users:
        client.force_login(user)
        assert client.get(url).status_code in codes, user
        assert client.post(url, data).status_code in codes, user
    assert _written() == before


# --- B -> E --------------------------------------------------------------------------------
def _concluded_signs_case(client, world, **violation):
    case = propose(client, world, B)
    carry_to_follow_up_with(client, world, case, violation)
    return Case.objects.get(pk=case.pk)


def carry_to_follow_up_with(client, world, case, violation):
    import tests.workflow.three_phase_helpers as h

    if not violation:
        return carry_to_follow_up(client, world, case, "")
    original = h.conclusion_data
    h.conclusion_data = lambda recommendations="", **o: original(recommendations, **{**violation, **o})
    try:
        carry_to_follow_up(client, world, case, "")
    finally:
        h.conclusion_data = original


def _spawned_discipline(origin):
    return CaseLink.objects.get(source=origin, relation=CaseLink.Relation.DISCIPLINE).target


SETUP = {
    "violation": "Vi phạm phát hiện qua kiểm tra",
    "statute_category": "by_form",
    "subject_kind": "member",
}


def _setup_data(world):
    from tests.workflow.discipline_helpers import day

    u = world["users"]
    return {
        **SETUP,
        "violation_start": day(-30),
        "body_organisation": world["cell"].pk,
        "leader": u["leader"].pk,
        "members": [u["member"].pk],
    }


def test_signs_inspection_opens_a_merged_discipline_case(client, world):
    u = world["users"]
    origin = _concluded_signs_case(client, world)
    url = reverse("cases:escalate_inspection_discipline", args=[origin.pk])
    # The chair sees the button; the team does not.
    assert url in _page(client, u["chair"], origin)
    assert url not in _page(client, u["leader"], origin)
    # Team members, the drafter and an outsider are refused; nothing is written.
    _assert_refused(
        client,
        [(u["leader"], (403,)), (u["member"], (403,)), (u["staff"], (403,)), (u["outsider"], (404,))],
        url,
        {"merged": "on"},
    )

    client.force_login(u["chair"])
    assert "Kết hợp quy trình" in client.get(url).content.decode()
    response = client.post(url, {"merged": "on"})
    assert response.status_code == 302
    case = _spawned_discipline(origin)
    assert response["Location"] == reverse("cases:detail", args=[case.pk])
    assert case.kind == CaseKind.DISCIPLINE and case.status == CaseStatus.DRAFT
    assert case.subject_member_id == origin.subject_member_id
    discipline = DisciplineCase.objects.get(case=case)
    assert discipline.merged and discipline.self_criticism == "merged" and discipline.self_proposed_form == "warning"
    _assert_in_staff_queue(client, world, case, "complete_setup")
    _assert_linked_both_ways(client, u["chair"], origin, case)
    assert url not in _page(client, u["chair"], origin)  # the button is gone

    # A second attempt is refused and writes nothing.
    before = _written()
    client.force_login(u["chair"])
    response = client.post(url, {"merged": "on"})
    assert response.status_code == 200 and "Đã mở hồ sơ phát sinh" in response.content.decode()
    assert _written() == before

    # The merged case skips the self-criticism.
    complete(client, u["staff"], case, "complete_setup", _setup_data(world))
    case.refresh_from_db()
    assert case.status == CaseStatus.VERIFYING
    for role in case.roles.filter(role__in=["leader", "member"], revoked_at=None):
        declare(client, role.user, case)
    with pytest.raises(AssertionError):
        open_task(case, "self_criticism")
    report(client, world, case, form="warning")
    assert Case.objects.get(pk=case.pk).status == CaseStatus.REPORTED


def test_signs_inspection_opens_a_normal_discipline_case(client, world):
    u = world["users"]
    origin = _concluded_signs_case(client, world)
    url = reverse("cases:escalate_inspection_discipline", args=[origin.pk])
    client.force_login(u["chair"])
    assert client.post(url, {}).status_code == 302  # the chair chooses not to merge
    case = _spawned_discipline(origin)
    discipline = DisciplineCase.objects.get(case=case)
    assert not discipline.merged and discipline.self_criticism == "pending" and not discipline.self_proposed_form
    complete(client, u["staff"], case, "complete_setup", _setup_data(world))
    assert Case.objects.get(pk=case.pk).status == CaseStatus.SELF_CRITICISM
    for role in case.roles.filter(role__in=["leader", "member"], revoked_at=None):
        declare(client, role.user, case)
    assert open_task(case, "self_criticism")


def test_no_merge_offered_when_the_subject_did_not_admit(client, world):
    u = world["users"]
    origin = _concluded_signs_case(client, world, subject_admits="", self_proposed_form="")
    url = reverse("cases:escalate_inspection_discipline", args=[origin.pk])
    client.force_login(u["chair"])
    assert "Kết hợp quy trình" not in client.get(url).content.decode()
    assert client.post(url, {"merged": "on"}).status_code == 302  # the field is absent: normal path
    assert not DisciplineCase.objects.get(case=_spawned_discipline(origin)).merged


def test_no_discipline_case_without_a_required_discipline(client, world):
    u = world["users"]
    origin = _concluded_signs_case(client, world, discipline_required="", subject_admits="", self_proposed_form="")
    url = reverse("cases:escalate_inspection_discipline", args=[origin.pk])
    assert url not in _page(client, u["chair"], origin)
    before = _written()
    client.force_login(u["chair"])
    response = client.post(url, {})
    assert response.status_code == 200 and "chưa xác định phải xem xét kỷ luật" in response.content.decode()
    assert _written() == before


def test_conclusion_not_approved_yet_is_refused(client, world):
    u = world["users"]
    origin = propose(client, world, B)
    before = _written()
    client.force_login(u["chair"])
    response = client.post(reverse("cases:escalate_inspection_discipline", args=[origin.pk]), {})
    assert response.status_code == 200
    assert _written() == before
    assert conclusion_data  # helper import kept for readers: the violation fields come from it


# --- D -> E and D -> B -----------------------------------------------------------------------
def _concluded_denunciation(client, world, **flags):
    from tests.workflow import denunciation_helpers as d

    u = world["users"]
    case = d.register(client, world)
    d.carry_to_verifying(client, world, case)
    complete(client, u["member"], case, "verify", {**d.verdicts(case), "minutes": d.pdf("bien-ban-xac-minh.pdf")})
    complete(client, u["leader"], case, "write_team_report", {"text": "Báo cáo kết quả", "discussed_on": d.day()})
    complete(client, u["chair"], case, "review_team_report", {"decision": "accept", "note": ""})
    complete(
        client,
        u["leader"],
        case,
        "draft_conclusion",
        {"text": "Kết luận: tố cáo đúng", "violation_found": "on", "recommendations": "", **flags},
    )
    complete(client, u["chair"], case, "approve_conclusion", {"decision": "accept", "note": ""})
    return Case.objects.get(pk=case.pk)


BOTH = {"discipline_threshold": "on", "other_signs": "on", "other_signs_note": "Dấu hiệu buông lỏng quản lý"}
SIGNS = {"title": "Kiểm tra chi ủy khi có dấu hiệu buông lỏng quản lý", "grounds": "Kết luận giải quyết tố cáo"}


def test_denunciation_opens_a_discipline_case_and_an_inspection_upon_signs(client, world):
    from inspections.selectors.denunciations import awaiting_escalation

    u = world["users"]
    origin = _concluded_denunciation(client, world, **BOTH)
    to_e = reverse("cases:escalate_denunciation_discipline", args=[origin.pk])
    to_b = reverse("cases:escalate_denunciation_signs", args=[origin.pk])
    page = _page(client, u["chair"], origin)
    assert to_e in page and to_b in page
    assert list(awaiting_escalation(u["chair"])) == [origin]
    assert to_e not in _page(client, u["leader"], origin)
    refused = [(u["leader"], (403,)), (u["member"], (403,)), (u["staff"], (403,)), (u["outsider"], (404,))]
    _assert_refused(client, refused, to_e, {"confirm": "on"})
    _assert_refused(client, refused, to_b, SIGNS)

    # Bad input: no confirmation / no title: a form error, nothing written.
    before = _written()
    client.force_login(u["chair"])
    assert client.post(to_e, {}).status_code == 200
    assert client.post(to_b, {**SIGNS, "title": ""}).status_code == 200
    assert _written() == before

    # D -> E.
    assert client.post(to_e, {"confirm": "on"}).status_code == 302
    discipline = CaseLink.objects.get(source=origin, relation=CaseLink.Relation.DISCIPLINE).target
    assert discipline.kind == CaseKind.DISCIPLINE and discipline.status == CaseStatus.DRAFT
    assert discipline.subject_member_id == origin.subject_member_id
    assert not DisciplineCase.objects.get(case=discipline).merged
    _assert_in_staff_queue(client, world, discipline, "complete_setup")
    _assert_linked_both_ways(client, u["chair"], origin, discipline)

    # D -> B.
    client.force_login(u["chair"])
    assert client.post(to_b, SIGNS).status_code == 302
    signs = CaseLink.objects.get(source=origin, relation=CaseLink.Relation.ESCALATED).target
    assert (
        signs.kind == CaseKind.SIGNS_INSPECTION and signs.status == CaseStatus.DRAFT and signs.title == SIGNS["title"]
    )
    assert signs.subject_member_id == origin.subject_member_id
    _assert_in_staff_queue(client, world, signs, "complete_proposal")
    _assert_linked_both_ways(client, u["chair"], origin, signs)
    assert list(awaiting_escalation(u["chair"])) == []

    # Second attempts are refused; the buttons are gone.
    page = _page(client, u["chair"], origin)
    assert to_e not in page and to_b not in page
    before = _written()
    client.force_login(u["chair"])
    assert client.post(to_e, {"confirm": "on"}).status_code == 200
    assert client.post(to_b, SIGNS).status_code == 200
    assert _written() == before


def test_denunciation_without_flags_opens_nothing(client, world):
    u = world["users"]
    origin = _concluded_denunciation(client, world)
    page = _page(client, u["chair"], origin)
    assert "open-discipline" not in page and "open-signs" not in page
    before = _written()
    client.force_login(u["chair"])
    response = client.post(reverse("cases:escalate_denunciation_discipline", args=[origin.pk]), {"confirm": "on"})
    assert response.status_code == 200 and "không đề nghị xem xét kỷ luật" in response.content.decode()
    response = client.post(reverse("cases:escalate_denunciation_signs", args=[origin.pk]), SIGNS)
    assert response.status_code == 200 and "không ghi nhận dấu hiệu" in response.content.decode()
    assert _written() == before


def test_an_escalation_of_the_wrong_kind_is_not_found(client, world):
    u = world["users"]
    origin = _concluded_signs_case(client, world)
    client.force_login(u["chair"])
    assert client.post(reverse("cases:escalate_denunciation_discipline", args=[origin.pk]), {}).status_code == 404


# --- supervision (C1 log) -> B ---------------------------------------------------------------
def test_supervision_proposal_opens_an_inspection_upon_signs(client, world):
    from inspections.models import SignsProposal
    from inspections.selectors.supervision import signs_proposals_pending
    from tests.workflow.supervision_helpers import open_log

    u = world["users"]
    log = open_log(client, world)
    client.force_login(u["leader"])
    response = client.post(
        reverse("cases:supervision_propose", args=[log.pk]), {"content": "Dấu hiệu vi phạm về quản lý đất đai"}
    )
    assert response.status_code == 302
    proposal = SignsProposal.objects.get()
    url = reverse("cases:escalate_supervision_signs", args=[log.pk, proposal.pk])
    assert url in _page(client, u["chair"], log)
    assert url not in _page(client, u["leader"], log)
    refused = [(u["leader"], (403,)), (u["member"], (403,)), (u["staff"], (403,)), (u["outsider"], (404,))]
    _assert_refused(client, refused, url, SIGNS)
    # A proposal of another case, or none: not found.
    client.force_login(u["chair"])
    assert client.get(reverse("cases:escalate_supervision_signs", args=[log.pk, proposal.pk + 1])).status_code == 404
    # Bad input: a form error, nothing written.
    before = _written()
    assert client.post(url, {**SIGNS, "grounds": ""}).status_code == 200
    assert _written() == before

    assert "Dấu hiệu vi phạm về quản lý đất đai" in client.get(url).content.decode()  # the grounds, prefilled
    assert client.post(url, SIGNS).status_code == 302
    signs = CaseLink.objects.get(source=log, relation=CaseLink.Relation.ESCALATED).target
    assert signs.kind == CaseKind.SIGNS_INSPECTION and signs.status == CaseStatus.DRAFT
    assert signs.subject_member_id == log.subject_member_id and signs.title == SIGNS["title"]
    proposal.refresh_from_db()
    assert proposal.spawned_case == signs and proposal.spawned_by == u["chair"]
    assert list(signs_proposals_pending(u["chair"])) == []
    _assert_in_staff_queue(client, world, signs, "complete_proposal")
    _assert_linked_both_ways(client, u["chair"], log, signs)
    assert url not in _page(client, u["chair"], log)

    before = _written()
    client.force_login(u["chair"])
    response = client.post(url, SIGNS)
    assert response.status_code == 200 and "Đã mở hồ sơ kiểm tra theo đề nghị này" in response.content.decode()
    assert _written() == before


# --- supervision (C2 thematic) -> B ----------------------------------------------------------
def test_thematic_supervision_signs_open_an_inspection_upon_signs(client, world):
    from inspections.models import SignsProposal
    from tests.workflow.supervision_helpers import carry, open_thematic

    u = world["users"]
    case = open_thematic(client, world)
    carry(client, world, case, until="finalise_report")
    complete(
        client,
        u["leader"],
        case,
        "finalise_report",
        {"text": "Báo cáo kết quả", "signs_found": "on", "signs_content": "Chi sai quỹ 12 triệu đồng"},
    )
    complete(client, u["chair"], case, "review_report", {"decision": "accept"})
    proposal = SignsProposal.objects.get()
    url = reverse("cases:escalate_supervision_signs", args=[case.pk, proposal.pk])
    assert url in _page(client, u["chair"], case)
    _assert_refused(client, [(u["leader"], (403,)), (u["outsider"], (404,))], url, SIGNS)
    client.force_login(u["chair"])
    assert client.post(url, SIGNS).status_code == 302
    signs = CaseLink.objects.get(source=case, relation=CaseLink.Relation.ESCALATED).target
    assert signs.kind == CaseKind.SIGNS_INSPECTION and signs.status == CaseStatus.DRAFT
    _assert_in_staff_queue(client, world, signs, "complete_proposal")
    _assert_linked_both_ways(client, u["chair"], case, signs)
    before = _written()
    client.force_login(u["chair"])
    assert client.post(url, SIGNS).status_code == 200
    assert _written() == before
