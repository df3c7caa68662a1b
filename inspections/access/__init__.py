"""The access policy: who may do what on a case, which cases each person sees, and the only
code that grants or revokes guardian permissions.

A case is the unit of access (design.md decision 1). A person sees a case, its tasks,
documents and history only through an object permission on that case, given when a role
on the case is given (CaseRole) and taken back when the role ends. Auditors read the cases
of their jurisdiction (people.AuditMandate). Everything that lists or shows case data asks
`can()` / `refusal()` or `cases_visible_to()` — there is no other source.

- policy.py: the role -> actions table and the names it uses;
- grants.py: `grant_role`, `revoke_role` (guardian's assign_perm / remove_perm live there only);
- scope.py: `cases_visible_to` and the EXISTS expressions lists are filtered by;
- opening.py: who may open which case kind for which body, on which subject
  (`committees_open_for`, `opening_refusal`; issue 9 point 9);
- refusal.py: `refusal()` — "may this user do X here, and if not, why?" — with `can()`,
  `require()` and `actions_on()` over it.

Import it as `from inspections import access` and call `access.<name>`.
"""

from inspections.access.grants import grant_role, revoke_role
from inspections.access.opening import (
    bodies_handling,
    can_open_case,
    committees_open_for,
    competence_refusal,
    holds_opening_seat,
    opener_of,
    opening_refusal,
    rule_refusal,
    start_refusal,
)
from inspections.access.policy import (
    ACTIONS,
    AUDITOR,
    MANAGING_ORG,
    OPENING_SEATS,
    OUTSIDER,
    POLICY,
    ROLE_PERMISSIONS,
    SUBJECT,
    TEAM_ROLES,
    VOTE_STEP,
)
from inspections.access.refusal import (
    FORBIDDING,
    Code,
    Refusal,
    actions_on,
    can,
    refusal,
    require,
    subject_takes_part,
)
from inspections.access.scope import (
    cases_visible_to,
    declaration_pending,
    declaration_pending_q,
    group_permission_exists,
    holds_permission_named,
    holds_view,
    is_auditor_of,
    permission_exists,
    permission_ids,
)

__all__ = [
    "ACTIONS",
    "AUDITOR",
    "FORBIDDING",
    "MANAGING_ORG",
    "OPENING_SEATS",
    "OUTSIDER",
    "POLICY",
    "ROLE_PERMISSIONS",
    "SUBJECT",
    "TEAM_ROLES",
    "VOTE_STEP",
    "Code",
    "Refusal",
    "actions_on",
    "bodies_handling",
    "can",
    "can_open_case",
    "cases_visible_to",
    "committees_open_for",
    "competence_refusal",
    "declaration_pending",
    "declaration_pending_q",
    "grant_role",
    "group_permission_exists",
    "holds_permission_named",
    "holds_opening_seat",
    "holds_view",
    "is_auditor_of",
    "permission_exists",
    "permission_ids",
    "opener_of",
    "opening_refusal",
    "refusal",
    "require",
    "revoke_role",
    "rule_refusal",
    "start_refusal",
    "subject_takes_part",
]
