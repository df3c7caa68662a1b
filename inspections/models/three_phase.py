"""B, G and H inspections and the follow-up of conclusions: checklist items, the
inspection record, findings per item, violation assessment and requirement tracking.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inspections.models.case import Case
from inspections.models.conclusions import Conclusion, Finding, Recommendation
from inspections.models.documents import Document
from inspections.models.records import SanctionForm
from inspections.models.status import CaseKind


class ChecklistItem(models.Model):
    """One content item a finance inspection (G) or an inspection of a lower body's work (H)
    covers (reference data, seeded by migration 0011): domain.md §5(G) "Content at commune
    and ward level" and §5(H) "Typical content". The proposal picks the items in scope; the
    team records a finding per item before reporting."""

    kind = models.CharField(_("loại việc"), max_length=3, choices=CaseKind.choices)
    code = models.SlugField(_("mã"), max_length=40)
    group = models.CharField(_("nhóm nội dung"), max_length=120)
    label = models.CharField(_("nội dung"), max_length=300)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("nội dung kiểm tra")
        verbose_name_plural = _("nội dung kiểm tra")
        ordering = ["kind", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["kind", "code"], name="checklist_item_unique_code")]

    def __str__(self) -> str:
        return f"{self.group}: {self.label}"


class SignsSource(models.TextChoices):
    """Where the signs of violation came from (domain.md §5(B) "Where signs come from")."""

    SUPERVISION = "supervision", _("Qua giám sát")
    MONITORING = "monitoring", _("Qua theo dõi địa bàn, lĩnh vực")
    LETTERS = "letters", _("Qua đơn thư, phản ánh")
    PRESS_AUDIT = "press_audit", _("Qua báo chí, thanh tra, kiểm toán nhà nước")
    FOLLOW_UP = "follow_up", _("Không thực hiện kết luận kiểm tra, giám sát")


class InspectionRecord(models.Model):
    """The proposal, plan and milestones of a three-phase inspection (B, G, H): the area
    officer's proposal (domain.md §5(B) B.1 step 1, §5(G) step 1), the team's preparation
    (step 3), the meeting with the subject (step 4), the managing organisation's review
    meeting (step 6) and the archive due date (step 10). One row per case; written only by
    inspections.services.proposals and inspections.services.three_phase."""

    case = models.OneToOneField(Case, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="inspection")
    content = models.TextField(_("nội dung kiểm tra"))
    signs_source = models.CharField(_("nguồn dấu hiệu vi phạm"), max_length=12, choices=SignsSource.choices, blank=True)
    signs_detail = models.TextField(_("dấu hiệu vi phạm"), blank=True)
    working_days = models.PositiveSmallIntegerField(_("thời gian làm việc của đoàn (ngày làm việc)"))
    content_items = models.ManyToManyField(ChecklistItem, verbose_name=_("nội dung kiểm tra"), blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(_("thời điểm đề xuất"), auto_now_add=True)
    # Preparation (B.1 step 3): outline of the report asked of the subject, schedule, team meeting.
    outline = models.TextField(_("đề cương gợi ý báo cáo"), blank=True)
    schedule = models.TextField(_("lịch làm việc của đoàn"), blank=True)
    assignments = models.TextField(_("phân công thành viên"), blank=True)
    team_met_on = models.DateField(_("ngày họp đoàn"), null=True, blank=True)
    # Execution (B.1 steps 4 and 6).
    subject_met_on = models.DateField(_("ngày làm việc với đối tượng"), null=True, blank=True)
    report_due_on = models.DateField(_("hạn đối tượng nộp báo cáo"), null=True, blank=True)
    review_met_on = models.DateField(_("ngày hội nghị kiểm điểm, xem xét"), null=True, blank=True)
    review_summary = models.TextField(_("kết quả hội nghị kiểm điểm, xem xét"), blank=True)
    # Conclusion (B.1 step 10): the team's file is archived within the "archive" time limit.
    archive_due_on = models.DateField(_("hạn lưu hồ sơ"), null=True, blank=True)

    class Meta:
        verbose_name = _("đề xuất, kế hoạch và tiến độ kiểm tra")
        verbose_name_plural = _("đề xuất, kế hoạch và tiến độ kiểm tra")
        constraints = [
            models.CheckConstraint(condition=Q(working_days__gt=0), name="inspection_working_days_positive"),
            models.CheckConstraint(
                condition=Q(report_due_on__isnull=True)
                | Q(subject_met_on__isnull=True)
                | Q(report_due_on__gte=models.F("subject_met_on")),
                name="inspection_report_due_after_meeting",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.content[:60]}"


class ChecklistFinding(models.Model):
    """The content item a finding was recorded against (G, H: a finding per content item)."""

    finding = models.OneToOneField(Finding, on_delete=models.CASCADE, related_name="checklist")
    item = models.ForeignKey(ChecklistItem, verbose_name=_("nội dung"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("kết quả theo nội dung kiểm tra")
        verbose_name_plural = _("kết quả theo nội dung kiểm tra")


class ViolationAssessment(models.Model):
    """What the inspection committee's meeting concluded about a violation, with each draft
    of the conclusion (domain.md §5(B) B.1 step 8: violation yes/no, content, nature, extent,
    harm, causes, responsibility; whether discipline is required; the "dual process" when the
    subject admits and self-proposes a form). The discipline case reads it through
    inspections.selectors.three_phase.discipline_grounds."""

    conclusion = models.OneToOneField(Conclusion, on_delete=models.CASCADE, related_name="assessment")
    committee_met_on = models.DateField(_("ngày họp Ủy ban kiểm tra"))
    content = models.TextField(_("nội dung vi phạm"), blank=True)
    nature = models.TextField(_("tính chất"), blank=True)
    extent = models.TextField(_("mức độ"), blank=True)
    harm = models.TextField(_("tác hại"), blank=True)
    causes = models.TextField(_("nguyên nhân"), blank=True)
    responsibility = models.TextField(_("trách nhiệm"), blank=True)
    discipline_required = models.BooleanField(_("đến mức phải xem xét kỷ luật"), default=False)
    subject_admits = models.BooleanField(_("đối tượng thừa nhận vi phạm"), default=False)
    self_proposed_form = models.CharField(
        _("hình thức kỷ luật đối tượng tự nhận"), max_length=12, choices=SanctionForm.choices, blank=True
    )

    class Meta:
        verbose_name = _("đánh giá vi phạm")
        verbose_name_plural = _("đánh giá vi phạm")
        constraints = [
            models.CheckConstraint(
                condition=Q(self_proposed_form="") | Q(discipline_required=True, subject_admits=True),
                name="assessment_self_form_needs_admission",
            ),
        ]


class RequirementTracking(models.Model):
    """Follow-up state of one requirement of an approved conclusion (domain.md §7.11), beside
    the Recommendation row: when it was escalated as overdue, and whether the approver found
    it not carried out ("unmet") and why, and the inspection upon signs it gave rise to.
    "Met" is the Recommendation's own DONE status. Written only by
    inspections.services.follow_up."""

    recommendation = models.OneToOneField(Recommendation, on_delete=models.CASCADE, related_name="tracking")
    escalated_at = models.DateTimeField(_("thời điểm báo quá hạn"), null=True, blank=True)
    unmet_on = models.DateField(_("ngày đánh giá không thực hiện"), null=True, blank=True)
    unmet_reason = models.TextField(_("lý do không thực hiện"), blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signs_case = models.ForeignKey(
        Case,
        verbose_name=_("hồ sơ kiểm tra khi có dấu hiệu vi phạm"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("theo dõi yêu cầu, kiến nghị")
        verbose_name_plural = _("theo dõi yêu cầu, kiến nghị")
        constraints = [
            models.CheckConstraint(
                condition=Q(unmet_on__isnull=True, assessed_by__isnull=True)
                | (Q(unmet_on__isnull=False, assessed_by__isnull=False) & ~Q(unmet_reason="")),
                name="tracking_unmet_explained",
            ),
            models.CheckConstraint(
                condition=Q(signs_case__isnull=True) | Q(unmet_on__isnull=False), name="tracking_signs_case_if_unmet"
            ),
        ]
        indexes = [models.Index(fields=["escalated_at", "unmet_on"])]


class RequirementReport(models.Model):
    """A progress or remediation report on a requirement (domain.md §7.11: "the body must
    track remediation reports"), with the document it came with."""

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="reports")
    reported_on = models.DateField(_("ngày báo cáo"))
    text = models.TextField(_("nội dung báo cáo"), blank=True)
    marks_met = models.BooleanField(_("báo cáo hoàn thành"), default=False)
    document = models.ForeignKey(Document, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("báo cáo thực hiện yêu cầu, kiến nghị")
        verbose_name_plural = _("báo cáo thực hiện yêu cầu, kiến nghị")
        ordering = ["reported_on", "pk"]
