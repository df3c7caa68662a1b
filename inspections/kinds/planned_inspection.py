"""Kind A: planned inspection (kiểm tra chấp hành theo chương trình), domain.md §5(A), A.3."""

from inspections.kinds.spec import KindSpec
from inspections.models.documents import DocumentKind as Doc
from inspections.models.status import CaseKind, CaseStatus

# Return loops: report sent back -> VERIFYING; conclusion sent back -> REPORTED (redraft).
PIPELINE = {
    CaseStatus.DRAFT: (CaseStatus.DECIDED,),
    CaseStatus.DECIDED: (CaseStatus.NOTIFIED,),
    CaseStatus.NOTIFIED: (CaseStatus.SELF_REPORTED,),
    CaseStatus.SELF_REPORTED: (CaseStatus.VERIFYING,),
    CaseStatus.VERIFYING: (CaseStatus.REPORTED,),
    CaseStatus.REPORTED: (CaseStatus.VERIFYING, CaseStatus.CONCLUDING),
    CaseStatus.CONCLUDING: (CaseStatus.REPORTED, CaseStatus.CONCLUDED),
    CaseStatus.CONCLUDED: (CaseStatus.FOLLOW_UP, CaseStatus.CLOSED),
    CaseStatus.FOLLOW_UP: (CaseStatus.CLOSED,),
    CaseStatus.CLOSED: (),
}

SPEC = KindSpec(
    code=CaseKind.PLANNED_INSPECTION,
    title=CaseKind.PLANNED_INSPECTION.label,
    pipeline=PIPELINE,
    case_limit="A.resolve",
    time_limits=("A.resolve",),
    document_kinds=(Doc.DECISION, Doc.NOTICE, Doc.SELF_REPORT, Doc.TEAM_REPORT, Doc.CONCLUSION_NOTICE),
    # A violation reaching discipline (inspections.services.discipline.discipline_spawn);
    # an unmet follow-up requirement opens an inspection upon signs (issue 3).
    may_open=(CaseKind.DISCIPLINE, CaseKind.SIGNS_INSPECTION),
)
