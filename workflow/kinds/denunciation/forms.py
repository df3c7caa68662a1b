"""Forms of the denunciation flow (domain.md §5(D)). They check only the shape of the input;
the rules live in inspections.services.denunciations and denunciation_steps."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspections import access
from inspections.models import Allegation, CaseKind, Confidentiality, Denunciation, DenunciationPause, KeyArea
from people.models import Organisation, PartyMember
from people.selectors import within_jurisdiction
from workflow.case_forms import committee_users
from workflow.fields import IdChoiceField, IdMultipleChoiceField, date_field
from workflow.steps.inspection.forms import ConclusionForm

TEXTAREA = {"rows": 3}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _member_by_card(card: str):
    card = card.strip()
    if not card:
        return None
    member = PartyMember.objects.filter(card_number=card).select_related("organisation").first()
    if member is None:
        raise forms.ValidationError(_("Không tìm thấy đảng viên có số thẻ %(n)s.") % {"n": card})
    return member


class IntakeForm(forms.Form):
    """Committee staff register a denunciation letter (domain.md §5(D) "Intake and triage")."""

    committee = IdChoiceField(label=_("Cơ quan nhận đơn"), queryset=None)
    register_number = forms.CharField(label=_("Số vào sổ"), max_length=40)
    received_on = date_field(_("Ngày cơ quan có thẩm quyền nhận đơn"), initial=timezone.localdate)
    letter_dated = date_field(_("Ngày ghi trên đơn"), required=False)
    forwarded_by = forms.CharField(
        label=_("Cơ quan chuyển đơn đến (nếu có)"),
        max_length=255,
        required=False,
        help_text=_("Thời hạn tính từ ngày cơ quan có thẩm quyền nhận đơn, không tính từ ngày cơ quan này nhận."),
    )
    first_received_on = date_field(_("Ngày cơ quan chuyển đơn nhận đơn"), required=False)
    subject_card_number = forms.CharField(
        label=_("Số thẻ đảng viên bị tố cáo"),
        max_length=20,
        required=False,
        help_text=_("Điền nếu người bị tố cáo là đảng viên; để trống nếu tố cáo tổ chức đảng."),
    )
    subject_organisation = IdChoiceField(label=_("Tổ chức đảng bị tố cáo"), queryset=None, required=False)
    title = forms.CharField(
        label=_("Trích yếu"),
        max_length=300,
        required=False,
        help_text=_("Không ghi tên người tố cáo. Để trống: “Giải quyết đơn tố cáo vào sổ số …”."),
    )
    key_areas = IdMultipleChoiceField(
        label=_("Lĩnh vực"),
        queryset=KeyArea.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    allegations = forms.CharField(
        label=_("Nội dung tố cáo"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Mỗi dòng một nội dung. Không ghi thông tin nhận dạng người tố cáo."),
    )
    denouncer_name = forms.CharField(
        label=_("Họ và tên người tố cáo"),
        max_length=200,
        required=False,
        help_text=_("Được niêm phong. Để trống nếu đơn không ghi tên."),
    )
    denouncer_card_number = forms.CharField(
        label=_("Số thẻ đảng viên của người tố cáo (nếu có)"), max_length=20, required=False
    )
    denouncer_address = forms.CharField(label=_("Địa chỉ người tố cáo"), max_length=300, required=False)
    denouncer_contact = forms.CharField(label=_("Điện thoại, thư điện tử"), max_length=200, required=False)
    other_signatories = forms.CharField(
        label=_("Những người cùng ký tên khác"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("Mỗi dòng: họ tên | địa chỉ | liên lạc. Được niêm phong."),
    )
    signatory_count = forms.IntegerField(label=_("Số người ký tên trên đơn"), min_value=0, max_value=999, initial=1)
    letter_scan = forms.FileField(label=_("Bản chụp đơn tố cáo (niêm phong)"))
    proposal = forms.CharField(
        label=_("Đề xuất xử lý (phiếu đề xuất)"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    confidentiality = forms.ChoiceField(
        label=_("Độ mật"), choices=Confidentiality.choices, initial=Confidentiality.CONFIDENTIAL
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        committees = access.committees_open_for(user, CaseKind.DENUNCIATION).select_related("organisation")
        self.fields["committee"].queryset = committees
        if committees.count() == 1:
            self.fields["committee"].initial = committees.first().pk
        orgs = [committee.organisation for committee in committees]
        self.fields["subject_organisation"].queryset = (
            Organisation.objects.filter(within_jurisdiction(orgs, "path"), is_active=True)
            if orgs
            else Organisation.objects.none()
        )

    def clean_subject_card_number(self):
        return _member_by_card(self.cleaned_data["subject_card_number"])

    def clean_denouncer_card_number(self):
        return _member_by_card(self.cleaned_data["denouncer_card_number"])

    def clean_allegations(self):
        lines = _lines(self.cleaned_data["allegations"])
        if not lines:
            raise forms.ValidationError(_("Cần ghi ít nhất một nội dung tố cáo."))
        return lines

    def clean_other_signatories(self):
        people = []
        for number, line in enumerate(_lines(self.cleaned_data["other_signatories"]), start=1):
            name, _sep, rest = line.partition("|")
            address, _sep, contact = rest.partition("|")
            if not name.strip():
                raise forms.ValidationError(_("Dòng %(n)s: thiếu họ tên.") % {"n": number})
            people.append({"full_name": name.strip()[:200], "address": address.strip(), "contact": contact.strip()})
        return people

    def clean(self):
        data = super().clean()
        member, org = data.get("subject_card_number"), data.get("subject_organisation")
        if "subject_card_number" in data and "subject_organisation" in data and (member is None) == (org is None):
            self.add_error(
                "subject_card_number",
                _("Chọn đúng một người, tổ chức bị tố cáo: nhập số thẻ đảng viên hoặc chọn tổ chức đảng."),
            )
        if data.get("other_signatories") and not (data.get("denouncer_name") or data.get("denouncer_card_number")):
            self.add_error("denouncer_name", _("Ghi người tố cáo thứ nhất trước những người cùng ký tên."))
        return data

    def denouncers(self) -> list[dict]:
        data = self.cleaned_data
        first = {
            "full_name": data["denouncer_name"].strip(),
            "member": data["denouncer_card_number"],
            "address": data["denouncer_address"],
            "contact": data["denouncer_contact"],
        }
        return [first, *data["other_signatories"]]


class TriageForm(forms.Form):
    """The chair decides how the letter is handled (domain.md §5(D))."""

    decision = forms.ChoiceField(
        label=_("Xử lý đơn"),
        choices=[(v, label) for v, label in Denunciation.Triage.choices if v != Denunciation.Triage.PENDING],
        widget=forms.RadioSelect,
    )
    criteria = forms.MultipleChoiceField(
        label=_("Tiêu chí không giải quyết (khi không giải quyết đơn)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    new_evidence = forms.BooleanField(
        label=_("Đơn tố cáo lại nhưng có tài liệu, chứng cứ mới làm thay đổi bản chất vụ việc (phải giải quyết)"),
        required=False,
    )
    reason = forms.CharField(
        label=_("Lý do, căn cứ"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("Bắt buộc khi chuyển đơn, tách đơn, hoặc tố cáo lại có chứng cứ mới."),
    )
    transfer_committee = IdChoiceField(
        label=_("Chuyển đến cơ quan trong hệ thống"),
        queryset=None,
        required=False,
        help_text=_("Ủy ban kiểm tra, cấp ủy, ban thường vụ hoặc chi bộ có thẩm quyền giải quyết."),
    )
    transfer_body = forms.CharField(
        label=_("hoặc chuyển đến cơ quan có thẩm quyền khác"), max_length=255, required=False
    )
    complaint_part = forms.CharField(
        label=_("Phần nội dung là khiếu nại (đơn vừa khiếu nại vừa tố cáo)"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
    )

    def __init__(self, *args, criteria, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criteria"].choices = [(c.code, c.label) for c in criteria]
        self.fields["transfer_committee"].queryset = (
            access.bodies_handling(CaseKind.DENUNCIATION).exclude(pk=case.committee_id).order_by("name")
        )


class MeetingForm(forms.Form):
    met_on = date_field(_("Ngày làm việc với người tố cáo"), initial=timezone.localdate)
    minutes = forms.FileField(label=_("Biên bản làm việc (bắt buộc, được niêm phong)"))
    identity_confirmed = forms.BooleanField(label=_("Đã xác định họ tên, danh tính người tố cáo"), required=False)
    address_confirmed = forms.BooleanField(label=_("Đã xác định địa chỉ người tố cáo"), required=False)
    denounced_confirmed = forms.BooleanField(label=_("Đã xác định người, tổ chức bị tố cáo"), required=False)
    content_confirmed = forms.BooleanField(label=_("Đã xác định nội dung tố cáo"), required=False)
    more_allegations = forms.CharField(
        label=_("Nội dung tố cáo bổ sung"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("Mỗi dòng một nội dung."),
    )
    note = forms.CharField(
        label=_("Ghi chú"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("Không ghi thông tin nhận dạng người tố cáo."),
    )

    def clean_more_allegations(self):
        return _lines(self.cleaned_data["more_allegations"])


class DecisionDraftForm(forms.Form):
    leader = IdChoiceField(label=_("Trưởng đoàn"), queryset=None)
    members = IdMultipleChoiceField(
        label=_("Thành viên đoàn"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    director = IdChoiceField(label=_("Ủy viên phụ trách đoàn"), queryset=None, required=False)
    decision = forms.FileField(label=_("Dự thảo quyết định thành lập đoàn giải quyết tố cáo"))
    plan = forms.FileField(label=_("Kế hoạch giải quyết tố cáo"), required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        users = committee_users([case.committee_id])
        for name in ("leader", "members", "director"):
            self.fields[name].queryset = users


class SignForm(forms.Form):
    signed_on = date_field(_("Ngày ký quyết định"), initial=timezone.localdate)


class OutlineForm(forms.Form):
    sent_on = date_field(_("Ngày gửi đề cương cho người bị tố cáo"), initial=timezone.localdate)
    file = forms.FileField(label=_("Đề cương gợi ý báo cáo giải trình"))


class ExplanationForm(forms.Form):
    received_on = date_field(_("Ngày nhận báo cáo giải trình"), initial=timezone.localdate)
    file = forms.FileField(label=_("Báo cáo giải trình của người bị tố cáo"))


class VerificationForm(forms.Form):
    """One verdict and its reasoning per allegation (fields added per case), and the minutes."""

    minutes = forms.FileField(label=_("Biên bản xác minh với người bị tố cáo, người liên quan"), required=False)
    denouncer_minutes = forms.FileField(label=_("Biên bản xác minh với người tố cáo (niêm phong)"), required=False)

    def __init__(self, *args, allegations, **kwargs):
        super().__init__(*args, **kwargs)
        self.allegations = list(allegations)
        choices = [("", _("— chưa kết luận —")), *Allegation.Verdict.choices]
        for allegation in self.allegations:
            label = _("Nội dung %(n)s: %(text)s") % {"n": allegation.number, "text": allegation.text}
            self.fields[f"verdict_{allegation.pk}"] = forms.ChoiceField(
                label=label, choices=choices, required=False, initial=allegation.verdict
            )
            self.fields[f"reasoning_{allegation.pk}"] = forms.CharField(
                label=_("Căn cứ, lập luận (nội dung %(n)s)") % {"n": allegation.number},
                required=False,
                initial=allegation.reasoning,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.order_fields([*(k for k in self.fields if k.startswith(("verdict_", "reasoning_"))), "minutes"])

    def clean(self):
        data = super().clean()
        for allegation in self.allegations:
            verdict = data.get(f"verdict_{allegation.pk}")
            reasoning = (data.get(f"reasoning_{allegation.pk}") or "").strip()
            changed = verdict != allegation.verdict or (verdict and reasoning != allegation.reasoning)
            if reasoning and not verdict:
                self.add_error(f"verdict_{allegation.pk}", _("Chọn kết luận đúng, sai cho nội dung này."))
            elif verdict and changed and not reasoning:
                self.add_error(f"reasoning_{allegation.pk}", _("Cần ghi căn cứ, lập luận cho kết luận."))
        return data

    def verdicts(self) -> dict[int, tuple[str, str]]:
        """The verdicts given or changed in this round."""
        result = {}
        for allegation in self.allegations:
            verdict = self.cleaned_data.get(f"verdict_{allegation.pk}")
            reasoning = (self.cleaned_data.get(f"reasoning_{allegation.pk}") or "").strip()
            if verdict and (verdict != allegation.verdict or reasoning != allegation.reasoning):
                result[allegation.pk] = (verdict, reasoning)
        return result


class ReportForm(forms.Form):
    text = forms.CharField(label=_("Báo cáo kết quả giải quyết tố cáo"), widget=forms.Textarea(attrs={"rows": 8}))
    discussed_on = date_field(_("Ngày trao đổi dự thảo báo cáo với người bị tố cáo"), initial=timezone.localdate)
    file = forms.FileField(label=_("Báo cáo (tệp)"), required=False)


class DenunciationConclusionForm(ConclusionForm):
    discipline_threshold = forms.BooleanField(label=_("Vi phạm đến mức phải xem xét kỷ luật"), required=False)
    other_signs = forms.BooleanField(label=_("Phát hiện dấu hiệu vi phạm khác"), required=False)
    other_signs_note = forms.CharField(
        label=_("Dấu hiệu vi phạm khác"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    field_order = [
        "text",
        "violation_found",
        "discipline_threshold",
        "other_signs",
        "other_signs_note",
        "recommendations",
        "file",
    ]


class NotifyForm(forms.Form):
    conclusion_sent_on = date_field(
        _("Ngày gửi thông báo kết luận cho người bị tố cáo và tổ chức quản lý"), initial=timezone.localdate
    )
    conclusion_file = forms.FileField(label=_("Thông báo kết luận (bản ký)"), required=False)
    result_sent_on = date_field(_("Ngày thông báo kết quả cho người tố cáo"), initial=timezone.localdate)
    result_file = forms.FileField(label=_("Thông báo kết quả cho người tố cáo (bản ký)"), required=False)


class WithdrawalForm(forms.Form):
    received_on = date_field(_("Ngày nhận đơn rút tố cáo"), initial=timezone.localdate)
    file = forms.FileField(label=_("Đơn rút tố cáo (niêm phong)"), required=False)
    note = forms.CharField(
        label=_("Ghi chú"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("Không ghi thông tin nhận dạng người tố cáo."),
    )


class WithdrawalDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Quyết định"),
        choices=[
            ("stop", _("Đình chỉ giải quyết tố cáo")),
            ("continue", _("Tiếp tục giải quyết: việc rút đơn do bị đe dọa, ép buộc hoặc mua chuộc")),
        ],
        widget=forms.RadioSelect,
    )
    finding = forms.CharField(
        label=_("Nhận định, căn cứ"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("Bắt buộc khi tiếp tục giải quyết."),
    )


class ExtensionForm(forms.Form):
    reason = forms.CharField(label=_("Lý do gia hạn"), widget=forms.Textarea(attrs=TEXTAREA), max_length=2000)


class PauseForm(forms.Form):
    reason = forms.ChoiceField(label=_("Lý do"), choices=DenunciationPause.Reason.choices, widget=forms.RadioSelect)
    note = forms.CharField(label=_("Căn cứ, ghi chú"), widget=forms.Textarea(attrs=TEXTAREA), max_length=2000)
    paused_on = date_field(_("Tạm dừng từ ngày"), initial=timezone.localdate)


class ResumeForm(forms.Form):
    resumed_on = date_field(_("Tiếp tục từ ngày"), initial=timezone.localdate)
