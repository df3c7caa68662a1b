"""Denunciation services and selectors (inspections.services.denunciations,
denunciation_steps; inspections.selectors.denunciations, denunciation_notices): the rules
of each step, the rule in force when the clock started, the sealed identity kept out of
stored text, notices and the journal, and what later steps read."""

import dataclasses
import datetime
import json

import pytest
from django.utils import timezone

from inspections import access, deadlines, rulebook
from inspections.exceptions import AccessDenied, RuleViolation
from inspections.kinds.registry import pipeline_of
from inspections.models import (
    Allegation,
    Case,
    CaseKind,
    CaseLink,
    CaseParty,
    CaseStatus,
    Denunciation,
    DenunciationNotice,
    JournalEntry,
    Withdrawal,
)
from inspections.selectors import denunciation_notices as notices
from inspections.selectors import denunciations as selectors
from inspections.services import denunciation_actions as actions
from inspections.services import denunciation_conclusion as conclusion
from inspections.services import denunciation_steps as steps
from inspections.services import denunciations as services
from inspections.services.conclusions import conclusion_review
from inspections.services.inspection_steps import team_report_review
from inspections.services.links import case_link
from inspections.services.teams import conflict_declare

NAME = "Triệu Thị Bí Mật"
ADDRESS = "Số 3 hẻm Kín"
CONTACT = "0977 000 111"
SEALED = (NAME, ADDRESS, CONTACT)


def _today(offset=0):
    return timezone.localdate() + datetime.timedelta(days=offset)


@pytest.fixture
def letter(world, pdf):
    """Register a letter as staff; keyword arguments override the defaults."""

    def _register(**overrides):
        arguments = {
            "actor": world.staff,
            "committee": world.committee,
            "register_number": "TC-1",
            "received_on": _today(-2),
            "allegations": [f"Bà {NAME} ở {ADDRESS} tố cáo việc trục lợi đất đai", "Không kê khai tài sản"],
            "denouncers": [{"full_name": NAME, "address": ADDRESS, "contact": CONTACT}],
            "signatory_count": 1,
            "letter_scan": pdf("don.pdf"),
            "subject_member": world.subject_member,
        }
        arguments.update(overrides)
        return services.denunciation_register(**arguments)

    return _register


def _accept(world, case):
    services.denunciation_triage(actor=world.chair, case=case, decision="handled")


def _to_verifying(world, case, pdf):
    _accept(world, case)
    steps.denouncer_meeting_record(
        actor=world.staff,
        case=case,
        met_on=_today(),
        minutes=pdf("bb.pdf"),
        identity_confirmed=True,
        address_confirmed=True,
        denounced_confirmed=True,
        content_confirmed=True,
    )
    steps.resolution_decision_draft(
        actor=world.staff, case=case, leader=world.leader, members=[world.member2], decision=pdf("qd.pdf")
    )
    for user in (world.leader, world.member2):
        conflict_declare(actor=user, case=case, has_conflict=False)
    steps.resolution_decision_sign(actor=world.chair, case=case, signed_on=_today())
    steps.outline_send(actor=world.member2, case=case, sent_on=_today(), upload=pdf("dc.pdf"))
    steps.explanation_receive(actor=world.member2, case=case, received_on=_today(), upload=pdf("gt.pdf"))


def _verdict_all(world, case, verdict="right"):
    steps.verification_record(
        actor=world.member2,
        case=case,
        verdicts={a.pk: (verdict, "Có căn cứ") for a in Allegation.objects.filter(case=case)},
    )


def _conclude(world, case, pdf, **flags):
    _to_verifying(world, case, pdf)
    _verdict_all(world, case)
    steps.result_report_submit(actor=world.leader, case=case, text="Báo cáo", discussed_on=_today())
    team_report_review(actor=world.chair, case=case, accept=True)
    arguments = {"violation_found": True, "discipline_threshold": False, "other_signs": False, **flags}
    conclusion.denunciation_conclusion_draft(actor=world.leader, case=case, text="Kết luận", **arguments)
    conclusion_review(actor=world.chair, case=case, approve=True)


def test_register_starts_the_clock_on_receipt_and_masks_sealed_values_in_free_text(world, letter):
    case = letter(title=f"Đơn của bà {NAME} tố cáo", proposal=f"Mời bà {NAME} ({CONTACT}) đến làm việc")
    assert NAME not in case.title and "[đã niêm phong]" in case.title
    assert CONTACT not in Denunciation.objects.get(case=case).proposal
    den = Denunciation.objects.get(case=case)
    assert case.kind == CaseKind.DENUNCIATION and case.status == CaseStatus.RECEIVED
    assert case.clock_started_on == den.received_on == _today(-2)
    assert case.due_on == deadlines.due_on("D.resolve", _today(-2))
    assert den.register_year == _today(-2).year and not den.anonymous
    first = Allegation.objects.get(case=case, number=1)
    assert NAME not in first.text and ADDRESS not in first.text and "[đã niêm phong]" in first.text
    party = CaseParty.objects.get(case=case)
    assert (party.full_name, party.role) == (NAME, "denouncer")
    assert party.scans.count() == 1
    for entry in JournalEntry.objects.filter(case=case):
        assert not any(value in entry.payload for value in SEALED), entry.action


def test_register_refuses_bad_input_and_writes_nothing(world, letter, pdf):
    for overrides, message in (
        ({"received_on": _today(1)}, "không được sau ngày hôm nay"),
        ({"allegations": ["", "  "]}, "ít nhất một nội dung"),
        ({"letter_scan": None}, "bản chụp đơn"),
        ({"register_number": " "}, "số vào sổ"),
        ({"letter_dated": _today(0), "received_on": _today(-1)}, "Ngày ghi trên đơn"),
        ({"subject_member": None}, "đúng một đối tượng"),
    ):
        with pytest.raises(RuleViolation, match=message):
            letter(**overrides)
    assert not Case.objects.exists() and not JournalEntry.objects.exists() and not CaseParty.objects.exists()


def test_due_date_follows_the_rule_in_force_on_the_day_the_letter_was_received(world, letter, monkeypatch):
    """Issue 3 point 1: a case is judged by the rule in force when its clock started."""
    cutover = _today(-20)
    original = rulebook.time_limit

    def versioned(code, *, on, province=None, level=""):
        limit = original(code, on=on, province=province, level=level)
        return dataclasses.replace(limit, amount=60) if code == "D.resolve" and on >= cutover else limit

    monkeypatch.setattr(rulebook, "time_limit", versioned)
    old = letter(register_number="TC-old", received_on=_today(-40))
    new = letter(register_number="TC-new", received_on=_today(-10))
    assert old.due_on == deadlines.due_on("D.resolve", _today(-40))
    assert (new.due_on - _today(-10)).days < (old.due_on - _today(-40)).days


def test_triage_criteria_come_from_the_rule_book_in_force(world, letter, monkeypatch):
    """A criterion dropped from the rule book (e.g. several signatories, unconfirmed under
    QĐ 296, domain.md §7.4) no longer blocks handling."""
    case = letter(denouncers=[{"full_name": NAME}, {"full_name": "Người Thứ Hai"}], signatory_count=2)
    with pytest.raises(RuleViolation, match="hai người trở lên"):
        services.denunciation_triage(actor=world.chair, case=case, decision="handled")
    reduced = tuple(c for c in rulebook.DEFAULT_NOT_HANDLED["denunciation"] if c.code != "several_signatories")
    monkeypatch.setattr(rulebook, "not_handled_criteria", lambda kind, *, on, province=None: reduced)
    with pytest.raises(RuleViolation, match="không có trong quy định"):
        services.denunciation_triage(
            actor=world.chair, case=case, decision="not_handled", criteria=["several_signatories"]
        )
    services.denunciation_triage(actor=world.chair, case=case, decision="handled")
    assert Case.objects.get(pk=case.pk).status == CaseStatus.DENUNCIATION_ACCEPTED


def test_triage_is_the_chairs_and_never_the_registering_clerks(world, letter):
    case = letter()
    with pytest.raises(AccessDenied):
        services.denunciation_triage(actor=world.staff, case=case, decision="handled")
    # A chair who registered the letter may not triage it either.
    own = letter(actor=world.chair, register_number="TC-2")
    with pytest.raises(RuleViolation, match="không tự quyết định"):
        services.denunciation_triage(actor=world.chair, case=own, decision="handled")
    with pytest.raises(RuleViolation, match="không tự quyết định"):
        services.denunciation_split(actor=world.chair, case=own, complaint_part="Khiếu nại")
    _accept(world, case)
    with pytest.raises(RuleViolation, match="đã được phân loại"):
        services.denunciation_triage(actor=world.chair, case=case, decision="handled")


def test_split_records_the_complaint_part_for_the_complaint_case(world, letter):
    case = letter()
    services.denunciation_split(
        actor=world.chair, case=case, complaint_part=f"Khiếu nại kỷ luật (do {NAME} gửi)", reason="Đơn hỗn hợp"
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.COMPLAINT_SPLIT and case.closed_on == _today()
    split = selectors.complaint_split(case)
    assert split["complaint_part"].startswith("Khiếu nại kỷ luật") and NAME not in split["complaint_part"]
    assert list(selectors.awaiting_complaint_case(world.chair)) == [case]
    assert not list(selectors.awaiting_complaint_case(world.outsider))
    # Once the complaint case exists and is linked, the split is no longer waiting.
    other = letter(register_number="TC-9")
    case_link(actor=world.chair, source=case, target=other, relation=CaseLink.Relation.SPLIT)
    assert not list(selectors.awaiting_complaint_case(world.chair))
    notice = DenunciationNotice.objects.get(case=case, kind="split")
    assert not any(value in json.dumps(notice.content, ensure_ascii=False) for value in SEALED)


def test_every_notice_is_built_from_the_whitelist_even_with_sealed_values_typed_in(world, letter, pdf):
    case = letter()
    den = Denunciation.objects.get(case=case)
    # Sealed values typed where free text goes, bypassing the services' masking.
    Denunciation.objects.filter(pk=den.pk).update(transfer_body=f"Cơ quan của {NAME}", complaint_part=ADDRESS)
    Allegation.objects.filter(case=case, number=2).update(text=f"{CONTACT} – nội dung")
    extra = {
        DenunciationNotice.Kind.NOT_HANDLED: {"criteria": ["Lý do"]},
        DenunciationNotice.Kind.EXTENSION: {"due_before": _today(), "due_after": _today(30)},
        DenunciationNotice.Kind.STOPPED: {"withdrawn_on": _today()},
    }
    for kind in DenunciationNotice.Kind.values:
        content = notices.build(case, kind, **extra.get(kind, {}))
        text = json.dumps(content, ensure_ascii=False)
        assert not any(value in text for value in SEALED), kind
        assert content["register_number"] == "TC-1" and content["committee"] == world.committee.name


def test_withdrawal_stops_or_continues_with_four_eyes(world, letter, pdf):
    case = letter()
    with pytest.raises(RuleViolation, match="đơn rút tố cáo nào đang chờ"):
        actions.withdrawal_decide(actor=world.chair, case=case, coerced=False)
    actions.withdrawal_record(actor=world.staff, case=case, received_on=_today(), upload=pdf("rut.pdf"))
    with pytest.raises(RuleViolation, match="đang chờ"):
        actions.withdrawal_record(actor=world.staff, case=case, received_on=_today())
    with pytest.raises(RuleViolation, match="đe dọa"):
        actions.withdrawal_decide(actor=world.chair, case=case, coerced=True, finding=" ")
    actions.withdrawal_decide(actor=world.chair, case=case, coerced=True, finding="Bị mua chuộc")
    assert Case.objects.get(pk=case.pk).status == CaseStatus.RECEIVED
    actions.withdrawal_record(actor=world.staff, case=case, received_on=_today())
    actions.withdrawal_decide(actor=world.chair, case=case, coerced=False)
    case.refresh_from_db()
    assert case.status == CaseStatus.WITHDRAWN
    assert list(Withdrawal.objects.filter(case=case).values_list("outcome", flat=True)) == ["continued", "stopped"]
    assert DenunciationNotice.objects.filter(case=case, kind="stopped").count() == 1


def test_extension_once_before_the_due_date(world, letter, monkeypatch):
    case = letter()
    with pytest.raises(AccessDenied):
        actions.deadline_extend(actor=world.staff, case=case, reason="x")
    with pytest.raises(RuleViolation, match="lý do"):
        actions.deadline_extend(actor=world.chair, case=case, reason="  ")
    before = Case.objects.get(pk=case.pk).due_on
    ext = actions.deadline_extend(actor=world.chair, case=case, reason="Phức tạp")
    assert ext.due_after == deadlines.due_on("D.resolve", case.clock_started_on, extension=True) > before
    with pytest.raises(RuleViolation, match="1 lần"):
        actions.deadline_extend(actor=world.chair, case=case, reason="Lần hai")
    # A rule that allows no extension.
    other = letter(register_number="TC-2")
    original = rulebook.time_limit
    monkeypatch.setattr(
        rulebook,
        "time_limit",
        lambda code, *, on, province=None, level="": dataclasses.replace(original(code, on=on), extension_amount=0),
    )
    with pytest.raises(RuleViolation, match="không cho phép gia hạn"):
        actions.deadline_extend(actor=world.chair, case=other, reason="Phức tạp")


def test_extension_refused_after_the_due_date(world, letter, monkeypatch):
    case = letter()
    due = Case.objects.get(pk=case.pk).due_on
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: due + datetime.timedelta(days=1))
    with pytest.raises(RuleViolation, match="hết hạn"):
        actions.deadline_extend(actor=world.chair, case=case, reason="Phức tạp")


def test_meeting_minutes_are_sealed_and_mandatory(world, letter, pdf):
    case = letter()
    _accept(world, case)
    kwargs = {
        "actor": world.staff,
        "case": case,
        "met_on": _today(),
        "identity_confirmed": True,
        "address_confirmed": False,
        "denounced_confirmed": True,
        "content_confirmed": True,
    }
    with pytest.raises(RuleViolation, match="bắt buộc"):
        steps.denouncer_meeting_record(minutes=None, **kwargs)
    with pytest.raises(RuleViolation, match="Chưa làm việc"):
        steps.resolution_decision_draft(actor=world.staff, case=case, leader=world.leader, decision=pdf())
    meeting = steps.denouncer_meeting_record(minutes=pdf("bb.pdf"), note=f"Gặp {NAME} tại nhà", **kwargs)
    assert meeting.minutes.party.role == "denouncer"
    assert case.documents.count() == 0
    assert NAME not in meeting.note


def test_verification_and_report_rules(world, letter, pdf):
    case = letter()
    _to_verifying(world, case, pdf)
    first, second = Allegation.objects.filter(case=case).order_by("number")
    other = letter(register_number="TC-2")
    foreign = Allegation.objects.filter(case=other).first()
    with pytest.raises(RuleViolation, match="không thuộc hồ sơ"):
        steps.verification_record(actor=world.member2, case=case, verdicts={foreign.pk: ("right", "x")})
    with pytest.raises(RuleViolation, match="căn cứ"):
        steps.verification_record(actor=world.member2, case=case, verdicts={first.pk: ("right", " ")})
    with pytest.raises(AccessDenied):
        steps.verification_record(actor=world.chair, case=case, verdicts={first.pk: ("right", "x")})
    steps.verification_record(actor=world.member2, case=case, verdicts={first.pk: ("wrong", "Không có căn cứ")})
    assert not selectors.all_verdicts_given(case)
    with pytest.raises(RuleViolation, match="số 2"):
        steps.result_report_submit(actor=world.leader, case=case, text="Báo cáo", discussed_on=_today())
    steps.verification_record(actor=world.member2, case=case, verdicts={second.pk: ("partly", "Một phần")})
    assert selectors.all_verdicts_given(case)
    with pytest.raises(AccessDenied):
        steps.result_report_submit(actor=world.member2, case=case, text="Báo cáo", discussed_on=_today())
    report = steps.result_report_submit(actor=world.leader, case=case, text="Báo cáo", discussed_on=_today())
    assert report.denunciation_meta.discussed_on == _today()
    assert Case.objects.get(pk=case.pk).status == CaseStatus.REPORTED


def test_decision_is_never_signed_by_its_drafter_and_keeps_the_clock(world, letter, pdf):
    case = letter(actor=world.chair)
    # Another approver triages and signs (the registering chair may do neither).
    access.grant_role(case=case, user=world.member2, role="approver")
    services.denunciation_triage(actor=world.member2, case=case, decision="handled")
    steps.denouncer_meeting_record(
        actor=world.chair,
        case=case,
        met_on=_today(),
        minutes=pdf(),
        identity_confirmed=True,
        address_confirmed=True,
        denounced_confirmed=True,
        content_confirmed=True,
    )
    steps.resolution_decision_draft(actor=world.chair, case=case, leader=world.leader, decision=pdf())
    with pytest.raises(RuleViolation, match="không được tự ký"):
        steps.resolution_decision_sign(actor=world.chair, case=case, signed_on=_today())
    due = Case.objects.get(pk=case.pk).due_on
    steps.resolution_decision_sign(actor=world.member2, case=case, signed_on=_today())
    assert Case.objects.get(pk=case.pk).due_on == due


def test_conclusion_flags_and_what_waits_for_escalation(world, letter, pdf):
    case = letter()
    with pytest.raises(RuleViolation, match="có vi phạm"):
        _conclude(world, case, pdf, violation_found=False, discipline_threshold=True)
    case = Case.objects.get(pk=case.pk)
    assert selectors.escalation_flags(case) is None
    conclusion.denunciation_conclusion_draft(
        actor=world.leader,
        case=case,
        text="Kết luận",
        violation_found=True,
        discipline_threshold=True,
        other_signs=False,
    )
    conclusion_review(actor=world.chair, case=case, approve=True)
    assert selectors.escalation_flags(case)["discipline"] is True
    assert list(selectors.awaiting_escalation(world.chair)) == [case]
    other = letter(register_number="TC-2")
    case_link(actor=world.chair, source=case, target=other, relation=CaseLink.Relation.DISCIPLINE)
    assert not list(selectors.awaiting_escalation(world.chair))


def test_notify_requires_an_approved_conclusion_and_dates_after_it(world, letter, pdf):
    case = letter()
    _conclude(world, case, pdf)
    with pytest.raises(RuleViolation, match="trước ngày kết luận"):
        conclusion.denunciation_notify(
            actor=world.staff, case=case, conclusion_sent_on=_today(-1), result_sent_on=_today()
        )
    conclusion.denunciation_notify(actor=world.staff, case=case, conclusion_sent_on=_today(), result_sent_on=_today())
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    with pytest.raises(RuleViolation, match="chưa có kết luận"):
        conclusion.denunciation_notify(
            actor=world.staff, case=case, conclusion_sent_on=_today(), result_sent_on=_today()
        )


def test_pipeline_allows_withdrawal_before_the_conclusion_only():
    pipeline = pipeline_of(CaseKind.DENUNCIATION)
    for status in selectors.BEFORE_CONCLUSION:
        assert CaseStatus.WITHDRAWN in pipeline[status], status
    for status in (CaseStatus.CONCLUDED, CaseStatus.FOLLOW_UP, *selectors.ENDED):
        assert CaseStatus.WITHDRAWN not in pipeline[status], status
    assert set(selectors.ENDED) == {
        CaseStatus.NOT_HANDLED,
        CaseStatus.TRANSFERRED,
        CaseStatus.COMPLAINT_SPLIT,
        CaseStatus.WITHDRAWN,
        CaseStatus.CLOSED,
    }


def test_pause_and_resume_move_the_due_date_in_the_rules_unit(world, letter, monkeypatch):
    case = letter()
    with pytest.raises(AccessDenied):
        actions.clock_pause(actor=world.staff, case=case, reason="other", note="x", paused_on=_today())
    with pytest.raises(RuleViolation, match="lý do"):
        actions.clock_pause(actor=world.chair, case=case, reason="nope", note="x", paused_on=_today())
    with pytest.raises(RuleViolation, match="trước ngày nhận đơn"):
        actions.clock_pause(actor=world.chair, case=case, reason="other", note="x", paused_on=_today(-3))
    due = Case.objects.get(pk=case.pk).due_on
    actions.clock_pause(actor=world.chair, case=case, reason="awaiting", note="Chờ giám định", paused_on=_today(-2))
    with pytest.raises(RuleViolation, match="đang tạm dừng"):
        actions.clock_pause(actor=world.chair, case=case, reason="other", note="x", paused_on=_today())
    with pytest.raises(RuleViolation, match="tạm dừng"):
        services.denunciation_triage(actor=world.chair, case=case, decision="handled")
    # A rule counted in calendar days moves the due date by calendar days.
    original = rulebook.time_limit
    monkeypatch.setattr(
        rulebook,
        "time_limit",
        lambda code, *, on, province=None, level="": dataclasses.replace(original(code, on=on), unit="calendar_days"),
    )
    pause = actions.clock_resume(actor=world.chair, case=case, resumed_on=_today())
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED
    assert case.due_on == due + datetime.timedelta(days=2) == pause.due_after
    with pytest.raises(RuleViolation, match="không ở trạng thái tạm dừng"):
        actions.clock_resume(actor=world.chair, case=case, resumed_on=_today())
    # Paused and resumed the same day: the clock lost nothing.
    actions.clock_pause(actor=world.chair, case=case, reason="other", note="Chờ", paused_on=_today())
    actions.clock_resume(actor=world.chair, case=case, resumed_on=_today())
    assert Case.objects.get(pk=case.pk).due_on == due + datetime.timedelta(days=2)
