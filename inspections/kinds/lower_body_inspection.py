"""Kind H: inspection of a lower body's inspection, supervision and discipline work, domain.md §5(H)."""

from inspections.kinds import three_phase
from inspections.kinds.spec import KindSpec
from inspections.models.documents import DocumentKind as Doc
from inspections.models.status import CaseKind

SPEC = KindSpec(
    code=CaseKind.LOWER_BODY_INSPECTION,
    title=CaseKind.LOWER_BODY_INSPECTION.label,
    pipeline=three_phase.PIPELINE,
    case_limit="H.resolve",
    time_limits=("H.resolve",),
    document_kinds=(*three_phase.DOCUMENT_KINDS, Doc.SELF_REPORT_OUTLINE, Doc.SELF_REPORT),
    # A violation reaching discipline; an unmet follow-up requirement opens an inspection upon signs.
    may_open=(CaseKind.DISCIPLINE, CaseKind.SIGNS_INSPECTION),
)
