"""How every view turns a service's refusal into a response: a broken rule becomes form
errors next to the form (nothing was written: services are atomic), refused access is 403."""

from contextlib import contextmanager
from types import SimpleNamespace

from django.core.exceptions import PermissionDenied

from inspections.exceptions import AccessDenied, RuleViolation


@contextmanager
def rules_to_form(form):
    """Usage: ``with rules_to_form(form) as outcome: service(...)``; then
    ``if outcome.refused: return self.form_invalid(form)``."""
    outcome = SimpleNamespace(refused=False)
    try:
        yield outcome
    except RuleViolation as error:
        for message in error.messages:
            form.add_error(None, message)
        outcome.refused = True
    except AccessDenied as error:
        raise PermissionDenied from error
