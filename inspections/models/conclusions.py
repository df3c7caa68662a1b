"""Findings, the team's report, the committee's conclusion and its recommendations."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inspections.models.case import Case


class Finding(models.Model):
    class Assessment(models.TextChoices):
        STRENGTH = "strength", _("Ưu điểm")
        SHORTCOMING = "shortcoming", _("Hạn chế, khuyết điểm")
        VIOLATION = "violation", _("Vi phạm")

    case = models.ForeignKey(Case, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="findings")
    assessment = models.CharField(_("đánh giá"), max_length=12, choices=Assessment.choices)
    text = models.TextField(_("nội dung"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người ghi"), on_delete=models.PROTECT)
    recorded_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)

    class Meta:
        verbose_name = _("kết quả thẩm tra")
        verbose_name_plural = _("kết quả thẩm tra")
        ordering = ["recorded_at", "pk"]


class ReviewStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Chờ xem xét")
    RETURNED = "returned", _("Bị trả lại")
    ACCEPTED = "accepted", _("Được chấp nhận")


class TeamReport(models.Model):
    """The team's inspection-result report (Báo cáo kết quả kiểm tra); one row per version."""

    case = models.ForeignKey(Case, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="team_reports")
    version = models.PositiveSmallIntegerField(_("lần"))
    text = models.TextField(_("nội dung báo cáo"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.SUBMITTED
    )
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    review_note = models.TextField(_("ý kiến"), blank=True)

    class Meta:
        verbose_name = _("báo cáo của đoàn")
        verbose_name_plural = _("báo cáo của đoàn")
        constraints = [models.UniqueConstraint(fields=["case", "version"], name="teamreport_unique_version")]
        ordering = ["case", "version"]


class Conclusion(models.Model):
    """The committee's conclusion (Thông báo kết luận); one row per draft version."""

    case = models.ForeignKey(Case, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="conclusions")
    version = models.PositiveSmallIntegerField(_("lần"))
    text = models.TextField(_("nội dung kết luận"))
    violation_found = models.BooleanField(_("có vi phạm"), default=False)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.SUBMITTED
    )
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    drafted_at = models.DateTimeField(auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    review_note = models.TextField(_("ý kiến"), blank=True)

    class Meta:
        verbose_name = _("kết luận")
        verbose_name_plural = _("kết luận")
        constraints = [
            models.UniqueConstraint(fields=["case", "version"], name="conclusion_unique_version"),
            # Four-eyes (design.md decision 7): the drafter never approves their own draft.
            models.CheckConstraint(
                condition=Q(reviewed_by__isnull=True) | ~Q(reviewed_by=models.F("drafted_by")),
                name="conclusion_drafter_not_reviewer",
            ),
        ]
        ordering = ["case", "version"]


class Recommendation(models.Model):
    """A requirement of the conclusion, with a due date, followed up until done."""

    class Status(models.TextChoices):
        OPEN = "open", _("Đang thực hiện")
        DONE = "done", _("Đã thực hiện")

    case = models.ForeignKey(Case, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="recommendations")
    conclusion = models.ForeignKey(Conclusion, on_delete=models.CASCADE, related_name="recommendations")
    text = models.TextField(_("yêu cầu, kiến nghị"))
    due_on = models.DateField(_("thời hạn"))
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.OPEN)
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    result_note = models.TextField(_("kết quả thực hiện"), blank=True)

    class Meta:
        verbose_name = _("yêu cầu, kiến nghị")
        verbose_name_plural = _("yêu cầu, kiến nghị")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open", done_on__isnull=True) | Q(status="done", done_on__isnull=False),
                name="recommendation_done_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.text
