"""Forms of the three-phase inspections (B, G, H). Shape only; the rules are in
inspections.services.proposals and inspections.services.three_phase."""

from dataclasses import fields

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspections.models import ChecklistItem, Finding, SanctionForm
from inspections.services.proposals import PlanInput
from inspections.services.three_phase import ViolationFacts, forms_for_subject
from workflow.case_forms import OpenCaseForm
from workflow.fields import IdMultipleChoiceField, date_field
from workflow.steps.inspection.forms import ConclusionForm, ConclusionNoticeForm, TeamReportForm

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class PlanFields(forms.Form):
    """What every proposal adds to the opening form: content, the team's working time, files."""

    content = forms.CharField(label=_("Nội dung kiểm tra"), widget=TEXTAREA)
    working_days = forms.IntegerField(
        label=_("Thời gian làm việc của đoàn (ngày làm việc)"), min_value=1, max_value=366, initial=20
    )
    proposal_file = forms.FileField(label=_("Tờ trình đề xuất (tệp)"), required=False)
    plan_file = forms.FileField(label=_("Dự thảo kế hoạch kiểm tra (tệp)"), required=False)

    def plan(self) -> PlanInput:
        data = self.cleaned_data
        return PlanInput(
            content=data["content"],
            working_days=data["working_days"],
            signs_source=data.get("signs_source", ""),
            signs_detail=data.get("signs_detail", ""),
            content_items=tuple(data.get("content_items", ())),
        )


def _content_items_field(kind: str) -> IdMultipleChoiceField:
    items = ChecklistItem.objects.filter(kind=kind, is_active=True).order_by("order", "pk")
    field = IdMultipleChoiceField(
        label=_("Nội dung kiểm tra theo danh mục"), queryset=items, widget=forms.CheckboxSelectMultiple
    )
    field.initial = [item.pk for item in items]
    return field


class ChecklistProposalForm(PlanFields, OpenCaseForm):
    """The proposal of a finance inspection (G) or of an inspection of a lower body's work
    (H): the subject is a party organisation; the content is picked from the checklist."""

    def __init__(self, *args, user, kind, **kwargs):
        super().__init__(*args, user=user, kind=kind, **kwargs)
        del self.fields["subject_card_number"]
        self.fields["subject_organisation"].required = True
        self.fields["content_items"] = _content_items_field(kind)


class PrepareForm(forms.Form):
    outline = forms.CharField(
        label=_("Đề cương gợi ý báo cáo"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Những nội dung đối tượng phải báo cáo, giải trình."),
    )
    schedule = forms.CharField(label=_("Lịch làm việc của đoàn"), widget=TEXTAREA)
    assignments = forms.CharField(label=_("Phân công thành viên đoàn"), widget=TEXTAREA)
    team_met_on = date_field(_("Ngày họp đoàn triển khai kế hoạch"), initial=timezone.localdate)
    outline_file = forms.FileField(label=_("Đề cương (tệp)"), required=False)
    schedule_file = forms.FileField(label=_("Lịch làm việc (tệp)"), required=False)


class MeetSubjectForm(forms.Form):
    met_on = date_field(_("Ngày làm việc với đối tượng và tổ chức đảng quản lý"), initial=timezone.localdate)
    report_due_on = date_field(_("Hạn đối tượng nộp báo cáo, tài liệu"))
    note = forms.CharField(
        label=_("Thành phần, nội dung làm việc, lịch đã thống nhất"), required=False, widget=TEXTAREA
    )
    file = forms.FileField(label=_("Biên bản triển khai (tệp)"), required=False)


class ReviewMeetingForm(forms.Form):
    held_on = date_field(_("Ngày hội nghị kiểm điểm, xem xét"), initial=timezone.localdate)
    summary = forms.CharField(label=_("Kết quả hội nghị"), widget=TEXTAREA)
    file = forms.FileField(label=_("Biên bản hội nghị (tệp)"), required=False)


ASSESSMENT_CHOICES = [("", "—"), *Finding.Assessment.choices]


class ChecklistVerificationForm(forms.Form):
    """Verification against the content checklist: an assessment and its text per item in
    the case's scope; items left blank are not recorded this round."""

    file = forms.FileField(label=_("Biên bản xác minh (tệp)"), required=False)

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        fields = {}
        for item in self.items:
            fields[f"item_{item.pk}_assessment"] = forms.ChoiceField(
                label=f"{item.group}: {item.label}", choices=ASSESSMENT_CHOICES, required=False
            )
            fields[f"item_{item.pk}_text"] = forms.CharField(
                label=_("Kết quả thẩm tra"), required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
        self.fields = {**fields, "file": self.fields["file"]}

    def clean(self):
        data = super().clean()
        for item in self.items:
            assessment = data.get(f"item_{item.pk}_assessment")
            text = (data.get(f"item_{item.pk}_text") or "").strip()
            if text and not assessment:
                self.add_error(f"item_{item.pk}_assessment", _("Chọn đánh giá cho nội dung này."))
            if assessment and not text:
                self.add_error(f"item_{item.pk}_text", _("Ghi kết quả thẩm tra cho nội dung này."))
        return data

    def findings(self) -> list[tuple[int, str, str]]:
        rows = []
        for item in self.items:
            text = (self.cleaned_data.get(f"item_{item.pk}_text") or "").strip()
            if text:
                rows.append((item.pk, self.cleaned_data[f"item_{item.pk}_assessment"], text))
        return rows


class TeamReportDiscussedForm(TeamReportForm):
    discussed_on = date_field(_("Ngày trao đổi dự thảo báo cáo với đối tượng"), initial=timezone.localdate)


class ConclusionAssessForm(ConclusionForm):
    """The committee meeting's conclusion (B.1 step 8), drafted by the team leader."""

    committee_met_on = date_field(_("Ngày họp Ủy ban kiểm tra"), initial=timezone.localdate)
    content = forms.CharField(label=_("Nội dung vi phạm"), required=False, widget=TEXTAREA)
    nature = forms.CharField(label=_("Tính chất"), required=False, widget=TEXTAREA)
    extent = forms.CharField(label=_("Mức độ"), required=False, widget=TEXTAREA)
    harm = forms.CharField(label=_("Tác hại"), required=False, widget=TEXTAREA)
    causes = forms.CharField(label=_("Nguyên nhân"), required=False, widget=TEXTAREA)
    responsibility = forms.CharField(label=_("Trách nhiệm"), required=False, widget=TEXTAREA)
    discipline_required = forms.BooleanField(label=_("Vi phạm đến mức phải xem xét kỷ luật"), required=False)
    subject_admits = forms.BooleanField(label=_("Đối tượng thừa nhận vi phạm"), required=False)
    self_proposed_form = forms.ChoiceField(label=_("Hình thức kỷ luật đối tượng tự nhận"), required=False)
    minutes_file = forms.FileField(label=_("Biên bản họp Ủy ban kiểm tra (tệp)"), required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(SanctionForm.choices)
        self.fields["self_proposed_form"].choices = [("", "—")] + [
            (form, labels[form]) for form in forms_for_subject(case)
        ]

    def facts(self) -> ViolationFacts:
        return ViolationFacts(**{f.name: self.cleaned_data[f.name] for f in fields(ViolationFacts)})


class ConveyForm(ConclusionNoticeForm):
    managing_informed = forms.BooleanField(
        label=_("Đã gửi thông báo kết luận cho đối tượng và tổ chức đảng quản lý đối tượng")
    )
    minutes_file = forms.FileField(label=_("Biên bản triển khai thông báo kết luận (tệp)"), required=False)
