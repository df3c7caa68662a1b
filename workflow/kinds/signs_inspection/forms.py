"""Kind B's own forms: the proposal upon signs of violation (where the signs came from), its
completion for a case another case opened, and the subject's explanatory report. The
plan fields and the other steps' forms are the three-phase group's
(workflow.steps.three_phase.forms). Shape only; the rules are in
inspections.services.proposals and inspections.services.three_phase."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspections.models import SignsSource
from inspections.selectors import three_phase as selectors
from workflow.case_forms import OpenCaseForm, committee_users
from workflow.fields import IdChoiceField, IdMultipleChoiceField, date_field
from workflow.steps.three_phase.forms import TEXTAREA, PlanFields


class SignsFields(forms.Form):
    signs_source = forms.ChoiceField(label=_("Dấu hiệu vi phạm phát hiện qua"), choices=SignsSource.choices)
    signs_detail = forms.CharField(label=_("Dấu hiệu vi phạm"), required=False, widget=TEXTAREA)


class SignsProposalForm(SignsFields, PlanFields, OpenCaseForm):
    """The area officer's proposal of an inspection upon signs of violation (B.1 step 1)."""

    def __init__(self, *args, user, kind, **kwargs):
        super().__init__(*args, user=user, kind=kind, **kwargs)


class CompleteProposalForm(SignsFields, PlanFields):
    """A case opened from another one (supervision, follow-up, denunciation, an inspection):
    the staff complete the proposal the opening form would have asked for. Only kind B is
    opened that way (the only three-phase flow with a `spawned` start)."""

    period_start = date_field(_("Thời kỳ kiểm tra từ ngày"), required=False)
    period_end = date_field(_("Đến ngày"), required=False)
    leader = IdChoiceField(label=_("Trưởng đoàn"), queryset=None)
    members = IdMultipleChoiceField(
        label=_("Thành viên đoàn"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    director = IdChoiceField(label=_("Ủy viên phụ trách đoàn"), queryset=None, required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        users = committee_users([case.committee])
        for name in ("leader", "members", "director"):
            self.fields[name].queryset = users
        self.fields["signs_source"].initial = selectors.proposed_source(case)

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data


class ExplanationForm(forms.Form):
    received_on = date_field(_("Ngày nhận báo cáo giải trình"), initial=timezone.localdate)
    file = forms.FileField(label=_("Báo cáo giải trình (tệp)"))
