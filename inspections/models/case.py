"""The case itself and the links between cases."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inspections.models.reference import KeyArea
from inspections.models.status import CaseKind, CaseStatus
from people.models import Committee, Organisation, PartyMember


class Confidentiality(models.TextChoices):
    NORMAL = "normal", _("Thường")
    CONFIDENTIAL = "confidential", _("Mật")
    SECRET = "secret", _("Tối mật")


class Case(models.Model):
    committee = models.ForeignKey(
        Committee, verbose_name=_("cơ quan tiến hành"), on_delete=models.PROTECT, related_name="cases"
    )
    # Copy of the committee organisation's path when the case was opened: the case keeps
    # the jurisdiction it was opened under even after merges (domain.md, point 2).
    jurisdiction_path = models.CharField(_("phạm vi"), max_length=255, db_index=True, editable=False)
    year = models.PositiveSmallIntegerField(_("năm"))
    sequence = models.PositiveIntegerField(_("số thứ tự"))
    number = models.CharField(_("số hồ sơ"), max_length=60)
    kind = models.CharField(_("loại việc"), max_length=3, choices=CaseKind.choices)
    title = models.CharField(_("nội dung"), max_length=300)
    subject_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("tổ chức là đối tượng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases_as_subject",
    )
    subject_member = models.ForeignKey(
        PartyMember,
        verbose_name=_("đảng viên là đối tượng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases_as_subject",
    )
    subject_is_head = models.BooleanField(_("đối tượng là người đứng đầu"), default=False)
    key_areas = models.ManyToManyField(KeyArea, verbose_name=_("lĩnh vực trọng tâm"), blank=True)
    grounds = models.TextField(_("căn cứ"))
    status = models.CharField(_("trạng thái"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.DRAFT)
    confidentiality = models.CharField(
        _("độ mật"), max_length=12, choices=Confidentiality.choices, default=Confidentiality.NORMAL
    )
    period_start = models.DateField(_("thời kỳ kiểm tra từ"), null=True, blank=True)
    period_end = models.DateField(_("thời kỳ kiểm tra đến"), null=True, blank=True)
    # The event that starts the statutory clock (domain.md §7.8): the rule in force on this
    # date governs the case's time limit (issue 3 point 1).
    clock_started_on = models.DateField(_("ngày bắt đầu tính thời hạn"), null=True, blank=True)
    # The province whose rules govern the case, fixed when its clock starts
    # (inspections.deadlines.start_clock) and read by every computation of its time limit
    # (due date, extension, pause): a committee moved later does not change it (issue 9
    # point 4). Null: the national rules.
    rules_province = models.ForeignKey(
        Organisation,
        verbose_name=_("tỉnh có quy định áp dụng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    # The level of the acting body (inspections.models.rules.ActingLevel), fixed with the
    # province when the clock starts (issue 9 point 6): time limits that differ by level
    # (domain.md §11b.7) are read for it by every computation. Blank: the rules for every
    # level (also a case whose clock started before levels were recorded).
    rules_level = models.CharField(
        _("cấp tiến hành khi bắt đầu tính thời hạn"), max_length=16, blank=True, default="", editable=False
    )
    opened_on = models.DateField(_("ngày lập"))
    decided_on = models.DateField(_("ngày ký quyết định"), null=True, blank=True)
    due_on = models.DateField(_("hạn theo quy định"), null=True, blank=True)
    concluded_on = models.DateField(_("ngày kết luận"), null=True, blank=True)
    closed_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    archived_at = models.DateTimeField(_("thời điểm lưu trữ"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người lập"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("thời điểm lập"), auto_now_add=True)

    class Meta:
        verbose_name = _("hồ sơ")
        verbose_name_plural = _("hồ sơ")
        ordering = ["-year", "-sequence"]
        permissions = [
            ("work_case", _("Thực hiện công việc của đoàn")),
            ("lead_case", _("Trưởng đoàn")),
            ("approve_case", _("Phê duyệt, ký")),
            ("direct_case", _("Chỉ đạo đoàn")),
            ("vote_case", _("Biểu quyết")),
            ("view_sealed_case", _("Xem danh tính được niêm phong")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["committee", "year", "sequence"], name="case_number_unique_per_committee"),
            models.CheckConstraint(
                condition=(Q(subject_organisation__isnull=False) & Q(subject_member__isnull=True))
                | (Q(subject_organisation__isnull=True) & Q(subject_member__isnull=False)),
                name="case_exactly_one_subject",
            ),
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_end__gte=models.F("period_start")),
                name="case_period_ordered",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "kind"]),
            models.Index(fields=["committee", "-opened_on"]),
            # The order of every case list (selectors.cases.case_list): the first page is
            # read from this index instead of a sort of every visible case (issue 10).
            models.Index(fields=["-opened_on", "-id"], name="case_list_order"),
        ]

    def __str__(self) -> str:
        return f"{self.number} – {self.title}"

    @property
    def subject(self):
        return self.subject_member or self.subject_organisation


class CaseLink(models.Model):
    """Cases lead to one another (domain.md "What this means" point 3): supervision ->
    inspection upon signs, denunciation -> discipline, discipline -> complaint, an unmet
    follow-up requirement -> inspection upon signs, inspection -> discipline. One row, read
    both ways: `source` gave rise to `target`. Written only by inspections.services.links."""

    class Relation(models.TextChoices):
        ESCALATED = "escalated", _("Chuyển thành kiểm tra khi có dấu hiệu vi phạm")
        DISCIPLINE = "discipline", _("Đề nghị thi hành kỷ luật")
        COMPLAINT = "complaint", _("Khiếu nại kỷ luật")
        FOLLOW_UP = "follow_up", _("Không thực hiện kết luận, kiểm tra khi có dấu hiệu vi phạm")
        SPLIT = "split", _("Tách từ đơn vừa khiếu nại vừa tố cáo")
        PROPOSAL = "proposal", _("Đề nghị cấp có thẩm quyền xem xét")
        RELATED = "related", _("Liên quan")

    source = models.ForeignKey(Case, verbose_name=_("hồ sơ gốc"), on_delete=models.PROTECT, related_name="links_out")
    target = models.ForeignKey(
        Case, verbose_name=_("hồ sơ phát sinh"), on_delete=models.PROTECT, related_name="links_in"
    )
    relation = models.CharField(_("quan hệ"), max_length=12, choices=Relation.choices)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)

    class Meta:
        verbose_name = _("liên kết hồ sơ")
        verbose_name_plural = _("liên kết hồ sơ")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(source=models.F("target")), name="case_link_not_self"),
            models.UniqueConstraint(fields=["source", "target", "relation"], name="case_link_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.source_id} → {self.target_id} ({self.relation})"
