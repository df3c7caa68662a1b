"""Execution phase of an inspection: notice, self-report, verification, the team's report
(domain.md §5(A) A.3 steps 2–4)."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inspections import access, journal
from inspections.exceptions import RuleViolation
from inspections.models import Case, CaseStatus, Finding, TeamReport
from inspections.services.documents import document_add
from inspections.services.status import current_status, set_status
from inspections.services.steps.report_review import team_report_add, team_report_decide


def _check_date(day: datetime.date, case: Case, label: str) -> None:
    if day > timezone.localdate():
        raise RuleViolation(_("%(label)s không được sau ngày hôm nay.") % {"label": label})
    if case.decided_on and day < case.decided_on:
        raise RuleViolation(_("%(label)s không được trước ngày ký quyết định.") % {"label": label})


@transaction.atomic
def notice_record(*, actor, case: Case, sent_on: datetime.date, upload=None) -> Case:
    """The team notifies the subject of the decision and plan (A.3 step 2)."""
    access.require(actor, "work", case)
    _check_date(sent_on, case, _("Ngày thông báo"))
    set_status(case=case, actor=actor, target=CaseStatus.NOTIFIED)
    journal.append(case=case, actor=actor, action="subject.notified", payload={"sent_on": sent_on})
    if upload is not None:
        document_add(actor=actor, case=case, kind="notice", title=_("Thông báo quyết định kiểm tra"), upload=upload)
    return case


@transaction.atomic
def self_report_receive(*, actor, case: Case, received_on: datetime.date, upload) -> Case:
    """The subject's self-inspection report is received (A.3 step 3). The file is required."""
    access.require(actor, "work", case)
    _check_date(received_on, case, _("Ngày nhận báo cáo"))
    if upload is None:
        raise RuleViolation(_("Cần tải lên báo cáo tự kiểm tra của đối tượng."))
    set_status(case=case, actor=actor, target=CaseStatus.SELF_REPORTED)
    document_add(actor=actor, case=case, kind="self_report", title=_("Báo cáo tự kiểm tra"), upload=upload)
    journal.append(case=case, actor=actor, action="self_report.received", payload={"received_on": received_on})
    return case


@transaction.atomic
def verification_record(*, actor, case: Case, findings: list[tuple[str, str]], upload=None) -> list[Finding]:
    """Verification and findings (A.3 step 3). At least one finding is needed per round."""
    access.require(actor, "work", case)
    findings = [(a, t.strip()) for a, t in findings if t and t.strip()]
    if not findings:
        raise RuleViolation(_("Cần ghi ít nhất một kết quả thẩm tra, xác minh."))
    status = current_status(case)
    if status == CaseStatus.SELF_REPORTED:
        set_status(case=case, actor=actor, target=CaseStatus.VERIFYING)
    elif status != CaseStatus.VERIFYING:
        raise RuleViolation(_("Hồ sơ không ở bước thẩm tra, xác minh."))
    created = Finding.objects.bulk_create(
        [Finding(case=case, assessment=a, text=t, recorded_by=actor) for a, t in findings]
    )
    if upload is not None:
        document_add(actor=actor, case=case, kind="minutes", title=_("Biên bản xác minh"), upload=upload)
    journal.append(
        case=case,
        actor=actor,
        action="findings.recorded",
        payload={"findings": [{"assessment": a, "text": t} for a, t in findings]},
    )
    return created


@transaction.atomic
def team_report_submit(*, actor, case: Case, text: str, upload=None) -> TeamReport:
    """The team leader submits the inspection-result report (A.3 step 4)."""
    access.require(actor, "lead", case)
    if not text.strip():
        raise RuleViolation(_("Báo cáo kết quả kiểm tra không được để trống."))
    if not case.findings.exists():
        raise RuleViolation(_("Chưa có kết quả thẩm tra, xác minh nào để báo cáo."))
    return team_report_add(
        actor=actor,
        case=case,
        text=text.strip(),
        upload=upload,
        document_kind="team_report",
        document_title=_("Báo cáo kết quả kiểm tra lần %(n)s"),
    )


@transaction.atomic
def team_report_review(*, actor, case: Case, accept: bool, note: str = "") -> TeamReport:
    """The chair accepts the report or sends it back for more verification (return loop)."""
    access.require(actor, "approve", case)
    return team_report_decide(actor=actor, case=case, accept=accept, note=note)
