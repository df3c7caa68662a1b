"""Forms of the follow-up of conclusions (every case kind). Shape only; the rules are in
inspections.services.follow_up."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workflow.fields import IdChoiceField, IdMultipleChoiceField, date_field


def _requirement_label(rec) -> str:
    return _("%(text)s (thời hạn %(due)s)") % {"text": rec.text, "due": rec.due_on.strftime("%d/%m/%Y")}


def _requirements_field(label, queryset, required=False):
    field = IdMultipleChoiceField(
        label=label, queryset=queryset, required=required, widget=forms.CheckboxSelectMultiple
    )
    field.label_from_instance = _requirement_label
    return field


class FollowUpForm(forms.Form):
    """The team records what the subject reported: requirements met, progress on others,
    and for requirements the approver found unmet, whether to propose an inspection upon
    signs of violation. Submitted with nothing chosen once every requirement is settled,
    it closes the follow-up."""

    done = IdMultipleChoiceField(label=_("Kiến nghị đã thực hiện xong"), queryset=None, required=False)
    progress = IdMultipleChoiceField(label=_("Kiến nghị có báo cáo tiến độ (chưa xong)"), queryset=None, required=False)
    done_on = date_field(_("Ngày báo cáo, ngày hoàn thành"), initial=timezone.localdate)
    note = forms.CharField(
        label=_("Nội dung báo cáo, kết quả thực hiện"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    file = forms.FileField(label=_("Báo cáo thực hiện (tệp)"), required=False)
    open_signs_case = IdMultipleChoiceField(
        label=_("Đề nghị kiểm tra khi có dấu hiệu vi phạm đối với kiến nghị không thực hiện"),
        queryset=None,
        required=False,
    )

    def __init__(self, *args, open_items, unmet_items, **kwargs):
        super().__init__(*args, **kwargs)
        for name, items in (("done", open_items), ("progress", open_items), ("open_signs_case", unmet_items)):
            if items.exists():
                self.fields[name] = _requirements_field(self.fields[name].label, items)
            else:
                # Nothing to choose (every requirement settled, or none unmet): no empty list.
                del self.fields[name]

    def chosen(self, name: str) -> list:
        return list(self.cleaned_data.get(name) or [])

    def reports(self, name: str) -> dict:
        day, note = self.cleaned_data["done_on"], self.cleaned_data["note"]
        return {rec.pk: (day, note) for rec in self.chosen(name)}


DECISIONS = [
    ("unmet", _("Không thực hiện (kết thúc theo dõi yêu cầu này)")),
    ("extend", _("Cho thời hạn mới")),
]


class AssessForm(forms.Form):
    """The approver settles a requirement: not carried out, or a new deadline."""

    requirement = IdChoiceField(label=_("Yêu cầu, kiến nghị"), queryset=None)
    decision = forms.ChoiceField(label=_("Xử lý"), choices=DECISIONS, widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}))
    new_due_on = date_field(_("Thời hạn mới"), required=False)

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requirement"].queryset = items
        self.fields["requirement"].label_from_instance = _requirement_label

    def clean(self):
        data = super().clean()
        if data.get("decision") == "extend" and not data.get("new_due_on"):
            self.add_error("new_due_on", _("Ghi thời hạn mới."))
        return data


class RecommendationsDoneForm(forms.Form):
    """The simple follow-up step (D, E): the recommendations reported done, one day and note for the lot."""

    done = IdMultipleChoiceField(
        label=_("Kiến nghị đã thực hiện xong"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    done_on = date_field(_("Ngày hoàn thành"), initial=timezone.localdate)
    note = forms.CharField(label=_("Kết quả thực hiện"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    file = forms.FileField(label=_("Báo cáo thực hiện (tệp)"), required=False)

    def __init__(self, *args, recommendations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["done"].queryset = recommendations
        self.fields["done"].label_from_instance = lambda rec: (
            _("%(text)s (thời hạn %(due)s)")
            % {
                "text": rec.text,
                "due": rec.due_on.strftime("%d/%m/%Y"),
            }
        )
