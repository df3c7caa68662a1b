"""Forms of the discipline-complaint steps (domain.md §5(F)). They check only the shape of
the input; the rules live in inspections.services.discipline_complaint and its siblings."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspections import access
from inspections.models import (
    CaseKind,
    ComplaintAspect,
    ComplaintOutcome,
    ComplaintVerdict,
    ImposingBody,
    SanctionForm,
)
from inspections.selectors import discipline_complaint as selectors
from inspections.services.complaint_checks import complaint_filing_time
from people.models import CommitteeSeat
from workflow.fields import IdChoiceField, IdMultipleChoiceField, date_field
from workflow.steps.ballot import forms as ballot_forms

ABOUT_CHOICES = [
    ("content", _("Nội dung vi phạm")),
    ("form", _("Hình thức kỷ luật")),
    ("procedure", _("Nguyên tắc, thủ tục, quy trình, thẩm quyền")),
]
FORM_CHOICES = [("", "—")] + [
    (value, label) for value, label in SanctionForm.choices if value != SanctionForm.STRIKE_OFF
]
MAX_VOTES = 10000


def record_label(record) -> str:
    number = f" {record.decision_number}" if record.decision_number else ""
    return _("%(form)s – %(subject)s – quyết định%(number)s ngày %(day)s của %(body)s") % {
        "form": record.get_form_display(),
        "subject": record.member or record.organisation,
        "number": number,
        "day": record.decided_on.strftime("%d/%m/%Y"),
        "body": record.deciding_body,
    }


class IntakeForm(forms.Form):
    """Registering a complaint: the decision complained against, the dates that decide
    admissibility, what is complained about, the letter, the bodies and the team."""

    record = IdChoiceField(label=_("Quyết định kỷ luật bị khiếu nại"), queryset=None)
    representative = forms.CharField(
        label=_("Người đại diện (khi tổ chức đảng khiếu nại)"),
        max_length=200,
        required=False,
        help_text=_("Họ tên, chức vụ người đại diện tổ chức đảng bị kỷ luật."),
    )
    decision_received_on = date_field(_("Ngày người khiếu nại nhận quyết định kỷ luật"))
    announced_on = date_field(_("Ngày công bố quyết định kỷ luật"))
    sent_on = date_field(_("Ngày gửi đơn khiếu nại"))
    received_on = date_field(_("Ngày nhận đơn khiếu nại"), initial=timezone.localdate)
    about = forms.MultipleChoiceField(
        label=_("Khiếu nại về"), choices=ABOUT_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    request = forms.CharField(
        label=_("Nội dung, yêu cầu của người khiếu nại"), widget=forms.Textarea(attrs={"rows": 4})
    )
    letter = forms.FileField(label=_("Đơn khiếu nại (tệp)"))
    imposed_by_kind = forms.ChoiceField(label=_("Cơ quan đã thi hành kỷ luật (loại)"), choices=ImposingBody.choices)
    imposed_by_organisation = IdChoiceField(label=_("Cơ quan đã thi hành kỷ luật (thuộc tổ chức)"), queryset=None)
    resolving_body = IdChoiceField(label=_("Cơ quan giải quyết khiếu nại"), queryset=None)
    leader = IdChoiceField(label=_("Trưởng đoàn (tổ) giải quyết"), queryset=None)
    members = IdMultipleChoiceField(
        label=_("Thành viên"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    director = IdChoiceField(
        label=_("Ủy viên phụ trách"),
        queryset=None,
        help_text=_("Ủy viên Ủy ban kiểm tra xem xét thụ lý đơn và chỉ đạo giải quyết."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["announced_on"].help_text = _(
            "Theo biên bản công bố quyết định; thời hạn khiếu nại tính từ ngày này."
        )
        self.fields["sent_on"].help_text = _(
            "Ngày nộp đơn trực tiếp, hoặc ngày theo dấu bưu điện (không phải ngày đơn đến)."
        )

    def set_choices(self, committees, records) -> None:
        self.fields["record"].queryset = records
        self.fields["record"].label_from_instance = record_label
        self.fields["imposed_by_organisation"].queryset = selectors.organisations_within(committees)
        self.fields["resolving_body"].queryset = selectors.resolving_bodies(committees)
        self.fields["resolving_body"].label_from_instance = lambda c: f"{c.name} ({c.get_kind_display()})"
        today = timezone.localdate()
        seat_users = (
            CommitteeSeat.objects.filter(committee__in=committees, started_on__lte=today)
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
            .values("user_id")
        )
        users = get_user_model().objects.filter(pk__in=seat_users, is_active=True).order_by("full_name", "username")
        for name in ("leader", "members", "director"):
            self.fields[name].queryset = users

    def clean(self):
        data = super().clean()
        decision, received = data.get("decision_received_on"), data.get("received_on")
        announced, sent = data.get("announced_on"), data.get("sent_on")
        if decision and received and decision > received:
            self.add_error(
                "decision_received_on", _("Ngày nhận quyết định kỷ luật không được sau ngày nhận đơn khiếu nại.")
            )
        if announced and sent and sent < announced:
            self.add_error("sent_on", _("Ngày gửi đơn khiếu nại không được trước ngày công bố quyết định kỷ luật."))
        if sent and received and received < sent:
            self.add_error("received_on", _("Ngày nhận đơn khiếu nại không được trước ngày gửi đơn."))
        return data

    def intake(self) -> dict:
        data = self.cleaned_data
        return {
            "record": data["record"],
            "representative": data["representative"],
            "decision_received_on": data["decision_received_on"],
            "announced_on": data["announced_on"],
            "sent_on": data["sent_on"],
            "received_on": data["received_on"],
            "about": data["about"],
            "request": data["request"],
            "letter": data["letter"],
            "imposed_by_kind": data["imposed_by_kind"],
            "imposed_by_organisation": data["imposed_by_organisation"],
            "resolving_body": data["resolving_body"],
            "leader": data["leader"],
            "members": list(data["members"]),
            "director": data["director"],
        }


class OpenComplaintForm(IntakeForm):
    """The start form: the committee that takes the complaint in, then the intake."""

    field_order = ["committee"]
    committee = IdChoiceField(label=_("Ủy ban kiểm tra thụ lý"), queryset=None)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        committees = access.committees_open_for(user, CaseKind.DISCIPLINE_COMPLAINT).select_related("organisation")
        self.fields["committee"].queryset = committees
        if committees.count() == 1:
            self.fields["committee"].initial = committees.first().pk
        self.set_choices(committees, selectors.records_open_to_complaint(committees))


class SpawnedIntakeForm(IntakeForm):
    """The staff set-up task of a complaint case opened from the discipline case."""

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        from people.models import Committee

        self.set_choices(Committee.objects.filter(pk=case.committee_id), selectors.subject_records(case))
        # Opened from the discipline case: its announcement day, when it recorded one (§11b.1).
        self.fields["announced_on"].initial = selectors.origin_announced_on(case)


ADMISSIBILITY = [("accept", _("Thụ lý giải quyết")), ("reject", _("Không giải quyết (lưu đơn)"))]


class AdmissibilityForm(forms.Form):
    decision = forms.ChoiceField(label=_("Quyết định"), choices=ADMISSIBILITY, widget=forms.RadioSelect)
    reasons = forms.MultipleChoiceField(
        label=_("Trường hợp không giải quyết"), required=False, widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(label=_("Ý kiến"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, case, complaint, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reasons"].choices = [(c.code, c.label) for c in selectors.manual_criteria(case)]
        if complaint is not None:
            self.fields["reasons"].help_text = (
                complaint_filing_time(complaint).summary()
                + " "
                + _("Đơn nhận ngày %(received)s. Quá hạn được ghi nhận tự động là lý do không giải quyết.")
                % {"received": complaint.received_on.strftime("%d/%m/%Y")}
            )


class RefusalNoticeForm(forms.Form):
    sent_on = date_field(_("Ngày gửi thông báo cho người khiếu nại"), initial=timezone.localdate)
    file = forms.FileField(label=_("Thông báo không giải quyết đơn (tệp)"))


class ImposingBodyForm(forms.Form):
    met_on = date_field(_("Ngày làm việc với cơ quan đã thi hành kỷ luật"), initial=timezone.localdate)
    minutes = forms.FileField(label=_("Biên bản làm việc (tệp)"))
    file_obtained = forms.BooleanField(label=_("Đã nhận hồ sơ kỷ luật"), required=False)
    discipline_file = forms.FileField(label=_("Bản sao hồ sơ kỷ luật (tệp)"), required=False)


class ComplainantForm(forms.Form):
    met_on = date_field(_("Ngày làm việc với người khiếu nại"), initial=timezone.localdate)
    minutes = forms.FileField(label=_("Biên bản làm việc (tệp)"))
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class AspectsForm(forms.Form):
    """The differences and one assessment per aspect; prefilled when the report came back."""

    differences = forms.CharField(
        label=_("Những điểm khác nhau giữa đơn khiếu nại và quyết định kỷ luật"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    file = forms.FileField(label=_("Biên bản thẩm tra, xác minh (tệp)"), required=False)

    def __init__(self, *args, complaint=None, reviews=None, **kwargs):
        super().__init__(*args, **kwargs)
        reviews = reviews or {}
        fields = {}
        for aspect, label in ComplaintAspect.choices:
            review = reviews.get(aspect)
            fields[f"{aspect}_verdict"] = forms.ChoiceField(
                label=_("%(aspect)s: đánh giá") % {"aspect": label},
                choices=ComplaintVerdict.choices,
                widget=forms.RadioSelect,
                initial=review.verdict if review else None,
            )
            fields[f"{aspect}_text"] = forms.CharField(
                label=_("%(aspect)s: nhận xét") % {"aspect": label},
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=review.text if review else "",
            )
        file_field = self.fields.pop("file")
        self.fields.update(fields)
        self.fields["file"] = file_field
        if complaint is not None and complaint.differences:
            self.fields["differences"].initial = complaint.differences

    def reviews(self) -> dict[str, tuple[str, str]]:
        return {
            aspect: (self.cleaned_data[f"{aspect}_verdict"], self.cleaned_data[f"{aspect}_text"])
            for aspect in ComplaintAspect.values
        }


class ComplaintReportForm(forms.Form):
    text = forms.CharField(label=_("Báo cáo kết quả giải quyết khiếu nại"), widget=forms.Textarea(attrs={"rows": 8}))
    proposed_outcome = forms.ChoiceField(
        label=_("Đề xuất của đoàn"), choices=ComplaintOutcome.choices, widget=forms.RadioSelect
    )
    proposed_form = forms.ChoiceField(
        label=_("Hình thức kỷ luật đề xuất"),
        choices=FORM_CHOICES,
        required=False,
        help_text=_("Chỉ chọn khi đề xuất tăng hoặc giảm hình thức kỷ luật."),
    )
    file = forms.FileField(label=_("Báo cáo (tệp)"), required=False)


class MeetingForm(ballot_forms.AttendanceFields):
    """The competent body's meeting: the roll call against its roster and the count base of
    the secret ballot on the outcome (domain.md §6.2). The options on the paper follow from
    the case."""

    meeting_on = date_field(_("Ngày hội nghị"), initial=timezone.localdate)
    file = forms.FileField(label=_("Biên bản hội nghị (tệp)"), required=False)
    field_order = ["meeting_on", "mode", "present", "present_on_paper", "away", "exempted_absent", "file"]

    def __init__(self, *args, complaint, **kwargs):
        super().__init__(*args, **kwargs)
        body = complaint.resolving_body if complaint is not None else None
        self.set_roster(
            committee=body, organisation=None, body_label=body.name if body else "", on=timezone.localdate()
        )

    def clean(self):
        data = super().clean()
        self.clean_attendance(data)
        return data


class CloseBallotForm(ballot_forms.CloseBallotForm):
    """The chair closes the ballot; the meeting's reasons go with the outcome decided."""

    reasons = forms.CharField(
        label=_("Lý do, kết luận của hội nghị"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ghi cùng kết quả giải quyết nếu một phương án đạt tỷ lệ biểu quyết."),
    )
    field_order = ["reasons", "confirm", "file"]


class DecisionForm(forms.Form):
    number = forms.CharField(label=_("Số quyết định giải quyết khiếu nại"), max_length=60)
    signed_on = date_field(_("Ngày ký quyết định"), initial=timezone.localdate)
    file = forms.FileField(label=_("Quyết định giải quyết khiếu nại (tệp)"))
    minutes = forms.FileField(label=_("Biên bản hội nghị (tệp)"), required=False)


class NotifyForm(forms.Form):
    complainant_on = date_field(_("Ngày thông báo người khiếu nại"), initial=timezone.localdate)
    imposing_body_on = date_field(_("Ngày thông báo cơ quan đã thi hành kỷ luật"), initial=timezone.localdate)
    managing_org_on = date_field(_("Ngày thông báo tổ chức đảng quản lý đảng viên"), initial=timezone.localdate)
    notice = forms.FileField(label=_("Thông báo quyết định (tệp)"), required=False)
    restoration_notice = forms.FileField(
        label=_("Thông báo khôi phục quyền lợi (tệp)"),
        required=False,
        help_text=_("Khi xóa hoặc giảm hình thức kỷ luật (Quy định 117-QĐ/TW)."),
    )


class OpenFromDisciplineForm(forms.Form):
    """Opening the complaint case from the discipline case: the inspection committee that
    takes the complaint in; the complaint itself is registered in the staff set-up task."""

    committee = IdChoiceField(label=_("Ủy ban kiểm tra thụ lý đơn khiếu nại"), queryset=None)
    note = forms.CharField(label=_("Ghi chú"), max_length=300, required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        committees = (
            access.committees_open_for(user, CaseKind.DISCIPLINE_COMPLAINT)
            .select_related("organisation")
            .order_by("organisation__path")
        )
        self.fields["committee"].queryset = committees
        if committees.count() == 1:
            self.fields["committee"].initial = committees.first().pk
