"""Reference data every case uses: key areas (the resolution's focus) and the
working-day calendar's holidays.
"""

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

    class Meta:
        verbose_name = _("ngày nghỉ lễ")
        verbose_name_plural = _("ngày nghỉ lễ")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.name}"
