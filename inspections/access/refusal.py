"""One answer to "may this user do X on this case, and if not, why?" (issue 8 point 9).

`refusal()` weighs every reason in one place, in this order, and returns the first that
applies as a `Refusal` (a machine code and the message the user reads), or None:

1. role — no role on the case (nor a group grant, nor an audit mandate for "view") gives
   the action; an anonymous or deactivated account holds none;
2. declaration_pending — a team member has not yet declared "no conflict" on the case;
3. four_eyes — the user is the author of what the step decides on (design.md decision 7);
4. separation — a role the user holds on the case excludes them from the step
   (the StepSeparation rows in force; an administrator switches a row off or on);
5. conflict — a conflict of interest (inspections.selectors.conflicts reads the facts);
   on a step where the subject's StepSeparation row is off, the subject takes part;
6. ballot_closed, already_voted — for a paper on a secret ballot.

Separation and conflicts are weighed only for a named step (a flow task, or the vote when a
ballot is given); plain `can(user, "view", case)` asks about the role alone. `can()` and
`require()` are shortcuts over `refusal()`. Selectors read facts for this module; they never
decide, and nothing here is asked of them twice.
"""

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from inspections.access.policy import ACTIONS, POLICY, VOTE_STEP
from inspections.access.scope import declaration_pending, is_auditor_of
from inspections.exceptions import AccessDenied, RuleViolation
from inspections.models import (
    Ballot,
    BallotParticipation,
    Case,
    CaseGroupObjectPermission,
    CaseRole,
    CaseUserObjectPermission,
    StepSeparation,
)
from inspections.selectors.conflicts import conflicts_of


class Code(enum.StrEnum):
    ROLE = "role"
    DECLARATION_PENDING = "declaration_pending"
    FOUR_EYES = "four_eyes"
    SEPARATION = "separation"
    CONFLICT = "conflict"
    BALLOT_CLOSED = "ballot_closed"
    ALREADY_VOTED = "already_voted"


# The user holds no right to the action at all (403), as opposed to a rule that stops
# someone who holds it, this time (shown next to the form).
FORBIDDING = frozenset({Code.ROLE, Code.DECLARATION_PENDING})


@dataclass(frozen=True)
class Refusal:
    code: Code
    message: str

    @property
    def forbidden(self) -> bool:
        return self.code in FORBIDDING


def _holds(user, codename: str, case: Case) -> bool:
    if CaseUserObjectPermission.objects.filter(user=user, content_object=case, permission__codename=codename).exists():
        return True
    return CaseGroupObjectPermission.objects.filter(
        group__user=user, content_object=case, permission__codename=codename
    ).exists()


def _role_refusal(user, action: str, case: Case, as_roles: Iterable[str] | None) -> Refusal | None:
    codename = ACTIONS[action]
    no_role = Refusal(Code.ROLE, _("Bạn không có quyền thực hiện bước này của hồ sơ."))
    if user is None:
        return no_role
    if as_roles is not None:
        return None if any(action in POLICY[role] for role in as_roles) else no_role
    if not user.is_authenticated or not user.is_active:
        return no_role
    if declaration_pending(user, case):
        return Refusal(Code.DECLARATION_PENDING, _("Bạn cần khai báo về xung đột lợi ích trước khi xem hồ sơ."))
    if _holds(user, codename, case) or (action == "view" and is_auditor_of(user, case)):
        return None
    return no_role


def _rows(case: Case, step: str, body_kind: str):
    """The rows in force for this step: every body's, and the voting body's own."""
    bodies = ("", body_kind) if body_kind else ("",)
    return StepSeparation.objects.filter(kind=case.kind, step=step, is_active=True, body_kind__in=bodies)


def _separation_refusal(user, case: Case, step: str, body_kind: str) -> Refusal | None:
    """Segregation of duties per step: the first row in force excluding a role the user
    holds (a row switched off in the admin is ignored)."""
    rule = (
        _rows(case, step, body_kind)
        .filter(excluded_role__in=CaseRole.objects.filter(case=case, user=user, revoked_at__isnull=True).values("role"))
        .order_by("pk")
        .first()
    )
    if rule is None:
        return None
    message = _("Bạn giữ vai trò “%(role)s” trong hồ sơ nên không được thực hiện bước này (%(note)s).") % {
        "role": rule.get_excluded_role_display(),
        "note": rule.note or rule.step,
    }
    return Refusal(Code.SEPARATION, message)


def subject_takes_part(case: Case, step: str, body_kind: str) -> bool:
    """Whether the subject of the case takes part in `step` as a member of the body
    (issue 9 point 1; domain.md §11b.2, provisional): the subject's StepSeparation row for
    the voting body, else the one for every body, says it; a row switched off lets the
    subject take part. Without a row the subject is a conflict of interest, as on every step."""
    bodies = ("", body_kind) if body_kind else ("",)
    rows = StepSeparation.objects.filter(
        kind=case.kind, step=step, excluded_role=StepSeparation.SUBJECT, body_kind__in=bodies
    )
    row = rows.order_by("-body_kind").first()  # the voting body's own row before the general one
    return row is not None and not row.is_active


def _ballot_refusal(user, ballot: Ballot) -> Refusal | None:
    if not ballot.is_open:
        return Refusal(Code.BALLOT_CLOSED, _("Cuộc bỏ phiếu đã kết thúc."))
    if BallotParticipation.objects.filter(ballot=ballot, user=user).exists():
        return Refusal(
            Code.ALREADY_VOTED, _("Anh/chị đã bỏ phiếu trong lần biểu quyết này; mỗi người chỉ bỏ một phiếu.")
        )
    return None


def refusal(
    user,
    action: str,
    case: Case,
    *,
    step: str | None = None,
    ballot: Ballot | None = None,
    as_roles: Iterable[str] | None = None,
    author=None,
    own_work: str | None = None,
    body_kind: str | None = None,
) -> Refusal | None:
    """Why `user` may not perform `action` on `case`, or None when they may.

    `step`: the flow step (its StepSeparation rows and conflicts of interest are weighed).
    `ballot`: a paper on this secret ballot (the vote step, then open and not yet cast).
    `as_roles`: judge a candidate as the holder of these case roles instead of by their
    grants — an automatic assignment, a hand-over, the roll call that hands out papers; a
    pending declaration does not refuse then (they declare when they open the case).
    `author`: who wrote what the step decides on; `own_work`: the message when it is the
    user (four-eyes).
    `body_kind`: the voting body's kind (a ballot gives its own), for the rows scoped to a
    body — the subject votes as a member of a cell (subject_takes_part).
    """
    found = _role_refusal(user, action, case, as_roles)
    if found is None and author is not None and author.pk == user.pk:
        found = Refusal(Code.FOUR_EYES, own_work or _("Người dự thảo, đề xuất không được tự quyết định việc của mình."))
    if ballot is not None:
        step = step or VOTE_STEP
        body_kind = ballot.body_kind
    if found is None and step is not None:
        found = _separation_refusal(user, case, step, body_kind or "")
        if found is None:
            conflicts = conflicts_of(case, user, subject=not subject_takes_part(case, step, body_kind or ""))
            found = Refusal(Code.CONFLICT, conflicts[0]) if conflicts else None
    if found is None and ballot is not None:
        found = _ballot_refusal(user, ballot)
    return found


def can(user, action: str, case: Case, **context) -> bool:
    """May `user` perform `action` ("view", "work", "lead", "approve", ...) on `case`?"""
    return refusal(user, action, case, **context) is None


def require(user, action: str, case: Case, **context) -> None:
    """Services call this: AccessDenied (403) when the user holds no right to the action,
    RuleViolation with the reason when a rule stops them (four-eyes, separation, ...)."""
    found = refusal(user, action, case, **context)
    if found is None:
        return
    if found.forbidden:
        raise AccessDenied
    raise RuleViolation(found.message)


def actions_on(user, case: Case) -> set[str]:
    """All actions the user may take on the case, in two queries (for templates)."""
    if not user.is_authenticated or not user.is_active or declaration_pending(user, case):
        return set()
    codenames = set(
        CaseUserObjectPermission.objects.filter(user=user, content_object=case).values_list(
            "permission__codename", flat=True
        )
    ) | set(
        CaseGroupObjectPermission.objects.filter(group__user=user, content_object=case).values_list(
            "permission__codename", flat=True
        )
    )
    result = {action for action, codename in ACTIONS.items() if codename in codenames}
    if "view" not in result and is_auditor_of(user, case):
        result.add("view")
    return result
