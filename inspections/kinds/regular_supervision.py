"""Kind C1: regular supervision (giám sát thường xuyên), domain.md §5(C): a continuous log."""

from inspections.kinds.spec import KindSpec
from inspections.models.documents import DocumentKind as Doc
from inspections.models.status import CaseKind, CaseStatus

# A continuous log (domain.md §5(C) [I]): open from the start, never decided or concluded;
# it may be closed (e.g. the subject organisation dissolved).
PIPELINE = {
    CaseStatus.MONITORING: (CaseStatus.CLOSED,),
    CaseStatus.CLOSED: (),
}

SPEC = KindSpec(
    code=CaseKind.REGULAR_SUPERVISION,
    title=CaseKind.REGULAR_SUPERVISION.label,
    pipeline=PIPELINE,
    document_kinds=(Doc.SUPERVISION_REMINDER,),
    # The log escalates to a thematic supervision or proposes an inspection upon signs.
    may_open=(CaseKind.THEMATIC_SUPERVISION, CaseKind.SIGNS_INSPECTION),
)
