"""The chair's review form, the same for the team's report and the conclusion: accept (or
approve) or return, with a note."""

from django import forms
from django.utils.translation import gettext_lazy as _

DECISIONS = [("accept", _("Chấp nhận")), ("return", _("Trả lại"))]


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label=_("Quyết định"), choices=DECISIONS, widget=forms.RadioSelect)
    note = forms.CharField(label=_("Ý kiến"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
