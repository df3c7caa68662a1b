"""Kind E: discipline (xem xét, thi hành kỷ luật), domain.md §5(E), §6."""

from inspections.kinds.spec import KindSpec
from inspections.models.documents import DocumentKind as Doc
from inspections.models.status import CaseKind, CaseStatus

# Self-criticism (or proceeding without it) -> verification and the report proposing
# discipline -> the meeting and its secret ballot -> decided within authority, or proposed
# to the competent body which votes again -> decision -> announcement -> the 5-day proposal
# to state bodies -> closed. A deferral (pregnancy, child under 12 months, serious illness)
# suspends the case before the self-criticism or before a meeting and returns to where it
# stopped. No result of the vote, or a statute of limitations run out (§6.5), closes the
# case without discipline.
PIPELINE = {
    CaseStatus.DRAFT: (CaseStatus.SELF_CRITICISM, CaseStatus.VERIFYING),
    CaseStatus.SELF_CRITICISM: (CaseStatus.VERIFYING, CaseStatus.SUSPENDED),
    CaseStatus.SUSPENDED: (CaseStatus.SELF_CRITICISM, CaseStatus.REPORTED, CaseStatus.PROPOSED),
    CaseStatus.VERIFYING: (CaseStatus.REPORTED,),
    CaseStatus.REPORTED: (CaseStatus.VOTING, CaseStatus.SUSPENDED),
    CaseStatus.VOTING: (CaseStatus.VOTED, CaseStatus.PROPOSED, CaseStatus.CLOSED),
    CaseStatus.PROPOSED: (CaseStatus.VOTING, CaseStatus.SUSPENDED),
    CaseStatus.VOTED: (CaseStatus.DECIDED,),
    CaseStatus.DECIDED: (CaseStatus.ANNOUNCED,),
    CaseStatus.ANNOUNCED: (CaseStatus.CLOSED,),
    CaseStatus.CLOSED: (),
}

SPEC = KindSpec(
    code=CaseKind.DISCIPLINE,
    title=CaseKind.DISCIPLINE.label,
    pipeline=PIPELINE,
    time_limits=("E.announce", "E.cell_handover", "E.state_proposal", "E.expiry"),
    document_kinds=(
        Doc.SELF_CRITICISM,
        Doc.DISCIPLINE_REPORT,
        Doc.MEETING_MINUTES,
        Doc.BALLOT_MINUTES,
        Doc.DISCIPLINE_PROPOSAL,
        Doc.DISCIPLINE_DECISION,
        Doc.ANNOUNCEMENT_MINUTES,
        Doc.STATE_PROPOSAL,
    ),
    # The disciplined member's complaint.
    may_open=(CaseKind.DISCIPLINE_COMPLAINT,),
)
