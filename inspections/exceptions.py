"""Errors raised by inspections services."""

from django.core.exceptions import ValidationError


class RuleViolation(ValidationError):
    """A rule broken by user input; the message is shown to the user as it is."""


class AccessDenied(Exception):
    """The actor may not perform this action on this case (views answer 403)."""
