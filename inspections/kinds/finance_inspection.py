"""Kind G: party-finance inspection (kiểm tra tài chính đảng), domain.md §5(G)."""

from inspections.kinds import three_phase
from inspections.kinds.spec import KindSpec
from inspections.models.documents import DocumentKind as Doc
from inspections.models.status import CaseKind

SPEC = KindSpec(
    code=CaseKind.FINANCE_INSPECTION,
    title=CaseKind.FINANCE_INSPECTION.label,
    pipeline=three_phase.PIPELINE,
    case_limit="G.resolve",
    time_limits=("G.resolve",),
    document_kinds=(*three_phase.DOCUMENT_KINDS, Doc.SELF_REPORT_OUTLINE, Doc.SELF_REPORT),
    # A violation reaching discipline; an unmet follow-up requirement opens an inspection upon signs.
    may_open=(CaseKind.DISCIPLINE, CaseKind.SIGNS_INSPECTION),
)
