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
    DENUNCIATION_ACCEPTED = "d_accepted", _("Đã thụ lý giải quyết tố cáo")
    DENUNCIATION_EXPLAINED = "d_explained", _("Đã nhận báo cáo giải trình của người bị tố cáo")
    COMPLAINT_SPLIT = "d_split", _("Đơn vừa khiếu nại vừa tố cáo: chỉ giải quyết phần khiếu nại")
    # (slot E) statuses added for discipline go here
    # (slot F) statuses added for complaints go here
    # (slot C) statuses added for supervision go here
    # (slot BGH) statuses added for B, G, H and follow-up go here


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


# (pipeline slot C2)


# (pipeline slot D)
# Denunciation resolution, domain.md §5(D). Triage ends the letter (not handled, transferred,
# complaint part split off) or accepts it; the denouncer may withdraw at any point before
# the conclusion (the case stops unless the withdrawal was coerced: then nothing moves).
# Return loops as for A: report sent back -> VERIFYING; conclusion sent back -> REPORTED.
_D_BEFORE_CONCLUSION: dict[str, tuple[str, ...]] = {
    CaseStatus.RECEIVED: (
        CaseStatus.DENUNCIATION_ACCEPTED,
        CaseStatus.NOT_HANDLED,
        CaseStatus.TRANSFERRED,
        CaseStatus.COMPLAINT_SPLIT,
    ),
    CaseStatus.DENUNCIATION_ACCEPTED: (CaseStatus.DRAFT,),
    CaseStatus.DRAFT: (CaseStatus.DECIDED,),
    CaseStatus.DECIDED: (CaseStatus.NOTIFIED,),
    CaseStatus.NOTIFIED: (CaseStatus.DENUNCIATION_EXPLAINED,),
    CaseStatus.DENUNCIATION_EXPLAINED: (CaseStatus.VERIFYING,),
    CaseStatus.VERIFYING: (CaseStatus.REPORTED,),
    CaseStatus.REPORTED: (CaseStatus.VERIFYING, CaseStatus.CONCLUDING),
    CaseStatus.CONCLUDING: (CaseStatus.REPORTED, CaseStatus.CONCLUDED),
}
# The clock may stop at any point before the conclusion (domain.md §7.9); the case resumes
# where it stood (the service records that status) or is withdrawn meanwhile.
STATUS_PIPELINES[CaseKind.DENUNCIATION] = {
    **{status: (*moves, CaseStatus.WITHDRAWN, CaseStatus.SUSPENDED) for status, moves in _D_BEFORE_CONCLUSION.items()},
    CaseStatus.SUSPENDED: (*_D_BEFORE_CONCLUSION, CaseStatus.WITHDRAWN),
    CaseStatus.CONCLUDED: (CaseStatus.FOLLOW_UP, CaseStatus.CLOSED),
    CaseStatus.FOLLOW_UP: (CaseStatus.CLOSED,),
    CaseStatus.NOT_HANDLED: (),
    CaseStatus.TRANSFERRED: (),
    CaseStatus.COMPLAINT_SPLIT: (),
    CaseStatus.WITHDRAWN: (),
    CaseStatus.CLOSED: (),
}


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
    # (document slot C)
    # (document slot D)
    D_DECISION = "d_decision", _("Quyết định thành lập đoàn giải quyết tố cáo")
    D_PLAN = "d_plan", _("Kế hoạch giải quyết tố cáo")
    D_OUTLINE = "d_outline", _("Đề cương gợi ý báo cáo giải trình")
    D_EXPLANATION = "d_explanation", _("Báo cáo giải trình của người bị tố cáo")
    D_REPORT = "d_report", _("Báo cáo kết quả giải quyết tố cáo")
    D_CONCLUSION = "d_conclusion", _("Thông báo kết luận giải quyết tố cáo")
    D_NOTICE = "d_notice", _("Thông báo, phiếu chuyển đơn (bản ký)")
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


# ---- (models slot: C1, C2) ----


# ---- (models slot: D denunciation) ----


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


class DeadlineExtension(models.Model):
    """An extension of the case's statutory time limit (domain.md §5(D) "Time limits":
    extend once, notify the denouncer). How many and how long come from the rule book."""

    case = models.ForeignKey(Case, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="extensions")
    rule_code = models.CharField(_("mã thời hạn"), max_length=40)
    due_before = models.DateField(_("hạn trước khi gia hạn"))
    due_after = models.DateField(_("hạn sau khi gia hạn"))
    reason = models.TextField(_("lý do gia hạn"))
    extended_on = models.DateField(_("ngày gia hạn"))
    extended_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("gia hạn thời hạn giải quyết")
        verbose_name_plural = _("gia hạn thời hạn giải quyết")
        ordering = ["extended_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="extension_reason_given"),
            models.CheckConstraint(condition=Q(due_after__gt=models.F("due_before")), name="extension_moves_forward"),
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


# ---- (models slot: E discipline, ballots) ----


# ---- (models slot: F complaint) ----
