"""The status pipeline the three-phase inspections share (B, G, H; domain.md §4: they share
preparation, execution and conclusion with A), and their common document kinds. Not a kind
itself (no SPEC): the modules of B, G and H read it."""

from inspections.models.documents import DocumentKind as Doc
from inspections.models.status import CaseStatus

# After the decision the team prepares (outline, schedule, team meeting), meets the subject,
# receives its report and verifies. G and H receive a self-inspection report first; B asks
# for an explanatory report and verifies on receipt (signs_inspection.py).
PIPELINE = {
    CaseStatus.DRAFT: (CaseStatus.DECIDED,),
    CaseStatus.DECIDED: (CaseStatus.PREPARED,),
    CaseStatus.PREPARED: (CaseStatus.NOTIFIED,),
    CaseStatus.NOTIFIED: (CaseStatus.SELF_REPORTED,),
    CaseStatus.SELF_REPORTED: (CaseStatus.VERIFYING,),
    CaseStatus.VERIFYING: (CaseStatus.REPORTED,),
    CaseStatus.REPORTED: (CaseStatus.VERIFYING, CaseStatus.CONCLUDING),
    CaseStatus.CONCLUDING: (CaseStatus.REPORTED, CaseStatus.CONCLUDED),
    CaseStatus.CONCLUDED: (CaseStatus.FOLLOW_UP, CaseStatus.CLOSED),
    CaseStatus.FOLLOW_UP: (CaseStatus.CLOSED,),
    CaseStatus.CLOSED: (),
}

DOCUMENT_KINDS = (
    Doc.PROPOSAL,
    Doc.DECISION,
    Doc.PLAN,
    Doc.SCHEDULE,
    Doc.DEPLOYMENT_MINUTES,
    Doc.REVIEW_MINUTES,
    Doc.TEAM_REPORT,
    Doc.COMMITTEE_MINUTES,
    Doc.CONCLUSION_NOTICE,
    Doc.CONVEY_MINUTES,
)
