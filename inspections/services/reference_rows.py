"""Writing the reference tables an administrator switches or edits that decide who may do
what: the segregation options (StepSeparation, issue 9 point 1), the deferral and exemption
grounds (DisciplineGround, point 7) and which body kind may open which case kind
(CaseOpeningRule, point 9). The Django admin writes them only through here, and every
change is appended to the rule-change log (inspections.rule_log) in the same transaction
(domain.md, "What this means" point 1: a change to a rule is journaled), so
`manage.py verify_rule_log` shows a row changed behind the log's back.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from inspections import rule_log
from inspections.exceptions import RuleViolation
from inspections.models import CaseOpeningRule, DisciplineGround, StepSeparation

WRITABLE = (StepSeparation, DisciplineGround, CaseOpeningRule)


def _check(row) -> None:
    if type(row) not in WRITABLE:
        raise TypeError(f"{type(row).__name__} is not a reference table written here")


@transaction.atomic
def reference_row_save(*, actor, row):
    """Add a row or change one; refused with the model's own messages when invalid."""
    _check(row)
    try:
        row.full_clean()
    except ValidationError as error:
        raise RuleViolation(error.messages) from error
    before = None
    if row.pk is not None:
        before = rule_log.snapshot(type(row).objects.select_for_update().get(pk=row.pk))
    row.save()
    row.refresh_from_db()
    rule_log.record_save(actor=actor, row=row, before=before)
    return row


@transaction.atomic
def reference_row_delete(*, actor, row) -> None:
    """Delete a row (only where the admin allows it: a segregation option), logged first."""
    _check(row)
    row = type(row).objects.select_for_update().get(pk=row.pk)
    rule_log.record_delete(actor=actor, row=row)
    row.delete()
