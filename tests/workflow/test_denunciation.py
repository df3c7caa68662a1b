"""The denunciation flow through the real views (domain.md §5(D)): the full path with both
return loops and follow-up, every triage branch (each "not handled" criterion, the repeated
letter with new evidence, transfer, the complaint split), withdrawal stopping or continuing,
the extension, bad input and the sealed identity of the denouncer."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow import PROCESS, STATUS
from viewflow.workflow.models import Task

from inspections import deadlines, rulebook
from inspections.journal import verify_chain
from inspections.models import (
    Allegation,
    Case,
    CaseParty,
    CaseStatus,
    DeadlineExtension,
    Denunciation,
    DenunciationNotice,
    Document,
    JournalEntry,
    PartyDocument,
    Recommendation,
    Withdrawal,
)
from inspections.selectors import denunciations as selectors
from people.models import Committee
from tests.factories.people import CommitteeSeatFactory
from tests.workflow.conftest import pdf
from tests.workflow.denunciation_helpers import (
    NAME,
    SEALED,
    carry_to_concluded,
    carry_to_decided,
    carry_to_verifying,
    day,
    form_team,
    meet,
    register,
    triage,
    verdicts,
)
from tests.workflow.helpers import complete, open_task

pytestmark = pytest.mark.django_db


def open_tasks(case):
    return Task.objects.filter(process__caseprocess__case=case, flow_task_type="HUMAN").exclude(
        status__in=[STATUS.DONE, STATUS.CANCELED]
    )


def actions(case):
    return list(JournalEntry.objects.filter(case=case).order_by("seq").values_list("action", flat=True))


def test_full_path_with_both_return_loops_follow_up_and_close(client, world):
    u = world["users"]
    case = register(client, world)
    den = Denunciation.objects.get(case=case)
    received = timezone.localdate() - datetime.timedelta(days=3)
    assert case.status == CaseStatus.RECEIVED
    # The clock starts on the day the competent body received the letter (domain.md §7.8).
    assert den.received_on == received and case.clock_started_on == received
    assert case.due_on == deadlines.due_on("D.resolve", received)
    assert list(Allegation.objects.filter(case=case).values_list("number", flat=True)) == [1, 2]
    assert CaseParty.objects.filter(case=case, role="denouncer").count() == 1
    assert PartyDocument.objects.filter(party__case=case).count() == 1  # the letter, sealed
    assert Document.objects.filter(case=case).count() == 0  # nothing of the denouncer's is a case document
    assert open_task(case, "triage").owner_id == u["chair"].pk  # the only approver

    triage(client, world, case, "handled")
    case.refresh_from_db()
    assert case.status == CaseStatus.DENUNCIATION_ACCEPTED
    meet(client, world, case, more_allegations="Ép cấp dưới ký khống chứng từ")
    assert Allegation.objects.filter(case=case).count() == 3
    form_team(client, world, case, plan=pdf("ke-hoach.pdf"))
    case.refresh_from_db()
    assert case.status == CaseStatus.DRAFT
    complete(client, u["chair"], case, "sign_decision", {"signed_on": day()})
    complete(client, u["member"], case, "send_outline", {"sent_on": day(), "file": pdf("de-cuong.pdf")})
    complete(client, u["member"], case, "receive_explanation", {"received_on": day(), "file": pdf("giai-trinh.pdf")})
    case.refresh_from_db()
    assert case.status == CaseStatus.DENUNCIATION_EXPLAINED

    # Verification in rounds: until every allegation has a verdict, verification reopens.
    first, second, third = Allegation.objects.filter(case=case).order_by("number")
    complete(
        client,
        u["member"],
        case,
        "verify",
        {
            f"verdict_{first.pk}": "right",
            f"reasoning_{first.pk}": "Hồ sơ giao đất cho thấy có trục lợi",
            f"verdict_{second.pk}": "wrong",
            f"reasoning_{second.pk}": "Đã kê khai đầy đủ",
            "minutes": pdf("bien-ban-xac-minh.pdf"),
            "denouncer_minutes": pdf("bien-ban-nguoi-to-cao.pdf"),
        },
    )
    assert {t.flow_task.name for t in open_tasks(case)} == {"verify"}
    complete(
        client,
        u["member"],
        case,
        "verify",
        {f"verdict_{third.pk}": "partly", f"reasoning_{third.pk}": "Có ký khống một phần chứng từ"},
    )
    complete(client, u["leader"], case, "write_team_report", {"text": "Báo cáo lần 1", "discussed_on": day()})
    # Return loop 1: the chair sends the report back for more verification.
    complete(client, u["chair"], case, "review_team_report", {"decision": "return", "note": "Xác minh thêm nội dung 2"})
    case.refresh_from_db()
    assert case.status == CaseStatus.VERIFYING
    complete(
        client,
        u["member"],
        case,
        "verify",
        {f"verdict_{second.pk}": "partly", f"reasoning_{second.pk}": "Kê khai thiếu một thửa đất"},
    )
    complete(client, u["leader"], case, "write_team_report", {"text": "Báo cáo lần 2", "discussed_on": day()})
    complete(client, u["chair"], case, "review_team_report", {"decision": "accept", "note": ""})

    # Return loop 2: the conclusion draft is sent back.
    complete(
        client,
        u["leader"],
        case,
        "draft_conclusion",
        {"text": "Dự thảo 1", "violation_found": "on", "recommendations": ""},
    )
    complete(client, u["chair"], case, "approve_conclusion", {"decision": "return", "note": "Bổ sung đề xuất xử lý"})
    case.refresh_from_db()
    assert case.status == CaseStatus.REPORTED
    assert selectors.escalation_flags(case) is None
    complete(
        client,
        u["leader"],
        case,
        "draft_conclusion",
        {
            "text": "Kết luận: tố cáo đúng một phần; đồng chí vi phạm quy định giao đất",
            "violation_found": "on",
            "discipline_threshold": "on",
            "other_signs": "on",
            "other_signs_note": "Dấu hiệu buông lỏng quản lý của chi ủy",
            "recommendations": f"{day(60)} | Khắc phục hồ sơ giao đất",
        },
    )
    complete(client, u["chair"], case, "approve_conclusion", {"decision": "accept", "note": ""})
    case.refresh_from_db()
    assert case.status == CaseStatus.CONCLUDED
    assert selectors.escalation_flags(case) == {
        "violation_found": True,
        "discipline": True,
        "other_signs": True,
        "other_signs_note": "Dấu hiệu buông lỏng quản lý của chi ủy",
    }
    client.force_login(u["chair"])
    assert list(selectors.awaiting_escalation(u["chair"])) == [case]

    complete(
        client,
        u["staff"],
        case,
        "notify_conclusion",
        {"conclusion_sent_on": day(), "result_sent_on": day(), "conclusion_file": pdf("thong-bao-ket-luan.pdf")},
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.FOLLOW_UP
    kinds = set(DenunciationNotice.objects.filter(case=case).values_list("kind", flat=True))
    assert kinds == {"conclusion", "result"}
    rec = Recommendation.objects.get(case=case, conclusion__status="accepted")
    complete(client, u["member"], case, "follow_up", {"done": [rec.pk], "done_on": day(), "note": "Đã khắc phục"})
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert not open_tasks(case).exists()
    assert case.process.status == PROCESS.DONE

    done = actions(case)
    for action in (
        "denunciation.registered",
        "denunciation.triaged",
        "denunciation.denouncer_met",
        "denunciation.decision_drafted",
        "denunciation.decision_signed",
        "denunciation.outline_sent",
        "denunciation.explanation_received",
        "denunciation.verified",
        "team_report.returned",
        "conclusion.returned",
        "denunciation.outcome_drafted",
        "denunciation.notified",
        "denunciation.notice_issued",
        "case.closed",
    ):
        assert action in done, action
    assert verify_chain(case.pk) is None
    # The team sees the timeline with its labels, the verdicts, never the identity.
    client.force_login(u["member"])
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Làm việc với người tố cáo" in page and "Tố cáo đúng một phần" in page
    assert not any(value in page for value in SEALED)


def test_the_result_notice_carries_no_identity_and_no_confidential_findings(client, world):
    u = world["users"]
    # A witness is recorded too; the clerk even types the denouncer's name into an allegation.
    case = register(
        client,
        world,
        allegations=f"Trục lợi đất đai (bà {NAME} chứng kiến)\nKhông kê khai tài sản",
    )
    client.force_login(u["staff"])
    client.post(
        reverse("cases:party_add", args=[case.pk]),
        {"role": "witness", "full_name": "Lò Văn Nhân Chứng", "address": "Bản Mường", "received_on": day()},
    )
    carry_to_concluded(client, world, case, recommendations=f"{day(30)} | Trả lại đất")
    complete(client, u["staff"], case, "notify_conclusion", {"conclusion_sent_on": day(), "result_sent_on": day()})
    result = DenunciationNotice.objects.get(case=case, kind="result")
    conclusion = DenunciationNotice.objects.get(case=case, kind="conclusion")
    text = json.dumps(result.content, ensure_ascii=False)
    assert not any(value in text for value in (*SEALED, "Lò Văn Nhân Chứng", "Bản Mường"))
    # Confidential findings: the reasoning, the conclusion text, the requirements, flags.
    assert "Có căn cứ qua xác minh" not in text
    assert "Kết luận: tố cáo đúng" not in text and "Trả lại đất" not in text
    assert "Tố cáo đúng" in text  # the verdict per allegation, in an appropriate form
    assert "[đã niêm phong]" in text  # the name typed into the allegation is masked
    # The notice for the denounced carries the conclusion and requirements, still no identity.
    conclusion_text = json.dumps(conclusion.content, ensure_ascii=False)
    assert "Kết luận: tố cáo đúng" in conclusion_text and "Trả lại đất" in conclusion_text
    assert not any(value in conclusion_text for value in SEALED)
    # Rendered pages: the same.
    client.force_login(u["member"])
    page = client.get(reverse("cases:denunciation_notice", args=[case.pk, result.pk])).content.decode()
    assert "THÔNG BÁO KẾT QUẢ GIẢI QUYẾT TỐ CÁO" in page
    assert not any(value in page for value in SEALED)


@pytest.mark.parametrize("code", [c.code for c in rulebook.DEFAULT_NOT_HANDLED["denunciation"]])
def test_not_handled_per_criterion_ends_the_letter_with_a_recorded_reason(client, world, code):
    case = register(client, world)
    triage(client, world, case, "not_handled", criteria=[code], reason="Đã xem xét đơn")
    case.refresh_from_db()
    den = Denunciation.objects.get(case=case)
    assert case.status == CaseStatus.NOT_HANDLED
    assert den.triage == "not_handled"
    assert list(den.criteria.values_list("code", flat=True)) == [code]
    assert case.closed_on == timezone.localdate()
    notices = DenunciationNotice.objects.filter(case=case)
    if code == "anonymous":
        # A false name or no address: there is nobody to send a notice to.
        assert not notices.exists()
        assert (
            json.loads(JournalEntry.objects.get(case=case, action="denunciation.triaged").payload)["sender_notified"]
            is False
        )
    else:
        notice = notices.get()
        assert notice.kind == "not_handled"
        criterion = next(c for c in rulebook.DEFAULT_NOT_HANDLED["denunciation"] if c.code == code)
        assert str(criterion.label) in notice.content["items"]
        assert not any(value in json.dumps(notice.content, ensure_ascii=False) for value in SEALED)
    assert not open_tasks(case).exists()
    assert case.process.status == PROCESS.DONE


def test_anonymous_letter_cannot_be_handled_and_no_notice_is_possible(client, world):
    case = register(client, world, denouncer_name="", denouncer_address="", denouncer_contact="", signatory_count="0")
    den = Denunciation.objects.get(case=case)
    assert den.anonymous
    # The scan is still sealed, with a placeholder party.
    assert PartyDocument.objects.filter(party__case=case).count() == 1
    response = triage(client, world, case, "handled", expect=200)
    assert "không ghi tên" in response.content.decode()
    response = triage(client, world, case, "not_handled", criteria=["anonymous"])
    client.force_login(world["users"]["chair"])
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "không có địa chỉ để thông báo" in page
    assert not DenunciationNotice.objects.filter(case=case).exists()


def test_letter_signed_by_several_people_cannot_be_handled(client, world):
    case = register(client, world, other_signatories="Mạc Văn Đồng Ký | Thôn Bắc | 0900", signatory_count="2")
    assert CaseParty.objects.filter(case=case, role="denouncer").count() == 2
    response = triage(client, world, case, "handled", expect=200)
    assert "hai người trở lên" in response.content.decode()
    assert Case.objects.get(pk=case.pk).status == CaseStatus.RECEIVED
    triage(client, world, case, "not_handled", criteria=["several_signatories"])
    assert Case.objects.get(pk=case.pk).status == CaseStatus.NOT_HANDLED


def test_repeated_letter_with_new_evidence_must_be_handled(client, world):
    case = register(client, world)
    before = JournalEntry.objects.filter(case=case).count()
    # "Repeated" is not a reason to refuse a letter that brings new evidence.
    response = triage(client, world, case, "not_handled", criteria=["repeated"], new_evidence="on", expect=200)
    assert "chứng cứ mới" in response.content.decode()
    assert JournalEntry.objects.filter(case=case).count() == before
    # New evidence must be described.
    response = triage(client, world, case, "handled", new_evidence="on", expect=200)
    assert "chứng cứ mới" in response.content.decode()
    triage(client, world, case, "handled", new_evidence="on", reason="Có biên bản đo đạc mới năm 2026")
    den = Denunciation.objects.get(case=case)
    assert den.triage == "handled" and den.new_evidence
    assert Case.objects.get(pk=case.pk).status == CaseStatus.DENUNCIATION_ACCEPTED
    assert open_task(case, "meet_denouncer")


def test_repeated_letter_without_new_evidence_is_not_handled(client, world):
    case = register(client, world)
    triage(client, world, case, "not_handled", criteria=["repeated"], reason="Đã kết luận năm 2025")
    assert Case.objects.get(pk=case.pk).status == CaseStatus.NOT_HANDLED


def test_transfer_to_another_committee_or_an_outside_body(client, world):
    other = Committee.objects.get(code="UBKTK")
    case = register(client, world)
    response = triage(client, world, case, "transferred", reason="Ngoài thẩm quyền", expect=200)
    assert "Chọn một cơ quan trong hệ thống" in response.content.decode()
    response = triage(
        client,
        world,
        case,
        "transferred",
        reason="Ngoài thẩm quyền",
        transfer_committee=other.pk,
        transfer_body="Thanh tra huyện",
        expect=200,
    )
    assert "Chọn một cơ quan trong hệ thống" in response.content.decode()
    response = triage(client, world, case, "transferred", transfer_committee=other.pk, expect=200)
    assert "lý do" in response.content.decode()
    triage(client, world, case, "transferred", reason="Đối tượng do cấp khác quản lý", transfer_committee=other.pk)
    case.refresh_from_db()
    assert case.status == CaseStatus.TRANSFERRED
    den = Denunciation.objects.get(case=case)
    assert den.transfer_committee == other
    slip = DenunciationNotice.objects.get(case=case, kind="transfer_slip")
    notice = DenunciationNotice.objects.get(case=case, kind="transferred")
    assert slip.recipient == other.name and other.name in " ".join(notice.content["paragraphs"])
    for n in (slip, notice):
        assert not any(value in json.dumps(n.content, ensure_ascii=False) for value in SEALED)
    assert not open_tasks(case).exists()

    outside = register(client, world, register_number="TC-02")
    triage(client, world, outside, "transferred", reason="Thuộc thẩm quyền nhà nước", transfer_body="Thanh tra tỉnh")
    assert Denunciation.objects.get(case=outside).transfer_body == "Thanh tra tỉnh"
    assert DenunciationNotice.objects.get(case=outside, kind="transfer_slip").recipient == "Thanh tra tỉnh"


def test_transfer_to_a_cell_or_a_party_committee_and_never_to_a_barred_body(client, world):
    """Issue 9 point 9: cells, party committees and standing committees handle
    denunciations within their competence, so a letter may go to them; a body kind the
    CaseOpeningRule table bars from D is refused, naming the rule, and nothing is written."""
    from inspections.models import CaseKind, CaseOpeningRule
    from inspections.services.reference_rows import reference_row_save

    cell = Committee.objects.create(
        organisation=world["committee"].organisation,
        kind=Committee.Kind.CELL,
        code="CBTD",
        name="Chi bộ Tây Đông",
        term_start=world["committee"].term_start,
    )
    case = register(client, world, register_number="TC-03")
    triage(client, world, case, "transferred", reason="Thuộc thẩm quyền chi bộ", transfer_committee=cell.pk)
    assert Denunciation.objects.get(case=case).transfer_committee == cell
    assert DenunciationNotice.objects.get(case=case, kind="transfer_slip").recipient == "Chi bộ Tây Đông"

    rule = CaseOpeningRule.objects.get(committee_kind=Committee.Kind.CELL, case_kind=CaseKind.DENUNCIATION)
    rule.allowed = False
    reference_row_save(actor=world["users"]["staff"], row=rule)
    barred = register(client, world, register_number="TC-04")
    response = triage(
        client, world, barred, "transferred", reason="Thuộc thẩm quyền chi bộ", transfer_committee=cell.pk, expect=200
    )
    assert Denunciation.objects.get(case=barred).transfer_committee is None
    assert Case.objects.get(pk=barred.pk).status != CaseStatus.TRANSFERRED
    assert response.status_code == 200


def test_mixed_complaint_and_denunciation_is_split(client, world):
    case = register(client, world)
    response = triage(client, world, case, "split", expect=200)
    assert "phần nội dung là khiếu nại" in response.content.decode()
    triage(
        client,
        world,
        case,
        "split",
        complaint_part="Khiếu nại quyết định kỷ luật khiển trách ngày 01/3/2026",
        reason="Đơn vừa khiếu nại vừa tố cáo",
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.COMPLAINT_SPLIT
    split = selectors.complaint_split(case)
    assert split["complaint_part"] == "Khiếu nại quyết định kỷ luật khiển trách ngày 01/3/2026"
    assert split["subject_member"] == world["subject_member"].pk
    assert list(selectors.awaiting_complaint_case(world["users"]["chair"])) == [case]
    notice = DenunciationNotice.objects.get(case=case, kind="split")
    assert "đơn tố cáo riêng" in " ".join(notice.content["paragraphs_after"])
    assert "denunciation.split" in actions(case)
    assert not open_tasks(case).exists()


def test_triage_bad_input_no_criterion_or_criteria_with_handled(client, world):
    case = register(client, world)
    before = JournalEntry.objects.filter(case=case).count()
    response = triage(client, world, case, "not_handled", expect=200)
    assert "ít nhất một tiêu chí" in response.content.decode()
    response = triage(client, world, case, "handled", criteria=["unspecific"], expect=200)
    assert "Chỉ chọn tiêu chí" in response.content.decode()
    response = triage(client, world, case, "not_handled", criteria=["no_such_code"], expect=200)
    assert "criteria" in response.context["form"].errors
    response = triage(client, world, case, "", expect=200)
    assert "decision" in response.context["form"].errors
    assert JournalEntry.objects.filter(case=case).count() == before
    assert Case.objects.get(pk=case.pk).status == CaseStatus.RECEIVED


def test_intake_bad_input_writes_nothing(client, world):
    cases = Case.objects.count()
    parties = CaseParty.objects.count()
    response = register(client, world, expect=200, received_on=day(2))
    assert "không được sau ngày hôm nay" in response.content.decode()
    response = register(client, world, expect=200, allegations="  \n \n")
    assert "allegations" in response.context["form"].errors
    response = register(client, world, expect=200, received_on="31/02/2026")
    assert "received_on" in response.context["form"].errors
    response = register(client, world, expect=200, letter_scan="")
    assert "letter_scan" in response.context["form"].errors
    response = register(client, world, expect=200, subject_card_number="")
    assert "subject_card_number" in response.context["form"].errors
    response = register(client, world, expect=200, letter_dated=day(-1), received_on=day(-2))
    assert "Ngày ghi trên đơn" in response.content.decode()
    response = register(client, world, expect=200, first_received_on=day(-4), forwarded_by="")
    assert "cơ quan đã nhận và chuyển đơn" in response.content.decode()
    response = register(client, world, expect=200, signatory_count="-1")
    assert "signatory_count" in response.context["form"].errors
    response = register(
        client, world, expect=200, denouncer_card_number=world["subject_member"].card_number, denouncer_name=""
    )
    assert "đồng thời là người bị tố cáo" in response.content.decode()
    assert Case.objects.count() == cases and CaseParty.objects.count() == parties
    assert JournalEntry.objects.count() == 0
    register(client, world)
    response = register(client, world, expect=200)
    assert "đã được dùng" in response.content.decode()
    assert Case.objects.count() == cases + 1


def test_forwarded_letter_clock_starts_when_the_competent_body_received_it(client, world):
    case = register(client, world, forwarded_by="Văn phòng Đảng ủy xã", first_received_on=day(-20), received_on=day(-2))
    received = timezone.localdate() - datetime.timedelta(days=2)
    assert case.clock_started_on == received
    assert case.due_on == deadlines.due_on("D.resolve", received)


def test_withdrawal_stops_the_case_and_ends_its_open_tasks(client, world):
    u = world["users"]
    case = register(client, world)
    carry_to_decided(client, world, case)
    assert open_tasks(case).filter(status=STATUS.NEW).exists()  # send_outline, in the queue
    client.force_login(u["staff"])
    response = client.post(
        reverse("cases:denunciation_withdrawal", args=[case.pk]),
        {"received_on": day(), "file": pdf("don-rut.pdf"), "note": "Rút toàn bộ"},
    )
    assert response.status_code == 302
    withdrawal = Withdrawal.objects.get(case=case)
    assert withdrawal.letter.party.case_id == case.pk  # the withdrawal letter is sealed
    # Whoever recorded it does not decide it; the chair does.
    client.force_login(u["chair"])
    response = client.post(
        reverse("cases:denunciation_withdrawal_decide", args=[case.pk]), {"decision": "stop", "finding": ""}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.WITHDRAWN
    assert not open_tasks(case).exists()
    assert case.process.status == PROCESS.CANCELED and case.process.finished is not None
    for user in (u["member"], u["leader"], u["chair"]):
        client.force_login(user)
        assert case.number not in client.get(reverse("workflow:queue")).content.decode()
        assert case.number not in client.get(reverse("workflow:inbox")).content.decode()
    stopped = DenunciationNotice.objects.get(case=case, kind="stopped")
    assert not any(value in json.dumps(stopped.content, ensure_ascii=False) for value in SEALED)
    assert "denunciation.withdrawal_stopped" in actions(case)
    # Nothing more to withdraw or extend.
    client.force_login(u["staff"])
    response = client.post(reverse("cases:denunciation_withdrawal", args=[case.pk]), {"received_on": day()})
    assert response.status_code == 200 and "trước khi có kết luận" in response.content.decode()


def test_coerced_withdrawal_is_recorded_and_the_resolution_continues(client, world):
    u = world["users"]
    case = register(client, world)
    carry_to_verifying(client, world, case)
    client.force_login(u["leader"])
    client.post(reverse("cases:denunciation_withdrawal", args=[case.pk]), {"received_on": day()})
    client.force_login(u["chair"])
    url = reverse("cases:denunciation_withdrawal_decide", args=[case.pk])
    response = client.post(url, {"decision": "continue", "finding": ""})
    assert response.status_code == 200 and "đe dọa, ép buộc" in response.content.decode()
    response = client.post(url, {"decision": "continue", "finding": "Người tố cáo bị đối tượng đe dọa, có ghi âm"})
    assert response.status_code == 302
    withdrawal = Withdrawal.objects.get(case=case)
    assert withdrawal.outcome == Withdrawal.Outcome.CONTINUED
    case.refresh_from_db()
    assert case.status == CaseStatus.DENUNCIATION_EXPLAINED
    # The resolution goes on: the team verifies.
    complete(client, u["member"], case, "verify", verdicts(case))
    assert open_task(case, "write_team_report")


def test_withdrawal_rules(client, world):
    u = world["users"]
    case = register(client, world)
    client.force_login(u["staff"])
    url = reverse("cases:denunciation_withdrawal", args=[case.pk])
    response = client.post(url, {"received_on": day(1)})
    assert "không được sau ngày hôm nay" in response.content.decode()
    response = client.post(url, {"received_on": day(-30)})
    assert "trước ngày nhận đơn tố cáo" in response.content.decode()
    assert not Withdrawal.objects.exists()
    # The chair's seat gives no "work": recording is refused; staff cannot decide.
    client.force_login(u["chair"])
    assert client.post(url, {"received_on": day()}).status_code == 403
    client.force_login(u["staff"])
    client.post(url, {"received_on": day()})
    decide = reverse("cases:denunciation_withdrawal_decide", args=[case.pk])
    assert client.post(decide, {"decision": "stop"}).status_code == 403
    client.force_login(u["outsider"])
    assert client.get(url).status_code == 404
    assert Case.objects.get(pk=case.pk).status == CaseStatus.RECEIVED
    # Stopping before triage ends the triage task too.
    client.force_login(u["chair"])
    assert client.post(decide, {"decision": "stop", "finding": "Rút đơn tự nguyện"}).status_code == 302
    assert not open_tasks(case).exists()


def test_no_withdrawal_after_the_conclusion(client, world):
    case = register(client, world)
    carry_to_concluded(client, world, case)
    client.force_login(world["users"]["staff"])
    response = client.post(reverse("cases:denunciation_withdrawal", args=[case.pk]), {"received_on": day()})
    assert response.status_code == 200 and "trước khi có kết luận" in response.content.decode()
    assert not Withdrawal.objects.exists()


def test_extension_once_with_notice_second_refused(client, world):
    u = world["users"]
    case = register(client, world)
    original = case.due_on
    url = reverse("cases:denunciation_extend", args=[case.pk])
    client.force_login(u["staff"])
    assert client.post(url, {"reason": "Cần xác minh thêm"}).status_code == 403
    client.force_login(u["chair"])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    response = client.post(url, {"reason": "Nội dung phức tạp, cần xác minh tại nhiều nơi"})
    assert response.status_code == 302
    case.refresh_from_db()
    expected = deadlines.due_on("D.resolve", case.clock_started_on, extension=True)
    assert case.due_on == expected and expected > original
    ext = DeadlineExtension.objects.get(case=case)
    assert (ext.due_before, ext.due_after) == (original, expected)
    notice = DenunciationNotice.objects.get(case=case, kind="extension")
    assert expected.strftime("%d/%m/%Y") in " ".join(notice.content["paragraphs"])
    assert "nhiều nơi" not in json.dumps(notice.content, ensure_ascii=False)  # the reason stays internal
    response = client.post(url, {"reason": "Gia hạn lần hai"})
    assert response.status_code == 200 and "chỉ được gia hạn 1 lần" in response.content.decode()
    assert DeadlineExtension.objects.filter(case=case).count() == 1
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Gia hạn ngày" in page and 'id="d-extend"' not in page


def test_extension_after_the_due_date_is_refused(client, world):
    case = register(client, world, received_on=day(-200), letter_dated=day(-201))
    assert case.due_on < timezone.localdate()
    client.force_login(world["users"]["chair"])
    response = client.post(reverse("cases:denunciation_extend", args=[case.pk]), {"reason": "Quá hạn rồi mới xin"})
    assert response.status_code == 200 and "không gia hạn sau khi hết hạn" in response.content.decode()
    assert not DeadlineExtension.objects.exists()
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Quá hạn" in page


def test_denouncer_and_denounced_never_on_the_team(client, world):
    u = world["users"]
    # The denouncer is a party member with an account and a seat on the committee.
    case = register(client, world, denouncer_card_number=u["member"].member.card_number)
    triage(client, world, case)
    meet(client, world, case)
    response = form_team(client, world, case, expect=200)
    assert "bên liên quan của hồ sơ" in response.content.decode()
    before = JournalEntry.objects.filter(case=case).count()  # the task is claimed now
    CommitteeSeatFactory(
        committee=world["committee"], user=u["subject"], role="member", started_on=datetime.date(2025, 7, 1)
    )
    response = form_team(client, world, case, expect=200, members=[u["subject"].pk])
    assert "là đối tượng của hồ sơ" in response.content.decode()
    assert JournalEntry.objects.filter(case=case).count() == before
    assert Case.objects.get(pk=case.pk).status == CaseStatus.DENUNCIATION_ACCEPTED
    form_team(client, world, case, members=[])
    assert Case.objects.get(pk=case.pk).status == CaseStatus.DRAFT


def test_step_bad_input(client, world):
    u = world["users"]
    case = register(client, world)
    triage(client, world, case)
    response = complete(client, u["staff"], case, "meet_denouncer", {"met_on": day()}, expect=200)
    assert "minutes" in response.context["form"].errors
    response = complete(client, u["staff"], case, "meet_denouncer", {"met_on": day(3), "minutes": pdf()}, expect=200)
    assert "không được sau ngày hôm nay" in response.content.decode()
    assert not PartyDocument.objects.filter(party__case=case, title__startswith="Biên bản").exists()
    meet(client, world, case)
    form_team(client, world, case)
    response = complete(client, u["chair"], case, "sign_decision", {"signed_on": day(-30)}, expect=200)
    assert "không được trước ngày xử lý đơn" in response.content.decode()
    complete(client, u["chair"], case, "sign_decision", {"signed_on": day()})
    response = complete(client, u["member"], case, "send_outline", {"sent_on": day()}, expect=200)
    assert "file" in response.context["form"].errors
    complete(client, u["member"], case, "send_outline", {"sent_on": day(), "file": pdf()})
    complete(client, u["member"], case, "receive_explanation", {"received_on": day(), "file": pdf()})
    allegation = Allegation.objects.filter(case=case).first()
    response = complete(client, u["member"], case, "verify", {}, expect=200)
    assert "ít nhất một nội dung" in response.content.decode()
    response = complete(client, u["member"], case, "verify", {f"verdict_{allegation.pk}": "right"}, expect=200)
    assert f"reasoning_{allegation.pk}" in response.context["form"].errors
    response = complete(client, u["member"], case, "verify", {f"verdict_{allegation.pk}": "maybe"}, expect=200)
    assert f"verdict_{allegation.pk}" in response.context["form"].errors
    assert not Allegation.objects.filter(case=case).exclude(verdict="").exists()
    complete(client, u["member"], case, "verify", verdicts(case))
    response = complete(
        client, u["leader"], case, "write_team_report", {"text": "Báo cáo", "discussed_on": day(5)}, expect=200
    )
    assert "không được sau ngày hôm nay" in response.content.decode()
    complete(client, u["leader"], case, "write_team_report", {"text": "Báo cáo", "discussed_on": day()})
    complete(client, u["chair"], case, "review_team_report", {"decision": "accept"})
    response = complete(
        client,
        u["leader"],
        case,
        "draft_conclusion",
        {"text": "Kết luận", "discipline_threshold": "on", "recommendations": ""},
        expect=200,
    )
    assert "Chỉ đề nghị xem xét kỷ luật khi kết luận có vi phạm" in response.content.decode()
    response = complete(
        client, u["leader"], case, "draft_conclusion", {"text": "Kết luận", "other_signs": "on"}, expect=200
    )
    assert "dấu hiệu vi phạm khác" in response.content.decode()
    assert Case.objects.get(pk=case.pk).status == CaseStatus.REPORTED


def _working_days(start, end):
    from inspections.models import Holiday

    holidays = set(Holiday.objects.values_list("day", flat=True))
    return sum(
        1
        for n in range((end - start).days)
        if (start + datetime.timedelta(days=n)).weekday() < 5 and start + datetime.timedelta(days=n) not in holidays
    )


def test_the_clock_stops_while_paused_and_the_due_date_moves_on_resume(client, world):
    from inspections.models import DenunciationPause
    from inspections.rules.deadlines import add_working_days

    u = world["users"]
    case = register(client, world, received_on=day(-12), letter_dated=day(-13))
    triage(client, world, case)
    due = Case.objects.get(pk=case.pk).due_on
    pause_url = reverse("cases:denunciation_pause", args=[case.pk])
    resume_url = reverse("cases:denunciation_resume", args=[case.pk])
    assert _as_client(client, u["staff"]).post(pause_url, {"reason": "congress", "note": "x"}).status_code == 403
    c = _as_client(client, u["chair"])
    response = c.post(pause_url, {"reason": "congress", "note": "", "paused_on": day()})
    assert response.status_code == 200 and "note" in response.context["form"].errors
    response = c.post(pause_url, {"reason": "congress", "note": "Đại hội", "paused_on": day(1)})
    assert "không được sau ngày hôm nay" in response.content.decode()
    response = c.post(
        pause_url,
        {"reason": "congress", "note": "Đơn liên quan nhân sự đại hội, nhận trước đại hội", "paused_on": day(-7)},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.SUSPENDED
    # No step while the clock is stopped; no extension either.
    response = complete(client, u["staff"], case, "meet_denouncer", {"met_on": day(), "minutes": pdf()}, expect=200)
    assert "tạm dừng" in response.content.decode()
    response = _as_client(client, u["chair"]).post(
        reverse("cases:denunciation_extend", args=[case.pk]), {"reason": "Gia hạn"}
    )
    assert "tạm dừng" in response.content.decode()
    assert Case.objects.get(pk=case.pk).status == CaseStatus.SUSPENDED
    c = _as_client(client, u["chair"])
    page = c.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "đang tạm dừng" in page and 'id="d-resume"' in page
    response = c.post(resume_url, {"resumed_on": day(-8)})
    assert "không được trước ngày tạm dừng" in response.content.decode()
    assert c.post(resume_url, {"resumed_on": day()}).status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.DENUNCIATION_ACCEPTED
    paused = _working_days(timezone.localdate() - datetime.timedelta(days=7), timezone.localdate())
    assert paused >= 4
    assert case.due_on == add_working_days(due, paused, frozenset())
    pause = DenunciationPause.objects.get(case=case)
    assert (pause.due_before, pause.due_after) == (due, case.due_on)
    assert {"denunciation.paused", "denunciation.resumed"} <= set(actions(case))
    meet(client, world, case)


def test_withdrawal_while_paused_ends_the_pause_and_the_case(client, world):
    from inspections.models import DenunciationPause

    u = world["users"]
    case = register(client, world)
    c = _as_client(client, u["chair"])
    c.post(reverse("cases:denunciation_pause", args=[case.pk]), {"reason": "other", "note": "Chờ", "paused_on": day()})
    _as_client(client, u["staff"]).post(
        reverse("cases:denunciation_withdrawal", args=[case.pk]), {"received_on": day()}
    )
    c = _as_client(client, u["chair"])
    response = c.post(reverse("cases:denunciation_withdrawal_decide", args=[case.pk]), {"decision": "stop"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.WITHDRAWN
    assert DenunciationPause.objects.get(case=case).resumed_on == timezone.localdate()
    assert not open_tasks(case).exists()


def _as_client(client, user):
    client.force_login(user)
    return client
