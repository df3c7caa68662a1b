"""Cells, party committees and standing committees open and handle their own cases (issue 9
point 9): the start views of A, B and D as a cell secretary, a standing-committee member and
a party-committee member; refusals that name the rule and write nothing; the rule table
switched off; access isolated between two cells; the start form's choices in constant
queries."""

import pytest
from django.urls import reverse

from inspections import access
from inspections.access.opening import openable_kinds
from inspections.exceptions import RuleViolation
from inspections.models import Case, CaseKind, CaseOpeningRule, CaseRole, JournalEntry, RuleChange
from inspections.services.proposals import PlanInput, inspection_propose
from inspections.services.reference_rows import reference_row_save
from people.models import Committee, CommitteeSeat
from tests.factories.people import UserFactory
from tests.workflow.denunciation_helpers import INTAKE_URL, intake_data
from tests.workflow.helpers import OPEN_URL, complete
from tests.workflow.three_phase_helpers import day, proposal_data, start_url
from tests.world import WorldBuilder

B = CaseKind.SIGNS_INSPECTION


@pytest.fixture
def bodies(world):
    """Two cells of the commune acting as bodies (secretary = chair, deputy), the commune's
    standing committee and party committee (executive), each with a seated member."""
    build = WorldBuilder(term_start=world["committee"].term_start)
    role = CommitteeSeat.Role
    cell_a, commune = world["cell"], world["commune"]
    cell_b = build.organisation("Chi bộ thôn 2", cell_a.level, commune)
    body_a = build.committee(cell_a, "Chi bộ thôn 1", "CB1", Committee.Kind.CELL)
    body_b = build.committee(cell_b, "Chi bộ thôn 2", "CB2", Committee.Kind.CELL)
    standing = build.committee(commune, "Ban Thường vụ Đảng ủy xã Thử", "BTVĐU", Committee.Kind.STANDING)
    executive = build.committee(commune, "Ban Chấp hành Đảng bộ xã Thử", "ĐU", Committee.Kind.EXECUTIVE)
    return {
        "cell_b": cell_b,
        "body_a": body_a,
        "body_b": body_b,
        "standing": standing,
        "executive": executive,
        "secretary_a": build.person("bithu_a", "Bùi Văn Một", cell_a, seat=role.CHAIR, on=body_a),
        "deputy_a": build.person("phobithu_a", "Quách Thị Hai", cell_a, seat=role.DEPUTY, on=body_a),
        "secretary_b": build.person("bithu_b", "Đinh Văn Ba", cell_b, seat=role.CHAIR, on=body_b),
        "member_b": build.member("Hà Văn Bốn", cell_b),
        "standing_chair": build.person("btv_chu", "Lò Văn Năm", commune, seat=role.CHAIR, on=standing),
        "standing_member": build.person("btv", "Mai Thị Sáu", commune, seat=role.MEMBER, on=standing),
        "executive_chair": build.person("bch_chu", "Cao Văn Bảy", commune, seat=role.CHAIR, on=executive),
        "executive_member": build.person("bch", "Lương Thị Tám", commune, seat=role.MEMBER, on=executive),
    }


def _propose_as(client, world, user, committee, *, leader, expect=302, members=(), **overrides):
    client.force_login(user)
    data = proposal_data(world, B, committee=committee.pk, leader=leader.pk, members=[m.pk for m in members])
    data.update(overrides)
    response = client.post(start_url(B), data)
    assert response.status_code == expect, response.content.decode()[:3000]
    return response


def _counts():
    return Case.objects.count(), JournalEntry.objects.count(), CaseRole.objects.count()


def test_cell_secretary_opens_signs_inspection_on_own_member_and_deputy_signs(client, world, bodies):
    secretary, deputy = bodies["secretary_a"], bodies["deputy_a"]
    _propose_as(client, world, secretary, bodies["body_a"], leader=secretary, members=[deputy])
    case = Case.objects.latest("pk")
    assert (case.kind, case.committee, case.subject_member) == (B, bodies["body_a"], world["subject_member"])
    assert case.number.endswith("/CB1") and case.jurisdiction_path == world["cell"].path
    approvers = set(case.roles.filter(role=CaseRole.Role.APPROVER).values_list("user__username", flat=True))
    assert approvers == {"bithu_a", "phobithu_a"}
    # The secretary drafted it: the deputy secretary signs "T/M chi bộ" (four eyes).
    for user in (secretary, deputy):
        client.force_login(user)
        client.post(reverse("cases:declare", args=[case.pk]), {"has_conflict": "0", "statement": ""})
    complete(client, deputy, case, "sign_decision", {"signed_on": day()})
    case.refresh_from_db()
    assert case.status == "decided"


def test_cell_numbering_is_per_body(client, world, bodies):
    secretary = bodies["secretary_a"]
    _propose_as(client, world, secretary, bodies["body_a"], leader=secretary)
    _propose_as(client, world, bodies["secretary_b"], bodies["body_b"], leader=bodies["secretary_b"],
                subject_card_number=bodies["member_b"].card_number)  # fmt: skip
    first, second = Case.objects.order_by("pk")
    assert (first.sequence, second.sequence) == (1, 1)
    assert first.number.endswith("/CB1") and second.number.endswith("/CB2")


def test_cell_refuses_a_member_of_another_cell_and_writes_nothing(client, world, bodies):
    before = _counts()
    response = _propose_as(
        client,
        world,
        bodies["secretary_b"],
        bodies["body_b"],
        leader=bodies["secretary_b"],
        expect=200,
        subject_card_number=world["subject_member"].card_number,
    )
    text = response.content.decode()
    assert "Chi bộ chỉ kiểm tra, giám sát, giải quyết tố cáo và xem xét kỷ luật đảng viên của chi bộ mình" in text
    assert "Chi bộ thôn 1" in text  # where to send it
    assert _counts() == before


def test_cell_may_not_inspect_an_organisation_but_may_supervise_itself(world, bodies):
    body_a = bodies["body_a"]
    refused = access.competence_refusal(body_a, B, member=None, organisation=world["cell"])
    assert refused and "Chi bộ chỉ lấy chính chi bộ mình làm đối tượng giám sát" in refused
    assert (
        access.competence_refusal(body_a, CaseKind.THEMATIC_SUPERVISION, member=None, organisation=world["cell"])
        is None
    )
    assert access.competence_refusal(body_a, CaseKind.THEMATIC_SUPERVISION, member=None, organisation=bodies["cell_b"])


@pytest.mark.parametrize("who", ["standing_member", "executive_member"])
def test_party_and_standing_committee_members_open_a_b_and_d(client, world, bodies, who):
    user = bodies[who]
    committee = bodies["standing" if who == "standing_member" else "executive"]
    client.force_login(user)
    open_data = {
        "committee": committee.pk,
        "title": "Kiểm tra việc chấp hành nguyên tắc tập trung dân chủ",
        "subject_card_number": "",
        "subject_organisation": world["cell"].pk,
        "key_areas": [proposal_data(world, B)["key_areas"][0]],
        "grounds": "Chương trình kiểm tra, giám sát năm 2026",
        "confidentiality": "normal",
        "leader": user.pk,
    }
    assert client.post(reverse(OPEN_URL), open_data).status_code == 302
    _propose_as(client, world, user, committee, leader=user)
    client.force_login(user)
    assert client.post(reverse(INTAKE_URL), intake_data(world, committee=committee.pk)).status_code == 302
    kinds = list(Case.objects.filter(committee=committee).order_by("pk").values_list("kind", flat=True))
    assert kinds == [CaseKind.PLANNED_INSPECTION, B, CaseKind.DENUNCIATION]
    chair = bodies["standing_chair" if who == "standing_member" else "executive_chair"]
    for case in Case.objects.filter(committee=committee):
        assert set(case.roles.filter(role=CaseRole.Role.APPROVER).values_list("user", flat=True)) == {chair.pk}


def test_cell_secretary_opens_planned_inspection_and_denunciation(client, world, bodies):
    secretary = bodies["secretary_a"]
    client.force_login(secretary)
    open_data = {
        "committee": bodies["body_a"].pk,
        "title": "Kiểm tra đảng viên chấp hành nghị quyết chi bộ",
        "subject_card_number": world["subject_member"].card_number,
        "subject_organisation": "",
        "key_areas": [proposal_data(world, B)["key_areas"][0]],
        "grounds": "Kế hoạch kiểm tra, giám sát năm 2026 của chi bộ",
        "confidentiality": "normal",
        "leader": secretary.pk,
    }
    assert client.post(reverse(OPEN_URL), open_data).status_code == 302
    assert client.post(reverse(INTAKE_URL), intake_data(world, committee=bodies["body_a"].pk)).status_code == 302
    kinds = list(Case.objects.filter(committee=bodies["body_a"]).order_by("pk").values_list("kind", flat=True))
    assert kinds == [CaseKind.PLANNED_INSPECTION, CaseKind.DENUNCIATION]


def test_committee_refuses_a_subject_outside_its_subtree(world, bodies):
    build = WorldBuilder(term_start=world["committee"].term_start)
    elsewhere = build.organisation("Đảng bộ xã Xa", world["commune"].level, world["province"])
    outsider = build.member("Vi Văn Xa", elsewhere)
    refused = access.competence_refusal(bodies["standing"], B, member=outsider, organisation=None)
    assert "Ban Thường vụ Đảng ủy xã Thử chỉ xem xét đảng viên, tổ chức đảng thuộc Đảng bộ xã Thử" in refused
    assert "Đảng bộ xã Xa" in refused


def test_access_isolated_between_two_cells(client, world, bodies):
    secretary = bodies["secretary_a"]
    _propose_as(client, world, secretary, bodies["body_a"], leader=secretary)
    case = Case.objects.latest("pk")
    u = world["users"]
    for stranger in (bodies["secretary_b"], u["chair"], u["staff"], bodies["standing_chair"]):
        assert not access.can(stranger, "view", case)
        assert not access.cases_visible_to(stranger).filter(pk=case.pk).exists()
        client.force_login(stranger)
        assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404
        assert case.number not in client.get(reverse("cases:index")).content.decode()
    client.force_login(secretary)
    client.post(reverse("cases:declare", args=[case.pk]), {"has_conflict": "0", "statement": ""})
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 200
    assert case.number in client.get(reverse("cases:index")).content.decode()


def test_rule_switched_off_bars_that_body_and_names_the_rule(client, world, bodies):
    secretary = bodies["secretary_a"]
    assert bodies["body_a"] in access.committees_open_for(secretary, B)
    row = CaseOpeningRule.objects.get(committee_kind=Committee.Kind.CELL, case_kind=B)
    row.allowed = False
    reference_row_save(actor=world["users"]["staff"], row=row)
    assert RuleChange.objects.filter(table="caseopeningrule", row_id=row.pk, action="update").exists()
    assert bodies["body_a"] not in access.committees_open_for(secretary, B)
    assert bodies["body_a"] in access.committees_open_for(secretary, CaseKind.PLANNED_INSPECTION)
    # The start of B is no longer offered to the secretary; A still is.
    client.force_login(secretary)
    assert client.get(start_url(B)).status_code == 403
    assert client.get(reverse(OPEN_URL)).status_code == 200
    before = _counts()
    with pytest.raises(RuleViolation) as refused:
        inspection_propose(
            actor=secretary,
            kind=B,
            committee=bodies["body_a"],
            title="Kiểm tra khi có dấu hiệu vi phạm",
            grounds="Phản ánh tại hội nghị chi bộ",
            subject_member=world["subject_member"],
            leader=secretary,
            plan=PlanInput(content="Việc sinh hoạt chi bộ", working_days=10, signs_source="supervision"),
        )
    message = str(refused.value)
    assert "Chi bộ — Kiểm tra khi có dấu hiệu vi phạm: không được lập hồ sơ" in message
    assert row.source in message
    assert _counts() == before


def test_cell_may_not_open_a_complaint_by_the_shipped_rule(client, world, bodies):
    row = CaseOpeningRule.objects.get(committee_kind=Committee.Kind.CELL, case_kind=CaseKind.DISCIPLINE_COMPLAINT)
    assert not row.allowed and row.provisional and "Điều 22" in row.source
    secretary = bodies["secretary_a"]
    assert not access.can_open_case(secretary, CaseKind.DISCIPLINE_COMPLAINT)
    assert access.can_open_case(bodies["standing_member"], CaseKind.DISCIPLINE_COMPLAINT)
    refused = access.rule_refusal(bodies["body_a"], CaseKind.DISCIPLINE_COMPLAINT)
    assert "chuyển đơn đến Ủy ban kiểm tra hoặc cấp ủy cấp trên của chi bộ" in refused


def test_every_pair_is_seeded_with_a_source_and_only_the_cell_complaint_bars(db):
    rows = CaseOpeningRule.objects.all()
    assert rows.count() == len(Committee.Kind.values) * len(CaseKind.values)
    assert all(row.source and row.provisional for row in rows)
    barred = {(r.committee_kind, r.case_kind) for r in rows.filter(allowed=False)}
    assert barred == {(Committee.Kind.CELL, CaseKind.DISCIPLINE_COMPLAINT)}


def test_a_missing_row_is_allowed(world, bodies):
    CaseOpeningRule.objects.filter(committee_kind=Committee.Kind.CELL, case_kind=B).delete()
    assert bodies["body_a"] in access.committees_open_for(bodies["secretary_a"], B)
    assert access.rule_refusal(bodies["body_a"], B) is None


def test_start_form_choices_in_constant_queries(client, world, bodies, django_assert_max_num_queries):
    build = WorldBuilder(term_start=world["committee"].term_start)
    secretary = bodies["secretary_a"]
    client.force_login(secretary)
    client.get(start_url(B))  # warm the session and caches
    with django_assert_max_num_queries(40) as few:
        assert client.get(start_url(B)).status_code == 200
    for n in range(4):
        cell = build.organisation(f"Chi bộ thêm {n}", world["cell"].level, world["commune"])
        body = build.committee(cell, f"Chi bộ thêm {n}", f"CT{n}", Committee.Kind.CELL)
        build.seat(body, secretary, CommitteeSeat.Role.CHAIR)
    build.seat(bodies["standing"], secretary, CommitteeSeat.Role.MEMBER)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(start_url(B))
    assert response.status_code == 200
    assert "Chi bộ thêm 3" in response.content.decode()


def test_a_refused_start_says_why_in_vietnamese(client, world, bodies):
    """The 403 of a start names the rule barring the user's body (issue 9: each refusal
    names the rule and what to do next), or says the user holds no seat that opens cases."""
    client.force_login(bodies["secretary_a"])
    response = client.get(reverse("workflow:flows:disciplinecomplaint:open_complaint:execute"))
    assert response.status_code == 403
    page = response.content.decode()
    assert "không được lập hồ sơ" in page and bodies["body_a"].name in page
    assert "Điều 22" in page and "chuyển đơn đến Ủy ban kiểm tra hoặc cấp ủy cấp trên của chi bộ" in page
    assert "Forbidden" not in page

    client.force_login(UserFactory(username="no_seat"))
    response = client.get(start_url(B))
    page = response.content.decode()
    assert response.status_code == 403
    assert "không giữ vị trí nào" in page and "Không có quyền truy cập" in page


def test_the_menus_openable_kinds_agree_with_can_open_case_for_every_kind(world, bodies):
    """The start links' two-query answer (access.opening.openable_kinds, issue 10) is the
    per-kind answer, for a cell secretary (the cell's complaint bar), a standing-committee
    member, the staff, a user with no seat, and after a rule row bars one more pair."""
    unseated = UserFactory(username="khongghe")
    people = [bodies["secretary_a"], bodies["standing_member"], world["users"]["staff"], unseated]

    def agree():
        for user in people:
            assert openable_kinds(user) == {kind for kind in CaseKind.values if access.can_open_case(user, kind)}

    agree()
    assert CaseKind.DISCIPLINE_COMPLAINT not in openable_kinds(bodies["secretary_a"])
    assert not openable_kinds(unseated)
    CaseOpeningRule.objects.filter(committee_kind=Committee.Kind.CELL, case_kind=B).update(allowed=False)
    agree()
    assert B not in openable_kinds(bodies["secretary_a"])
