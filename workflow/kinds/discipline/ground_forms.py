"""Forms for the deferral and exemption grounds, the posts a dismissal ends and the
strike-off decision (issue 9 points 7-8). They check only the shape of the input; the
rules live in inspections.services.discipline_grounds and inspections.services.membership."""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspections.models import DisciplineGround
from inspections.services.discipline_grounds import active_grounds
from people.models import CommitteeSeat, Position
from workflow.fields import IdMultipleChoiceField, date_field

TEXTAREA = forms.Textarea(attrs={"rows": 3})
Effect = DisciplineGround.Effect


def ground_choices(*effects):
    """The grounds in force, labelled with their source (the rule table's rows)."""
    return [("", "---")] + [(g.code, f"{g.label} ({g.source})") for g in active_grounds(*effects)]


class GroundFields(forms.Form):
    """What a deferral, a missing member or a deceased member needs, beside the step's own
    fields: the ground, the conclusion (missing), the date of death and the "especially
    serious" finding (deceased), the ground's document."""

    defer_reason = forms.ChoiceField(label=_("Căn cứ chưa xem xét kỷ luật (tạm hoãn)"), required=False)
    conclusion = forms.CharField(
        label=_("Kết luận về vi phạm (đảng viên mất tích)"),
        required=False,
        widget=TEXTAREA,
        help_text=_("Đảng viên bị tuyên bố mất tích: kết luận vi phạm trước khi tạm hoãn; xem xét khi trở về."),
    )
    died_on = date_field(_("Ngày từ trần"), required=False)
    especially_serious = forms.BooleanField(
        label=_("Vi phạm đặc biệt nghiêm trọng: vẫn xem xét kỷ luật"),
        required=False,
        help_text=_("Bỏ chọn: hồ sơ kết thúc, không kỷ luật đảng viên đã từ trần (HD 02-HD/TW điểm 1.2)."),
    )
    especially_serious_reason = forms.CharField(
        label=_("Lý do xác định vi phạm đặc biệt nghiêm trọng"), required=False, widget=TEXTAREA
    )
    evidence = forms.FileField(
        label=_("Tài liệu về căn cứ (giấy xác nhận, giấy chứng tử, quyết định…)"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["defer_reason"].choices = ground_choices(Effect.DEFER, Effect.MISSING)

    def clean_grounds(self, data, outcome):
        if outcome == "defer" and not data.get("defer_reason"):
            self.add_error("defer_reason", _("Chọn căn cứ tạm hoãn."))
        if outcome == "deceased":
            if not data.get("died_on"):
                self.add_error("died_on", _("Cần ghi ngày từ trần."))
            if data.get("especially_serious") and not (data.get("especially_serious_reason") or "").strip():
                self.add_error("especially_serious_reason", _("Cần ghi lý do."))


def _open_today():
    today = timezone.localdate()
    return Q(started_on__lte=today) & (Q(ended_on__isnull=True) | Q(ended_on__gte=today))


class DismissalPostsFields(forms.Form):
    """A dismissal names the posts it ends (issue 9 point 8): the subject's posts and
    committee seats held today."""

    positions = IdMultipleChoiceField(
        label=_("Chức vụ bị cách chức"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    seats = IdMultipleChoiceField(
        label=_("Vị trí trong cấp ủy, ủy ban bị cách chức"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def set_posts(self, case, dismissal: bool):
        if not dismissal or case.subject_member_id is None:
            del self.fields["positions"], self.fields["seats"]
            return
        member = case.subject_member
        self.fields["positions"].queryset = Position.objects.filter(_open_today(), member=member).select_related(
            "organisation"
        )
        self.fields["seats"].queryset = CommitteeSeat.objects.filter(_open_today(), user__member=member).select_related(
            "committee"
        )


class ExemptionGroundForm(forms.Form):
    ground = forms.ChoiceField(label=_("Căn cứ miễn, giảm trách nhiệm"))
    note = forms.CharField(label=_("Sự việc làm căn cứ"), widget=TEXTAREA)
    file = forms.FileField(
        label=_("Tài liệu (văn bản đã báo cáo, đề xuất ý kiến với cấp trên; văn bản về đổi mới, sáng tạo)"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ground"].choices = ground_choices(Effect.EXEMPT)


class StrikeOffForm(forms.Form):
    body_label = forms.CharField(label=_("Chi bộ, cấp ủy quyết định xóa tên"), max_length=255)
    number = forms.CharField(label=_("Số quyết định"), max_length=60, required=False)
    reason = forms.CharField(label=_("Lý do xóa tên"), widget=TEXTAREA)
    decided_on = date_field(_("Ngày quyết định"), initial=timezone.localdate)
    effective_on = date_field(_("Ngày có hiệu lực"), initial=timezone.localdate)
    file = forms.FileField(label=_("Quyết định xóa tên (tệp)"))
