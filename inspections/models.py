"""The case file: cases, teams (case roles), documents, findings, reports, conclusions,
recommendations, the journal and the direct-FK object-permission tables.

Only inspections.services write these rows (style.md); access is granted only in
inspections.access.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from people.models import Committee, Organisation, PartyMember


class KeyArea(models.Model):
    """Focus areas of inspection and supervision (reference data; resolution section đ),
    domain.md §8)."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("lĩnh vực"), max_length=200)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("lĩnh vực trọng tâm")
        verbose_name_plural = _("lĩnh vực trọng tâm")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Holiday(models.Model):
    """A public holiday or compensatory day off; editable each year (design.md, decision 6)."""

    day = models.DateField(_("ngày"), unique=True)
    name = models.CharField(_("tên"), max_length=120)

    class Meta:
        verbose_name = _("ngày nghỉ lễ")
        verbose_name_plural = _("ngày nghỉ lễ")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.name}"


class CaseKind(models.TextChoices):
    # Codes follow domain.md §4.
    PLANNED_INSPECTION = "A", _("Kiểm tra theo chương trình")
    SIGNS_INSPECTION = "B", _("Kiểm tra khi có dấu hiệu vi phạm")
    REGULAR_SUPERVISION = "C1", _("Giám sát thường xuyên")
    THEMATIC_SUPERVISION = "C2", _("Giám sát chuyên đề")
    DENUNCIATION = "D", _("Giải quyết tố cáo")
    DISCIPLINE = "E", _("Thi hành kỷ luật")
    DISCIPLINE_COMPLAINT = "F", _("Giải quyết khiếu nại kỷ luật")
    FINANCE_INSPECTION = "G", _("Kiểm tra tài chính đảng")
    LOWER_BODY_INSPECTION = "H", _("Kiểm tra cấp dưới thực hiện nhiệm vụ kiểm tra, giám sát, kỷ luật")


class CaseStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo quyết định")
    DECIDED = "decided", _("Đã ký quyết định")
    NOTIFIED = "notified", _("Đã thông báo đối tượng")
    SELF_REPORTED = "self_reported", _("Đã nhận báo cáo tự kiểm tra")
    VERIFYING = "verifying", _("Đang thẩm tra, xác minh")
    REPORTED = "reported", _("Đã có báo cáo của đoàn")
    CONCLUDING = "concluding", _("Đang dự thảo kết luận")
    CONCLUDED = "concluded", _("Đã kết luận")
    FOLLOW_UP = "follow_up", _("Theo dõi thực hiện kết luận")
    CLOSED = "closed", _("Đã kết thúc")
    # Issue 3: statuses of the other case kinds (a superset shared by the kinds; each kind
    # allows only the moves in its own pipeline, STATUS_PIPELINES below).
    RECEIVED = "received", _("Đã tiếp nhận, vào sổ")
    NOT_HANDLED = "not_handled", _("Không giải quyết (lưu đơn)")
    TRANSFERRED = "transferred", _("Đã chuyển cơ quan có thẩm quyền")
    WITHDRAWN = "withdrawn", _("Đã rút đơn, đình chỉ giải quyết")
    SUSPENDED = "suspended", _("Tạm hoãn (dừng tính thời hạn)")
    SELF_CRITICISM = "self_criticism", _("Đang kiểm điểm")
    VOTED = "voted", _("Đã biểu quyết")
    PROPOSED = "proposed", _("Đã đề nghị cấp có thẩm quyền")
    ANNOUNCED = "announced", _("Đã công bố quyết định")
    MONITORING = "monitoring", _("Đang theo dõi, giám sát")
    # (slot D) statuses added for denunciations go here
    # (slot E) statuses added for discipline go here
    # (slot F) statuses added for complaints go here
    # (slot C) statuses added for supervision go here
    # (slot BGH) statuses added for B, G, H and follow-up go here
    PREPARED = "prepared", _("Đã chuẩn bị đề cương, lịch làm việc của đoàn")


# Allowed status moves are data (style.md, django-oscar pipeline). Return loops:
# report sent back -> VERIFYING; conclusion sent back -> REPORTED (redraft).
STATUS_PIPELINE: dict[str, tuple[str, ...]] = {
    CaseStatus.DRAFT: (CaseStatus.DECIDED,),
    CaseStatus.DECIDED: (CaseStatus.NOTIFIED,),
    CaseStatus.NOTIFIED: (CaseStatus.SELF_REPORTED,),
    CaseStatus.SELF_REPORTED: (CaseStatus.VERIFYING,),
    CaseStatus.VERIFYING: (CaseStatus.REPORTED,),
    CaseStatus.REPORTED: (CaseStatus.VERIFYING, CaseStatus.CONCLUDING),
    CaseStatus.CONCLUDING: (CaseStatus.REPORTED, CaseStatus.CONCLUDED),
    CaseStatus.CONCLUDED: (CaseStatus.FOLLOW_UP, CaseStatus.CLOSED),
    CaseStatus.FOLLOW_UP: (CaseStatus.CLOSED,),
    CaseStatus.CLOSED: (),
}

# Each case kind moves along its own pipeline (issue 3). A kind without an entry uses the
# planned inspection's. The entries below are filled in per kind.
STATUS_PIPELINES: dict[str, dict[str, tuple[str, ...]]] = {CaseKind.PLANNED_INSPECTION: STATUS_PIPELINE}

# (pipeline slot B, G, H)
# The three-phase inspections (domain.md §4: B, G, H share preparation, execution and
# conclusion with A). After the decision the team prepares (outline, schedule, team
# meeting), meets the subject, receives its report and verifies. B asks for an explanatory
# report and verifies on receipt; G and H receive a self-inspection report first.
_THREE_PHASE: dict[str, tuple[str, ...]] = {
    CaseStatus.DRAFT: (CaseStatus.DECIDED,),
    CaseStatus.DECIDED: (CaseStatus.PREPARED,),
    CaseStatus.PREPARED: (CaseStatus.NOTIFIED,),
    CaseStatus.NOTIFIED: (CaseStatus.SELF_REPORTED,),
    CaseStatus.SELF_REPORTED: (CaseStatus.VERIFYING,),
    CaseStatus.VERIFYING: (CaseStatus.REPORTED,),
    CaseStatus.REPORTED: (CaseStatus.VERIFYING, CaseStatus.CONCLUDING),
    CaseStatus.CONCLUDING: (CaseStatus.REPORTED, CaseStatus.CONCLUDED),
    CaseStatus.CONCLUDED: (CaseStatus.FOLLOW_UP, CaseStatus.CLOSED),
    CaseStatus.FOLLOW_UP: (CaseStatus.CLOSED,),
    CaseStatus.CLOSED: (),
}
STATUS_PIPELINES[CaseKind.FINANCE_INSPECTION] = _THREE_PHASE
STATUS_PIPELINES[CaseKind.LOWER_BODY_INSPECTION] = _THREE_PHASE
STATUS_PIPELINES[CaseKind.SIGNS_INSPECTION] = {
    **{status: moves for status, moves in _THREE_PHASE.items() if status != CaseStatus.SELF_REPORTED},
    CaseStatus.NOTIFIED: (CaseStatus.VERIFYING,),
}


# (pipeline slot C2)


# (pipeline slot D)


# (pipeline slot E)


# (pipeline slot F)


def pipeline_of(kind: str) -> dict[str, tuple[str, ...]]:
    return STATUS_PIPELINES.get(kind, STATUS_PIPELINE)


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
        indexes = [models.Index(fields=["status", "kind"]), models.Index(fields=["committee", "-opened_on"])]

    def __str__(self) -> str:
        return f"{self.number} – {self.title}"

    @property
    def subject(self):
        return self.subject_member or self.subject_organisation


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

    kind = models.CharField(_("loại việc"), max_length=3, choices=CaseKind.choices)
    step = models.CharField(_("bước"), max_length=60)
    excluded_role = models.CharField(_("vai trò không được thực hiện"), max_length=10, choices=CaseRole.Role.choices)
    is_active = models.BooleanField(_("đang áp dụng"), default=True)
    note = models.CharField(_("căn cứ, ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("quy tắc phân tách nhiệm vụ")
        verbose_name_plural = _("quy tắc phân tách nhiệm vụ")
        constraints = [
            models.UniqueConstraint(fields=["kind", "step", "excluded_role"], name="separation_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} / {self.step}: {self.get_excluded_role_display()}"


class DocumentKind(models.TextChoices):
    DECISION = "decision", _("Quyết định kiểm tra")
    PLAN = "plan", _("Kế hoạch kiểm tra")
    NOTICE = "notice", _("Thông báo cho đối tượng")
    SELF_REPORT = "self_report", _("Báo cáo tự kiểm tra")
    MINUTES = "minutes", _("Biên bản làm việc, xác minh")
    EVIDENCE = "evidence", _("Tài liệu, chứng cứ")
    TEAM_REPORT = "team_report", _("Báo cáo kết quả kiểm tra")
    CONCLUSION_NOTICE = "conclusion_notice", _("Thông báo kết luận kiểm tra")
    FOLLOW_UP = "follow_up", _("Báo cáo thực hiện kết luận")
    OTHER = "other", _("Khác")
    # (document slot B, G, H, follow-up)
    PROPOSAL = "proposal", _("Tờ trình đề xuất kiểm tra")
    EXPLANATION_OUTLINE = "explanation_outline", _("Đề cương gợi ý báo cáo giải trình")
    SELF_REPORT_OUTLINE = "self_report_outline", _("Đề cương gợi ý báo cáo tự kiểm tra")
    SCHEDULE = "schedule", _("Lịch làm việc của đoàn")
    DEPLOYMENT_MINUTES = "deployment_minutes", _("Biên bản triển khai quyết định, kế hoạch kiểm tra")
    EXPLANATORY_REPORT = "explanatory_report", _("Báo cáo giải trình")
    REVIEW_MINUTES = "review_minutes", _("Biên bản hội nghị kiểm điểm, xem xét")
    COMMITTEE_MINUTES = "committee_minutes", _("Biên bản họp Ủy ban kiểm tra")
    CONVEY_MINUTES = "convey_minutes", _("Biên bản triển khai thông báo kết luận")
    # (document slot C)
    # (document slot D)
    # (document slot E)
    # (document slot F)


class Document(models.Model):
    """An uploaded file. Stored outside any served URL; served only by an access-checked view."""

    case = models.ForeignKey(Case, verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(_("loại tài liệu"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("tên tài liệu"), max_length=255)
    file = models.FileField(_("tệp"), upload_to="cases/%Y/%m/", max_length=255)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    content_type = models.CharField(_("kiểu nội dung"), max_length=100)
    size = models.PositiveBigIntegerField(_("dung lượng"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người tải lên"), on_delete=models.PROTECT)
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)

    class Meta:
        verbose_name = _("tài liệu")
        verbose_name_plural = _("tài liệu")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title


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


class JournalEntry(models.Model):
    """Append-only, per-case SHA-256 hash chain (design.md decision 4). Database triggers
    (migration 0002) refuse UPDATE and DELETE on this table."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="journal", db_constraint=True)
    seq = models.PositiveIntegerField(_("thứ tự"))
    at = models.DateTimeField(_("thời điểm"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    actor_name = models.CharField(_("người thực hiện"), max_length=200)
    action = models.CharField(_("hành động"), max_length=60)
    payload = models.TextField(_("dữ liệu"))
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("nhật ký")
        verbose_name_plural = _("nhật ký")
        ordering = ["case", "seq"]
        constraints = [models.UniqueConstraint(fields=["case", "seq"], name="journal_unique_seq")]


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


class JournalCheckpoint(models.Model):
    """A periodic anchor over every journal chain (design.md decision 4), made by
    `manage.py journal_checkpoint`. A hash chain alone cannot show that its newest entries
    were cut off; a checkpoint records each chain's head (case, seq, hash), so a later
    truncation is found. Checkpoints form their own SHA-256 chain (prev_digest → digest).
    Database triggers (migration 0007_journal_checkpoint_triggers) refuse UPDATE and DELETE
    here and on the recorded heads."""

    created_at = models.DateTimeField(_("thời điểm"))
    chain_count = models.PositiveIntegerField(_("số chuỗi"))
    entry_count = models.PositiveBigIntegerField(_("số mục"))
    # sha256 over the sorted "case_id:seq:hash" lines of every chain head at created_at.
    heads_digest = models.CharField(max_length=64)
    prev_digest = models.CharField(max_length=64)
    digest = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("điểm kiểm chứng nhật ký")
        verbose_name_plural = _("điểm kiểm chứng nhật ký")
        ordering = ["pk"]
        constraints = [
            # One successor per checkpoint: two concurrent runs cannot fork the chain.
            models.UniqueConstraint(fields=["prev_digest"], name="checkpoint_one_successor"),
        ]


class JournalCheckpointHead(models.Model):
    """A chain head recorded by a checkpoint: only the chains that moved since the previous
    checkpoint (the first records them all), so the table grows with the journal, not with
    cases × checkpoints. The heads at any checkpoint are the replay of these rows."""

    checkpoint = models.ForeignKey(JournalCheckpoint, on_delete=models.PROTECT, related_name="heads")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+")
    seq = models.PositiveIntegerField()
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("đầu chuỗi đã ghi nhận")
        verbose_name_plural = _("đầu chuỗi đã ghi nhận")
        constraints = [models.UniqueConstraint(fields=["checkpoint", "case"], name="checkpoint_head_unique")]
        indexes = [models.Index(fields=["case", "checkpoint"])]


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


# ---- (models slot: rule tables) ----


# ---- (models slot: B, G, H, follow-up) ----


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


# ---- (models slot: C1, C2) ----


# ---- (models slot: D denunciation) ----


# ---- (models slot: E discipline, ballots) ----


# ---- (models slot: F complaint) ----
