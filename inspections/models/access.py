"""Who a case names: the direct-FK object-permission tables, case roles, conflict
declarations, step separation rules and role transfers (hand-overs).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from inspections.models.case import Case
from inspections.models.status import CaseKind


class CaseUserObjectPermission(UserObjectPermissionBase):
    """Direct-FK guardian table: indexed join, cascade on delete (design.md decision 2)."""

    content_object = models.ForeignKey(Case, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        indexes = [models.Index(fields=["user", "content_object"])]


class CaseGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Case, on_delete=models.CASCADE)


class CaseRole(models.Model):
    """Who holds which role on a case. Grants follow these rows (inspections.access)."""

    class Role(models.TextChoices):
        DRAFTER = "drafter", _("Cán bộ lập hồ sơ")
        LEADER = "leader", _("Trưởng đoàn")
        MEMBER = "member", _("Thành viên đoàn")
        DIRECTOR = "director", _("Ủy viên phụ trách, chỉ đạo đoàn")
        VOTER = "voter", _("Ủy viên biểu quyết")
        APPROVER = "approver", _("Người ký, phê duyệt")
        STANDING = "standing", _("Thường trực, Ban Thường vụ")

    case = models.ForeignKey(Case, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="roles")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người"), on_delete=models.PROTECT)
    role = models.CharField(_("vai trò"), max_length=10, choices=Role.choices)
    granted_at = models.DateTimeField(_("từ"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("đến"), null=True, blank=True)

    class Meta:
        verbose_name = _("vai trò trong hồ sơ")
        verbose_name_plural = _("vai trò trong hồ sơ")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "user", "role"], condition=Q(revoked_at__isnull=True), name="caserole_one_active"
            ),
            models.UniqueConstraint(
                fields=["case"], condition=Q(revoked_at__isnull=True, role="leader"), name="caserole_one_leader"
            ),
        ]
        indexes = [models.Index(fields=["user", "case"])]


class ConflictDeclaration(models.Model):
    """A team member's declaration on conflicts of interest (domain.md §7.1; Reg.
    01-QĐi/UBKTTW: a member related to the subject must report it). Recorded before the
    member may see the file; a declared conflict removes the member from the team."""

    case = models.ForeignKey(Case, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="declarations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người khai"), on_delete=models.PROTECT)
    has_conflict = models.BooleanField(_("có xung đột lợi ích"))
    statement = models.TextField(_("nội dung khai"), blank=True)
    declared_at = models.DateTimeField(_("thời điểm khai"), auto_now_add=True)

    class Meta:
        verbose_name = _("bản khai xung đột lợi ích")
        verbose_name_plural = _("bản khai xung đột lợi ích")
        constraints = [
            models.CheckConstraint(
                condition=Q(has_conflict=False) | ~Q(statement=""), name="declaration_conflict_explained"
            ),
        ]
        indexes = [models.Index(fields=["user", "case"])]


class StepSeparation(models.Model):
    """Segregation of duties, configurable per step: a person holding `excluded_role` on
    the case may not be assigned or execute `step` of flows for `kind` (design.md
    decision 7). The authorship rules (drafter never approves) are enforced in services
    whatever this table says."""

    # Not a case role: the subject of the case, for the vote step (issue 9 point 1). A row
    # for the subject says whether the subject is kept out of the vote (enabled) or takes
    # part as a member of the voting body (switched off); without one the subject is a
    # conflict of interest as on every other step (inspections.selectors.conflicts).
    SUBJECT = "subject"
    EXCLUDED_ROLES = [*CaseRole.Role.choices, (SUBJECT, _("Đối tượng của hồ sơ"))]

    kind = models.CharField(_("loại việc"), max_length=3, choices=CaseKind.choices)
    step = models.CharField(_("bước"), max_length=60)
    excluded_role = models.CharField(_("vai trò không được thực hiện"), max_length=10, choices=EXCLUDED_ROLES)
    body_kind = models.CharField(
        _("loại cơ quan biểu quyết"),
        max_length=60,
        blank=True,
        default="",
        help_text=_("Để trống: mọi cơ quan. Ví dụ: cell (chi bộ). Dòng ghi loại cơ quan được ưu tiên."),
    )
    # The administrator's switch: access ignores a row that is switched off (issue 9 point 1).
    is_active = models.BooleanField(
        _("đang áp dụng"), default=True, help_text=_("Bỏ chọn: quy tắc không được áp dụng.")
    )
    source = models.CharField(
        _("căn cứ (văn bản, điều khoản)"),
        max_length=255,
        blank=True,
        help_text=_("Để trống: chưa tìm thấy văn bản quy định."),
    )
    provisional = models.BooleanField(
        _("tạm tính"), default=False, help_text=_("Quy tắc chưa được xác nhận theo văn bản hiện hành.")
    )
    note = models.CharField(_("căn cứ, ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("quy tắc phân tách nhiệm vụ")
        verbose_name_plural = _("quy tắc phân tách nhiệm vụ")
        constraints = [
            models.UniqueConstraint(fields=["kind", "step", "excluded_role", "body_kind"], name="separation_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} / {self.step}: {self.get_excluded_role_display()}"


class RoleTransfer(models.Model):
    """A case role moved from one person to another by an out-of-office delegation (given
    back when it ends) or by an approved hand-over (for good) — or, when conflicts of
    interest were found for the receiver, the record that it was not moved and why
    (issue 4 point 7). Written only by inspections.services.handover."""

    class Outcome(models.TextChoices):
        MOVED = "moved", _("Đã chuyển")
        SKIPPED = "skipped", _("Không chuyển (xung đột lợi ích)")

    delegation = models.ForeignKey(
        "people.Delegation", null=True, blank=True, on_delete=models.PROTECT, related_name="transfers"
    )
    handover = models.ForeignKey(
        "people.HandoverRequest", null=True, blank=True, on_delete=models.PROTECT, related_name="transfers"
    )
    case = models.ForeignKey(Case, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="role_transfers")
    role = models.CharField(_("vai trò"), max_length=10, choices=CaseRole.Role.choices)
    from_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    to_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(_("kết quả"), max_length=10, choices=Outcome.choices)
    reason = models.TextField(_("lý do không chuyển"), blank=True)
    # The role row given to the receiver; null when they already held that role themselves
    # (then ending a delegation leaves it with them).
    granted = models.ForeignKey(CaseRole, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    returned_at = models.DateTimeField(_("thời điểm trả lại"), null=True, blank=True)

    class Meta:
        verbose_name = _("chuyển vai trò trong hồ sơ")
        verbose_name_plural = _("chuyển vai trò trong hồ sơ")
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(delegation__isnull=False, handover__isnull=True)
                | Q(delegation__isnull=True, handover__isnull=False),
                name="transfer_one_origin",
            ),
            models.CheckConstraint(condition=Q(outcome="moved") | ~Q(reason=""), name="transfer_skip_explained"),
            models.CheckConstraint(
                condition=Q(returned_at__isnull=True) | Q(outcome="moved", delegation__isnull=False),
                name="transfer_only_delegations_return",
            ),
        ]
        indexes = [models.Index(fields=["delegation", "case"]), models.Index(fields=["handover", "case"])]
