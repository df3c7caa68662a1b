"""The regular supervision log (C1) and the proposals to open an inspection upon signs
(inspections.services.regular_supervision)."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from inspections.exceptions import AccessDenied, RuleViolation
from inspections.models import (
    Case,
    CaseKind,
    CaseLink,
    CaseStatus,
    JournalEntry,
    SignsProposal,
    SupervisionEntry,
    SupervisionLog,
)
from inspections.selectors.links import links_of
from inspections.selectors.supervision import entry_counts, signs_proposals_pending
from inspections.services import regular_supervision as services
from inspections.services.teams import conflict_declare

pytestmark = pytest.mark.django_db


@pytest.fixture
def log(world):
    case = services.log_open(
        actor=world.staff,
        committee=world.committee,
        title="Theo dõi đảng viên",
        grounds="Kế hoạch giám sát thường xuyên",
        subject_member=world.subject_member,
        keeper=world.leader,
        co_keepers=[world.member2],
    )
    for user in (world.leader, world.member2):
        conflict_declare(actor=user, case=case, has_conflict=False)
    return case


def test_log_open_makes_a_monitoring_case_keyed_by_committee_and_subject(world, log):
    assert (log.kind, log.status, log.decided_on, log.due_on) == (
        CaseKind.REGULAR_SUPERVISION,
        CaseStatus.MONITORING,
        None,
        None,
    )
    key = SupervisionLog.objects.get(case=log)
    assert (key.committee, key.subject_member, key.subject_organisation) == (
        world.committee,
        world.subject_member,
        None,
    )
    with pytest.raises(RuleViolation, match="đã mở sổ theo dõi"):
        services.log_open(
            actor=world.staff,
            committee=world.committee,
            title="Lần hai",
            grounds="G",
            subject_member=world.subject_member,
            keeper=world.leader,
        )
    # The database refuses a second key too, whatever a caller does.
    with pytest.raises(IntegrityError), transaction.atomic():
        SupervisionLog.objects.create(case=log, committee=world.committee, subject_member=world.subject_member)


def test_entry_add_rules(world, log):
    today = timezone.localdate()
    entry = services.entry_add(
        actor=world.member2, case=log, kind="observation", source="petition", occurred_on=today, text=" Đơn phản ánh "
    )
    assert (entry.method, entry.text) == ("indirect", "Đơn phản ánh")
    entry = services.entry_add(
        actor=world.leader, case=log, kind="observation", source="dialogue", occurred_on=today, text="Chất vấn"
    )
    assert entry.method == "direct"
    assert entry_counts(log) == {"observation": 2, "meeting": 0, "reminder": 0}
    refusals = [
        ({"kind": "meeting", "source": "press"}, "Chỉ nội dung ghi nhận qua theo dõi"),
        ({"kind": "observation", "source": ""}, "nguồn thông tin"),
        ({"kind": "escalation"}, "Loại ghi nhận không hợp lệ"),
        ({"kind": "reminder", "text": "  "}, "không được để trống"),
        ({"kind": "reminder", "occurred_on": today + datetime.timedelta(days=1)}, "sau ngày hôm nay"),
        ({"kind": "reminder", "occurred_on": datetime.date(2019, 1, 1)}, "trước nhiệm kỳ"),
    ]
    for overrides, message in refusals:
        arguments = {"actor": world.leader, "case": log, "occurred_on": today, "text": "Nội dung", **overrides}
        with pytest.raises(RuleViolation, match=message):
            services.entry_add(**arguments)
    for outsider in (world.chair, world.outsider, world.subject):
        with pytest.raises(AccessDenied):
            services.entry_add(actor=outsider, case=log, kind="meeting", occurred_on=today, text="x")
    assert SupervisionEntry.objects.count() == 2


def test_entries_only_on_an_open_log(world, log, open_case):
    planned = open_case()
    with pytest.raises(RuleViolation, match="không phải sổ theo dõi"):
        services.entry_add(actor=world.leader, case=planned, kind="meeting", occurred_on=timezone.localdate(), text="x")
    Case.objects.filter(pk=log.pk).update(status=CaseStatus.CLOSED)
    with pytest.raises(RuleViolation, match="đã đóng"):
        services.entry_add(actor=world.leader, case=log, kind="meeting", occurred_on=timezone.localdate(), text="x")


def test_escalation_to_c2_opens_a_linked_draft_with_its_detail_row(world, log):
    thematic = services.log_escalate_to_thematic(
        actor=world.member2, case=log, title="Chuyên đề", grounds="Theo dõi", reason="Chưa khắc phục"
    )
    assert (thematic.kind, thematic.status) == (CaseKind.THEMATIC_SUPERVISION, CaseStatus.DRAFT)
    assert thematic.thematic.report_received_on is None
    assert [(v.direction, v.other, v.relation) for v in links_of(world.member2, log)] == [
        ("out", thematic, CaseLink.Relation.ESCALATED)
    ]
    assert [(v.direction, v.other) for v in links_of(world.member2, thematic)] == [("in", log)]
    assert log.journal.filter(action="supervision.escalated").count() == 1
    with pytest.raises(AccessDenied):
        services.log_escalate_to_thematic(actor=world.chair, case=log, title="T", grounds="G", reason="R")
    with pytest.raises(RuleViolation, match="lý do"):
        services.log_escalate_to_thematic(actor=world.leader, case=log, title="T", grounds="G", reason=" ")


def test_signs_proposal_is_recorded_and_the_hook_opens_one_linked_b_case(world, log):
    proposal = services.log_propose_signs_inspection(actor=world.leader, case=log, content="Dấu hiệu vi phạm")
    assert list(signs_proposals_pending(world.chair)) == [proposal]
    assert list(signs_proposals_pending(world.outsider)) == []
    # Only the chair of the supervising committee opens the B case.
    for someone in (world.leader, world.staff, world.outsider):
        with pytest.raises(AccessDenied):
            services.signs_proposal_spawn(actor=someone, proposal=proposal, title="Kiểm tra", grounds="Đề nghị")
    with pytest.raises(RuleViolation, match="nội dung kiểm tra và căn cứ"):
        services.signs_proposal_spawn(actor=world.chair, proposal=proposal, title=" ", grounds="G")
    inspection = services.signs_proposal_spawn(
        actor=world.chair, proposal=proposal, title="Kiểm tra khi có dấu hiệu vi phạm", grounds="Đề nghị của tổ"
    )
    assert (inspection.kind, inspection.status, inspection.subject_member) == (
        CaseKind.SIGNS_INSPECTION,
        CaseStatus.DRAFT,
        world.subject_member,
    )
    proposal.refresh_from_db()
    assert (proposal.spawned_case, proposal.spawned_by) == (inspection, world.chair)
    assert CaseLink.objects.filter(source=log, target=inspection, relation=CaseLink.Relation.ESCALATED).exists()
    assert list(signs_proposals_pending(world.chair)) == []
    assert JournalEntry.objects.filter(case=log, action="supervision.signs_case_opened").count() == 1
    with pytest.raises(RuleViolation, match="Đã mở hồ sơ kiểm tra"):
        services.signs_proposal_spawn(actor=world.chair, proposal=proposal, title="Lần hai", grounds="G")
    assert Case.objects.filter(kind=CaseKind.SIGNS_INSPECTION).count() == 1


def test_empty_proposal_and_readers_are_refused(world, log):
    with pytest.raises(RuleViolation):
        services.log_propose_signs_inspection(actor=world.leader, case=log, content="   ")
    with pytest.raises(AccessDenied):
        services.log_propose_signs_inspection(actor=world.chair, case=log, content="Dấu hiệu")
    assert not SignsProposal.objects.exists()
