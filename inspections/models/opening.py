"""Which body kind may open which case kind (issue 9 point 9): a rule table, editable by the
administrator, each row with the source it relies on and a provisional marker.

Read by inspections.access.opening. A pair without a row is allowed: the table records the
bars a source gives, never an invented one (COMMON rules, "never invent a legal restriction").
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from inspections.models.status import CaseKind
from people.models import Committee


class CaseOpeningRule(models.Model):
    """Whether a body of `committee_kind` (cell, party committee, standing committee,
    inspection committee) may open cases of `case_kind` for itself."""

    committee_kind = models.CharField(_("loại cơ quan"), max_length=20, choices=Committee.Kind.choices)
    case_kind = models.CharField(_("loại việc"), max_length=3, choices=CaseKind.choices)
    allowed = models.BooleanField(
        _("được lập hồ sơ"), default=True, help_text=_("Bỏ chọn: cơ quan loại này không lập được hồ sơ loại việc này.")
    )
    source = models.CharField(
        _("căn cứ (văn bản, điều khoản)"),
        max_length=255,
        blank=True,
        help_text=_("Để trống: chưa tìm thấy văn bản quy định."),
    )
    provisional = models.BooleanField(
        _("tạm tính"), default=True, help_text=_("Quy tắc chưa được xác nhận theo văn bản hiện hành.")
    )
    note = models.CharField(_("ghi chú, việc cần làm khi không được lập"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("quy tắc cơ quan được lập hồ sơ")
        verbose_name_plural = _("quy tắc cơ quan được lập hồ sơ")
        ordering = ["committee_kind", "case_kind"]
        constraints = [
            models.UniqueConstraint(fields=["committee_kind", "case_kind"], name="opening_rule_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_committee_kind_display()} — {self.get_case_kind_display()}"
