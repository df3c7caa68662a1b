"""Reference data every case uses: key areas (the resolution's focus) and the
working-day calendar's holidays, with the administrator's confirmation of each year's
calendar.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class KeyArea(models.Model):
    """Focus areas of inspection and supervision (reference data; resolution section đ),
    domain.md §8)."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("lĩnh vực"), max_length=200)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("lĩnh vực trọng tâm")
        verbose_name_plural = _("lĩnh vực trọng tâm")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Holiday(models.Model):
    """A public holiday or compensatory day off; editable each year (design.md, decision 6)."""

    day = models.DateField(_("ngày"), unique=True)
    name = models.CharField(_("tên"), max_length=120)
    # True while the row is as `seed_holidays` wrote it from the `holidays` package; an
    # administrator's edit (inspections.services.holidays.holiday_save) clears it, and the
    # seed never overwrites such a row (issue 9 point 6).
    seeded = models.BooleanField(
        _("nạp từ thư viện holidays"),
        default=False,
        editable=False,
        help_text=_("Bỏ chọn khi quản trị viên sửa: lần nạp sau không ghi đè."),
    )

    class Meta:
        verbose_name = _("ngày nghỉ lễ")
        verbose_name_plural = _("ngày nghỉ lễ")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.name}"


class HolidayYear(models.Model):
    """The administrator's confirmation that a year's holiday calendar is final (the
    compensatory days decreed for the year entered; issue 9 point 6). A deadline counted
    across a year without one is flagged (inspections.deadlines.unconfirmed_years)."""

    year = models.PositiveSmallIntegerField(_("năm"), unique=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người xác nhận"), on_delete=models.PROTECT, related_name="+"
    )
    confirmed_on = models.DateField(_("ngày xác nhận"))
    note = models.CharField(
        _("ghi chú"), max_length=300, blank=True, help_text=_("Ví dụ: văn bản quy định lịch nghỉ, nghỉ bù của năm.")
    )

    class Meta:
        verbose_name = _("xác nhận lịch nghỉ năm")
        verbose_name_plural = _("xác nhận lịch nghỉ năm")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)
