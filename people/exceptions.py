"""Errors raised by people services. Messages are shown to users as they are."""

from django.core.exceptions import ValidationError


class PeopleRuleViolation(ValidationError):
    """A rule about organisations or members was broken by the input."""
