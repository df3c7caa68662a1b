"""Kind A's own form: the notice to the subject. Its opening form is the shared one
(workflow.case_forms.OpenCaseForm); the other steps' forms are the shared inspection steps'
(workflow.steps.inspection.forms). Shape only; rules live in the services."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workflow.fields import date_field


class NoticeForm(forms.Form):
    sent_on = date_field(_("Ngày thông báo cho đối tượng"), initial=timezone.localdate)
    file = forms.FileField(label=_("Thông báo (tệp)"), required=False)
