"""Resolving a discipline complaint that was taken up (domain.md §5(F) "Steps" 1–3): the
team works with the body that imposed the discipline and with the complainant, records
the differences and one assessment per aspect (content, form, procedure, authority), and
the leader reports to the chair, who accepts the report or sends it back. The discipline
stays in force meanwhile (Charter Art. 39.9; §7.10): nothing here touches the record."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from inspections import access, journal
from inspections.exceptions import RuleViolation
from inspections.models import (
    Case,
    CaseStatus,
    Complaint,
    ComplaintAspect,
    ComplaintOutcome,
    ComplaintReview,
    ComplaintVerdict,
    DocumentKind,
    TeamReport,
)
from inspections.services.complaint_checks import check_change, check_day
from inspections.services.discipline_complaint import complaint_row
from inspections.services.documents import document_add
from inspections.services.status import current_status
from inspections.services.steps.report_review import team_report_add, team_report_decide


def _verifying(case: Case) -> Complaint:
    complaint = complaint_row(case)
    if current_status(case) != CaseStatus.VERIFYING:
        raise RuleViolation(_("Hồ sơ không ở bước thẩm tra, xác minh."))
    return complaint


@transaction.atomic
def complaint_imposing_body_meet(
    *, actor, case: Case, met_on: datetime.date, minutes, file_obtained: bool, discipline_file=None
) -> Complaint:
    """The team works with the body that imposed the discipline: conveys the plan, agrees
    the schedule, obtains the discipline file (§5(F) step 1)."""
    access.require(actor, "work", case)
    complaint = _verifying(case)
    check_day(met_on, _("Ngày làm việc"), not_before=complaint.received_on, before_label=_("ngày nhận đơn"))
    if minutes is None:
        raise RuleViolation(_("Cần tải lên biên bản làm việc với cơ quan đã thi hành kỷ luật."))
    document_add(
        actor=actor,
        case=case,
        kind=DocumentKind.MINUTES,
        title=_("Biên bản làm việc với cơ quan đã thi hành kỷ luật"),
        upload=minutes,
    )
    if discipline_file is not None:
        document_add(
            actor=actor, case=case, kind=DocumentKind.COMPLAINT_FILE, title=_("Hồ sơ kỷ luật"), upload=discipline_file
        )
    before = {"met_on": complaint.imposing_body_met_on, "file": complaint.discipline_file_obtained}
    complaint.imposing_body_met_on = met_on
    complaint.discipline_file_obtained = bool(file_obtained or discipline_file is not None)
    complaint.save(update_fields=["imposing_body_met_on", "discipline_file_obtained"])
    journal.append(
        case=case,
        actor=actor,
        action="complaint.imposing_body_met",
        payload={
            "met_on": {"before": before["met_on"], "after": met_on},
            "file_obtained": {"before": before["file"], "after": complaint.discipline_file_obtained},
        },
    )
    return complaint


@transaction.atomic
def complaint_complainant_meet(*, actor, case: Case, met_on: datetime.date, minutes, note: str = "") -> Complaint:
    """The team works with the complainant (§5(F) step 2), with minutes."""
    access.require(actor, "work", case)
    complaint = _verifying(case)
    check_day(met_on, _("Ngày làm việc"), not_before=complaint.received_on, before_label=_("ngày nhận đơn"))
    if minutes is None:
        raise RuleViolation(_("Cần tải lên biên bản làm việc với người khiếu nại."))
    document_add(
        actor=actor,
        case=case,
        kind=DocumentKind.MINUTES,
        title=_("Biên bản làm việc với người khiếu nại"),
        upload=minutes,
    )
    before = complaint.complainant_met_on
    complaint.complainant_met_on = met_on
    complaint.save(update_fields=["complainant_met_on"])
    journal.append(
        case=case,
        actor=actor,
        action="complaint.complainant_met",
        payload={"met_on": {"before": before, "after": met_on}, "note": note.strip()},
    )
    return complaint


@transaction.atomic
def complaint_aspects_review(
    *, actor, case: Case, differences: str, reviews: dict[str, tuple[str, str]], upload=None
) -> Complaint:
    """The differences between the complaint and the decision, and one assessment for each
    aspect: content of the violation, form, principles-procedure-process, authority
    (§5(F) "What is reviewed"). Sent back by the chair, the team records them again."""
    access.require(actor, "work", case)
    complaint = _verifying(case)
    if complaint.imposing_body_met_on is None or complaint.complainant_met_on is None:
        raise RuleViolation(
            _("Cần làm việc với cơ quan đã thi hành kỷ luật và với người khiếu nại trước khi đánh giá.")
        )
    differences = differences.strip()
    if not differences:
        raise RuleViolation(_("Cần ghi những điểm khác nhau giữa đơn khiếu nại và quyết định kỷ luật."))
    labels = dict(ComplaintAspect.choices)
    cleaned = {}
    for aspect in ComplaintAspect.values:
        verdict, text = reviews.get(aspect, ("", ""))
        if verdict not in ComplaintVerdict.values or not (text or "").strip():
            raise RuleViolation(_("Cần đánh giá và nhận xét về “%(aspect)s”.") % {"aspect": labels[aspect]})
        cleaned[aspect] = (verdict, text.strip())
    existing = {r.aspect: r for r in ComplaintReview.objects.filter(complaint=complaint)}
    changes = {}
    for aspect, (verdict, text) in cleaned.items():
        row = existing.get(aspect)
        before = (row.verdict, row.text) if row else (None, None)
        if row is None:
            ComplaintReview.objects.create(
                complaint=complaint, aspect=aspect, verdict=verdict, text=text, recorded_by=actor
            )
        elif before != (verdict, text):
            row.verdict, row.text, row.recorded_by = verdict, text, actor
            row.save(update_fields=["verdict", "text", "recorded_by", "recorded_at"])
        if before != (verdict, text):
            changes[aspect] = {"before": before[0], "after": verdict}
    before_differences = complaint.differences
    complaint.differences = differences
    complaint.save(update_fields=["differences"])
    if upload is not None:
        document_add(
            actor=actor, case=case, kind=DocumentKind.MINUTES, title=_("Biên bản thẩm tra, xác minh"), upload=upload
        )
    journal.append(
        case=case,
        actor=actor,
        action="complaint.aspects_reviewed",
        payload={
            "differences": {"before": before_differences, "after": differences},
            "verdicts": changes,
            "texts": {aspect: text for aspect, (_verdict, text) in cleaned.items()},
        },
    )
    return complaint


@transaction.atomic
def complaint_report_submit(
    *, actor, case: Case, text: str, proposed_outcome: str, proposed_form: str = "", upload=None
) -> TeamReport:
    """The leader submits the draft report with the team's proposal (§5(F) step 3)."""
    access.require(actor, "lead", case)
    complaint = _verifying(case)
    if ComplaintReview.objects.filter(complaint=complaint).count() < len(ComplaintAspect.values):
        raise RuleViolation(_("Chưa đánh giá đủ các nội dung khiếu nại để báo cáo."))
    text = text.strip()
    if not text:
        raise RuleViolation(_("Báo cáo kết quả giải quyết khiếu nại không được để trống."))
    if proposed_outcome not in ComplaintOutcome.values:
        raise RuleViolation(_("Cần chọn đề xuất của đoàn."))
    check_change(record=complaint.record, outcome=proposed_outcome, new_form=proposed_form or "")
    report = team_report_add(
        actor=actor,
        case=case,
        text=text,
        upload=upload,
        document_kind=DocumentKind.COMPLAINT_REPORT,
        document_title=_("Báo cáo kết quả giải quyết khiếu nại lần %(n)s"),
        payload={"proposed_outcome": proposed_outcome, "proposed_form": proposed_form or ""},
    )
    complaint.proposed_outcome, complaint.proposed_form = proposed_outcome, proposed_form or ""
    complaint.save(update_fields=["proposed_outcome", "proposed_form"])
    return report


@transaction.atomic
def complaint_report_review(*, actor, case: Case, accept: bool, note: str = "") -> TeamReport:
    """The chair accepts the draft report or sends it back for more verification."""
    access.require(actor, "approve", case)
    if current_status(case) != CaseStatus.REPORTED:
        raise RuleViolation(_("Không có báo cáo nào đang chờ xem xét."))
    return team_report_decide(actor=actor, case=case, accept=accept, note=note)
