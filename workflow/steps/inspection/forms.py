"""Forms of the inspection steps several kinds share: the decision signed, the subject's
self-inspection report, verification, the team's report, the drafted conclusion and its
notice (A, B, G, H; E and D build on the verification and the conclusion). Shape only;
the rules are in inspections.services.inspection_steps and inspections.services.conclusions."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspections.models import Finding
from workflow.fields import date_field


class SignDecisionForm(forms.Form):
    signed_on = date_field(_("Ngày ký quyết định"), initial=timezone.localdate)


class SelfReportForm(forms.Form):
    received_on = date_field(_("Ngày nhận báo cáo tự kiểm tra"), initial=timezone.localdate)
    file = forms.FileField(label=_("Báo cáo tự kiểm tra (tệp)"))


class VerificationForm(forms.Form):
    strengths = forms.CharField(
        label=_("Ưu điểm"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mỗi dòng một nội dung."),
    )
    shortcomings = forms.CharField(
        label=_("Hạn chế, khuyết điểm"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mỗi dòng một nội dung."),
    )
    violations = forms.CharField(
        label=_("Vi phạm"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mỗi dòng một nội dung."),
    )
    file = forms.FileField(label=_("Biên bản xác minh (tệp)"), required=False)

    def findings(self) -> list[tuple[str, str]]:
        result = []
        for field, assessment in (
            ("strengths", Finding.Assessment.STRENGTH),
            ("shortcomings", Finding.Assessment.SHORTCOMING),
            ("violations", Finding.Assessment.VIOLATION),
        ):
            result += [(assessment, line.strip()) for line in self.cleaned_data[field].splitlines() if line.strip()]
        return result


class TeamReportForm(forms.Form):
    text = forms.CharField(label=_("Báo cáo kết quả kiểm tra"), widget=forms.Textarea(attrs={"rows": 8}))
    file = forms.FileField(label=_("Báo cáo (tệp)"), required=False)


class ConclusionForm(forms.Form):
    text = forms.CharField(label=_("Nội dung kết luận"), widget=forms.Textarea(attrs={"rows": 8}))
    violation_found = forms.BooleanField(label=_("Có vi phạm"), required=False)
    recommendations = forms.CharField(
        label=_("Yêu cầu, kiến nghị"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Mỗi dòng: dd/mm/yyyy | nội dung. Ví dụ: 30/06/2027 | Báo cáo kết quả khắc phục."),
    )
    file = forms.FileField(label=_("Dự thảo kết luận (tệp)"), required=False)

    def clean_recommendations(self):
        import datetime

        result = []
        for number, line in enumerate(self.cleaned_data["recommendations"].splitlines(), start=1):
            if not line.strip():
                continue
            due_text, sep, text = line.partition("|")
            try:
                due = datetime.datetime.strptime(due_text.strip(), "%d/%m/%Y").date()
            except ValueError:
                due = None
            if not sep or due is None or not text.strip():
                raise forms.ValidationError(_("Dòng %(n)s không đúng mẫu “dd/mm/yyyy | nội dung”.") % {"n": number})
            result.append((text.strip(), due))
        return result


class ConclusionNoticeForm(forms.Form):
    sent_on = date_field(_("Ngày gửi thông báo kết luận"), initial=timezone.localdate)
    file = forms.FileField(label=_("Thông báo kết luận (tệp)"), required=False)
