"""Sealed identities through the real views (issue 4 point 4): the denouncer recorded by
staff, revealed only by POST to the roles allowed and journaled each time, unsealed for
a team member by the chair until expiry, never in generated notices, never on the case
page, and not found at all by people the case does not name."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inspections import access
from inspections.models import CaseParty, CaseRole, JournalEntry, UnsealRequest
from people.models import User
from tests.factories.cases import ConclusionFactory, RecommendationFactory
from tests.workflow.conftest import pdf
from tests.workflow.helpers import declare, open_case
from tests.world import WORKFLOW_PASSWORD, WorldBuilder

pytestmark = pytest.mark.django_db

NAME = "Bùi Thị Tố Giác"
ADDRESS = "Số 7 ngõ Kín, thôn Đông"
CONTACT = "0912 345 678"
SCAN_TITLE = "Đơn viết tay của người tố cáo Giác"
SCAN_FILE = "don-to-cao-bui-giac.pdf"
SEALED = (NAME, ADDRESS, CONTACT, SCAN_TITLE, SCAN_FILE)
MASK = "[đã niêm phong]"


def _as(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _add_denouncer(client, world, case) -> CaseParty:
    client.force_login(world["users"]["staff"])
    response = client.post(
        reverse("cases:party_add", args=[case.pk]),
        {
            "role": "denouncer",
            "full_name": NAME,
            "member_card_number": "",
            "address": ADDRESS,
            "contact": CONTACT,
            "received_on": timezone.localdate().strftime("%d/%m/%Y"),
            "note": "Đơn gửi qua bưu điện",
            "scan": pdf(SCAN_FILE),
            "scan_title": SCAN_TITLE,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    party = CaseParty.objects.get(case=case)
    assert response["Location"] == reverse("cases:party", args=[case.pk, party.pk])
    return party


def _auditor(world) -> User:
    return WorldBuilder(term_start=world["committee"].term_start, password=WORKFLOW_PASSWORD).auditor(
        "auditor", "Kiểm Soát Viên", world["province"], days=30
    )


def _reads(case) -> int:
    return JournalEntry.objects.filter(case=case, action="sealed.read").count()


def _reveal(user, case, party):
    return _as(user).post(reverse("cases:party_reveal", args=[case.pk, party.pk]))


@pytest.fixture
def sealed_case(client, world):
    case = open_case(client, world)
    return case, _add_denouncer(client, world, case)


def test_staff_leader_and_chair_see_the_identity_only_by_a_journaled_reveal(world, sealed_case):
    case, party = sealed_case
    u = world["users"]
    for n, who in enumerate(("leader", "chair", "staff", "leader"), start=1):
        c = _as(u[who])
        listing = c.get(reverse("cases:parties", args=[case.pk])).content.decode()
        detail = c.get(reverse("cases:party", args=[case.pk, party.pk])).content.decode()
        assert MASK in listing and MASK in detail and "Xem danh tính" in detail
        assert not any(value in page for value in SEALED for page in (listing, detail))
        response = _reveal(u[who], case, party)
        assert response.status_code == 200
        page = response.content.decode()
        assert NAME in page and ADDRESS in page and CONTACT in page and SCAN_TITLE in page
        assert "no-store" in response["Cache-Control"]
        assert _reads(case) == n
    assert list(
        JournalEntry.objects.filter(case=case, action="sealed.read").values_list("actor__username", flat=True)
    ) == ["leader", "chair", "staff", "leader"]
    for entry in JournalEntry.objects.filter(case=case):
        assert not any(value in entry.payload for value in SEALED), entry.action


def test_reveal_is_post_only(world, sealed_case):
    case, party = sealed_case
    response = _as(world["users"]["leader"]).get(reverse("cases:party_reveal", args=[case.pk, party.pk]))
    assert response.status_code == 405
    assert _reads(case) == 0


def test_member_and_auditor_see_the_mask_and_cannot_reveal(world, sealed_case):
    case, party = sealed_case
    for user in (world["users"]["member"], _auditor(world)):
        c = _as(user)
        listing = c.get(reverse("cases:parties", args=[case.pk]))
        detail = c.get(reverse("cases:party", args=[case.pk, party.pk]))
        assert listing.status_code == 200 and detail.status_code == 200
        listing, detail = listing.content.decode(), detail.content.decode()
        assert MASK in listing and MASK in detail and "Xem danh tính" not in detail
        assert "Đề nghị mở niêm phong" in detail
        assert not any(value in page for value in SEALED for page in (listing, detail))
        assert _reveal(user, case, party).status_code == 403
    assert _reads(case) == 0


def test_member_requests_chair_approves_member_sees_until_expiry(world, sealed_case):
    case, party = sealed_case
    u = world["users"]
    member = _as(u["member"])
    response = member.post(reverse("cases:unseal_request", args=[case.pk, party.pk]), {"reason": ""})
    assert response.status_code == 200 and not UnsealRequest.objects.exists()
    response = member.post(
        reverse("cases:unseal_request", args=[case.pk, party.pk]), {"reason": "Cần gặp người tố cáo để xác minh"}
    )
    assert response.status_code == 302
    request = UnsealRequest.objects.get()
    assert "đang chờ" in member.get(reverse("cases:party", args=[case.pk, party.pk])).content.decode()
    assert _reveal(u["member"], case, party).status_code == 403

    chair = _as(u["chair"])
    listing = chair.get(reverse("cases:parties", args=[case.pk])).content.decode()
    assert "Cần gặp người tố cáo để xác minh" in listing
    decide_url = reverse("cases:unseal_decide", args=[case.pk, request.pk])
    assert chair.get(decide_url).status_code == 200
    response = chair.post(decide_url, {"decision": "1", "reason": ""})
    assert response.status_code == 200  # a reason is required
    response = chair.post(decide_url, {"decision": "1", "reason": "Phục vụ xác minh"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.approved and request.decided_by == u["chair"]

    response = _reveal(u["member"], case, party)
    assert response.status_code == 200 and NAME in response.content.decode()
    entry = JournalEntry.objects.filter(case=case, action="sealed.read").get()
    assert entry.actor == u["member"] and f'"request":{request.pk}' in entry.payload

    UnsealRequest.objects.filter(pk=request.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    assert _reveal(u["member"], case, party).status_code == 403
    page = member.get(reverse("cases:party", args=[case.pk, party.pk])).content.decode()
    assert NAME not in page and MASK in page and "Xem danh tính" not in page
    assert _reads(case) == 1


def test_only_the_chair_decides_and_never_on_their_own_request(world, sealed_case):
    case, party = sealed_case
    u = world["users"]
    _as(u["member"]).post(reverse("cases:unseal_request", args=[case.pk, party.pk]), {"reason": "Cần xác minh"})
    request = UnsealRequest.objects.get()
    decide_url = reverse("cases:unseal_decide", args=[case.pk, request.pk])
    for who in ("leader", "staff", "member"):
        assert _as(u[who]).post(decide_url, {"decision": "1", "reason": "Đồng ý"}).status_code == 403
    # The requester made an approver of the case still may not decide their own request.
    access.grant_role(case=case, user=u["member"], role=CaseRole.Role.APPROVER)
    response = _as(u["member"]).post(decide_url, {"decision": "1", "reason": "Tự duyệt"})
    assert response.status_code == 200 and "không được tự quyết định" in response.content.decode()
    request.refresh_from_db()
    assert request.decided_at is None


def _every_url(case, party, request):
    scan = party.scans.get()
    gets = [
        reverse("cases:parties", args=[case.pk]),
        reverse("cases:party_add", args=[case.pk]),
        reverse("cases:party", args=[case.pk, party.pk]),
        reverse("cases:party_scan_add", args=[case.pk, party.pk]),
        reverse("cases:unseal_request", args=[case.pk, party.pk]),
        reverse("cases:unseal_decide", args=[case.pk, request.pk]),
        *(reverse("cases:notice", args=[case.pk, a]) for a in ("subject", "denouncer", "public")),
    ]
    posts = [
        (reverse("cases:party_add", args=[case.pk]), {"role": "witness", "full_name": "X"}),
        (reverse("cases:party_reveal", args=[case.pk, party.pk]), {}),
        (reverse("cases:party_scan", args=[case.pk, party.pk, scan.pk]), {}),
        (reverse("cases:party_scan_add", args=[case.pk, party.pk]), {"title": "x"}),
        (reverse("cases:unseal_request", args=[case.pk, party.pk]), {"reason": "Tò mò"}),
        (reverse("cases:unseal_decide", args=[case.pk, request.pk]), {"decision": "1", "reason": "x"}),
    ]
    return gets, posts


def test_people_the_case_does_not_name_get_404_everywhere(world, sealed_case):
    case, party = sealed_case
    u = world["users"]
    _as(u["member"]).post(reverse("cases:unseal_request", args=[case.pk, party.pk]), {"reason": "Cần xác minh"})
    gets, posts = _every_url(case, party, UnsealRequest.objects.get())
    superuser = User.objects.create_superuser(username="root", password="pw-Kiemtra-2026!", full_name="Quản trị")
    before = JournalEntry.objects.filter(case=case).count()
    for user in (u["outsider"], u["subject"], superuser):
        c = _as(user)
        for url in gets:
            assert c.get(url).status_code == 404, (user.username, url)
        for url, data in posts:
            assert c.post(url, data).status_code == 404, (user.username, url)
    anonymous = Client()
    for url in gets:
        response = anonymous.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]
    assert JournalEntry.objects.filter(case=case).count() == before
    assert CaseParty.objects.filter(case=case).count() == 1 and UnsealRequest.objects.count() == 1


def test_named_people_lacking_the_action_get_403(world, sealed_case):
    case, party = sealed_case
    auditor = _as(_auditor(world))
    assert auditor.get(reverse("cases:party_add", args=[case.pk])).status_code == 403
    assert auditor.get(reverse("cases:party_scan_add", args=[case.pk, party.pk])).status_code == 403
    assert (
        auditor.post(reverse("cases:party_add", args=[case.pk]), {"role": "witness", "full_name": "X"}).status_code
        == 403
    )
    # A party of another case is not found through this case.
    assert auditor.get(reverse("cases:party", args=[case.pk, party.pk + 1000])).status_code == 404


def test_a_team_member_who_has_not_declared_is_sent_to_the_declaration(client, world):
    case = open_case(client, world, declare_team=False)
    declare(client, world["users"]["leader"], case)
    party = _add_denouncer(client, world, case)
    response = _reveal(world["users"]["member"], case, party)
    assert response.status_code == 302 and response["Location"].endswith(f"/cases/{case.pk}/declare/")
    assert _reads(case) == 0


def test_notices_carry_the_case_number_and_never_a_sealed_value(world, sealed_case):
    case, party = sealed_case
    u = world["users"]
    conclusion = ConclusionFactory(
        case=case,
        text=f"Nội dung đơn của bà {NAME} là đúng một phần; liên hệ {CONTACT}.",
        drafted_by=u["leader"],
        reviewed_by=u["chair"],
        status="accepted",
    )
    RecommendationFactory(conclusion=conclusion, text=f"Trả lời người tố cáo tại {ADDRESS}")
    for who in ("leader", "member"):
        c = _as(u[who])
        for audience in ("subject", "denouncer", "public"):
            response = c.get(reverse("cases:notice", args=[case.pk, audience]))
            assert response.status_code == 200
            page = response.content.decode()
            assert case.number in page and "đúng một phần" in page and "Trả lời người tố cáo" in page
            for value in SEALED:
                assert value not in page, (audience, value)
        assert c.get(reverse("cases:notice", args=[case.pk, "everyone"])).status_code == 404
    assert _reads(case) == 0


def test_sealed_scans_are_not_on_the_case_page_nor_downloadable_by_the_member(world, sealed_case):
    case, party = sealed_case
    u = world["users"]
    scan = party.scans.get()
    scan_url = reverse("cases:party_scan", args=[case.pk, party.pk, scan.pk])
    for who in ("member", "leader"):
        page = _as(u[who]).get(reverse("cases:detail", args=[case.pk])).content.decode()
        assert "Các bên liên quan" in page and "Người tố cáo" in page
        assert not any(value in page for value in SEALED)
    member = _as(u["member"])
    assert member.post(scan_url).status_code == 403
    assert member.get(scan_url).status_code == 405
    # The scan is no case document: the case document download does not find it.
    assert member.get(reverse("cases:document", args=[case.pk, scan.pk])).status_code == 404
    assert _reads(case) == 0

    response = _as(u["leader"]).post(scan_url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert _reads(case) == 1
    assert _as(u["leader"]).post(reverse("cases:party_scan", args=[case.pk, party.pk, scan.pk + 99])).status_code == 404


def test_a_denouncer_who_is_a_party_member_cannot_be_put_on_the_team(client, world):
    case = open_case(client, world)
    u = world["users"]
    build = WorldBuilder(
        term_start=datetime.date(2025, 7, 1),
        password=WORKFLOW_PASSWORD,
        born=datetime.date(1985, 1, 1),
        joined=datetime.date(2010, 1, 1),
        sex="F",
    )
    denouncing = build.person(
        "hato", "Hà Thị Tố", world["province"], card="T0001", seat="member", on=world["committee"]
    )
    client.force_login(u["staff"])
    response = client.post(
        reverse("cases:party_add", args=[case.pk]), {"role": "denouncer", "member_card_number": "T0001"}
    )
    assert response.status_code == 302
    client.force_login(u["chair"])
    response = client.post(reverse("cases:team", args=[case.pk]), {"add_members": [denouncing.pk]})
    assert response.status_code == 200
    page = response.content.decode()
    assert "là một bên liên quan của hồ sơ (thông tin được niêm phong)" in page
    assert not CaseRole.objects.filter(case=case, user=denouncing).exists()
    # A team member cannot be recorded as the denouncer of their own case.
    client.force_login(u["staff"])
    response = client.post(
        reverse("cases:party_add", args=[case.pk]),
        {"role": "denouncer", "member_card_number": u["member"].member.card_number},
    )
    assert response.status_code == 200 and "đang ở trong đoàn" in response.content.decode()
