"""Extensions of a case's statutory time limit, one model for every kind (issue 8 point 5).

A time limit may be extended as often and by as much as its rule-table row allows (the
rule in force when the clock started): a thematic supervision once by at most a third
(HD 02-HD/UBKTTW 2017, domain.md §5(C)), a denunciation once, with a notice to the
denouncer (domain.md §5(D) "Time limits"). inspections.services.extensions writes them.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inspections.models.case import Case


class DeadlineExtension(models.Model):
    """One extension of one time limit (`rule_code`) of a case: the n-th of that limit,
    granted by the chair before the due date, with a reason."""

    case = models.ForeignKey(
        Case, verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="deadline_extensions"
    )
    rule_code = models.CharField(_("mã thời hạn"), max_length=40)
    number = models.PositiveSmallIntegerField(_("lần gia hạn"))
    due_before = models.DateField(_("hạn trước khi gia hạn"))
    due_after = models.DateField(_("hạn sau khi gia hạn"))
    reason = models.TextField(_("lý do gia hạn"))
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    granted_on = models.DateField(_("ngày gia hạn"))

    class Meta:
        verbose_name = _("gia hạn thời hạn")
        verbose_name_plural = _("gia hạn thời hạn")
        ordering = ["case", "rule_code", "number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "rule_code", "number"], name="extension_unique_number"),
            models.CheckConstraint(condition=~Q(reason=""), name="extension_reason_given"),
            models.CheckConstraint(condition=Q(due_after__gt=models.F("due_before")), name="extension_later"),
        ]

    def __str__(self) -> str:
        return f"{self.case} / {self.rule_code} #{self.number}: {self.due_before} -> {self.due_after}"
