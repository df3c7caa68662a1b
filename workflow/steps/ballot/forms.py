"""Ballot forms, shared by every case kind that votes (discipline, complaints). They check
only the shape of the input; the rules live in inspections.services.ballots."""

from django import forms
from django.utils.translation import gettext_lazy as _

from inspections.rules.ballot import BLANK


class CastForm(forms.Form):
    """One paper: one option marked, or nothing marked (an invalid paper)."""

    option = forms.ChoiceField(label=_("Phương án"), widget=forms.RadioSelect)

    def __init__(self, *args, ballot, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["option"].choices = [(o["code"], o["label"]) for o in ballot.options] + [
            (BLANK or "-", _("Không đánh dấu phương án nào (phiếu không hợp lệ)"))
        ]

    def clean_option(self):
        value = self.cleaned_data["option"]
        return BLANK if value == "-" else value


class CloseBallotForm(forms.Form):
    """The chair closes the ballot; the counting board's minutes may be attached."""

    confirm = forms.BooleanField(
        label=_("Kết thúc bỏ phiếu và kiểm phiếu (không nhận thêm phiếu sau khi kết thúc)"), required=True
    )
    file = forms.FileField(label=_("Biên bản kiểm phiếu (tệp)"), required=False)
