"""Form fields every form shares: the date field (dd/mm/yyyy), and fields for choosing rows
by id that refuse ids no database column can hold.

SQLite cannot bind an integer beyond 64 bits (OverflowError, a 500); PostgreSQL merely
finds nothing. Refusing such ids as an invalid choice gives the same clear form error on
both (found by tests/fuzz)."""

from django import forms
from django.core.exceptions import ValidationError

INT64_MAX = 2**63 - 1

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})


def date_field(label, required=True, initial=None):
    """A date typed as dd/mm/yyyy."""
    return forms.DateField(
        label=label, required=required, widget=DATE_WIDGET, input_formats=["%d/%m/%Y"], initial=initial
    )


def _in_range(value) -> bool:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return True  # not a number: the field's own validation answers
    return -INT64_MAX - 1 <= number <= INT64_MAX


class IdChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and not _in_range(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for item in value:
            if not _in_range(item):
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": item}
                )
        return super()._check_values(value)
