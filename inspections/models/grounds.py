"""Deferral and exemption grounds of a discipline case (issue 9 point 7; Reg. 69-QĐ/TW
Art. 2 cl. 14; HD 02-HD/TW 2021 point 1.2, kept by HD 08-HD/TW 2025; domain.md §5(E),
§7.9, §11b.3), and what a case records when one is invoked.

The grounds are data (`DisciplineGround`, seeded by migration 0011, editable in the admin):
each row says what the ground does (`effect`), the document the rule expects, its legal
source and whether it is provisional. What each effect does is code
(inspections.services.discipline_grounds):

- defer: not yet considered; the case is suspended, its clock stops, and it resumes where
  it stopped when the ground ends;
- deceased: the case is concluded without discipline, unless the body records that the
  violation is especially serious (with the reason), when it proceeds to the vote;
- missing: the violation is concluded (the statute end point, §11b.9), then the case is
  deferred until the member reappears;
- exempt: exemption or reduction, recorded before the vote; the body may then decide to
  exempt (outcome "exempted") or vote a lighter form.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inspections.models.case import Case


class DisciplineGround(models.Model):
    """One deferral or exemption ground: label, effect, expected evidence, source."""

    class Effect(models.TextChoices):
        DEFER = "defer", _("Chưa xem xét: tạm hoãn, dừng tính thời hạn")
        DECEASED = "deceased", _("Đảng viên từ trần: kết thúc, không kỷ luật trừ vi phạm đặc biệt nghiêm trọng")
        MISSING = "missing", _("Đảng viên mất tích: kết luận vi phạm, xem xét khi trở về")
        EXEMPT = "exempt", _("Miễn hoặc giảm trách nhiệm")

    code = models.SlugField(_("mã căn cứ"), max_length=40, unique=True)
    effect = models.CharField(_("tác dụng"), max_length=10, choices=Effect.choices)
    label = models.CharField(_("căn cứ"), max_length=300)
    evidence_label = models.CharField(
        _("tài liệu chứng minh"), max_length=200, blank=True, help_text=_("Ví dụ: giấy xác nhận của bệnh viện.")
    )
    evidence_required = models.BooleanField(
        _("bắt buộc tải lên tài liệu"), default=False, help_text=_("Bỏ chọn: tài liệu được tải lên nếu có.")
    )
    source = models.CharField(_("căn cứ (văn bản, điều khoản)"), max_length=255)
    provisional = models.BooleanField(
        _("tạm tính"), default=False, help_text=_("Quy tắc chưa được xác nhận theo văn bản hiện hành.")
    )
    is_active = models.BooleanField(_("đang áp dụng"), default=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("căn cứ chưa xem xét, miễn, giảm kỷ luật")
        verbose_name_plural = _("căn cứ chưa xem xét, miễn, giảm kỷ luật")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.label


class DisciplineGroundRecord(models.Model):
    """A deceased, missing or exemption ground invoked on a case, with what the body
    recorded: the date of the event, the conclusion on the violation (missing), the
    "especially serious" finding and its reason (deceased). Deferrals keep their own rows
    (DisciplineDeferral). Written only by inspections.services.discipline_grounds."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="discipline_grounds")
    ground = models.ForeignKey(
        DisciplineGround, to_field="code", on_delete=models.PROTECT, related_name="+", verbose_name=_("căn cứ")
    )
    event_on = models.DateField(_("ngày (từ trần, tuyên bố mất tích, ghi nhận)"))
    note = models.TextField(_("ghi chú"), blank=True)
    conclusion = models.TextField(_("kết luận vi phạm"), blank=True)
    especially_serious = models.BooleanField(_("vi phạm đặc biệt nghiêm trọng"), default=False)
    especially_serious_reason = models.TextField(_("lý do xác định đặc biệt nghiêm trọng"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("căn cứ đã ghi nhận trong hồ sơ kỷ luật")
        verbose_name_plural = _("căn cứ đã ghi nhận trong hồ sơ kỷ luật")
        ordering = ["case", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(especially_serious=False) | ~Q(especially_serious_reason=""),
                name="ground_especially_serious_reasoned",
            ),
        ]


class StrikeOff(models.Model):
    """Striking a probationary member off the list (xóa tên): not a discipline form but a
    decision of its own by the cell or the committee (domain.md §6.1, §11b.6). Written only
    by inspections.services.membership; it ends the membership from its effective date."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="strike_offs")
    member = models.ForeignKey(
        "people.PartyMember", on_delete=models.PROTECT, related_name="strike_offs", verbose_name=_("đảng viên")
    )
    body_label = models.CharField(_("chi bộ, cấp ủy quyết định"), max_length=255)
    number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    reason = models.TextField(_("lý do xóa tên"))
    decided_on = models.DateField(_("ngày quyết định"))
    effective_on = models.DateField(_("ngày có hiệu lực"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("quyết định xóa tên đảng viên dự bị")
        verbose_name_plural = _("quyết định xóa tên đảng viên dự bị")
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="strike_off_reason_given"),
            models.CheckConstraint(
                condition=Q(effective_on__gte=models.F("decided_on")), name="strike_off_effective_after_decision"
            ),
        ]
