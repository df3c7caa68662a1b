"""Thematic supervision (C2) rules at the service level
(inspections.services.thematic_supervision): the clock started by the subject's report
under the rule in force that day, the extension, the signs proposal, four-eyes."""

import dataclasses
import datetime

import pytest
from django.utils import timezone

from inspections import deadlines, rulebook
from inspections.deadlines import province_of
from inspections.exceptions import AccessDenied, RuleViolation
from inspections.models import (
    AdditionRequest,
    CaseStatus,
    DeadlineExtension,
    SignsProposal,
    SupervisionMeeting,
)
from inspections.services import supervision_results as results
from inspections.services import thematic_supervision as services
from inspections.services.teams import conflict_declare
from tests.factories.rules import HolidayFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def thematic(world):
    def _open(**overrides):
        arguments = {
            "actor": world.staff,
            "committee": world.committee,
            "title": "Giám sát chuyên đề",
            "grounds": "Chương trình giám sát",
            "subject_organisation": world.cell,
            "leader": world.leader,
            "members": [world.member2],
        }
        arguments.update(overrides)
        case = services.thematic_open(**arguments)
        for user in (world.leader, world.member2):
            conflict_declare(actor=user, case=case, has_conflict=False)
        return case

    return _open


def _to_report(world, case, pdf, received_on=None):
    today = timezone.localdate()
    services.thematic_decision_sign(actor=world.chair, case=case, signed_on=today)
    services.group_meeting_record(
        actor=world.leader, case=case, met_on=today, method="Nghiên cứu", assignments="Phân công", sent_on=today
    )
    services.subject_report_receive(actor=world.member2, case=case, received_on=received_on or today, upload=pdf())
    case.refresh_from_db()
    return case


def test_clock_starts_at_the_subjects_report_under_the_rule_in_force_that_day(world, thematic, pdf, monkeypatch):
    case = thematic()
    today = timezone.localdate()
    seen = []
    original = rulebook.time_limit

    def spy(code, *, on, province=None, level=""):
        seen.append((code, on, province))
        return original(code, on=on, province=province, level=level)

    monkeypatch.setattr(rulebook, "time_limit", spy)
    # A holiday inside the window moves the due date by one working day.
    HolidayFactory(day=today + datetime.timedelta(days=7 if today.weekday() < 5 else 9), name="Nghỉ bù")
    case = _to_report(world, case, pdf)
    assert case.clock_started_on == today
    assert ("C2.resolve", today, world.province) in seen
    assert province_of(case) == world.province
    assert case.due_on == deadlines.due_on("C2.resolve", today, province=world.province)
    assert case.thematic.report_received_on == today
    assert case.status == CaseStatus.SUBJECT_REPORTED


def test_decision_is_never_signed_by_its_drafter_nor_before_there_is_a_group(world, thematic):
    case = thematic()
    with pytest.raises(AccessDenied):
        services.thematic_decision_sign(actor=world.staff, case=case, signed_on=timezone.localdate())
    from inspections import access

    access.grant_role(case=case, user=world.staff, role="approver")
    with pytest.raises(RuleViolation, match="không được tự ký"):
        services.thematic_decision_sign(actor=world.staff, case=case, signed_on=timezone.localdate())
    with pytest.raises(RuleViolation, match="trước ngày lập"):
        services.thematic_decision_sign(
            actor=world.chair, case=case, signed_on=timezone.localdate() - datetime.timedelta(days=1)
        )


def test_set_up_only_once_and_only_in_draft(world, thematic, pdf):
    case = thematic()
    with pytest.raises(RuleViolation, match="đã có tổ giám sát"):
        services.thematic_set_up(actor=world.staff, case=case, leader=world.leader)
    services.thematic_decision_sign(actor=world.chair, case=case, signed_on=timezone.localdate())
    with pytest.raises(RuleViolation, match="đã được ký"):
        services.thematic_set_up(actor=world.staff, case=case, leader=world.leader)


def test_study_and_additions_rules(world, thematic, pdf):
    case = _to_report(world, thematic(), pdf)
    today = timezone.localdate()
    with pytest.raises(RuleViolation, match="Không có yêu cầu bổ sung"):
        results.additions_receive(actor=world.member2, case=case, received_on=today, upload=pdf())
    request = results.report_study(
        actor=world.member2, case=case, findings=[], additions="Bổ sung số liệu", requested_on=today
    )
    assert request.received_on is None
    with pytest.raises(RuleViolation, match="Đang chờ đối tượng bổ sung"):
        results.result_draft(actor=world.leader, case=case, text="Dự thảo")
    with pytest.raises(RuleViolation, match="không ở bước nghiên cứu"):
        results.report_study(actor=world.member2, case=case, findings=[("strength", "Tốt")])
    with pytest.raises(RuleViolation, match="văn bản bổ sung"):
        results.additions_receive(actor=world.member2, case=case, received_on=today, upload=None)
    results.additions_receive(actor=world.member2, case=case, received_on=today, upload=pdf())
    assert AdditionRequest.objects.get().received_by == world.member2
    with pytest.raises(RuleViolation, match="Loại nhận xét"):
        results.report_study(actor=world.member2, case=case, findings=[("praise", "Tốt")])
    results.report_study(actor=world.member2, case=case, findings=[("strength", "Đầy đủ")])
    results.result_draft(actor=world.leader, case=case, text="Dự thảo")
    case.refresh_from_db()
    assert case.status == CaseStatus.RESULT_DRAFTED


def _to_meeting(world, case, pdf):
    case = _to_report(world, case, pdf)
    results.report_study(actor=world.member2, case=case, findings=[("shortcoming", "Chậm")])
    results.result_draft(actor=world.leader, case=case, text="Dự thảo")
    results.subject_meeting_record(
        actor=world.member2,
        case=case,
        held_on=timezone.localdate(),
        group_present=[world.leader],
        subject_committee_present="Bí thư chi bộ",
        summary="Thảo luận",
    )
    return case


def test_meeting_attendance_is_the_group_and_the_subjects_committee(world, thematic, pdf):
    case = _to_report(world, thematic(), pdf)
    results.report_study(actor=world.member2, case=case, findings=[("shortcoming", "Chậm")])
    results.result_draft(actor=world.leader, case=case, text="Dự thảo")
    today = timezone.localdate()
    base = {"actor": world.member2, "case": case, "held_on": today, "summary": "Thảo luận"}
    with pytest.raises(RuleViolation, match="không thuộc tổ giám sát"):
        results.subject_meeting_record(**base, group_present=[world.chair], subject_committee_present="Bí thư")
    with pytest.raises(RuleViolation, match="cấp ủy của tổ chức"):
        results.subject_meeting_record(**base, group_present=[world.leader])
    with pytest.raises(RuleViolation, match="thành viên tổ giám sát có mặt"):
        results.subject_meeting_record(**base, group_present=[], subject_committee_present="Bí thư")
    assert not SupervisionMeeting.objects.exists()


def test_accepting_a_report_with_signs_records_the_proposal_by_its_author(world, thematic, pdf):
    case = _to_meeting(world, thematic(), pdf)
    results.result_report_finalise(
        actor=world.leader, case=case, text="Báo cáo", signs_found=True, signs_content="Dấu hiệu chi sai"
    )
    with pytest.raises(AccessDenied):
        results.result_report_review(actor=world.leader, case=case, accept=True)
    results.result_report_review(actor=world.chair, case=case, accept=True)
    proposal = SignsProposal.objects.get()
    assert (proposal.origin, proposal.proposed_by, proposal.content) == (case, world.leader, "Dấu hiệu chi sai")
    assert case.journal.filter(action="supervision.signs_proposed").get().actor == world.chair


def test_report_without_signs_gives_no_proposal_and_signs_need_content(world, thematic, pdf):
    case = _to_meeting(world, thematic(), pdf)
    with pytest.raises(RuleViolation, match="dấu hiệu"):
        results.result_report_finalise(actor=world.leader, case=case, text="Báo cáo", signs_found=True)
    results.result_report_finalise(actor=world.leader, case=case, text="Báo cáo", signs_found=False)
    results.result_report_review(actor=world.chair, case=case, accept=True)
    assert not SignsProposal.objects.exists()


def test_extension_once_by_the_rule_before_the_due_date(world, thematic, pdf, monkeypatch):
    case = thematic()
    with pytest.raises(RuleViolation, match="chưa bắt đầu tính"):
        services.deadline_extend(actor=world.chair, case=case, reason="Lý do")
    case = _to_report(world, case, pdf)
    with pytest.raises(AccessDenied):
        services.deadline_extend(actor=world.leader, case=case, reason="Lý do")
    with pytest.raises(RuleViolation, match="lý do"):
        services.deadline_extend(actor=world.chair, case=case, reason=" ")
    due = case.due_on
    extension = services.deadline_extend(actor=world.chair, case=case, reason="Phức tạp")
    limit = rulebook.time_limit("C2.resolve", on=case.clock_started_on)
    # At most the rule's allowance (HD 02-HD/UBKTTW: <= 1/3 of the limit).
    assert limit.extension_amount * 3 <= limit.amount
    assert extension.due_after == deadlines.due_on("C2.resolve", case.clock_started_on, extension=True)
    assert extension.due_before == due
    with pytest.raises(RuleViolation, match="hết số lần"):
        services.deadline_extend(actor=world.chair, case=case, reason="Lần hai")
    assert DeadlineExtension.objects.count() == 1


def test_extension_refused_after_the_due_date_and_when_the_rule_allows_none(world, thematic, pdf, monkeypatch):
    case = _to_report(world, thematic(), pdf)
    late = case.due_on + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: late)
    with pytest.raises(RuleViolation, match="Đã quá hạn"):
        services.deadline_extend(actor=world.chair, case=case, reason="Muộn")
    monkeypatch.undo()
    strict = dataclasses.replace(rulebook.DEFAULT_TIME_LIMITS["C2.resolve"], extension_amount=0, extension_times=0)
    monkeypatch.setattr(rulebook, "time_limit", lambda code, *, on, province=None, level="": strict)
    with pytest.raises(RuleViolation, match="hết số lần"):
        services.deadline_extend(actor=world.chair, case=case, reason="Không được")
    assert not DeadlineExtension.objects.exists()


def test_one_extension_model_counts_each_time_limit_apart(world, thematic, pdf, monkeypatch):
    """inspections.services.extensions serves every kind: the n-th extension of a limit is
    numbered, a rule allowing two gives two, and extensions of another time limit of the
    same case do not use up this one's allowance."""
    from inspections.services.extensions import ExtensionWording, extension_grant

    case = _to_report(world, thematic(), pdf)
    twice = dataclasses.replace(rulebook.DEFAULT_TIME_LIMITS["C2.resolve"], extension_times=2)
    monkeypatch.setattr(rulebook, "time_limit", lambda code, *, on, province=None, level="": twice)
    wording = ExtensionWording(not_started="x", overdue="%(due)s", none_allowed="none", exhausted="only %(n)s")
    other = extension_grant(actor=world.chair, case=case, rule_code="X.other", reason="Khác", wording=wording)
    first = services.deadline_extend(actor=world.chair, case=case, reason="Một")
    second = services.deadline_extend(actor=world.chair, case=case, reason="Hai")
    assert (other.number, first.number, second.number) == (1, 1, 2)
    assert first.due_before == other.due_after and second.due_before == first.due_after
    with pytest.raises(RuleViolation, match="hết số lần"):
        services.deadline_extend(actor=world.chair, case=case, reason="Ba")
    with pytest.raises(RuleViolation, match="only 2"):
        extension_grant(actor=world.chair, case=case, rule_code="C2.resolve", reason="Ba", wording=wording)
    assert DeadlineExtension.objects.filter(case=case).count() == 3
