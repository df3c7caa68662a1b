"""Forms of the discipline flow (kind E). They check only the shape of the input (required
fields, dates, ids, card numbers); the rules live in inspections.services.discipline*."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspections import access
from inspections.models import CaseKind, DisciplineCase, SanctionForm
from inspections.selectors import discipline as selectors
from people.models import CommitteeSeat, PartyMember
from workflow.case_forms import OpenCaseForm
from workflow.fields import IdChoiceField, IdMultipleChoiceField, date_field
from workflow.kinds.discipline.ground_forms import DismissalPostsFields, GroundFields
from workflow.steps.ballot import forms as ballot_forms

TEXTAREA = forms.Textarea(attrs={"rows": 3})


def _form_choices(forms_open):
    return [(f, SanctionForm(f).label) for f in forms_open]


def _staff_users(committees):
    today = timezone.localdate()
    seats = (
        CommitteeSeat.objects.filter(committee__in=committees, started_on__lte=today)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
        .values("user_id")
    )
    return get_user_model().objects.filter(pk__in=seats, is_active=True).order_by("full_name", "username")


def one_body(form: forms.Form, data: dict, committee: str, organisation: str) -> None:
    """Exactly one deciding body: a committee or a cell (its kind is derived from it)."""
    if data.get(committee) is None and data.get(organisation) is None:
        if committee not in form.errors and organisation not in form.errors:
            form.add_error(
                committee, _("Chọn cơ quan xem xét kỷ luật: một ủy ban, ban thường vụ, cấp ủy hoặc một chi bộ.")
            )
    elif data.get(committee) is not None and data.get(organisation) is not None:
        form.add_error(organisation, _("Chỉ chọn một cơ quan xem xét kỷ luật: ủy ban, ban, cấp ủy hoặc chi bộ."))


class SetupFields(forms.Form):
    """What staff record when a discipline case is set up (opened, or completed after a spawn)."""

    violation = forms.CharField(label=_("Nội dung vi phạm"), widget=TEXTAREA)
    violation_start = date_field(_("Vi phạm từ ngày"))
    violation_end = date_field(
        _("Vi phạm kéo dài đến ngày"), required=False
    )  # a continuing violation: the statute counts from its end
    statute_category = forms.ChoiceField(
        label=_("Thời hiệu xử lý kỷ luật"),
        choices=DisciplineCase.StatuteCategory.choices,
        initial=DisciplineCase.StatuteCategory.BY_FORM,
    )
    subject_kind = forms.ChoiceField(
        label=_("Đối tượng là"),
        choices=[(kind, kind.label) for kind in DisciplineCase.SubjectKind if kind != "organisation"],
        initial=DisciplineCase.SubjectKind.MEMBER,
        required=False,
        help_text=_("Bỏ qua khi đối tượng là tổ chức đảng."),
    )
    higher_task = forms.BooleanField(
        label=_("Vi phạm nhiệm vụ do cấp trên giao"),
        required=False,
        help_text=_("Chi bộ không xử lý vi phạm này mà đề nghị cấp có thẩm quyền (Quy định 296, Điều 10)."),
    )
    # The deciding body is chosen, its kind derived from it (issue 9 point 2).
    body_committee = IdChoiceField(
        label=_("Cơ quan xem xét, biểu quyết: ủy ban, ban thường vụ, cấp ủy"),
        queryset=None,
        required=False,
        help_text=_("Khi cơ quan xem xét không phải chi bộ."),
    )
    body_organisation = IdChoiceField(
        label=_("Cơ quan xem xét, biểu quyết: chi bộ"),
        queryset=None,
        required=False,
        help_text=_("Khi chi bộ xem xét kỷ luật đảng viên."),
    )
    leader = IdChoiceField(label=_("Trưởng đoàn (người thẩm tra)"), queryset=None)
    members = IdMultipleChoiceField(
        label=_("Thành viên đoàn"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    director = IdChoiceField(label=_("Ủy viên phụ trách"), queryset=None, required=False)

    def set_choices(self, committees):
        self.fields["body_committee"].queryset = selectors.deciding_committees(committees)
        self.fields["body_organisation"].queryset = selectors.deciding_cells(committees)
        users = _staff_users(committees)
        for name in ("leader", "members", "director"):
            self.fields[name].queryset = users

    def clean(self):
        data = super().clean()
        start, end = data.get("violation_start"), data.get("violation_end")
        if start and end and end < start:
            self.add_error("violation_end", _("Ngày kết thúc vi phạm phải sau ngày bắt đầu."))
        one_body(self, data, "body_committee", "body_organisation")
        data["subject_kind"] = data.get("subject_kind") or DisciplineCase.SubjectKind.MEMBER
        return data


class OpenDisciplineForm(SetupFields, OpenCaseForm):
    """Staff open a discipline case (the subject, grounds, violation, body and team)."""

    case_kind = CaseKind.DISCIPLINE

    title = forms.CharField(label=_("Nội dung xem xét kỷ luật"), max_length=300)
    period_start = None
    period_end = None
    decision_file = None

    field_order = [
        "committee",
        "title",
        "subject_card_number",
        "subject_organisation",
        "grounds",
        "violation",
        "violation_start",
        "violation_end",
        "statute_category",
        "subject_kind",
        "higher_task",
        "body_committee",
        "body_organisation",
        "key_areas",
        "confidentiality",
        "leader",
        "members",
        "director",
    ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["key_areas"].required = False
        self.set_choices(list(access.committees_open_for(user, self.case_kind).select_related("organisation")))


class SetupForm(SetupFields):
    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_choices([case.committee])


SELF_CRITICISM_OUTCOMES = [
    ("received", _("Đã nhận bản tự kiểm điểm")),
    (DisciplineCase.SelfCriticism.REFUSED, _("Đảng viên không kiểm điểm: tổ chức vẫn xem xét")),
    (DisciplineCase.SelfCriticism.DETAINED, _("Đảng viên đang bị tạm giam: tổ chức vẫn xem xét")),
    ("defer", _("Chưa xem xét kỷ luật (tạm hoãn), đảng viên mất tích")),
    ("deceased", _("Đảng viên đã từ trần")),
]


class SelfCriticismForm(GroundFields):
    outcome = forms.ChoiceField(label=_("Kết quả"), choices=SELF_CRITICISM_OUTCOMES, widget=forms.RadioSelect)
    on = date_field(_("Ngày nhận, ghi nhận"), initial=timezone.localdate)
    self_proposed_form = forms.ChoiceField(label=_("Hình thức đảng viên tự nhận"), required=False)
    file = forms.FileField(label=_("Bản tự kiểm điểm (tệp)"), required=False)
    note = forms.CharField(
        label=_("Ghi chú"),
        required=False,
        widget=TEXTAREA,
        help_text=_("Bắt buộc khi đảng viên không kiểm điểm hoặc bị tạm giam."),
    )

    def __init__(self, *args, forms_open, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["self_proposed_form"].choices = [("", _("Không tự nhận hình thức"))] + _form_choices(forms_open)

    def clean(self):
        data = super().clean()
        outcome = data.get("outcome")
        if outcome == "received" and not data.get("file"):
            self.add_error("file", _("Cần tải lên bản tự kiểm điểm."))
        if (
            outcome in (DisciplineCase.SelfCriticism.REFUSED, DisciplineCase.SelfCriticism.DETAINED)
            and not (data.get("note") or "").strip()
        ):
            self.add_error("note", _("Cần ghi rõ sự việc."))
        self.clean_grounds(data, outcome)
        return data


class ResumeForm(forms.Form):
    resumed_on = date_field(_("Tiếp tục xem xét từ ngày"), initial=timezone.localdate)
    note = forms.CharField(label=_("Lý do tạm hoãn đã chấm dứt"), widget=TEXTAREA)


class ReportForm(forms.Form):
    text = forms.CharField(label=_("Báo cáo đề nghị thi hành kỷ luật"), widget=forms.Textarea(attrs={"rows": 8}))
    proposed_form = forms.ChoiceField(label=_("Hình thức đề nghị"))
    new_violation_on = date_field(
        _("Ngày vi phạm mới (nếu có)"),
        required=False,
    )
    head_card_number = forms.CharField(label=_("Số thẻ đảng viên của người đứng đầu"), max_length=20)
    head_responsibility = forms.CharField(label=_("Trách nhiệm của người đứng đầu"), widget=TEXTAREA)
    others = forms.CharField(
        label=_("Trách nhiệm của đảng viên khác"),
        required=False,
        widget=TEXTAREA,
        help_text=_("Mỗi dòng: số thẻ | trách nhiệm."),
    )
    file = forms.FileField(label=_("Báo cáo (tệp)"), required=False)

    def __init__(self, *args, case, forms_open, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposed_form"].choices = _form_choices(forms_open)
        if case.subject_organisation_id:
            head = selectors.heads_of(case.subject_organisation, timezone.localdate()).first()
            if head is not None:
                self.fields["head_card_number"].initial = head.card_number
        else:
            for name in ("head_card_number", "head_responsibility", "others"):
                del self.fields[name]

    @staticmethod
    def _member(number):
        member = PartyMember.objects.filter(card_number=number.strip()).first()
        if member is None:
            raise forms.ValidationError(_("Không tìm thấy đảng viên có số thẻ %(n)s.") % {"n": number.strip()})
        return member

    def clean_head_card_number(self):
        return self._member(self.cleaned_data["head_card_number"])

    def clean_others(self):
        rows = []
        for number, line in enumerate(self.cleaned_data["others"].splitlines(), start=1):
            if not line.strip():
                continue
            card, sep, duty = line.partition("|")
            if not sep or not card.strip() or not duty.strip():
                raise forms.ValidationError(_("Dòng %(n)s không đúng mẫu “số thẻ | trách nhiệm”.") % {"n": number})
            rows.append((self._member(card), duty.strip()))
        return rows


MEETING_OUTCOMES = [
    ("hold", _("Họp, điểm danh và bỏ phiếu kín")),
    ("defer", _("Chưa xem xét kỷ luật (tạm hoãn), đảng viên mất tích")),
    ("deceased", _("Đảng viên đã từ trần")),
    ("exempt", _("Miễn kỷ luật theo căn cứ miễn trách nhiệm đã ghi nhận")),
]


class MeetingForm(GroundFields, ballot_forms.AttendanceFields):
    outcome = forms.ChoiceField(label=_("Nội dung"), choices=MEETING_OUTCOMES, widget=forms.RadioSelect, initial="hold")
    meeting_on = date_field(_("Ngày họp / ngày tạm hoãn"), initial=timezone.localdate)
    file = forms.FileField(label=_("Trích biên bản hội nghị (tệp)"), required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=TEXTAREA)
    field_order = ["outcome", "meeting_on", "mode", "present", "present_on_paper", "away", "exempted_absent"]

    def __init__(self, *args, discipline, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_roster(
            committee=discipline.body_committee,
            organisation=discipline.body_organisation,
            body_label=discipline.body_label,
            on=timezone.localdate(),
        )

    def clean(self):
        data = super().clean()
        outcome = data.get("outcome")
        # A deceased member whose violation is especially serious: the meeting goes on to the vote.
        if outcome == "hold" or (outcome == "deceased" and data.get("especially_serious")):
            self.clean_attendance(data)
        if outcome == "exempt":
            if not (data.get("note") or "").strip():
                self.add_error("note", _("Ghi kết luận của cơ quan về việc miễn kỷ luật."))
            if not data.get("file"):
                self.add_error("file", _("Cần tải lên trích biên bản hội nghị."))
        self.clean_grounds(data, outcome)
        return data


class ProposalForm(forms.Form):
    to_committee = IdChoiceField(
        label=_("Cơ quan có thẩm quyền: ủy ban, ban thường vụ, cấp ủy"), queryset=None, required=False
    )
    to_organisation = IdChoiceField(label=_("Cơ quan có thẩm quyền: chi bộ"), queryset=None, required=False)
    subject_kind = forms.ChoiceField(
        label=_("Đối với cơ quan này, đối tượng là"),
        choices=[("", _("Giữ như đã ghi"))]
        + [(kind, kind.label) for kind in DisciplineCase.SubjectKind if kind != "organisation"],
        required=False,
    )
    sent_on = date_field(_("Ngày gửi tờ trình"), initial=timezone.localdate)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=TEXTAREA)
    file = forms.FileField(label=_("Tờ trình và hồ sơ đề nghị (tệp)"))

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_committee"].queryset = selectors.deciding_committees([case.committee])
        self.fields["to_organisation"].queryset = selectors.deciding_cells([case.committee])

    def clean(self):
        data = super().clean()
        one_body(self, data, "to_committee", "to_organisation")
        return data


class DecisionForm(DismissalPostsFields):
    number = forms.CharField(label=_("Số quyết định"), max_length=60)
    signed_on = date_field(_("Ngày ký quyết định"), initial=timezone.localdate)
    file = forms.FileField(label=_("Quyết định thi hành kỷ luật (tệp)"), required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        decided = selectors.discipline_of(case).decided_form
        self.set_posts(case, decided == SanctionForm.DISMISSAL)


class AnnounceForm(forms.Form):
    announced_on = date_field(_("Ngày công bố"), initial=timezone.localdate)
    refused = forms.BooleanField(label=_("Đối tượng từ chối nhận quyết định / không dự công bố"), required=False)
    refusal_note = forms.CharField(
        label=_("Ghi nhận việc từ chối (như trong biên bản)"), required=False, widget=TEXTAREA
    )
    file = forms.FileField(label=_("Biên bản công bố quyết định (tệp)"))

    def clean(self):
        data = super().clean()
        if data.get("refused") and not (data.get("refusal_note") or "").strip():
            self.add_error("refusal_note", _("Cần ghi rõ việc từ chối."))
        return data


STATE_OUTCOMES = [("sent", _("Đã gửi đề nghị")), ("not_applicable", _("Không thuộc trường hợp phải đề nghị"))]


class StateProposalForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Kết quả"), choices=STATE_OUTCOMES, widget=forms.RadioSelect)
    sent_on = date_field(_("Ngày gửi"), required=False)
    recipient = forms.CharField(label=_("Cơ quan nhận đề nghị"), max_length=255, required=False)
    reason = forms.CharField(label=_("Lý do không đề nghị"), required=False, widget=TEXTAREA)
    file = forms.FileField(label=_("Văn bản đề nghị (tệp)"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("outcome") == "sent":
            if not data.get("sent_on"):
                self.add_error("sent_on", _("Cần ghi ngày gửi."))
            if not (data.get("recipient") or "").strip():
                self.add_error("recipient", _("Cần ghi cơ quan nhận đề nghị."))
            data["reason"] = ""
        elif data.get("outcome") == "not_applicable":
            if not (data.get("reason") or "").strip():
                self.add_error("reason", _("Cần ghi lý do."))
            data["sent_on"], data["recipient"] = None, ""
        return data
