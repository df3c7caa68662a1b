"""Kind D: denunciation resolution (giải quyết tố cáo), domain.md §5(D)."""

from inspections.kinds.spec import KindSpec
from inspections.models.documents import DocumentKind as Doc
from inspections.models.status import CaseKind, CaseStatus

# Triage ends the letter (not handled, transferred, complaint part split off) or accepts it;
# the denouncer may withdraw at any point before the conclusion (the case stops unless the
# withdrawal was coerced: then nothing moves). Return loops as for A: report sent back ->
# VERIFYING; conclusion sent back -> REPORTED.
_BEFORE_CONCLUSION = {
    CaseStatus.RECEIVED: (
        CaseStatus.DENUNCIATION_ACCEPTED,
        CaseStatus.NOT_HANDLED,
        CaseStatus.TRANSFERRED,
        CaseStatus.COMPLAINT_SPLIT,
    ),
    CaseStatus.DENUNCIATION_ACCEPTED: (CaseStatus.DRAFT,),
    CaseStatus.DRAFT: (CaseStatus.DECIDED,),
    CaseStatus.DECIDED: (CaseStatus.NOTIFIED,),
    CaseStatus.NOTIFIED: (CaseStatus.DENUNCIATION_EXPLAINED,),
    CaseStatus.DENUNCIATION_EXPLAINED: (CaseStatus.VERIFYING,),
    CaseStatus.VERIFYING: (CaseStatus.REPORTED,),
    CaseStatus.REPORTED: (CaseStatus.VERIFYING, CaseStatus.CONCLUDING),
    CaseStatus.CONCLUDING: (CaseStatus.REPORTED, CaseStatus.CONCLUDED),
}
# The clock may stop at any point before the conclusion (domain.md §7.9); the case resumes
# where it stood (the service records that status) or is withdrawn meanwhile.
PIPELINE = {
    **{status: (*moves, CaseStatus.WITHDRAWN, CaseStatus.SUSPENDED) for status, moves in _BEFORE_CONCLUSION.items()},
    CaseStatus.SUSPENDED: (*_BEFORE_CONCLUSION, CaseStatus.WITHDRAWN),
    CaseStatus.CONCLUDED: (CaseStatus.FOLLOW_UP, CaseStatus.CLOSED),
    CaseStatus.FOLLOW_UP: (CaseStatus.CLOSED,),
    CaseStatus.NOT_HANDLED: (),
    CaseStatus.TRANSFERRED: (),
    CaseStatus.COMPLAINT_SPLIT: (),
    CaseStatus.WITHDRAWN: (),
    CaseStatus.CLOSED: (),
}

SPEC = KindSpec(
    code=CaseKind.DENUNCIATION,
    title=CaseKind.DENUNCIATION.label,
    pipeline=PIPELINE,
    case_limit="D.resolve",
    time_limits=("D.resolve",),
    document_kinds=(
        Doc.D_DECISION,
        Doc.D_PLAN,
        Doc.D_OUTLINE,
        Doc.D_EXPLANATION,
        Doc.D_REPORT,
        Doc.D_CONCLUSION,
        Doc.D_NOTICE,
    ),
    # The conclusion calls for discipline or found other signs of violation; an unmet
    # follow-up requirement.
    may_open=(CaseKind.DISCIPLINE, CaseKind.SIGNS_INSPECTION),
)
