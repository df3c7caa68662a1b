"""Kind F: complaint against party discipline (giải quyết khiếu nại kỷ luật đảng), domain.md §5(F)."""

from inspections.kinds.spec import KindSpec
from inspections.models.documents import DocumentKind as Doc
from inspections.models.status import CaseKind, CaseStatus

# Registered -> admissible (under review) or not handled; report returned -> VERIFYING; the
# competent body's secret ballot (VOTING) -> outcome applied (VOTED), or no option reaching
# its threshold / a result the body may not apply -> back to REPORTED for a new round; the
# complaint decision -> DECIDED; notified to everyone -> CLOSED.
PIPELINE = {
    CaseStatus.DRAFT: (CaseStatus.RECEIVED,),
    CaseStatus.RECEIVED: (CaseStatus.VERIFYING, CaseStatus.NOT_HANDLED),
    CaseStatus.VERIFYING: (CaseStatus.REPORTED,),
    CaseStatus.REPORTED: (CaseStatus.VERIFYING, CaseStatus.VOTING),
    CaseStatus.VOTING: (CaseStatus.VOTED, CaseStatus.REPORTED),
    CaseStatus.VOTED: (CaseStatus.DECIDED,),
    CaseStatus.DECIDED: (CaseStatus.CLOSED,),
    CaseStatus.NOT_HANDLED: (),
    CaseStatus.CLOSED: (),
}

SPEC = KindSpec(
    code=CaseKind.DISCIPLINE_COMPLAINT,
    title=CaseKind.DISCIPLINE_COMPLAINT.label,
    pipeline=PIPELINE,
    case_limit="F.resolve",
    time_limits=("F.file", "F.resolve"),
    document_kinds=(
        Doc.COMPLAINT_LETTER,
        Doc.COMPLAINT_REFUSAL,
        Doc.COMPLAINT_FILE,
        Doc.COMPLAINT_REPORT,
        Doc.COMPLAINT_MINUTES,
        Doc.COMPLAINT_DECISION,
        Doc.COMPLAINT_NOTICE,
        Doc.COMPLAINT_RESTORE,
    ),
)
