"""Kind E: discipline (xem xét, thi hành kỷ luật), domain.md §5(E), §6."""

from inspections.kinds.spec import KindSpec
from inspections.models.documents import DocumentKind as Doc
from inspections.models.status import CaseKind, CaseStatus

# Self-criticism (or proceeding without it) -> verification and the report proposing
# discipline -> the meeting and its secret ballot -> decided within authority, or proposed
# to the competent body which votes again -> decision -> announcement -> the 5-day proposal
# to state bodies -> closed. A deferral (pregnancy, maternity leave or a child under 12
# months, serious illness, a member declared missing) suspends the case before the
# self-criticism or before a meeting and returns to where it stopped; a deceased member or
# an exemption closes it before the vote (issue 9 point 7). No result of the vote, or a
# statute of limitations run out (§6.5), closes the case without discipline.
PIPELINE = {
    CaseStatus.DRAFT: (CaseStatus.SELF_CRITICISM, CaseStatus.VERIFYING),
    # CLOSED before the vote: a deceased member, or an exemption (issue 9 point 7).
    CaseStatus.SELF_CRITICISM: (CaseStatus.VERIFYING, CaseStatus.SUSPENDED, CaseStatus.CLOSED),
    CaseStatus.SUSPENDED: (CaseStatus.SELF_CRITICISM, CaseStatus.REPORTED, CaseStatus.PROPOSED),
    CaseStatus.VERIFYING: (CaseStatus.REPORTED,),
    CaseStatus.REPORTED: (CaseStatus.VOTING, CaseStatus.SUSPENDED, CaseStatus.CLOSED),
    CaseStatus.VOTING: (CaseStatus.VOTED, CaseStatus.PROPOSED, CaseStatus.CLOSED),
    CaseStatus.PROPOSED: (CaseStatus.VOTING, CaseStatus.SUSPENDED, CaseStatus.CLOSED),
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
        Doc.GROUND_EVIDENCE,
        Doc.STRIKE_OFF,
    ),
    # The disciplined member's complaint.
    may_open=(CaseKind.DISCIPLINE_COMPLAINT,),
)
