"""Extending a case's statutory time limit: the one service every kind calls (issue 8
point 5), over the one DeadlineExtension model.

The kind's own service checks what is particular to it (its kind, the statuses in which an
extension may be granted, masking a sealed party's name in the reason), locks the case and
then calls `extension_grant`, which applies what every time limit shares: the clock must
have started, the limit must not have run out yet (an extension is granted before the due
date), no more extensions than the rule in force when the clock started allows, each by
the rule's allowance (domain.md §7.7: a thematic supervision once by at most a third,
HD 02-HD/UBKTTW 2017; a denunciation once, domain.md §5(D) "Time limits"). The caller
journals the step under its own action name and sends its own notices.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from inspections import deadlines, rulebook
from inspections.exceptions import RuleViolation
from inspections.models import Case, DeadlineExtension
from inspections.rules.deadlines import DeadlineRule, due_date


@dataclass(frozen=True)
class ExtensionWording:
    """The kind's own words for the refusals (each kind names its time limit its way)."""

    not_started: str
    overdue: str  # %(due)s: the due date, dd/mm/yyyy
    none_allowed: str
    exhausted: str  # %(n)s: how many extensions the rule allows


def extensions_allowed(rule_code: str, case: Case) -> int:
    """How many extensions the rule in force when the clock started allows (0: none), for
    the province whose rules govern the case (fixed when its clock started)."""
    limit = deadlines.case_time_limit(rule_code, case)
    return limit.extension_times if limit.extension_amount and limit.extension_unit else 0


def extended_due(limit: rulebook.TimeLimit, due: datetime.date) -> datetime.date:
    """The due date in force (`due`, which already carries any pause or earlier extension)
    moved on by the rule's allowance (issue 9 point 4: an extension adds its allowance to
    the due date in force, never recomputes from the original start)."""
    allowance = DeadlineRule(limit.extension_amount, limit.extension_unit, limit.clock_starts, limit.source)
    return due_date(allowance, due, deadlines.holidays_between(due, due + datetime.timedelta(days=800)))


def extensions_made(rule_code: str, case: Case) -> int:
    return DeadlineExtension.objects.filter(case=case, rule_code=rule_code).count()


def extension_grant(*, actor, case: Case, rule_code: str, reason: str, wording: ExtensionWording) -> DeadlineExtension:
    """Extend `case`'s time limit `rule_code` once more, under the rule in force when its
    clock started for the province fixed then (deadlines.case_time_limit; issue 9 point 4).
    `case` is locked by the caller and `reason` already cleaned; nothing is written when a
    rule refuses."""
    if case.clock_started_on is None or case.due_on is None:
        raise RuleViolation(wording.not_started)
    today = timezone.localdate()
    if today > case.due_on:
        raise RuleViolation(str(wording.overdue) % {"due": case.due_on.strftime("%d/%m/%Y")})
    limit = deadlines.case_time_limit(rule_code, case)
    allowed = limit.extension_times if limit.extension_amount and limit.extension_unit else 0
    made = extensions_made(rule_code, case)
    if made >= allowed:
        raise RuleViolation(wording.none_allowed if allowed == 0 else str(wording.exhausted) % {"n": allowed})
    new_due = extended_due(limit, case.due_on)
    if new_due <= case.due_on:
        raise RuleViolation(_("Quy định không cho phép gia hạn thêm."))
    extension = DeadlineExtension.objects.create(
        case=case,
        rule_code=rule_code,
        number=made + 1,
        due_before=case.due_on,
        due_after=new_due,
        reason=reason,
        granted_by=actor,
        granted_on=today,
    )
    case.due_on = new_due
    case.save(update_fields=["due_on"])
    return extension
