"""Forms of the regular supervision log (C1). Shape only; the rules are in
inspections.services.regular_supervision."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspections.models import CaseKind, SupervisionEntry
from workflow.case_forms import OpenCaseForm
from workflow.fields import date_field

MAX_FILES = 10


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several optional files in one field; cleans to a list of uploads."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        items = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        if len(items) > MAX_FILES:
            raise forms.ValidationError(_("Tối đa %(n)s tệp cho một lần ghi.") % {"n": MAX_FILES})
        cleaned = [super(MultipleFileField, self).clean(item, initial) for item in items]
        return [item for item in cleaned if item]


class LogOpenForm(OpenCaseForm):
    """Committee staff open the log of one organisation or member and name who keeps it."""

    case_kind = CaseKind.REGULAR_SUPERVISION

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A log has no inspected period, no directing member and no decision to sign.
        for name in ("period_start", "period_end", "director", "decision_file"):
            del self.fields[name]
        self.fields["title"].label = _("Nội dung theo dõi, giám sát")
        self.fields["grounds"].label = _("Căn cứ (chương trình, kế hoạch giám sát)")
        self.fields["subject_card_number"].label = _("Số thẻ đảng viên được giám sát")
        self.fields["subject_organisation"].label = _("Tổ chức đảng được giám sát")
        self.fields["leader"].label = _("Người phụ trách theo dõi")
        self.fields["members"].label = _("Người cùng theo dõi")
        self.fields["key_areas"].required = False


class EntryForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Loại ghi nhận"),
        choices=SupervisionEntry.Kind.choices,
        initial=SupervisionEntry.Kind.OBSERVATION,
        widget=forms.RadioSelect,
    )
    occurred_on = date_field(_("Ngày"), initial=timezone.localdate)
    source = forms.ChoiceField(
        label=_("Nguồn thông tin"),
        choices=[("", "—"), *SupervisionEntry.Source.choices],
        required=False,
        help_text=_(
            "Với nội dung ghi nhận qua theo dõi: trực tiếp (dự họp, dự sinh hoạt chi bộ, đối thoại) hoặc "
            "gián tiếp (báo cáo, tài liệu, nhân dân, báo chí, đơn thư)."
        ),
    )
    text = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 4}))
    files = MultipleFileField(
        label=_("Tài liệu kèm theo"),
        required=False,
        help_text=_("Ví dụ: văn bản nhắc nhở, biên bản, báo cáo đã nghiên cứu."),
    )

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == SupervisionEntry.Kind.OBSERVATION:
            if "source" in data and not data["source"]:
                self.add_error("source", _("Chọn nguồn thông tin của nội dung theo dõi."))
        elif kind:
            # Meetings and reminders have no source: the field is ignored for them.
            data["source"] = ""
        return data


class EscalateThematicForm(forms.Form):
    title = forms.CharField(label=_("Nội dung giám sát chuyên đề"), max_length=300)
    grounds = forms.CharField(label=_("Căn cứ"), widget=forms.Textarea(attrs={"rows": 3}))
    reason = forms.CharField(
        label=_("Lý do chuyển giám sát chuyên đề"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Những gì theo dõi thường xuyên cho thấy cần giám sát chuyên đề."),
    )


class ProposeSignsForm(forms.Form):
    content = forms.CharField(
        label=_("Dấu hiệu vi phạm và nội dung đề nghị kiểm tra"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
