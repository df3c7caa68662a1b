"""Sealed parties (issue 4 point 4): who reads a denouncer's identity, the chair's unseal
decisions with four-eyes and expiry, journaling of every reveal without the sealed values,
conflicts of interest, and notices generated without sealed data."""

import datetime
import json

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from inspections import access
from inspections.exceptions import AccessDenied, RuleViolation
from inspections.models import (
    CaseParty,
    JournalEntry,
    PartyDocument,
    ReviewStatus,
    UnsealRequest,
)
from inspections.selectors import parties as selectors
from inspections.selectors.conflicts import conflicts_of
from inspections.services import parties as services
from inspections.services.teams import conflict_declare, team_change
from people.models import CommitteeSeat
from tests.factories.cases import ConclusionFactory, RecommendationFactory
from tests.world import WorldBuilder

pytestmark = pytest.mark.django_db

NAME = "Bùi Thị Tố Giác"
ADDRESS = "Số 7 ngõ Kín, thôn Đông"
CONTACT = "0912 345 678 / tocao@example.vn"


@pytest.fixture
def case(open_case):
    return open_case()  # the team has declared no conflict


@pytest.fixture
def denouncer(world, case, pdf):
    return services.party_add(
        actor=world.staff,
        case=case,
        role=CaseParty.Role.DENOUNCER,
        full_name=NAME,
        address=ADDRESS,
        contact=CONTACT,
        received_on=timezone.localdate(),
        note="Đơn gửi qua bưu điện",
        scan=pdf("don-to-cao-bui-thi-to-giac.pdf"),
        scan_title="Đơn tố cáo viết tay của Bùi Thị Tố Giác",
    )


def _reads(case) -> int:
    return JournalEntry.objects.filter(case=case, action="sealed.read").count()


def _assert_no_sealed_value_in_journal(case):
    for entry in JournalEntry.objects.filter(case=case):
        for value in (NAME, ADDRESS, CONTACT, "Tố Giác", "0912", "don-to-cao"):
            assert value not in entry.payload, (entry.action, entry.payload)


def test_policy_gives_view_sealed_to_drafter_leader_and_chair_only():
    holders = {role for role, actions in access.POLICY.items() if "view_sealed" in actions}
    assert holders == {"drafter", "leader", "approver"}
    assert access.ROLE_PERMISSIONS["member"] == {"view_case", "work_case"}
    assert "view_sealed_case" in access.ROLE_PERMISSIONS["leader"]


def test_party_add_needs_work_and_journals_no_sealed_value(world, case, denouncer):
    assert denouncer.full_name == NAME and denouncer.scans.count() == 1
    # A team member with "work" may record a witness; the directing member, the auditor,
    # an outsider and the subject may not.
    services.party_add(actor=world.member2, case=case, role=CaseParty.Role.WITNESS, full_name="Người Làm Chứng")
    for user in (world.auditor, world.outsider, world.subject):
        with pytest.raises(AccessDenied):
            services.party_add(actor=user, case=case, role=CaseParty.Role.WITNESS, full_name="X Y Z")
    added = [json.loads(e.payload) for e in JournalEntry.objects.filter(case=case, action="party.added")]
    assert added[0] == {"party": denouncer.pk, "role": "denouncer", "received_on": str(timezone.localdate())}
    assert JournalEntry.objects.filter(case=case, action="party.scan_added").count() == 1
    _assert_no_sealed_value_in_journal(case)
    assert str(denouncer) == f"Người tố cáo #{denouncer.pk}"  # __str__ never carries the name


def test_party_add_checks_its_input(world, case):
    with pytest.raises(RuleViolation):
        services.party_add(actor=world.staff, case=case, role="denouncer", full_name="  ")
    with pytest.raises(RuleViolation):
        services.party_add(actor=world.staff, case=case, role="judge", full_name="Ai Đó")
    with pytest.raises(RuleViolation):
        services.party_add(
            actor=world.staff,
            case=case,
            role="denouncer",
            full_name="Ai Đó",
            received_on=timezone.localdate() + datetime.timedelta(days=1),
        )
    # A party member given by card only: the name comes from the member record.
    party = services.party_add(actor=world.staff, case=case, role="complainant", member=world.other_member)
    assert party.full_name == world.other_member.full_name
    # A team member cannot be recorded as a party of the case they investigate.
    with pytest.raises(RuleViolation, match="đang ở trong đoàn"):
        services.party_add(actor=world.staff, case=case, role="denouncer", member=world.member2.member)
    assert not CaseParty.objects.filter(case=case, member=world.member2.member).exists()


def test_drafter_leader_and_chair_read_the_identity_and_every_read_is_journaled(world, case, denouncer):
    for n, user in enumerate((world.staff, world.leader, world.chair, world.leader), start=1):
        identity = services.sealed_identity_read(actor=user, party=denouncer)
        assert identity["full_name"] == NAME and identity["address"] == ADDRESS and identity["contact"] == CONTACT
        assert identity["scans"][0]["title"] == "Đơn tố cáo viết tay của Bùi Thị Tố Giác"
        assert _reads(case) == n
    entry = JournalEntry.objects.filter(case=case, action="sealed.read").last()
    assert entry.actor_id == world.leader.pk
    assert json.loads(entry.payload) == {"party": denouncer.pk, "role": "denouncer", "via": "role"}
    _assert_no_sealed_value_in_journal(case)


def test_member_auditor_outsider_and_subject_cannot_read_and_nothing_is_journaled(world, case, denouncer):
    for user in (world.member2, world.auditor, world.outsider, world.subject):
        with pytest.raises(AccessDenied):
            services.sealed_identity_read(actor=user, party=denouncer)
        with pytest.raises(AccessDenied):
            services.sealed_scan_open(actor=user, party=denouncer, scan_pk=denouncer.scans.get().pk)
    assert _reads(case) == 0


def test_a_leader_who_has_not_declared_cannot_read(world, open_case, pdf):
    case = open_case(declare=False)
    party = services.party_add(actor=world.staff, case=case, role="denouncer", full_name=NAME)
    with pytest.raises(AccessDenied):
        services.sealed_identity_read(actor=world.leader, party=party)
    conflict_declare(actor=world.leader, case=case, has_conflict=False)
    assert services.sealed_identity_read(actor=world.leader, party=party)["full_name"] == NAME


def test_selector_masks_for_everyone_and_says_who_may_reveal(world, case, denouncer, django_assert_max_num_queries):
    services.party_add(actor=world.staff, case=case, role=CaseParty.Role.WITNESS, full_name="Đinh Văn Chứng")
    for user in (world.leader, world.chair):
        with django_assert_max_num_queries(8):
            rows = selectors.parties_of(user, case)
        assert [r.role for r in rows] == ["denouncer", "witness"]
        assert all(r.full_name == selectors.MASK and r.address == selectors.MASK for r in rows)
        assert all(r.may_reveal and not r.may_request for r in rows)
        assert rows[0].scan_count == 1
    for user in (world.member2, world.auditor):
        with django_assert_max_num_queries(8):
            rows = selectors.parties_of(user, case)
        assert all(r.full_name == selectors.MASK and not r.may_reveal and r.may_request for r in rows)
    assert _reads(case) == 0  # listing is not a read of sealed data


def test_member_requests_chair_approves_member_reads_until_expiry(world, case, denouncer):
    request = services.unseal_request(actor=world.member2, party=denouncer, reason="Cần xác minh trực tiếp")
    assert selectors.parties_of(world.member2, case)[0].request_pending
    with pytest.raises(AccessDenied):
        services.sealed_identity_read(actor=world.member2, party=denouncer)
    services.unseal_decide(actor=world.chair, request=request, approve=True, reason="Phục vụ xác minh")
    request.refresh_from_db()
    assert request.approved and request.decided_by == world.chair
    assert request.expires_at - request.decided_at == datetime.timedelta(hours=24)

    identity = services.sealed_identity_read(actor=world.member2, party=denouncer)
    assert identity["full_name"] == NAME
    entry = JournalEntry.objects.filter(case=case, action="sealed.read").get()
    assert entry.actor_id == world.member2.pk
    assert json.loads(entry.payload) == {
        "party": denouncer.pk,
        "role": "denouncer",
        "via": "unseal",
        "request": request.pk,
    }
    row = selectors.parties_of(world.member2, case)[0]
    assert row.may_reveal and row.grant_expires_at == request.expires_at
    # The grant covers that party only, and that requester only.
    other = services.party_add(actor=world.staff, case=case, role="witness", full_name="Đinh Văn Chứng")
    with pytest.raises(AccessDenied):
        services.sealed_identity_read(actor=world.member2, party=other)
    with pytest.raises(AccessDenied):
        services.sealed_identity_read(actor=world.auditor, party=denouncer)

    UnsealRequest.objects.filter(pk=request.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    with pytest.raises(AccessDenied):
        services.sealed_identity_read(actor=world.member2, party=denouncer)
    assert not selectors.parties_of(world.member2, case)[0].may_reveal
    assert _reads(case) == 1
    actions = list(
        JournalEntry.objects.filter(case=case, action__startswith="unseal.").values_list("action", flat=True)
    )
    assert actions == ["unseal.requested", "unseal.approved"]
    _assert_no_sealed_value_in_journal(case)


def test_grant_ends_with_the_requesters_access_to_the_case(world, case, denouncer):
    request = services.unseal_request(actor=world.member2, party=denouncer, reason="Cần xác minh")
    services.unseal_decide(actor=world.chair, request=request, approve=True, reason="Đồng ý")
    team_change(actor=world.chair, case=case, remove_members=[world.member2])
    with pytest.raises(AccessDenied):
        services.sealed_identity_read(actor=world.member2, party=denouncer)


def test_chair_refuses_with_a_reason(world, case, denouncer):
    request = services.unseal_request(actor=world.auditor, party=denouncer, reason="Kiểm soát hồ sơ")
    with pytest.raises(RuleViolation, match="lý do"):
        services.unseal_decide(actor=world.chair, request=request, approve=False, reason=" ")
    services.unseal_decide(actor=world.chair, request=request, approve=False, reason="Không cần thiết")
    request.refresh_from_db()
    assert request.approved is False and request.expires_at is None
    with pytest.raises(AccessDenied):
        services.sealed_identity_read(actor=world.auditor, party=denouncer)
    with pytest.raises(RuleViolation, match="đã được quyết định"):
        services.unseal_decide(actor=world.chair, request=request, approve=True, reason="Đổi ý")
    # After a refusal the requester may ask again.
    services.unseal_request(actor=world.auditor, party=denouncer, reason="Có căn cứ mới")


def test_only_the_chair_decides_and_never_on_their_own_request(world, case, denouncer):
    request = services.unseal_request(actor=world.member2, party=denouncer, reason="Cần xác minh")
    for user in (world.leader, world.staff, world.auditor, world.outsider):
        with pytest.raises(AccessDenied):
            services.unseal_decide(actor=user, request=request, approve=True, reason="Đồng ý")
    # The requester later becomes an approver of the case: still not on their own request.
    access.grant_role(case=case, user=world.member2, role="approver")
    with pytest.raises(RuleViolation, match="không được tự quyết định"):
        services.unseal_decide(actor=world.member2, request=request, approve=True, reason="Tự duyệt")
    request.refresh_from_db()
    assert request.decided_at is None
    # The database refuses it too.
    with pytest.raises(IntegrityError), transaction.atomic():
        UnsealRequest.objects.filter(pk=request.pk).update(
            decided_by=world.member2,
            decided_at=timezone.now(),
            approved=True,
            decision_reason="x",
            expires_at=timezone.now(),
        )


def test_unseal_request_rules(world, case, denouncer):
    with pytest.raises(RuleViolation, match="lý do"):
        services.unseal_request(actor=world.member2, party=denouncer, reason="  ")
    services.unseal_request(actor=world.member2, party=denouncer, reason="Cần xác minh")
    with pytest.raises(RuleViolation, match="đang chờ"):
        services.unseal_request(actor=world.member2, party=denouncer, reason="Nhắc lại")
    with pytest.raises(RuleViolation, match="đã được xem"):
        services.unseal_request(actor=world.leader, party=denouncer, reason="Thừa")
    for user in (world.outsider, world.subject):
        with pytest.raises(AccessDenied):
            services.unseal_request(actor=user, party=denouncer, reason="Tò mò")
    assert UnsealRequest.objects.count() == 1


def test_sealed_scan_opens_only_for_allowed_readers_and_is_journaled(world, case, denouncer):
    scan = denouncer.scans.get()
    assert scan.file.name.startswith("sealed/") and "to-giac" not in scan.file.name
    assert not case.documents.exists()  # never a case document
    assert services.sealed_scan_open(actor=world.leader, party=denouncer, scan_pk=scan.pk) == scan
    payload = json.loads(JournalEntry.objects.filter(case=case, action="sealed.read").get().payload)
    assert payload == {"party": denouncer.pk, "role": "denouncer", "scan": scan.pk, "via": "role"}
    with pytest.raises(PartyDocument.DoesNotExist):
        services.sealed_scan_open(actor=world.leader, party=denouncer, scan_pk=scan.pk + 1000)


def test_scan_upload_checks_type_and_needs_work(world, case, denouncer, pdf):
    with pytest.raises(RuleViolation, match="Loại tệp"):
        services.party_scan_add(actor=world.staff, party=denouncer, title="x", upload=pdf("a.html", b"<html></html>"))
    with pytest.raises(AccessDenied):
        services.party_scan_add(actor=world.auditor, party=denouncer, title="x", upload=pdf())
    scan = services.party_scan_add(
        actor=world.member2, party=denouncer, title="", upload=pdf("../x/bút\u202etích.html")
    )
    assert denouncer.scans.count() == 2
    assert scan.original_name == "búttích.html.pdf" and scan.title == scan.original_name


def _committee_user(world, username, name, card):
    build = WorldBuilder(term_start=datetime.date(2020, 10, 1), sex="F")
    return build.person(
        username, name, world.office_cell, card=card, seat=CommitteeSeat.Role.MEMBER, on=world.committee
    )


def test_conflicts_flag_a_denouncer_complainant_or_witness_who_is_a_party_member(world, case):
    denouncing = _committee_user(world, "tocao", "Hà Thị Tố", "DV-0201")
    witness = _committee_user(world, "lamchung", "Lý Văn Chứng", "DV-0202")
    other = _committee_user(world, "khac", "Mai Văn Khác", "DV-0203")
    services.party_add(actor=world.staff, case=case, role="denouncer", member=denouncing.member)
    services.party_add(actor=world.staff, case=case, role="witness", member=witness.member)
    services.party_add(actor=world.staff, case=case, role="other", member=other.member)
    for user in (denouncing, witness):
        reasons = conflicts_of(case, user)
        assert len(reasons) == 1 and "niêm phong" in reasons[0]
        # The reason does not say which party they are.
        assert "tố cáo" not in reasons[0] and "làm chứng" not in reasons[0]
        with pytest.raises(RuleViolation):
            team_change(actor=world.chair, case=case, add_members=[user])
    assert conflicts_of(case, other) == []
    assert conflicts_of(case, world.leader) == []


def test_notice_is_a_whitelist_and_masks_sealed_values_typed_into_free_text(world, case, denouncer):
    empty = selectors.notice_content(case, "public")
    assert empty["number"] == case.number and empty["conclusion"] == "" and empty["recommendations"] == []
    conclusion = ConclusionFactory(
        case=case,
        text=f"Nội dung tố cáo của bà {NAME} ({CONTACT}) là đúng một phần.",
        drafted_by=world.leader,
        reviewed_by=world.chair,
        status=ReviewStatus.ACCEPTED,
    )
    RecommendationFactory(conclusion=conclusion, text=f"Trả lời bà {NAME.upper()} tại {ADDRESS}")
    for audience in selectors.NOTICE_AUDIENCES:
        notice = selectors.notice_content(case, audience)
        text = json.dumps(notice, default=str, ensure_ascii=False)
        assert case.number in text and "đúng một phần" in text
        for value in (NAME, NAME.upper(), ADDRESS, CONTACT):
            assert value not in text
        assert set(notice) == {
            "audience",
            "audience_label",
            "number",
            "title",
            "committee",
            "concluded_on",
            "conclusion",
            "recommendations",
        }
    with pytest.raises(KeyError):
        selectors.notice_content(case, "everyone")
    assert _reads(case) == 0
