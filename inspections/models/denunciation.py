"""D denunciations: the letter, triage criteria, allegations, the denouncer's meetings,
reports, outcomes, withdrawal, extensions, pauses and notices.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inspections.models.case import Case
from inspections.models.conclusions import Conclusion, TeamReport
from inspections.models.documents import Document
from inspections.models.parties import PartyDocument
from inspections.models.status import CaseStatus
from people.models import Committee


class Denunciation(models.Model):
    """The register entry of a denunciation letter (sổ tiếp nhận, xử lý đơn tố cáo; domain.md
    §5(D) "Intake and triage", §7.12) and the triage the chair decided on it.

    One per D case. `received_on` is the day the competent body received the letter: the
    statutory clock starts then, not on any earlier recipient's day (domain.md §7.8). Nothing
    here identifies the denouncer: they are sealed CaseParty rows (role denouncer)."""

    class Triage(models.TextChoices):
        PENDING = "pending", _("Chờ phân loại, xử lý")
        HANDLED = "handled", _("Thụ lý giải quyết")
        NOT_HANDLED = "not_handled", _("Không giải quyết (lưu đơn)")
        TRANSFERRED = "transferred", _("Chuyển cơ quan có thẩm quyền")
        SPLIT = "split", _("Vừa khiếu nại vừa tố cáo: chỉ giải quyết phần khiếu nại")

    case = models.OneToOneField(Case, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="denunciation")
    # The body that received and registered the letter (the register's owner).
    committee = models.ForeignKey(
        Committee, verbose_name=_("cơ quan nhận đơn"), on_delete=models.PROTECT, related_name="+"
    )
    register_year = models.PositiveSmallIntegerField(_("năm vào sổ"))
    register_number = models.CharField(_("số vào sổ"), max_length=40)
    received_on = models.DateField(_("ngày cơ quan có thẩm quyền nhận đơn"))
    letter_dated = models.DateField(_("ngày ghi trên đơn"), null=True, blank=True)
    forwarded_by = models.CharField(_("cơ quan chuyển đơn đến"), max_length=255, blank=True)
    first_received_on = models.DateField(_("ngày cơ quan chuyển đơn nhận đơn"), null=True, blank=True)
    signatory_count = models.PositiveSmallIntegerField(_("số người ký tên"))
    anonymous = models.BooleanField(_("đơn không ghi tên người tố cáo"), default=False)
    proposal = models.TextField(_("đề xuất xử lý của cán bộ tiếp nhận"), blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(_("thời điểm vào sổ"), auto_now_add=True)
    triage = models.CharField(_("phân loại, xử lý đơn"), max_length=12, choices=Triage.choices, default=Triage.PENDING)
    triage_reason = models.TextField(_("lý do, căn cứ xử lý đơn"), blank=True)
    # A repeated letter with new documents or evidence that change the nature of the case
    # must be handled (domain.md §5(D), QĐ 30-QĐ/TW 5.1.1; §7.3).
    new_evidence = models.BooleanField(_("tố cáo lại có tài liệu, chứng cứ mới"), default=False)
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    triaged_on = models.DateField(_("ngày xử lý đơn"), null=True, blank=True)
    transfer_committee = models.ForeignKey(
        Committee,
        verbose_name=_("chuyển đến (trong hệ thống)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    transfer_body = models.CharField(_("chuyển đến (cơ quan ngoài hệ thống)"), max_length=255, blank=True)
    complaint_part = models.TextField(_("phần nội dung là khiếu nại"), blank=True)

    class Meta:
        verbose_name = _("đơn tố cáo")
        verbose_name_plural = _("sổ đơn tố cáo")
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "register_year", "register_number"], name="denunciation_register_unique"
            ),
            models.CheckConstraint(condition=~Q(register_number=""), name="denunciation_register_number_given"),
            models.CheckConstraint(
                condition=Q(first_received_on__isnull=True) | Q(first_received_on__lte=models.F("received_on")),
                name="denunciation_forwarded_before_received",
            ),
            models.CheckConstraint(
                condition=Q(triage="pending") | (Q(triaged_by__isnull=False) & Q(triaged_on__isnull=False)),
                name="denunciation_triage_recorded",
            ),
            models.CheckConstraint(
                condition=~Q(triage="transferred")
                | (Q(transfer_committee__isnull=False) & Q(transfer_body=""))
                | (Q(transfer_committee__isnull=True) & ~Q(transfer_body="")),
                name="denunciation_transfer_one_target",
            ),
            models.CheckConstraint(
                condition=~Q(triage="split") | ~Q(complaint_part=""), name="denunciation_split_part_given"
            ),
        ]
        indexes = [models.Index(fields=["committee", "-received_on"]), models.Index(fields=["triage"])]

    def __str__(self) -> str:
        return f"{self.register_number} ({self.received_on:%d/%m/%Y})"


class DenunciationCriterion(models.Model):
    """A "not handled" criterion the chair found the letter to meet, with its wording and
    source as in force on the day the letter was received (rulebook.not_handled_criteria)."""

    denunciation = models.ForeignKey(Denunciation, on_delete=models.CASCADE, related_name="criteria")
    code = models.CharField(_("mã"), max_length=40)
    label = models.CharField(_("tiêu chí"), max_length=300)
    source = models.CharField(_("căn cứ"), max_length=200)

    class Meta:
        verbose_name = _("tiêu chí không giải quyết")
        verbose_name_plural = _("tiêu chí không giải quyết")
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["denunciation", "code"], name="denunciation_criterion_once")]


class Allegation(models.Model):
    """One content of the denunciation, and the team's verdict on it (domain.md §5(D) step 4:
    each allegation right / wrong / partly right)."""

    class Verdict(models.TextChoices):
        RIGHT = "right", _("Tố cáo đúng")
        PARTLY = "partly", _("Tố cáo đúng một phần")
        WRONG = "wrong", _("Tố cáo sai")

    case = models.ForeignKey(Case, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="allegations")
    number = models.PositiveSmallIntegerField(_("số thứ tự"))
    text = models.TextField(_("nội dung tố cáo"))
    verdict = models.CharField(_("kết luận"), max_length=8, choices=Verdict.choices, blank=True)
    reasoning = models.TextField(_("căn cứ, lập luận"), blank=True)
    verdict_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verdict_at = models.DateTimeField(null=True, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("nội dung tố cáo")
        verbose_name_plural = _("nội dung tố cáo")
        ordering = ["case", "number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="allegation_number_unique"),
            models.CheckConstraint(condition=~Q(text=""), name="allegation_text_given"),
            models.CheckConstraint(
                condition=Q(verdict="") | (~Q(reasoning="") & Q(verdict_by__isnull=False)),
                name="allegation_verdict_reasoned",
            ),
        ]


class DenouncerMeeting(models.Model):
    """Working with the denouncer (domain.md §5(D) step 1: confirm identity and address, the
    denounced, the content; minutes mandatory). The minutes name the denouncer, so they are
    a sealed scan of the denouncer party, never a case document."""

    case = models.ForeignKey(Case, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="denouncer_meetings")
    met_on = models.DateField(_("ngày làm việc"))
    identity_confirmed = models.BooleanField(_("đã xác định danh tính"), default=False)
    address_confirmed = models.BooleanField(_("đã xác định địa chỉ"), default=False)
    denounced_confirmed = models.BooleanField(_("đã xác định người, tổ chức bị tố cáo"), default=False)
    content_confirmed = models.BooleanField(_("đã xác định nội dung tố cáo"), default=False)
    minutes = models.ForeignKey(PartyDocument, verbose_name=_("biên bản"), on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("ghi chú (không ghi thông tin nhận dạng)"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("làm việc với người tố cáo")
        verbose_name_plural = _("làm việc với người tố cáo")
        ordering = ["met_on", "pk"]


class DenunciationReport(models.Model):
    """What a denunciation adds to a version of the team's result report: the day it was
    discussed with the denounced (domain.md §5(D) step 4)."""

    team_report = models.OneToOneField(TeamReport, on_delete=models.CASCADE, related_name="denunciation_meta")
    discussed_on = models.DateField(_("ngày trao đổi với người bị tố cáo"))


class DenunciationOutcome(models.Model):
    """What a denunciation conclusion decides beyond its text (domain.md §5(D) step 5): does
    the violation reach the discipline threshold (-> discipline, E), did other signs of
    violation emerge (-> inspection upon signs, B). One per conclusion draft; the approved
    draft's row is what counts (inspections.selectors.denunciations.escalation_flags)."""

    conclusion = models.OneToOneField(Conclusion, on_delete=models.CASCADE, related_name="denunciation_outcome")
    discipline_threshold = models.BooleanField(_("vi phạm đến mức phải xem xét kỷ luật"), default=False)
    other_signs = models.BooleanField(_("phát hiện dấu hiệu vi phạm khác"), default=False)
    other_signs_note = models.TextField(_("dấu hiệu vi phạm khác"), blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(other_signs=False) | ~Q(other_signs_note=""), name="denunciation_other_signs_described"
            ),
        ]


class Withdrawal(models.Model):
    """The denouncer withdraws the denunciation (domain.md §5(D) "Special cases"): the
    resolution stops, unless the withdrawal was threatened, coerced or bought — a finding
    the chair records; then the resolution continues."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Chờ Chủ nhiệm xem xét")
        STOPPED = "stopped", _("Đình chỉ giải quyết")
        CONTINUED = "continued", _("Tiếp tục giải quyết (rút đơn do bị đe dọa, ép buộc, mua chuộc)")

    case = models.ForeignKey(Case, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="withdrawals")
    received_on = models.DateField(_("ngày nhận đơn rút tố cáo"))
    letter = models.ForeignKey(
        PartyDocument,
        verbose_name=_("đơn rút tố cáo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("ghi chú"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    outcome = models.CharField(_("kết quả"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    finding = models.TextField(_("nhận định của cơ quan giải quyết"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("rút đơn tố cáo")
        verbose_name_plural = _("rút đơn tố cáo")
        ordering = ["recorded_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["case"], condition=Q(outcome="pending"), name="withdrawal_one_pending"),
            models.CheckConstraint(
                condition=Q(outcome="pending", decided_by__isnull=True, decided_at__isnull=True)
                | (~Q(outcome="pending") & Q(decided_by__isnull=False, decided_at__isnull=False)),
                name="withdrawal_decision_complete",
            ),
            models.CheckConstraint(
                condition=~Q(outcome="continued") | ~Q(finding=""), name="withdrawal_continue_has_finding"
            ),
            # Four-eyes: whoever recorded the letter does not decide on it.
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=models.F("recorded_by")),
                name="withdrawal_not_own_decision",
            ),
        ]


class DenunciationPause(models.Model):
    """The statutory clock stopped for a while (domain.md §7.9: "suspended" states that stop
    the clock, with a reason code), e.g. the congress period, when denunciations about
    congress matters received shortly before it are not resolved then (Guidance
    07-HD/UBKTTW 2019, domain.md §5(D) "Special cases"). On resume the due date moves by
    the time paused, counted in the rule's unit."""

    class Reason(models.TextChoices):
        CONGRESS = "congress", _("Thời gian đại hội đảng (chưa giải quyết đơn liên quan đến đại hội)")
        AWAITING = "awaiting", _("Chờ kết quả của cơ quan khác (giám định, cơ quan nhà nước...)")
        OTHER = "other", _("Lý do khác")

    case = models.ForeignKey(
        Case, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="denunciation_pauses"
    )
    reason = models.CharField(_("lý do tạm dừng"), max_length=10, choices=Reason.choices)
    note = models.TextField(_("căn cứ, ghi chú"))
    status_before = models.CharField(_("trạng thái trước khi tạm dừng"), max_length=20, choices=CaseStatus.choices)
    paused_on = models.DateField(_("tạm dừng từ ngày"))
    paused_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    resumed_on = models.DateField(_("tiếp tục từ ngày"), null=True, blank=True)
    resumed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    due_before = models.DateField(_("hạn trước khi tạm dừng"), null=True, blank=True)
    due_after = models.DateField(_("hạn sau khi tiếp tục"), null=True, blank=True)

    class Meta:
        verbose_name = _("tạm dừng tính thời hạn")
        verbose_name_plural = _("tạm dừng tính thời hạn")
        ordering = ["paused_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["case"], condition=Q(resumed_on__isnull=True), name="dpause_one_open"),
            models.CheckConstraint(condition=~Q(note=""), name="dpause_note_given"),
            models.CheckConstraint(
                condition=Q(resumed_on__isnull=True) | Q(resumed_on__gte=models.F("paused_on")),
                name="dpause_ordered",
            ),
        ]


class DenunciationNotice(models.Model):
    """A notice issued on a denunciation case, generated from a whitelist of case fields and
    frozen as issued (inspections.selectors.denunciation_notices). Never a sealed value:
    the denouncer's copy carries neither their identity nor confidential findings
    (domain.md §5(D) step 6 "in an appropriate form", §7.2)."""

    class Kind(models.TextChoices):
        NOT_HANDLED = "not_handled", _("Thông báo không giải quyết đơn")
        TRANSFERRED = "transferred", _("Thông báo chuyển đơn (cho người gửi đơn)")
        TRANSFER_SLIP = "transfer_slip", _("Phiếu chuyển đơn")
        SPLIT = "split", _("Hướng dẫn người gửi đơn về nội dung tố cáo")
        EXTENSION = "extension", _("Thông báo gia hạn giải quyết tố cáo")
        STOPPED = "stopped", _("Thông báo đình chỉ giải quyết tố cáo")
        CONCLUSION = "conclusion", _("Thông báo kết luận giải quyết tố cáo")
        RESULT = "result", _("Thông báo kết quả giải quyết tố cáo cho người tố cáo")

    case = models.ForeignKey(
        Case, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="denunciation_notices"
    )
    kind = models.CharField(_("loại thông báo"), max_length=14, choices=Kind.choices)
    recipient = models.CharField(_("nơi nhận"), max_length=300)
    issued_on = models.DateField(_("ngày gửi"))
    content = models.JSONField(_("nội dung"))
    document = models.ForeignKey(
        Document, verbose_name=_("bản ký"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("thông báo về đơn tố cáo")
        verbose_name_plural = _("thông báo về đơn tố cáo")
        ordering = ["issued_on", "pk"]
        indexes = [models.Index(fields=["case", "kind"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"
