"""Forms every case kind shares: opening a case (committee, subject, grounds, team), and the
team's case-page actions (declaring conflicts of interest, changing the team, archiving,
transferring the case). Shape only; the rules live in the services."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspections import access
from inspections.models import CaseKind, Confidentiality, KeyArea
from people.models import CommitteeSeat, Organisation, PartyMember
from people.selectors import within_jurisdiction
from workflow.fields import IdChoiceField, IdMultipleChoiceField, date_field


def committee_users(committees):
    """The active users holding a seat today on one of `committees`, by name."""
    today = timezone.localdate()
    seats = (
        CommitteeSeat.objects.filter(committee__in=committees, started_on__lte=today)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
        .values("user_id")
    )
    return get_user_model().objects.filter(pk__in=seats, is_active=True).order_by("full_name", "username")


class OpenCaseForm(forms.Form):
    """Staff draft the inspection decision and name the team. The bodies offered are those
    the user sits on that may open `case_kind` (inspections.access.committees_open_for:
    inspection committees, party and standing committees, cells; issue 9 point 9)."""

    case_kind = CaseKind.PLANNED_INSPECTION  # a subclass or the `kind` argument says which
    committee = IdChoiceField(label=_("Cơ quan lập hồ sơ"), queryset=None)
    title = forms.CharField(label=_("Nội dung kiểm tra"), max_length=300)
    subject_card_number = forms.CharField(
        label=_("Số thẻ đảng viên là đối tượng"),
        max_length=20,
        required=False,
        help_text=_("Điền nếu đối tượng là đảng viên; để trống nếu đối tượng là tổ chức đảng."),
    )
    subject_organisation = IdChoiceField(label=_("Tổ chức đảng là đối tượng"), queryset=None, required=False)
    key_areas = IdMultipleChoiceField(
        label=_("Lĩnh vực trọng tâm"),
        queryset=KeyArea.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
    )
    grounds = forms.CharField(label=_("Căn cứ"), widget=forms.Textarea(attrs={"rows": 3}))
    period_start = date_field(_("Thời kỳ kiểm tra từ ngày"), required=False)
    period_end = date_field(_("Đến ngày"), required=False)
    confidentiality = forms.ChoiceField(
        label=_("Độ mật"), choices=Confidentiality.choices, initial=Confidentiality.NORMAL
    )
    leader = IdChoiceField(label=_("Trưởng đoàn"), queryset=None)
    members = IdMultipleChoiceField(
        label=_("Thành viên đoàn"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    director = IdChoiceField(label=_("Ủy viên phụ trách đoàn"), queryset=None, required=False)
    decision_file = forms.FileField(label=_("Dự thảo quyết định (tệp)"), required=False)

    def __init__(self, *args, user, kind: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case_kind = kind or self.case_kind
        committees = access.committees_open_for(user, self.case_kind).select_related("organisation")
        self.fields["committee"].queryset = committees
        if committees.count() == 1:
            self.fields["committee"].initial = committees.first().pk
        orgs = [c.organisation for c in committees]
        self.fields["subject_organisation"].queryset = (
            Organisation.objects.filter(within_jurisdiction(orgs, "path"), is_active=True).select_related("level")
            if orgs
            else Organisation.objects.none()
        )
        users = committee_users(committees)
        self.fields["leader"].queryset = users
        self.fields["members"].queryset = users
        self.fields["director"].queryset = users

    def clean_subject_card_number(self):
        number = self.cleaned_data["subject_card_number"].strip()
        if not number:
            return None
        member = PartyMember.objects.filter(card_number=number).select_related("organisation").first()
        if member is None:
            raise forms.ValidationError(_("Không tìm thấy đảng viên có số thẻ %(n)s.") % {"n": number})
        return member

    def clean(self):
        data = super().clean()
        member, org = data.get("subject_card_number"), data.get("subject_organisation")
        if "subject_card_number" in data and "subject_organisation" in data and (member is None) == (org is None):
            self.add_error(
                "subject_card_number", _("Chọn đúng một đối tượng: nhập số thẻ đảng viên hoặc chọn tổ chức đảng.")
            )
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data


class DeclarationForm(forms.Form):
    has_conflict = forms.TypedChoiceField(
        label=_("Xung đột lợi ích"),
        choices=[
            ("0", _("Tôi không có quan hệ gia đình, lợi ích hay xung đột nào với đối tượng và nội dung của hồ sơ")),
            ("1", _("Tôi có xung đột lợi ích (sẽ rút khỏi đoàn)")),
        ],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    statement = forms.CharField(
        label=_("Nội dung khai"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bắt buộc khi có xung đột: quan hệ với đối tượng, lợi ích liên quan."),
    )


class TeamChangeForm(forms.Form):
    leader = IdChoiceField(label=_("Trưởng đoàn mới"), queryset=None, required=False)
    director = IdChoiceField(label=_("Ủy viên phụ trách đoàn"), queryset=None, required=False)
    add_members = IdMultipleChoiceField(
        label=_("Bổ sung thành viên"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    remove_members = IdMultipleChoiceField(
        label=_("Rút thành viên"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        users = committee_users([case.committee])
        current = case.roles.filter(revoked_at__isnull=True, role="member").values("user_id")
        self.fields["leader"].queryset = users
        self.fields["director"].queryset = users
        self.fields["add_members"].queryset = users.exclude(pk__in=current)
        self.fields["remove_members"].queryset = get_user_model().objects.filter(pk__in=current)


class ArchiveForm(forms.Form):
    confirm = forms.BooleanField(label=_("Tôi xác nhận lưu trữ hồ sơ; đoàn và cán bộ sẽ không còn xem được hồ sơ"))


class TransferForm(forms.Form):
    to_committee = IdChoiceField(label=_("Chuyển đến Ủy ban kiểm tra"), queryset=None)
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, case, **kwargs):
        from people.models import Committee

        super().__init__(*args, **kwargs)
        self.fields["to_committee"].queryset = (
            Committee.objects.filter(kind=Committee.Kind.INSPECTION).exclude(pk=case.committee_id).order_by("name")
        )
