"""Forms of the thematic supervision flow (C2). Shape only; the rules are in
inspections.services.thematic_supervision."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspections.models import CaseKind
from inspections.selectors.supervision import group_ids
from workflow.case_forms import OpenCaseForm, committee_users
from workflow.fields import IdChoiceField, IdMultipleChoiceField, date_field
from workflow.steps.inspection.forms import ConclusionForm, VerificationForm

FILE_LABELS = {
    "decision_file": _("Dự thảo quyết định giám sát (tệp)"),
    "plan_file": _("Kế hoạch giám sát (tệp)"),
    "outline_file": _("Đề cương báo cáo gửi đối tượng (tệp)"),
}


class OpenThematicForm(OpenCaseForm):
    """Staff draft the supervision decision, plan and outline, and name the group."""

    case_kind = CaseKind.THEMATIC_SUPERVISION

    plan_file = forms.FileField(required=False)
    outline_file = forms.FileField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        labels = {
            "committee": _("Cơ quan giám sát"),
            "title": _("Nội dung giám sát chuyên đề"),
            "subject_card_number": _("Số thẻ đảng viên được giám sát"),
            "subject_organisation": _("Tổ chức đảng được giám sát"),
            "grounds": _("Căn cứ (chương trình giám sát năm)"),
            "period_start": _("Thời kỳ giám sát từ ngày"),
            "leader": _("Tổ trưởng tổ giám sát"),
            "members": _("Thành viên tổ giám sát"),
            "director": _("Ủy viên phụ trách"),
            **FILE_LABELS,
        }
        for name, label in labels.items():
            self.fields[name].label = label


class SetUpForm(forms.Form):
    """A thematic supervision opened from a C1 log: staff name the group and add the drafts."""

    leader = IdChoiceField(label=_("Tổ trưởng tổ giám sát"), queryset=None)
    members = IdMultipleChoiceField(
        label=_("Thành viên tổ giám sát"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    director = IdChoiceField(label=_("Ủy viên phụ trách"), queryset=None, required=False)
    decision_file = forms.FileField(label=FILE_LABELS["decision_file"], required=False)
    plan_file = forms.FileField(label=FILE_LABELS["plan_file"], required=False)
    outline_file = forms.FileField(label=FILE_LABELS["outline_file"], required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        users = committee_users([case.committee])
        for name in ("leader", "members", "director"):
            self.fields[name].queryset = users


class SignDecisionForm(forms.Form):
    signed_on = date_field(_("Ngày ký quyết định giám sát"), initial=timezone.localdate)


class GroupMeetingForm(forms.Form):
    met_on = date_field(_("Ngày tổ giám sát họp"), initial=timezone.localdate)
    method = forms.CharField(label=_("Phương pháp giám sát"), widget=forms.Textarea(attrs={"rows": 3}))
    assignments = forms.CharField(
        label=_("Phân công thành viên"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mỗi dòng: thành viên – nhiệm vụ."),
    )
    sent_on = date_field(_("Ngày gửi quyết định, kế hoạch, đề cương cho đối tượng"), initial=timezone.localdate)
    decision_file = forms.FileField(label=_("Quyết định giám sát đã ký (tệp)"), required=False)
    file = forms.FileField(label=_("Biên bản họp tổ (tệp)"), required=False)


class ReceiveReportForm(forms.Form):
    received_on = date_field(_("Ngày nhận báo cáo của đối tượng"), initial=timezone.localdate)
    file = forms.FileField(label=_("Báo cáo của đối tượng (tệp)"))


class StudyForm(VerificationForm):
    additions = forms.CharField(
        label=_("Yêu cầu đối tượng bổ sung, giải trình"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Để trống nếu báo cáo đã đủ để dự thảo báo cáo kết quả giám sát."),
    )
    requested_on = date_field(_("Ngày yêu cầu bổ sung"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].label = _("Biên bản làm việc (tệp)")

    def clean(self):
        data = super().clean()
        if (data.get("additions") or "").strip() and "requested_on" in data and data["requested_on"] is None:
            self.add_error("requested_on", _("Cần ghi ngày yêu cầu bổ sung, giải trình."))
        return data


class ReceiveAdditionsForm(forms.Form):
    received_on = date_field(_("Ngày nhận bổ sung, giải trình"), initial=timezone.localdate)
    file = forms.FileField(label=_("Văn bản bổ sung, giải trình (tệp)"))


class DraftResultForm(forms.Form):
    text = forms.CharField(label=_("Dự thảo báo cáo kết quả giám sát"), widget=forms.Textarea(attrs={"rows": 8}))
    file = forms.FileField(label=_("Dự thảo (tệp)"), required=False)


PRESENCE = [("", "—"), ("1", _("Có mặt")), ("0", _("Vắng mặt"))]


class SubjectMeetingForm(forms.Form):
    held_on = date_field(_("Ngày họp"), initial=timezone.localdate)
    group_present = IdMultipleChoiceField(
        label=_("Thành viên tổ giám sát có mặt"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    subject_committee_present = forms.CharField(
        label=_("Cấp ủy của tổ chức được giám sát có mặt"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Họ tên, chức vụ; ghi cả người vắng mặt và lý do."),
    )
    subject_member_present = forms.TypedChoiceField(
        label=_("Đảng viên được giám sát"),
        choices=PRESENCE,
        coerce=lambda v: v == "1",
        empty_value=None,
        required=False,
    )
    summary = forms.CharField(label=_("Tóm tắt ý kiến thảo luận"), widget=forms.Textarea(attrs={"rows": 5}))
    file = forms.FileField(label=_("Biên bản hội nghị (tệp)"), required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        group = get_user_model().objects.filter(pk__in=group_ids(case)).order_by("full_name")
        self.fields["group_present"].queryset = group
        if case.subject_member_id is None:
            del self.fields["subject_member_present"]


class FinaliseReportForm(forms.Form):
    text = forms.CharField(label=_("Báo cáo kết quả giám sát"), widget=forms.Textarea(attrs={"rows": 8}))
    signs_found = forms.BooleanField(label=_("Phát hiện dấu hiệu vi phạm"), required=False)
    signs_content = forms.CharField(
        label=_("Dấu hiệu vi phạm và đề nghị kiểm tra"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bắt buộc khi phát hiện dấu hiệu vi phạm: đề nghị kiểm tra khi có dấu hiệu vi phạm."),
    )
    file = forms.FileField(label=_("Báo cáo (tệp)"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("signs_found") and not (data.get("signs_content") or "").strip():
            self.add_error("signs_content", _("Cần ghi rõ dấu hiệu vi phạm và đề nghị kiểm tra."))
        return data


class NoticeDraftForm(ConclusionForm):
    """The supervision-result notice with its requirements and deadlines."""

    violation_found = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].label = _("Nội dung thông báo kết quả giám sát")
        self.fields["recommendations"].label = _("Yêu cầu khắc phục, thời hạn")
        self.fields["file"].label = _("Dự thảo thông báo (tệp)")


class SendNoticeForm(forms.Form):
    sent_on = date_field(_("Ngày gửi thông báo kết quả giám sát"), initial=timezone.localdate)
    file = forms.FileField(label=_("Thông báo kết quả giám sát (tệp)"), required=False)


class ExtendForm(forms.Form):
    reason = forms.CharField(label=_("Lý do gia hạn"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
