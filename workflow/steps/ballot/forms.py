"""Ballot forms, shared by every case kind that votes (discipline, complaints). They check
only the shape of the input; the rules live in inspections.services.ballots."""

from django import forms
from django.utils.translation import gettext_lazy as _

from inspections.models import Ballot
from inspections.rules.ballot import BLANK
from inspections.selectors import discipline as discipline_selectors
from inspections.services.ballots import PaperCount
from workflow.fields import IdMultipleChoiceField

MAX_PAPERS = 100000


class CastForm(forms.Form):
    """One paper: one option marked, or nothing marked (an invalid paper)."""

    option = forms.ChoiceField(label=_("Phương án"), widget=forms.RadioSelect)

    def __init__(self, *args, ballot, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["option"].choices = [(o["code"], o["label"]) for o in ballot.options] + [
            (BLANK or "-", _("Không đánh dấu phương án nào (phiếu không hợp lệ)"))
        ]

    def clean_option(self):
        value = self.cleaned_data["option"]
        return BLANK if value == "-" else value


class AttendanceFields(forms.Form):
    """The roll call of a meeting that votes (issue 9 point 1; domain.md §6.2): the body's
    roster on the day, by name; who attends with an account, who attends without one (a
    paper ballot), who attends elsewhere or is exempted and absent (out of the count base);
    how the ballot is held. The count base is computed by the service from the roster."""

    mode = forms.ChoiceField(
        label=_("Hình thức bỏ phiếu"), choices=Ballot.Mode.choices, initial=Ballot.Mode.ONLINE, required=False
    )
    present = IdMultipleChoiceField(
        label=_("Thành viên có mặt (có tài khoản)"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    present_on_paper = forms.MultipleChoiceField(
        label=_("Thành viên có mặt không có tài khoản (bỏ phiếu giấy)"),
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    away = forms.MultipleChoiceField(
        label=_("Đang sinh hoạt tạm thời nơi khác (không tính vào căn cứ)"),
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    exempted_absent = forms.MultipleChoiceField(
        label=_("Được miễn sinh hoạt và vắng mặt (không tính vào căn cứ)"),
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def set_roster(self, *, committee, organisation, body_label: str, on) -> None:
        """Fill the roll call from the body's roster on `on` (the service checks it again on
        the meeting day)."""
        roster = discipline_selectors.body_roster(committee=committee, organisation=organisation, on=on)
        self.roster = roster
        everyone = [(entry.key, entry.name) for entry in roster]
        without_account = [(entry.key, entry.name) for entry in roster if not entry.has_account]
        self.fields["present"].queryset = discipline_selectors.body_voters(
            committee=committee, organisation=organisation, on=on
        )
        self.fields["present_on_paper"].choices = without_account
        self.fields["away"].choices = everyone
        self.fields["exempted_absent"].choices = everyone
        if without_account:
            self.fields["mode"].initial = Ballot.Mode.MIXED
        else:
            del self.fields["present_on_paper"]
        self.fields["present"].help_text = _(
            "Danh sách thành viên của %(body)s hôm nay: %(n)s người (%(names)s). Căn cứ tính tỷ lệ là danh sách này, "
            "trừ người sinh hoạt tạm thời nơi khác và người được miễn sinh hoạt vắng mặt; người vắng mặt khác vẫn "
            "được tính."
        ) % {"body": body_label, "n": len(roster), "names": ", ".join(entry.name for entry in roster) or "—"}

    def clean_attendance(self, data) -> None:
        if not data.get("present") and not data.get("present_on_paper"):
            self.add_error("present", _("Chưa điểm danh thành viên có mặt."))
        data["present_on_paper"] = list(data.get("present_on_paper") or [])
        data["mode"] = data.get("mode") or Ballot.Mode.ONLINE
        data["present"] = list(data.get("present") or [])


def _count_field(label) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=0, max_value=MAX_PAPERS, initial=0)


class CloseBallotForm(forms.Form):
    """The chair closes the ballot; the counting board's minutes may be attached. Where
    paper ballots were issued (issue 9 point 1), the board's count of them: returned,
    invalid, and the papers marked for each option; with it the minutes are required."""

    confirm = forms.BooleanField(
        label=_("Kết thúc bỏ phiếu và kiểm phiếu (không nhận thêm phiếu sau khi kết thúc)"), required=True
    )
    file = forms.FileField(label=_("Biên bản kiểm phiếu (tệp)"), required=False)

    def __init__(self, *args, ballot: Ballot | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.paper_codes = []
        if ballot is None or not ballot.paper_issued:
            return
        self.fields["paper_returned"] = _count_field(
            _("Phiếu giấy thu về (đã phát %(n)s)") % {"n": ballot.paper_issued}
        )
        self.fields["paper_returned"].max_value = ballot.paper_issued
        for option in ballot.options:
            name = f"paper_{option['code']}"
            self.fields[name] = _count_field(_("Phiếu giấy hợp lệ chọn “%(o)s”") % {"o": option["label"]})
            self.paper_codes.append((name, option["code"]))
        self.fields["paper_invalid"] = _count_field(_("Phiếu giấy không hợp lệ"))
        self.fields["file"].required = True
        self.fields["file"].help_text = _("Biên bản của Ban kiểm phiếu ghi số phiếu giấy (bắt buộc khi có phiếu giấy).")

    def clean(self):
        data = super().clean()
        if "paper_returned" not in self.fields:
            return data
        names = ["paper_returned", "paper_invalid", *(name for name, _code in self.paper_codes)]
        if any(data.get(name) is None for name in names):
            return data  # the field errors say which number is missing
        data["paper"] = PaperCount(
            returned=data.pop("paper_returned"),
            invalid=data.pop("paper_invalid"),
            options={code: data.pop(name) for name, code in self.paper_codes},
        )
        return data
