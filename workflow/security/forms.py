"""The one-time code form of the two-factor pages."""

from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Mã xác thực (6 chữ số)"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True, "leading-icon": "pin"}
        ),
    )

    def clean_token(self):
        # Authenticator apps show the code as "123 456"; accept it as typed.
        token = "".join(self.cleaned_data["token"].split())
        if len(token) != 6 or not token.isascii() or not token.isdigit():
            raise forms.ValidationError(_("Mã xác thực gồm đúng 6 chữ số."), code="format")
        return token
