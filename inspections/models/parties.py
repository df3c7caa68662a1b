"""Sealed parties of a case (denouncers, witnesses), their documents and unseal requests."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inspections.models.case import Case
from people.models import PartyMember


class CaseParty(models.Model):
    """A person the case concerns besides its subject: the denouncer, a complainant, a
    witness (domain.md §5(D), §10 "denouncer / complainant (confidential)").

    The identity columns (full name, address, contact, the member record) are sealed:
    keep the denouncer's name, address, handwriting and identity confidential (Luật Tố cáo
    2018, Điều 47-48; domain.md §5(D) "Protection of the denouncer", §7.2). Lists read only
    the unsealed columns; the sealed ones are read through
    inspections.services.parties.sealed_identity_read, which journals every reveal.
    """

    class Role(models.TextChoices):
        DENOUNCER = "denouncer", _("Người tố cáo")
        COMPLAINANT = "complainant", _("Người khiếu nại")
        WITNESS = "witness", _("Người làm chứng")
        OTHER = "other", _("Người liên quan khác")

    # Columns that identify the person. Never in a list, a journal payload or a notice.
    SEALED_FIELDS = ("full_name", "address", "contact", "member")

    case = models.ForeignKey(Case, verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="parties")
    role = models.CharField(_("tư cách"), max_length=12, choices=Role.choices)
    member = models.ForeignKey(
        PartyMember,
        verbose_name=_("là đảng viên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    full_name = models.CharField(_("họ và tên"), max_length=200)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    contact = models.CharField(_("điện thoại, thư điện tử"), max_length=200, blank=True)
    received_on = models.DateField(_("ngày nhận đơn"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(_("thời điểm ghi nhận"), auto_now_add=True)

    class Meta:
        verbose_name = _("bên liên quan")
        verbose_name_plural = _("các bên liên quan")
        ordering = ["case", "pk"]
        constraints = [models.CheckConstraint(condition=~Q(full_name=""), name="caseparty_name_given")]
        indexes = [models.Index(fields=["case", "member"])]

    def __str__(self) -> str:
        # Never the name: a stray {{ party }} or log line must not unseal anything.
        return f"{self.get_role_display()} #{self.pk}"


class PartyDocument(models.Model):
    """A scan of a party's own papers (the handwritten letter, identity papers): sealed
    like the identity. Kept apart from Document so that no case document list, download
    or export can reach it; served only after a journaled reveal."""

    party = models.ForeignKey(
        CaseParty, verbose_name=_("bên liên quan"), on_delete=models.PROTECT, related_name="scans"
    )
    title = models.CharField(_("tên tài liệu"), max_length=255)
    file = models.FileField(_("tệp"), upload_to="sealed/%Y/%m/", max_length=255)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    content_type = models.CharField(_("kiểu nội dung"), max_length=100)
    size = models.PositiveBigIntegerField(_("dung lượng"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)

    class Meta:
        verbose_name = _("tài liệu niêm phong")
        verbose_name_plural = _("tài liệu niêm phong")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return f"{_('Tài liệu niêm phong')} #{self.pk}"


class UnsealRequest(models.Model):
    """A request by someone who sees the case but not sealed identities to see one party's
    identity. The chair approves or refuses it with a reason; an approval lets the
    requester read that party's identity until `expires_at`."""

    case = models.ForeignKey(Case, verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="unseal_requests")
    party = models.ForeignKey(
        CaseParty, verbose_name=_("bên liên quan"), on_delete=models.PROTECT, related_name="unseal_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người đề nghị"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("lý do đề nghị"))
    requested_at = models.DateTimeField(_("thời điểm đề nghị"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người quyết định"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("thời điểm quyết định"), null=True, blank=True)
    approved = models.BooleanField(_("đồng ý"), null=True, blank=True)
    decision_reason = models.TextField(_("lý do quyết định"), blank=True)
    expires_at = models.DateTimeField(_("hiệu lực đến"), null=True, blank=True)

    class Meta:
        verbose_name = _("đề nghị mở niêm phong")
        verbose_name_plural = _("đề nghị mở niêm phong")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="unseal_reason_given"),
            # Four-eyes (design.md decision 7): nobody decides their own request.
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=models.F("requested_by")),
                name="unseal_not_own_decision",
            ),
            models.CheckConstraint(
                condition=Q(approved__isnull=True, decided_at__isnull=True, decided_by__isnull=True)
                | (
                    Q(approved__isnull=False, decided_at__isnull=False, decided_by__isnull=False)
                    & ~Q(decision_reason="")
                ),
                name="unseal_decision_complete",
            ),
            models.CheckConstraint(
                condition=Q(approved=True, expires_at__isnull=False)
                | Q(approved=False, expires_at__isnull=True)
                | Q(approved__isnull=True, expires_at__isnull=True),
                name="unseal_expiry_only_when_approved",
            ),
            models.UniqueConstraint(
                fields=["party", "requested_by"], condition=Q(decided_at__isnull=True), name="unseal_one_pending"
            ),
        ]
        indexes = [models.Index(fields=["requested_by", "party"]), models.Index(fields=["case", "decided_at"])]

    def __str__(self) -> str:
        return f"{_('Đề nghị mở niêm phong')} #{self.pk}"
