"""F complaints against discipline: the complaint and its review."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inspections.models.case import Case
from inspections.models.records import DisciplineRecord, SanctionForm
from people.models import Committee, Organisation


class ImposingBody(models.TextChoices):
    """The kind of body that imposed a discipline (domain.md §6.3), as the complaint
    authority rule needs it (§5(F) "Authority")."""

    CELL = "cell", _("Chi bộ")
    EXECUTIVE = "executive", _("Ban Chấp hành (cấp ủy)")
    STANDING = "standing", _("Ban Thường vụ")
    INSPECTION = "inspection", _("Ủy ban kiểm tra")


class ComplaintOutcome(models.TextChoices):
    """Outcomes of a discipline complaint (domain.md §5(F) "Outcomes"; §7.14 statistics)."""

    KEEP = "keep", _("Giữ nguyên (chuẩn y) hình thức kỷ luật")
    INCREASE = "increase", _("Tăng hình thức kỷ luật")
    REDUCE = "reduce", _("Giảm hình thức kỷ luật")
    REMOVE = "remove", _("Xóa hình thức kỷ luật")


class ComplaintAspect(models.TextChoices):
    """What the resolution reviews (domain.md §5(F) "What is reviewed")."""

    CONTENT = "content", _("Nội dung vi phạm")
    FORM = "form", _("Hình thức kỷ luật")
    PROCEDURE = "procedure", _("Nguyên tắc, thủ tục, quy trình")
    AUTHORITY = "authority", _("Thẩm quyền")


class ComplaintVerdict(models.TextChoices):
    RIGHT = "right", _("Khiếu nại đúng")
    WRONG = "wrong", _("Khiếu nại sai")
    PARTLY = "partly", _("Khiếu nại đúng một phần")


class Complaint(models.Model):
    """The complaint file of a case of kind F (domain.md §5(F)): the discipline complained
    against, the dates that decide admissibility, what is complained about, the review, the
    competent body's outcome and the complaint decision. The discipline record stays in
    force until the outcome is applied (Charter Art. 39.9; §7.10). Written only by
    inspections.services.discipline_complaint, complaint_ballot and complaint_outcome."""

    case = models.OneToOneField(Case, verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="complaint")
    record = models.ForeignKey(
        DisciplineRecord,
        verbose_name=_("kỷ luật bị khiếu nại"),
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    representative = models.CharField(_("người đại diện tổ chức khiếu nại"), max_length=200, blank=True)
    decision_received_on = models.DateField(_("ngày nhận quyết định kỷ luật"))
    # The time to file runs from the announcement (per its minutes) to the sending, in
    # person or by postmark; the arrival is `received_on` (domain.md §11b.1).
    announced_on = models.DateField(_("ngày công bố quyết định kỷ luật"))
    sent_on = models.DateField(
        _("ngày gửi đơn khiếu nại"), help_text=_("Ngày nộp đơn trực tiếp, hoặc ngày theo dấu bưu điện.")
    )
    received_on = models.DateField(_("ngày nhận đơn khiếu nại"))
    filing_due_on = models.DateField(_("hạn khiếu nại"))
    about_content = models.BooleanField(_("khiếu nại về nội dung vi phạm"), default=False)
    about_form = models.BooleanField(_("khiếu nại về hình thức kỷ luật"), default=False)
    about_procedure = models.BooleanField(_("khiếu nại về nguyên tắc, thủ tục, quy trình, thẩm quyền"), default=False)
    request = models.TextField(_("nội dung, yêu cầu của người khiếu nại"))
    imposed_by_kind = models.CharField(
        _("loại cơ quan đã thi hành kỷ luật"), max_length=12, choices=ImposingBody.choices
    )
    imposed_by_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("tổ chức của cơ quan đã thi hành kỷ luật"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    resolving_body = models.ForeignKey(
        Committee, verbose_name=_("cơ quan giải quyết khiếu nại"), on_delete=models.PROTECT, related_name="+"
    )
    # Admissibility (Reg. 296 Art. 23; Charter Art. 39.7).
    admissible = models.BooleanField(_("thụ lý giải quyết"), null=True, blank=True)
    not_handled_reasons = models.JSONField(_("lý do không giải quyết"), default=list, blank=True)
    admissibility_note = models.TextField(_("ý kiến về thụ lý"), blank=True)
    admissibility_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    admissibility_on = models.DateField(_("ngày quyết định thụ lý"), null=True, blank=True)
    refusal_notified_on = models.DateField(_("ngày thông báo không giải quyết"), null=True, blank=True)
    # Resolution (§5(F) "Steps" 1-2).
    imposing_body_met_on = models.DateField(_("ngày làm việc với cơ quan đã thi hành kỷ luật"), null=True, blank=True)
    discipline_file_obtained = models.BooleanField(_("đã nhận hồ sơ kỷ luật"), default=False)
    complainant_met_on = models.DateField(_("ngày làm việc với người khiếu nại"), null=True, blank=True)
    differences = models.TextField(_("những điểm khác nhau giữa đơn khiếu nại và quyết định"), blank=True)
    proposed_outcome = models.CharField(
        _("đề xuất của đoàn"), max_length=10, choices=ComplaintOutcome.choices, blank=True
    )
    proposed_form = models.CharField(_("hình thức đề xuất"), max_length=12, choices=SanctionForm.choices, blank=True)
    # The competent body's meeting (§5(F) "Steps" 3): the day of the latest round; the vote
    # itself is a secret ballot of the case (Ballot), which owns the tally (§6.2).
    meeting_on = models.DateField(_("ngày hội nghị"), null=True, blank=True)
    outcome = models.CharField(_("kết quả giải quyết"), max_length=10, choices=ComplaintOutcome.choices, blank=True)
    new_form = models.CharField(_("hình thức kỷ luật mới"), max_length=12, choices=SanctionForm.choices, blank=True)
    outcome_reasons = models.TextField(_("lý do"), blank=True)
    new_record = models.OneToOneField(
        DisciplineRecord,
        verbose_name=_("kỷ luật thay thế"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The complaint decision and its notification (§5(F) "Steps" 4).
    decision_number = models.CharField(_("số quyết định giải quyết khiếu nại"), max_length=60, blank=True)
    decision_on = models.DateField(_("ngày ký quyết định giải quyết khiếu nại"), null=True, blank=True)
    notified_complainant_on = models.DateField(_("ngày thông báo người khiếu nại"), null=True, blank=True)
    notified_imposing_body_on = models.DateField(_("ngày thông báo cơ quan đã thi hành kỷ luật"), null=True, blank=True)
    notified_managing_org_on = models.DateField(_("ngày thông báo tổ chức đảng quản lý"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("đơn khiếu nại kỷ luật")
        verbose_name_plural = _("đơn khiếu nại kỷ luật")
        constraints = [
            models.CheckConstraint(
                condition=Q(decision_received_on__lte=models.F("received_on")),
                name="complaint_decision_received_first",
            ),
            models.CheckConstraint(
                condition=Q(announced_on__lte=models.F("sent_on")) & Q(sent_on__lte=models.F("received_on")),
                name="complaint_announced_sent_received",
            ),
            models.CheckConstraint(
                condition=Q(about_content=True) | Q(about_form=True) | Q(about_procedure=True),
                name="complaint_about_something",
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=["", "keep", "remove"], new_form="")
                | (Q(outcome__in=["increase", "reduce"]) & ~Q(new_form="")),
                name="complaint_new_form_iff_changed",
            ),
        ]
        indexes = [models.Index(fields=["record", "admissible"])]

    def __str__(self) -> str:
        return f"{_('Khiếu nại')} #{self.pk}"


class ComplaintReview(models.Model):
    """The review of one aspect of the complaint: one assessment per aspect (domain.md
    §5(F) "What is reviewed"; §7.14 "complaint content")."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="reviews")
    aspect = models.CharField(_("nội dung xem xét"), max_length=10, choices=ComplaintAspect.choices)
    verdict = models.CharField(_("đánh giá"), max_length=8, choices=ComplaintVerdict.choices)
    text = models.TextField(_("nhận xét"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("xem xét nội dung khiếu nại")
        verbose_name_plural = _("xem xét nội dung khiếu nại")
        ordering = ["complaint", "pk"]
        constraints = [models.UniqueConstraint(fields=["complaint", "aspect"], name="complaint_review_one_per_aspect")]
