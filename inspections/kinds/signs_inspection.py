"""Kind B: inspection upon signs of violation (kiểm tra khi có dấu hiệu vi phạm), domain.md §5(B)."""

from inspections.kinds import three_phase
from inspections.kinds.spec import KindSpec
from inspections.models.documents import DocumentKind as Doc
from inspections.models.status import CaseKind, CaseStatus

# The subject's explanatory report is verified on receipt: no self-inspection report.
PIPELINE = {
    **{status: moves for status, moves in three_phase.PIPELINE.items() if status != CaseStatus.SELF_REPORTED},
    CaseStatus.NOTIFIED: (CaseStatus.VERIFYING,),
}

SPEC = KindSpec(
    code=CaseKind.SIGNS_INSPECTION,
    title=CaseKind.SIGNS_INSPECTION.label,
    pipeline=PIPELINE,
    case_limit="B.resolve",
    time_limits=("B.resolve",),
    document_kinds=(*three_phase.DOCUMENT_KINDS, Doc.EXPLANATION_OUTLINE, Doc.EXPLANATORY_REPORT),
    # A violation reaching discipline (the merged path or a discipline case); an unmet
    # follow-up requirement opens another inspection upon signs.
    may_open=(CaseKind.DISCIPLINE, CaseKind.SIGNS_INSPECTION),
)
