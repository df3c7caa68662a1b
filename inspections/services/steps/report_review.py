"""The team's report and its review, for every kind whose team reports to the chair
(inspections A, B, G, H; denunciations D; discipline complaints F; supervision C2 for the
submission): each submission is a new version of the report; the chair accepts the latest
or sends it back for more verification with a reason, never their own (four-eyes,
design.md decision 7, through inspections.services.reviews)."""

from django.db.models import Max
from django.utils.translation import gettext as _

from inspections import journal
from inspections.models import Case, CaseStatus, ReviewStatus, TeamReport
from inspections.services.documents import document_add
from inspections.services.reviews import review_latest
from inspections.services.status import set_status


def team_report_add(
    *,
    actor,
    case: Case,
    text: str,
    upload,
    document_kind: str,
    document_title: str,
    action: str = "team_report.submitted",
    payload: dict | None = None,
) -> TeamReport:
    """Record the next version of the team's report (`text`, already checked) and move the
    case to REPORTED. `document_title` takes the version as %(n)s; `payload`: what the kind
    journals beside the version and the text."""
    set_status(case=case, actor=actor, target=CaseStatus.REPORTED)
    version = (case.team_reports.aggregate(m=Max("version"))["m"] or 0) + 1
    report = TeamReport.objects.create(case=case, version=version, text=text, submitted_by=actor)
    if upload is not None:
        document_add(actor=actor, case=case, kind=document_kind, title=document_title % {"n": version}, upload=upload)
    journal.append(case=case, actor=actor, action=action, payload={"version": version, "text": text, **(payload or {})})
    return report


def team_report_decide(*, actor, case: Case, accept: bool, note: str = "") -> TeamReport:
    """The chair accepts the latest submitted report or sends it back (the case returns to
    VERIFYING with the reason). The caller has checked that the actor may approve."""
    report = review_latest(
        actor=actor,
        case=case,
        drafts=case.team_reports.all(),
        author_field="submitted_by",
        accept=accept,
        note=note,
        none_pending=_("Không có báo cáo nào đang chờ xem xét."),
        own_draft=_("Người trình báo cáo không được tự duyệt báo cáo của mình."),
        reason_required=_("Khi trả lại báo cáo, cần ghi rõ nội dung cần thẩm tra thêm."),
    )
    if not accept:
        set_status(case=case, actor=actor, target=CaseStatus.VERIFYING, reason=report.review_note)
    journal.append(
        case=case,
        actor=actor,
        action="team_report.accepted" if accept else "team_report.returned",
        # review_latest only takes a submitted report: the edit is submitted -> accepted/returned.
        payload={
            "version": report.version,
            "note": report.review_note,
            "status": {"before": ReviewStatus.SUBMITTED, "after": report.status},
        },
    )
    return report
