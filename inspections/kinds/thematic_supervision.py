"""Kind C2: thematic supervision (giám sát chuyên đề), domain.md §5(C), C2 table."""

from inspections.kinds.spec import KindSpec
from inspections.models.documents import DocumentKind as Doc
from inspections.models.status import CaseKind, CaseStatus

# Return loops: additions requested -> received; result report returned -> redrafted after
# the meeting; notice returned -> redrafted.
PIPELINE = {
    CaseStatus.DRAFT: (CaseStatus.DECIDED,),
    CaseStatus.DECIDED: (CaseStatus.NOTIFIED,),
    CaseStatus.NOTIFIED: (CaseStatus.SUBJECT_REPORTED,),
    CaseStatus.SUBJECT_REPORTED: (CaseStatus.VERIFYING,),
    CaseStatus.VERIFYING: (CaseStatus.ADDITIONS_REQUESTED, CaseStatus.RESULT_DRAFTED),
    CaseStatus.ADDITIONS_REQUESTED: (CaseStatus.VERIFYING,),
    CaseStatus.RESULT_DRAFTED: (CaseStatus.MEETING_HELD,),
    CaseStatus.MEETING_HELD: (CaseStatus.REPORTED,),
    CaseStatus.REPORTED: (CaseStatus.MEETING_HELD, CaseStatus.CONCLUDING),
    CaseStatus.CONCLUDING: (CaseStatus.REPORTED, CaseStatus.CONCLUDED),
    CaseStatus.CONCLUDED: (CaseStatus.FOLLOW_UP, CaseStatus.CLOSED),
    CaseStatus.FOLLOW_UP: (CaseStatus.CLOSED,),
    CaseStatus.CLOSED: (),
}

SPEC = KindSpec(
    code=CaseKind.THEMATIC_SUPERVISION,
    title=CaseKind.THEMATIC_SUPERVISION.label,
    pipeline=PIPELINE,
    case_limit="C2.resolve",
    time_limits=("C2.resolve",),
    document_kinds=(
        Doc.SUPERVISION_DECISION,
        Doc.SUPERVISION_PLAN,
        Doc.SUPERVISION_OUTLINE,
        Doc.SUPERVISION_SUBJECT_REPORT,
        Doc.SUPERVISION_RESULT_REPORT,
        Doc.SUPERVISION_RESULT_NOTICE,
    ),
    # Signs of violation in the accepted report; an unmet follow-up requirement.
    may_open=(CaseKind.SIGNS_INSPECTION,),
)
