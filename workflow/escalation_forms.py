"""Forms that open the case another case calls for (workflow.views.escalations). Shape
only; the rules are in inspections.services.escalations."""

from django import forms
from django.utils.translation import gettext_lazy as _


class InspectionToDisciplineForm(forms.Form):
    merged = forms.BooleanField(
        label=_("Kết hợp quy trình kiểm tra và thi hành kỷ luật (bỏ qua bước kiểm điểm)"),
        required=False,
        help_text=_("Chỉ khi đối tượng đã thừa nhận vi phạm và tự nhận hình thức kỷ luật."),
    )

    def __init__(self, *args, merged_possible: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if merged_possible:
            self.fields["merged"].initial = True
        else:
            del self.fields["merged"]


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(label=_("Xác nhận mở hồ sơ"), required=True)


class SignsCaseForm(forms.Form):
    title = forms.CharField(label=_("Nội dung kiểm tra"), max_length=300)
    grounds = forms.CharField(label=_("Căn cứ, dấu hiệu vi phạm"), widget=forms.Textarea(attrs={"rows": 3}))
