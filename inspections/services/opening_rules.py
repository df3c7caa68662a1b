"""Writing the table of which body kind may open which case kind (issue 9 point 9): the
only writer of CaseOpeningRule rows, used by the Django admin. Every change is appended to
the rule-change log (inspections.rule_log) in the same transaction (domain.md, "What this
means" point 1: a change to a rule is journaled)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from inspections import rule_log
from inspections.exceptions import RuleViolation
from inspections.models import CaseOpeningRule, RuleChange


@transaction.atomic
def opening_rule_save(*, actor, row: CaseOpeningRule) -> CaseOpeningRule:
    """Add a row or change one (allowed or not, its source, provisional marker, note)."""
    try:
        row.full_clean()
    except ValidationError as error:
        raise RuleViolation(error.messages) from error
    before = None
    if row.pk is not None:
        before = rule_log.snapshot(CaseOpeningRule.objects.select_for_update().get(pk=row.pk))
    row.save()
    row.refresh_from_db()
    after = rule_log.snapshot(row)
    if before is None:
        rule_log.append(actor=actor, row=row, action=RuleChange.Action.CREATE, before=None, after=after)
    elif rule_log.canonical(after) != rule_log.canonical(before):
        rule_log.append(actor=actor, row=row, action=RuleChange.Action.UPDATE, before=before, after=after)
    return row
