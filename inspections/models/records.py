"""Discipline forms and the discipline record a decision leaves on a member or organisation."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inspections.models.case import Case
from people.models import Organisation, PartyMember


class SanctionForm(models.TextChoices):
    """Discipline forms, light to heavy per target (domain.md §6.1; Charter Art. 35)."""

    REPRIMAND = "reprimand", _("Khiển trách")
    WARNING = "warning", _("Cảnh cáo")
    DISMISSAL = "dismissal", _("Cách chức")
    EXPULSION = "expulsion", _("Khai trừ")
    STRIKE_OFF = "strike_off", _("Xóa tên (đảng viên dự bị)")
    DISSOLUTION = "dissolution", _("Giải tán")


class DisciplineRecord(models.Model):
    """A sanction in a member's (or organisation's) record (domain.md §6.4): written when a
    discipline case announces its decision, changed or removed by a complaint decision
    (§5(F)), ended by expiry one year after announcement where the rule applies. Written
    only by inspections.services (discipline, complaints)."""

    class State(models.TextChoices):
        IN_FORCE = "in_force", _("Đang có hiệu lực")
        EXPIRED = "expired", _("Đã hết hiệu lực (tự động sau một năm)")
        CHANGED = "changed", _("Đã thay đổi theo quyết định giải quyết khiếu nại")
        REMOVED = "removed", _("Đã xóa theo quyết định giải quyết khiếu nại")

    case = models.ForeignKey(
        Case, verbose_name=_("hồ sơ kỷ luật"), on_delete=models.PROTECT, related_name="discipline_records"
    )
    member = models.ForeignKey(
        PartyMember,
        verbose_name=_("đảng viên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="discipline_records",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("tổ chức đảng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="discipline_records",
    )
    form = models.CharField(_("hình thức kỷ luật"), max_length=12, choices=SanctionForm.choices)
    deciding_body = models.CharField(_("cơ quan quyết định"), max_length=200)
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    decided_on = models.DateField(_("ngày quyết định"))
    announced_on = models.DateField(_("ngày công bố"), null=True, blank=True)
    effective_on = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    expires_on = models.DateField(_("ngày hết hiệu lực"), null=True, blank=True)
    state = models.CharField(_("tình trạng"), max_length=10, choices=State.choices, default=State.IN_FORCE)
    # The record this one replaced (a complaint decision that increased or reduced the form).
    replaces = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by")
    changed_by_case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("hồ sơ khiếu nại")
    )
    # What the sanction did to the membership (issue 9 point 8): expulsion ends it, a
    # dismissal ends the posts its decision names.
    membership_effect = models.TextField(_("tác động đến đảng tịch, chức vụ"), blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kỷ luật đảng đã thi hành")
        verbose_name_plural = _("kỷ luật đảng đã thi hành")
        ordering = ["-decided_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(member__isnull=False) & Q(organisation__isnull=True))
                | (Q(member__isnull=True) & Q(organisation__isnull=False)),
                name="discipline_record_one_subject",
            ),
        ]
        indexes = [models.Index(fields=["member", "state"]), models.Index(fields=["organisation", "state"])]

    def __str__(self) -> str:
        return f"{self.get_form_display()} – {self.member or self.organisation}"
