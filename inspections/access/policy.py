"""The access policy as data: which role on a case allows which action (issue 4 point 1).

Roles held through CaseRole rows are granted as object permissions (grants.py); "auditor"
comes from an AuditMandate over the case's jurisdiction; the subject, the managing
organisation and outsiders see nothing of the case file (they receive notices outside the
system).
"""

from inspections.models import CaseRole
from people.models import CommitteeSeat

AUDITOR = "auditor"
SUBJECT = "subject"
MANAGING_ORG = "managing_org"
OUTSIDER = "outsider"

# "view_sealed": the sealed identity of denouncers and other parties (issue 4 point 4) is
# visible only to the intake officer (drafter), the team head and the deciding body (the
# chair) — domain.md §7.2 [I]; anyone else needs an approved UnsealRequest.
POLICY: dict[str, frozenset[str]] = {
    CaseRole.Role.DRAFTER: frozenset({"view", "work", "view_sealed"}),  # committee staff who opened the case
    CaseRole.Role.LEADER: frozenset({"view", "work", "lead", "view_sealed"}),
    CaseRole.Role.MEMBER: frozenset({"view", "work"}),
    CaseRole.Role.DIRECTOR: frozenset({"view", "direct"}),  # committee member directing the team
    CaseRole.Role.VOTER: frozenset({"view", "vote"}),  # committee members voting on discipline
    CaseRole.Role.APPROVER: frozenset({"view", "approve", "view_sealed"}),  # the chair
    CaseRole.Role.STANDING: frozenset({"view"}),  # standing board, when seized of the case
    AUDITOR: frozenset({"view"}),
    SUBJECT: frozenset(),
    MANAGING_ORG: frozenset(),
    OUTSIDER: frozenset(),
}

# action -> permission codename on inspections.Case
ACTIONS: dict[str, str] = {
    "view": "view_case",
    "work": "work_case",
    "lead": "lead_case",
    "approve": "approve_case",
    "direct": "direct_case",
    "vote": "vote_case",
    "view_sealed": "view_sealed_case",
}

# What a granted role puts in guardian's tables, derived from the policy table.
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    role: frozenset(ACTIONS[action] for action in POLICY[role]) for role in CaseRole.Role.values
}

# Roles that must record a conflict-of-interest declaration before seeing the file.
TEAM_ROLES = (CaseRole.Role.LEADER, CaseRole.Role.MEMBER, CaseRole.Role.DIRECTOR)

# Seats on an inspection committee that may open a case for that committee.
OPENING_SEATS = (
    CommitteeSeat.Role.STAFF,
    CommitteeSeat.Role.CHAIR,
    CommitteeSeat.Role.DEPUTY,
    CommitteeSeat.Role.MEMBER,
)

# The step name whose StepSeparation rows say who may not vote (E/vote, F/vote, shipped
# switched off by migration 0010; the subject's rows): a secret ballot is not a flow task,
# so it is named here.
VOTE_STEP = "vote"
