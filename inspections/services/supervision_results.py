"""Execution and conclusion of a thematic supervision (C2), domain.md §5(C) C2 table,
steps 3-7: the group studies the subject's report and asks for additions or explanation,
drafts the result report, discusses it at the subject's meeting and finalises it; the
committee accepts or returns it (signs of violation become a proposal to open an
inspection upon signs, case B); the supervision-result notice is sent and its
requirements followed up (the notice itself is drafted and signed with
inspections.services.conclusions, like an inspection's conclusion)."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inspections import access, journal
from inspections.exceptions import RuleViolation
from inspections.models import (
    AdditionRequest,
    Case,
    CaseStatus,
    DocumentKind,
    Finding,
    Recommendation,
    ReviewStatus,
    SupervisionMeeting,
    TeamReport,
    ThematicSupervision,
)
from inspections.selectors.supervision import group_ids
from inspections.services.documents import document_add
from inspections.services.regular_supervision import proposal_record
from inspections.services.reviews import review_latest
from inspections.services.status import current_status, set_status
from inspections.services.steps.closing import case_close
from inspections.services.steps.report_review import team_report_add
from inspections.services.thematic_supervision import check_not_before, check_not_future, detail_row


@transaction.atomic
def report_study(
    *,
    actor,
    case: Case,
    findings: list[tuple[str, str]],
    additions: str = "",
    requested_on: datetime.date | None = None,
    upload=None,
) -> AdditionRequest | None:
    """The group studies the report and documents (C2 step 3): it records what it finds and,
    when the report falls short, asks the subject for additions or explanation."""
    access.require(actor, "work", case)
    findings = [(a, t.strip()) for a, t in findings if t and t.strip()]
    additions = additions.strip()
    if not findings and not additions:
        raise RuleViolation(_("Cần ghi ít nhất một nhận xét, hoặc nội dung yêu cầu bổ sung, giải trình."))
    if any(a not in Finding.Assessment.values for a, _t in findings):
        raise RuleViolation(_("Loại nhận xét không hợp lệ."))
    status = current_status(case)
    if status == CaseStatus.SUBJECT_REPORTED:
        set_status(case=case, actor=actor, target=CaseStatus.VERIFYING)
    elif status != CaseStatus.VERIFYING:
        raise RuleViolation(_("Hồ sơ không ở bước nghiên cứu báo cáo của đối tượng."))
    request = None
    if additions:
        if requested_on is None:
            raise RuleViolation(_("Cần ghi ngày yêu cầu bổ sung, giải trình."))
        label = _("Ngày yêu cầu bổ sung")
        check_not_future(requested_on, label)
        check_not_before(requested_on, case.clock_started_on, label, _("ngày nhận báo cáo"))
        request = AdditionRequest.objects.create(
            case=case, content=additions, requested_on=requested_on, requested_by=actor
        )
        set_status(case=case, actor=actor, target=CaseStatus.ADDITIONS_REQUESTED)
    Finding.objects.bulk_create([Finding(case=case, assessment=a, text=t, recorded_by=actor) for a, t in findings])
    if upload is not None:
        document_add(actor=actor, case=case, kind=DocumentKind.MINUTES, title=_("Biên bản làm việc"), upload=upload)
    journal.append(
        case=case,
        actor=actor,
        action="supervision.studied",
        payload={
            "findings": [{"assessment": a, "text": t} for a, t in findings],
            "additions": additions,
            "requested_on": requested_on if additions else None,
        },
    )
    return request


@transaction.atomic
def additions_receive(*, actor, case: Case, received_on: datetime.date, upload) -> AdditionRequest:
    """The subject's additions or explanation arrive; the group studies again."""
    access.require(actor, "work", case)
    request = AdditionRequest.objects.select_for_update().filter(case=case, received_on__isnull=True).first()
    if request is None:
        raise RuleViolation(_("Không có yêu cầu bổ sung, giải trình nào đang chờ."))
    if upload is None:
        raise RuleViolation(_("Cần tải lên văn bản bổ sung, giải trình của đối tượng."))
    label = _("Ngày nhận bổ sung")
    check_not_future(received_on, label)
    check_not_before(received_on, request.requested_on, label, _("ngày yêu cầu bổ sung"))
    set_status(case=case, actor=actor, target=CaseStatus.VERIFYING)
    request.received_on, request.received_by = received_on, actor
    request.save(update_fields=["received_on", "received_by"])
    document_add(
        actor=actor,
        case=case,
        kind=DocumentKind.SUPERVISION_SUBJECT_REPORT,
        title=_("Báo cáo bổ sung, giải trình"),
        upload=upload,
    )
    journal.append(
        case=case,
        actor=actor,
        action="supervision.additions_received",
        payload={"request": request.pk, "received_on": received_on},
    )
    return request


@transaction.atomic
def result_draft(*, actor, case: Case, text: str, upload=None) -> ThematicSupervision:
    """The group leader drafts the supervision-result report (C2 step 3, end)."""
    access.require(actor, "lead", case)
    text = text.strip()
    if not text:
        raise RuleViolation(_("Dự thảo báo cáo kết quả giám sát không được để trống."))
    if AdditionRequest.objects.filter(case=case, received_on__isnull=True).exists():
        raise RuleViolation(_("Đang chờ đối tượng bổ sung, giải trình; chưa thể dự thảo báo cáo."))
    set_status(case=case, actor=actor, target=CaseStatus.RESULT_DRAFTED)
    row = detail_row(case)
    row.draft_report, row.drafted_on = text, timezone.localdate()
    row.save(update_fields=["draft_report", "drafted_on"])
    if upload is not None:
        document_add(
            actor=actor,
            case=case,
            kind=DocumentKind.SUPERVISION_RESULT_REPORT,
            title=_("Dự thảo báo cáo kết quả giám sát"),
            upload=upload,
        )
    journal.append(case=case, actor=actor, action="supervision.result_drafted", payload={"text": text})
    return row


@transaction.atomic
def subject_meeting_record(
    *,
    actor,
    case: Case,
    held_on: datetime.date,
    group_present: list,
    summary: str,
    subject_committee_present: str = "",
    subject_member_present: bool | None = None,
    upload=None,
) -> SupervisionMeeting:
    """The supervised organisation's meeting (C2 step 4): the subject presents its report,
    the group its draft result report, then discussion. Attendance: the group, the
    supervised organisation's committee, the supervised member."""
    access.require(actor, "work", case)
    summary, committee_present = summary.strip(), subject_committee_present.strip()
    if not summary:
        raise RuleViolation(_("Cần tóm tắt ý kiến thảo luận tại hội nghị."))
    group = group_ids(case)
    if not group_present:
        raise RuleViolation(_("Cần ghi thành viên tổ giám sát có mặt."))
    if any(u.pk not in group for u in group_present):
        raise RuleViolation(_("Người được ghi có mặt không thuộc tổ giám sát."))
    if case.subject_member_id is not None and subject_member_present is None:
        raise RuleViolation(_("Cần ghi đảng viên được giám sát có mặt hay vắng mặt."))
    if case.subject_organisation_id is not None and not committee_present:
        raise RuleViolation(_("Cần ghi thành phần cấp ủy của tổ chức được giám sát có mặt."))
    label = _("Ngày họp")
    check_not_future(held_on, label)
    check_not_before(held_on, detail_row(case).drafted_on, label, _("ngày dự thảo báo cáo kết quả"))
    set_status(case=case, actor=actor, target=CaseStatus.MEETING_HELD)
    minutes = None
    if upload is not None:
        minutes = document_add(
            actor=actor, case=case, kind=DocumentKind.MINUTES, title=_("Biên bản hội nghị giám sát"), upload=upload
        )
    meeting = SupervisionMeeting.objects.create(
        case=case,
        held_on=held_on,
        subject_committee_present=committee_present,
        subject_member_present=subject_member_present if case.subject_member_id else None,
        summary=summary,
        minutes=minutes,
        recorded_by=actor,
    )
    meeting.group_present.set(group_present)
    journal.append(
        case=case,
        actor=actor,
        action="supervision.meeting_held",
        payload={
            "meeting": meeting.pk,
            "held_on": held_on,
            "group_present": sorted(u.pk for u in group_present),
            "subject_committee_present": committee_present,
            "subject_member_present": meeting.subject_member_present,
            "summary": summary,
        },
    )
    return meeting


@transaction.atomic
def result_report_finalise(
    *, actor, case: Case, text: str, signs_found: bool, signs_content: str = "", upload=None
) -> TeamReport:
    """The group finalises the supervision-result report and reports to the committee (C2
    steps 5-6). When it found signs of violation it says so and what it proposes: the
    proposal to open an inspection upon signs is recorded when the committee accepts."""
    access.require(actor, "lead", case)
    text, signs_content = text.strip(), signs_content.strip()
    if not text:
        raise RuleViolation(_("Báo cáo kết quả giám sát không được để trống."))
    if signs_found and not signs_content:
        raise RuleViolation(_("Khi phát hiện dấu hiệu vi phạm, cần ghi rõ dấu hiệu và đề nghị kiểm tra."))
    row = detail_row(case)
    row.signs_found, row.signs_content = signs_found, signs_content if signs_found else ""
    row.save(update_fields=["signs_found", "signs_content"])
    return team_report_add(
        actor=actor,
        case=case,
        text=text,
        upload=upload,
        document_kind=DocumentKind.SUPERVISION_RESULT_REPORT,
        document_title=_("Báo cáo kết quả giám sát lần %(n)s"),
        action="supervision.report_finalised",
        payload={"signs_found": signs_found, "signs_content": row.signs_content},
    )


@transaction.atomic
def result_report_review(*, actor, case: Case, accept: bool, note: str = "") -> TeamReport:
    """The committee (the chair) accepts the result report or returns it to the group.
    On acceptance, signs of violation the report found become a proposal to open an
    inspection upon signs (case B), domain.md §5(C) C2 step 6."""
    access.require(actor, "approve", case)
    report = review_latest(
        actor=actor,
        case=case,
        drafts=case.team_reports.all(),
        author_field="submitted_by",
        accept=accept,
        note=note,
        none_pending=_("Không có báo cáo kết quả giám sát nào đang chờ xem xét."),
        own_draft=_("Người trình báo cáo không được tự duyệt báo cáo của mình."),
        reason_required=_("Khi trả lại báo cáo, cần ghi rõ nội dung cần hoàn thiện."),
    )
    proposal = None
    if accept:
        row = detail_row(case)
        if row.signs_found:
            proposal = proposal_record(
                actor=actor, origin=case, content=row.signs_content, proposed_by=report.submitted_by
            )
    else:
        set_status(case=case, actor=actor, target=CaseStatus.MEETING_HELD, reason=report.review_note)
    journal.append(
        case=case,
        actor=actor,
        action="supervision.report_accepted" if accept else "supervision.report_returned",
        payload={
            "version": report.version,
            "note": report.review_note,
            "proposal": proposal.pk if proposal else None,
            "status": {"before": ReviewStatus.SUBMITTED, "after": report.status},
        },
    )
    return report


def _binding_open(case: Case):
    return Recommendation.objects.filter(
        case=case, conclusion__status=ReviewStatus.ACCEPTED, status=Recommendation.Status.OPEN
    )


@transaction.atomic
def result_notice_send(*, actor, case: Case, sent_on: datetime.date, upload=None) -> Case:
    """The committee's supervision-result notice (Thông báo kết quả / kết luận giám sát)
    goes to the subject (C2 step 7); its requirements are followed up like an
    inspection's recommendations, and the case closes when none is open."""
    access.require(actor, "work", case)
    if current_status(case) != CaseStatus.CONCLUDED:
        raise RuleViolation(_("Thông báo kết quả giám sát chưa được ký."))
    label = _("Ngày gửi thông báo")
    check_not_future(sent_on, label)
    check_not_before(sent_on, case.concluded_on, label, _("ngày ký thông báo"))
    row = detail_row(case)
    row.notice_sent_on = sent_on
    row.save(update_fields=["notice_sent_on"])
    if upload is not None:
        document_add(
            actor=actor,
            case=case,
            kind=DocumentKind.SUPERVISION_RESULT_NOTICE,
            title=_("Thông báo kết quả giám sát"),
            upload=upload,
        )
    journal.append(case=case, actor=actor, action="supervision.notice_sent", payload={"sent_on": sent_on})
    if _binding_open(case).exists():
        set_status(case=case, actor=actor, target=CaseStatus.FOLLOW_UP)
    else:
        case_close(actor=actor, case=case)
    return case
