"""The case file: cases, teams (case roles), documents, findings, reports, conclusions,
recommendations, the journal and the direct-FK object-permission tables.

Only inspections.services write these rows (style.md); access is granted only in
inspections.access.
"""

import uuid

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
    VOTING = "voting", _("Đang bỏ phiếu kín")
    # (slot F) statuses added for complaints go here
    # (slot C) statuses added for supervision go here
    # Thematic supervision (domain.md §5(C) C2): the subject's report is not a
    # self-inspection report, and the group's draft is discussed at the subject's meeting.
    SUBJECT_REPORTED = "subject_reported", _("Đã nhận báo cáo của đối tượng giám sát")
    ADDITIONS_REQUESTED = "additions_requested", _("Đã yêu cầu bổ sung, giải trình")
    RESULT_DRAFTED = "result_drafted", _("Đã dự thảo báo cáo kết quả giám sát")
    MEETING_HELD = "meeting_held", _("Đã họp với đối tượng giám sát")
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
# C1 regular supervision is a continuous log (domain.md §5(C) [I]): open from the start,
# never decided or concluded; it may be closed (e.g. the subject organisation dissolved).
STATUS_PIPELINES[CaseKind.REGULAR_SUPERVISION] = {
    CaseStatus.MONITORING: (CaseStatus.CLOSED,),
    CaseStatus.CLOSED: (),
}
# C2 thematic supervision (domain.md §5(C) C2 table). Return loops: additions requested ->
# received; result report returned -> redrafted after the meeting; notice returned ->
# redrafted.
STATUS_PIPELINES[CaseKind.THEMATIC_SUPERVISION] = {
    CaseStatus.DRAFT: (CaseStatus.DECIDED,),
    CaseStatus.DECIDED: (CaseStatus.NOTIFIED,),
    CaseStatus.NOTIFIED: (CaseStatus.SUBJECT_REPORTED,),
    CaseStatus.SUBJECT_REPORTED: (CaseStatus.VERIFYING,),
    CaseStatus.VERIFYING: (CaseStatus.ADDITIONS_REQUESTED, CaseStatus.RESULT_DRAFTED),
    CaseStatus.ADDITIONS_REQUESTED: (CaseStatus.VERIFYING,),
    CaseStatus.RESULT_DRAFTED: (CaseStatus.MEETING_HELD,),
    CaseStatus.MEETING_HELD: (CaseStatus.REPORTED,),
    CaseStatus.REPORTED: (CaseStatus.MEETING_HELD, CaseStatus.CONCLUDING),
    CaseStatus.CONCLUDING: (CaseStatus.REPORTED, CaseStatus.CONCLUDED),
    CaseStatus.CONCLUDED: (CaseStatus.FOLLOW_UP, CaseStatus.CLOSED),
    CaseStatus.FOLLOW_UP: (CaseStatus.CLOSED,),
    CaseStatus.CLOSED: (),
}


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
# Discipline (domain.md §5(E)): self-criticism (or proceeding without it) -> verification
# and the report proposing discipline -> the meeting and its secret ballot -> decided
# within authority, or proposed to the competent body which votes again -> decision ->
# announcement -> the 5-day proposal to state bodies -> closed. A deferral (pregnancy,
# child under 12 months, serious illness) suspends the case before the self-criticism or
# before a meeting and returns to where it stopped. No result of the vote, or a statute
# of limitations run out (§6.5), closes the case without discipline.
STATUS_PIPELINES[CaseKind.DISCIPLINE] = {
    CaseStatus.DRAFT: (CaseStatus.SELF_CRITICISM, CaseStatus.VERIFYING),
    CaseStatus.SELF_CRITICISM: (CaseStatus.VERIFYING, CaseStatus.SUSPENDED),
    CaseStatus.SUSPENDED: (CaseStatus.SELF_CRITICISM, CaseStatus.REPORTED, CaseStatus.PROPOSED),
    CaseStatus.VERIFYING: (CaseStatus.REPORTED,),
    CaseStatus.REPORTED: (CaseStatus.VOTING, CaseStatus.SUSPENDED),
    CaseStatus.VOTING: (CaseStatus.VOTED, CaseStatus.PROPOSED, CaseStatus.CLOSED),
    CaseStatus.PROPOSED: (CaseStatus.VOTING, CaseStatus.SUSPENDED),
    CaseStatus.VOTED: (CaseStatus.DECIDED,),
    CaseStatus.DECIDED: (CaseStatus.ANNOUNCED,),
    CaseStatus.ANNOUNCED: (CaseStatus.CLOSED,),
    CaseStatus.CLOSED: (),
}


# (pipeline slot F)
# Complaint against discipline (domain.md §5(F)): registered -> admissible (under review)
# or not handled; report returned -> VERIFYING; the competent body's secret ballot
# (VOTING) -> outcome applied (VOTED), or no option reaching its threshold / a result the
# body may not apply -> back to REPORTED for a new round; the complaint decision ->
# DECIDED; notified to everyone -> CLOSED.
STATUS_PIPELINES[CaseKind.DISCIPLINE_COMPLAINT] = {
    CaseStatus.DRAFT: (CaseStatus.RECEIVED,),
    CaseStatus.RECEIVED: (CaseStatus.VERIFYING, CaseStatus.NOT_HANDLED),
    CaseStatus.VERIFYING: (CaseStatus.REPORTED,),
    CaseStatus.REPORTED: (CaseStatus.VERIFYING, CaseStatus.VOTING),
    CaseStatus.VOTING: (CaseStatus.VOTED, CaseStatus.REPORTED),
    CaseStatus.VOTED: (CaseStatus.DECIDED,),
    CaseStatus.DECIDED: (CaseStatus.CLOSED,),
    CaseStatus.NOT_HANDLED: (),
    CaseStatus.CLOSED: (),
}


def pipeline_of(kind: str) -> dict[str, tuple[str, ...]]:
    return STATUS_PIPELINES.get(kind, STATUS_PIPELINE)


def is_final(kind: str, status: str) -> bool:
    """A status the case cannot leave: closed, or ended early (not handled, transferred,
    withdrawn...). Final cases can be archived; they cannot be transferred or re-staffed."""
    return not pipeline_of(kind).get(status, ())


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
    SUPERVISION_DECISION = "sv_decision", _("Quyết định giám sát")
    SUPERVISION_PLAN = "sv_plan", _("Kế hoạch giám sát")
    SUPERVISION_OUTLINE = "sv_outline", _("Đề cương báo cáo (giám sát)")
    SUPERVISION_SUBJECT_REPORT = "sv_subject_report", _("Báo cáo của đối tượng giám sát")
    SUPERVISION_RESULT_REPORT = "sv_result_report", _("Báo cáo kết quả giám sát")
    SUPERVISION_RESULT_NOTICE = "sv_result_notice", _("Thông báo kết quả, kết luận giám sát")
    SUPERVISION_REMINDER = "sv_reminder", _("Văn bản nhắc nhở (giám sát thường xuyên)")
    # (document slot D)
    D_DECISION = "d_decision", _("Quyết định thành lập đoàn giải quyết tố cáo")
    D_PLAN = "d_plan", _("Kế hoạch giải quyết tố cáo")
    D_OUTLINE = "d_outline", _("Đề cương gợi ý báo cáo giải trình")
    D_EXPLANATION = "d_explanation", _("Báo cáo giải trình của người bị tố cáo")
    D_REPORT = "d_report", _("Báo cáo kết quả giải quyết tố cáo")
    D_CONCLUSION = "d_conclusion", _("Thông báo kết luận giải quyết tố cáo")
    D_NOTICE = "d_notice", _("Thông báo, phiếu chuyển đơn (bản ký)")
    # (document slot E)
    SELF_CRITICISM = "self_criticism", _("Bản tự kiểm điểm")
    DISCIPLINE_REPORT = "discipline_report", _("Báo cáo đề nghị thi hành kỷ luật")
    MEETING_MINUTES = "meeting_minutes", _("Trích biên bản hội nghị")
    BALLOT_MINUTES = "ballot_minutes", _("Biên bản kiểm phiếu")
    DISCIPLINE_PROPOSAL = "discipline_proposal", _("Tờ trình đề nghị cấp có thẩm quyền thi hành kỷ luật")
    DISCIPLINE_DECISION = "discipline_decision", _("Quyết định thi hành kỷ luật")
    ANNOUNCEMENT_MINUTES = "announcement_minutes", _("Biên bản công bố quyết định kỷ luật")
    STATE_PROPOSAL = "state_proposal", _("Văn bản đề nghị xử lý hành chính, đoàn thể")
    # (document slot F)
    COMPLAINT_LETTER = "complaint_letter", _("Đơn khiếu nại kỷ luật")
    COMPLAINT_REFUSAL = "complaint_refusal", _("Thông báo không giải quyết đơn khiếu nại")
    COMPLAINT_FILE = "complaint_file", _("Hồ sơ kỷ luật bị khiếu nại")
    COMPLAINT_REPORT = "complaint_report", _("Báo cáo kết quả giải quyết khiếu nại")
    COMPLAINT_MINUTES = "complaint_minutes", _("Biên bản hội nghị giải quyết khiếu nại")
    COMPLAINT_DECISION = "complaint_decision", _("Quyết định giải quyết khiếu nại kỷ luật")
    COMPLAINT_NOTICE = "complaint_notice", _("Thông báo quyết định giải quyết khiếu nại")
    COMPLAINT_RESTORE = "complaint_restore", _("Thông báo khôi phục quyền lợi (QĐ 117-QĐ/TW)")


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
# Issue 3 point 1 (domain.md "What this means", point 1): the statutory numbers are data,
# one versioned table per rule family. A row is one *version* of one rule: it is in force
# from `effective_from` until the next version of the same rule starts (or through
# `effective_to` when that is set), nationally or, with `province`, for one province only.
# inspections.rulebook reads them (the version in force on a day, a province's own version
# preferred); inspections.services.rules is their only writer and journals every change in
# RuleChange; a version already in force keeps its numbers (a new version replaces it).
# (Imported here rather than at the top so that the parallel branches merge cleanly.)
from django.core.exceptions import ValidationError  # noqa: E402
from django.core.validators import RegexValidator  # noqa: E402

PROVINCE_RANK = 1  # the top level of either structure (OrgLevel "province", "legacy-province")


class RuleUnit(models.TextChoices):
    """The units of inspections.rules.deadlines.Unit, with labels (domain.md §7.7)."""

    WORKING_DAYS = "working_days", _("ngày làm việc")
    CALENDAR_DAYS = "calendar_days", _("ngày (tính cả ngày nghỉ)")
    MONTHS = "months", _("tháng")
    YEARS = "years", _("năm")


class ClockStart(models.TextChoices):
    """The event that starts a time limit's clock (domain.md §7.8)."""

    DECISION_SIGNED = "decision_signed", _("Ngày ký quyết định")
    REPORT_RECEIVED = "report_received", _("Ngày nhận báo cáo của đối tượng giám sát")
    RECEIVED_BY_COMPETENT_BODY = "received_by_competent_body", _("Ngày cơ quan có thẩm quyền nhận đơn")
    VOTE_ANNOUNCED = "vote_announced", _("Ngày công bố kết quả biểu quyết")
    DISCIPLINE_DECIDED = "discipline_decided", _("Ngày quyết định kỷ luật")
    ANNOUNCED = "announced", _("Ngày công bố quyết định kỷ luật")
    DECISION_RECEIVED = "decision_received", _("Ngày nhận quyết định kỷ luật")
    COMPLAINT_RECEIVED = "complaint_received", _("Ngày nhận đơn khiếu nại")
    CONCLUSION_NOTIFIED = "conclusion_notified", _("Ngày thông báo kết luận")


class LetterKind(models.TextChoices):
    DENUNCIATION = "denunciation", _("Đơn tố cáo")
    COMPLAINT = "complaint", _("Đơn khiếu nại kỷ luật")


class SubjectKind(models.TextChoices):
    """Who a discipline is imposed on, for the authority matrix (domain.md §6.3)."""

    MEMBER = "member", _("Đảng viên")
    COMMITTEE_MEMBER = "committee_member", _("Cấp ủy viên cùng cấp")
    ORGANISATION = "organisation", _("Tổ chức đảng")


RULE_CODE = RegexValidator(r"^[A-Za-z0-9_.]+$", _("Mã chỉ gồm chữ cái không dấu, chữ số, dấu chấm và dấu gạch dưới."))


def _version_constraints(name: str, key: tuple[str, ...]) -> list:
    """One version per rule, scope and start day (national rows have no province, and NULLs
    are distinct in a plain unique index, hence two partial ones); the end is not before the
    start."""
    return [
        models.UniqueConstraint(
            fields=[*key, "effective_from"],
            condition=Q(province__isnull=True),
            name=f"{name}_one_national_version_per_day",
            violation_error_message=_("Đã có một phiên bản toàn quốc của quy định này có hiệu lực từ cùng ngày."),
        ),
        models.UniqueConstraint(
            fields=[*key, "province", "effective_from"],
            condition=Q(province__isnull=False),
            name=f"{name}_one_provincial_version_per_day",
            violation_error_message=_("Tỉnh này đã có một phiên bản của quy định này có hiệu lực từ cùng ngày."),
        ),
        models.CheckConstraint(
            condition=Q(effective_to__isnull=True) | Q(effective_to__gte=models.F("effective_from")),
            name=f"{name}_ends_after_start",
            violation_error_message=_("Ngày hết hiệu lực không được trước ngày bắt đầu hiệu lực."),
        ),
    ]


class RuleVersion(models.Model):
    """What every rule version has: its period, its scope and its legal source."""

    # The fields that identify the rule within its family (e.g. the time-limit code).
    KEY: tuple[str, ...] = ()
    # Fields that may still be corrected once the version is in force: they change no
    # computation (the citation, a note, the "provisional" marker). Everything else is fixed.
    EDITABLE_IN_FORCE: tuple[str, ...] = ("source", "note")

    effective_from = models.DateField(_("có hiệu lực từ ngày"))
    effective_to = models.DateField(
        _("có hiệu lực đến hết ngày"),
        null=True,
        blank=True,
        help_text=_("Để trống: còn hiệu lực cho đến khi có phiên bản mới."),
    )
    province = models.ForeignKey(
        Organisation,
        verbose_name=_("áp dụng riêng cho tỉnh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Để trống: quy định chung. Quy định riêng của tỉnh được ưu tiên khi đang có hiệu lực."),
    )
    source = models.CharField(_("căn cứ (văn bản, điều khoản)"), max_length=200)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        errors = {}
        if self.effective_to and self.effective_from and self.effective_to < self.effective_from:
            errors["effective_to"] = _("Ngày hết hiệu lực không được trước ngày bắt đầu hiệu lực.")
        if (
            self.province_id
            and not Organisation.objects.filter(pk=self.province_id, level__rank=PROVINCE_RANK).exists()
        ):
            errors["province"] = _("Chỉ đặt quy định riêng cho một tổ chức đảng cấp tỉnh.")
        if errors:
            raise ValidationError(errors)

    def version_label(self) -> str:
        scope = str(self.province) if self.province_id else str(_("Toàn quốc"))
        return f"{scope}, {self.effective_from:%d/%m/%Y}"


class TimeLimitRule(RuleVersion):
    """A time limit: how long, in which unit, from which event, extension (domain.md §5(C),
    §5(D), §5(F), §6.4, §7.7–7.8)."""

    KEY = ("code",)
    EDITABLE_IN_FORCE = ("source", "note", "provisional")

    code = models.CharField(_("mã thời hạn"), max_length=40, validators=[RULE_CODE], db_index=True)
    amount = models.PositiveIntegerField(_("thời hạn"))
    unit = models.CharField(_("đơn vị"), max_length=16, choices=RuleUnit.choices)
    clock_starts = models.CharField(_("tính từ"), max_length=40, choices=ClockStart.choices)
    extension_amount = models.PositiveIntegerField(
        _("gia hạn tối đa"), default=0, help_text=_("0: không được gia hạn.")
    )
    extension_unit = models.CharField(
        _("đơn vị gia hạn"), max_length=16, choices=RuleUnit.choices, blank=True, default=""
    )
    extension_times = models.PositiveSmallIntegerField(_("số lần gia hạn"), default=0)
    provisional = models.BooleanField(
        _("tạm tính"), default=False, help_text=_("Số liệu chưa được xác nhận theo văn bản hiện hành.")
    )

    class Meta:
        verbose_name = _("thời hạn theo quy định")
        verbose_name_plural = _("thời hạn theo quy định")
        ordering = ["code", "province", "-effective_from"]
        constraints = [
            *_version_constraints("time_limit", ("code",)),
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="time_limit_amount_positive",
                violation_error_message=_("Thời hạn phải lớn hơn 0."),
            ),
            models.CheckConstraint(
                condition=(Q(extension_amount=0) & Q(extension_unit="") & Q(extension_times=0))
                | (Q(extension_amount__gt=0) & ~Q(extension_unit="") & Q(extension_times__gt=0)),
                name="time_limit_extension_complete",
                violation_error_message=_(
                    "Gia hạn: ghi đủ thời gian, đơn vị và số lần gia hạn, hoặc để 0 nếu không được gia hạn."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.amount} {self.get_unit_display()} ({self.version_label()})"

    def clean(self):
        super().clean()
        errors = {}
        if self.amount is not None and self.amount <= 0:
            errors["amount"] = _("Thời hạn phải lớn hơn 0.")
        if self.extension_amount:
            if not self.extension_unit:
                errors["extension_unit"] = _("Chọn đơn vị của thời gian gia hạn.")
            if not self.extension_times:
                errors["extension_times"] = _("Ghi số lần được gia hạn (ít nhất 1).")
        else:
            if self.extension_unit:
                errors["extension_unit"] = _("Không được gia hạn thì để trống đơn vị gia hạn.")
            if self.extension_times:
                errors["extension_times"] = _("Không được gia hạn thì số lần gia hạn là 0.")
        if errors:
            raise ValidationError(errors)


class VoteThresholdRule(RuleVersion):
    """A vote threshold: a share of the count base, "more than" or "at least" (domain.md §6.2)."""

    KEY = ("code",)

    code = models.CharField(_("mã ngưỡng"), max_length=40, validators=[RULE_CODE], db_index=True)
    numerator = models.PositiveSmallIntegerField(_("tử số"))
    denominator = models.PositiveSmallIntegerField(_("mẫu số"))
    strict = models.BooleanField(
        _("phải vượt quá tỷ lệ"), default=True, help_text=_("Chọn: trên (>) tỷ lệ; bỏ chọn: từ (≥) tỷ lệ trở lên.")
    )

    class Meta:
        verbose_name = _("ngưỡng biểu quyết")
        verbose_name_plural = _("ngưỡng biểu quyết")
        ordering = ["code", "province", "-effective_from"]
        constraints = [
            *_version_constraints("vote_threshold", ("code",)),
            models.CheckConstraint(
                condition=Q(numerator__gt=0) & Q(denominator__gt=0) & Q(numerator__lte=models.F("denominator")),
                name="vote_threshold_fraction_in_unit_interval",
                violation_error_message=_("Tỷ lệ phải lớn hơn 0 và không quá 1 (tử số từ 1 đến mẫu số)."),
            ),
        ]

    def __str__(self) -> str:
        sign = ">" if self.strict else "≥"
        return f"{self.code}: {sign} {self.numerator}/{self.denominator} ({self.version_label()})"

    def clean(self):
        super().clean()
        if self.denominator is not None and self.denominator <= 0:
            raise ValidationError({"denominator": _("Mẫu số phải lớn hơn 0.")})
        if self.numerator is not None and self.denominator and not 0 < self.numerator <= self.denominator:
            raise ValidationError({"numerator": _("Tỷ lệ phải lớn hơn 0 và không quá 1 (tử số từ 1 đến mẫu số).")})


class SanctionAuthorityRule(RuleVersion):
    """One cell of the sanction authority matrix: may a body of this kind decide this form
    on this kind of subject (domain.md §6.3)? A combination without a row in force is not
    within authority (deny by default); a province row may also take a power away."""

    KEY = ("body_kind", "subject_kind", "form")

    body_kind = models.CharField(
        _("loại cơ quan"),
        max_length=60,
        validators=[RULE_CODE],
        help_text=_("Ví dụ: cell, grassroots.executive, district.inspection."),
    )
    subject_kind = models.CharField(_("đối tượng"), max_length=20, choices=SubjectKind.choices)
    form = models.CharField(_("hình thức kỷ luật"), max_length=12, choices=SanctionForm.choices)
    allowed = models.BooleanField(_("có thẩm quyền"), default=True)

    class Meta:
        verbose_name = _("thẩm quyền thi hành kỷ luật")
        verbose_name_plural = _("thẩm quyền thi hành kỷ luật")
        ordering = ["body_kind", "subject_kind", "form", "province", "-effective_from"]
        constraints = _version_constraints("sanction_authority", ("body_kind", "subject_kind", "form"))
        indexes = [models.Index(fields=["body_kind", "subject_kind", "form"])]

    def __str__(self) -> str:
        verdict = _("được") if self.allowed else _("không được")
        return f"{self.body_kind} – {self.get_subject_kind_display()} – {self.get_form_display()}: {verdict}"


class StatuteRule(RuleVersion):
    """Statute of limitations of a category of violations, in years or none (domain.md §6.5)."""

    KEY = ("category",)

    category = models.CharField(
        _("nhóm vi phạm"),
        max_length=60,
        validators=[RULE_CODE],
        db_index=True,
        help_text=_("Ví dụ: member.reprimand, organisation.warning, no_limit.internal_politics."),
    )
    years = models.PositiveSmallIntegerField(
        _("thời hiệu (năm)"), null=True, blank=True, help_text=_("Để trống: không áp dụng thời hiệu.")
    )

    class Meta:
        verbose_name = _("thời hiệu xử lý kỷ luật")
        verbose_name_plural = _("thời hiệu xử lý kỷ luật")
        ordering = ["category", "province", "-effective_from"]
        constraints = [
            *_version_constraints("statute", ("category",)),
            models.CheckConstraint(
                condition=Q(years__isnull=True) | Q(years__gt=0),
                name="statute_years_positive",
                violation_error_message=_("Thời hiệu phải lớn hơn 0 năm, hoặc để trống nếu không áp dụng thời hiệu."),
            ),
        ]

    def __str__(self) -> str:
        years = self.years if self.years is not None else "∞"
        return f"{self.category}: {years} ({self.version_label()})"

    def clean(self):
        super().clean()
        if self.years is not None and self.years <= 0:
            raise ValidationError(
                {"years": _("Thời hiệu phải lớn hơn 0 năm, hoặc để trống nếu không áp dụng thời hiệu.")}
            )


class NotHandledCriterion(RuleVersion):
    """A ground on which a letter is not handled (domain.md §5(D) "Letters NOT handled",
    §5(F) "Not handled"). A version with `active` off withdraws the criterion from that day."""

    KEY = ("letter_kind", "code")

    letter_kind = models.CharField(_("loại đơn"), max_length=16, choices=LetterKind.choices)
    code = models.CharField(_("mã tiêu chí"), max_length=40, validators=[RULE_CODE])
    label = models.CharField(_("nội dung"), max_length=300)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    active = models.BooleanField(_("đang áp dụng"), default=True)

    class Meta:
        verbose_name = _("tiêu chí không giải quyết đơn")
        verbose_name_plural = _("tiêu chí không giải quyết đơn")
        ordering = ["letter_kind", "order", "code", "province", "-effective_from"]
        constraints = _version_constraints("not_handled", ("letter_kind", "code"))
        indexes = [models.Index(fields=["letter_kind", "code"])]

    def __str__(self) -> str:
        return f"{self.get_letter_kind_display()}: {self.label}"


RULE_MODELS = (TimeLimitRule, VoteThresholdRule, SanctionAuthorityRule, StatuteRule, NotHandledCriterion)


class RuleChange(models.Model):
    """The append-only, tamper-evident log of every change to a rule table: one SHA-256
    hash chain over all tables (inspections.rule_log), kept apart from the per-case journal,
    which needs a case. Database triggers (migration 0012) refuse UPDATE and DELETE."""

    class Action(models.TextChoices):
        CREATE = "create", _("Thêm")
        UPDATE = "update", _("Sửa")
        DELETE = "delete", _("Xóa")

    seq = models.PositiveIntegerField(_("thứ tự"), unique=True)
    at = models.DateTimeField(_("thời điểm"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_name = models.CharField(_("tên người thực hiện"), max_length=200)
    table = models.CharField(_("bảng quy định"), max_length=60)
    row_id = models.PositiveBigIntegerField(_("dòng"))
    action = models.CharField(_("thao tác"), max_length=8, choices=Action.choices)
    before = models.TextField(_("trước khi thay đổi"), blank=True)
    after = models.TextField(_("sau khi thay đổi"), blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("nhật ký thay đổi quy định")
        verbose_name_plural = _("nhật ký thay đổi quy định")
        ordering = ["-seq"]
        indexes = [models.Index(fields=["table", "row_id", "seq"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.get_action_display()} {self.table}/{self.row_id}"


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


class SupervisionLog(models.Model):
    """C1 regular supervision (giám sát thường xuyên) kept as a continuous log, not as a
    bounded case (domain.md §5(C) [I]). The log is a Case of kind C1 — the unit of access,
    numbering and journal — and this row is its key: one log per committee and subject.
    Written only by inspections.services.regular_supervision."""

    case = models.OneToOneField(Case, verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="supervision_log")
    committee = models.ForeignKey(
        Committee, verbose_name=_("cơ quan giám sát"), on_delete=models.PROTECT, related_name="+"
    )
    subject_member = models.ForeignKey(
        PartyMember, verbose_name=_("đảng viên được giám sát"), null=True, blank=True, on_delete=models.PROTECT
    )
    subject_organisation = models.ForeignKey(
        Organisation, verbose_name=_("tổ chức được giám sát"), null=True, blank=True, on_delete=models.PROTECT
    )

    class Meta:
        verbose_name = _("sổ theo dõi giám sát thường xuyên")
        verbose_name_plural = _("sổ theo dõi giám sát thường xuyên")
        constraints = [
            models.CheckConstraint(
                condition=(Q(subject_organisation__isnull=False) & Q(subject_member__isnull=True))
                | (Q(subject_organisation__isnull=True) & Q(subject_member__isnull=False)),
                name="supervision_log_one_subject",
            ),
            models.UniqueConstraint(
                fields=["committee", "subject_member"],
                condition=Q(subject_member__isnull=False),
                name="supervision_log_one_per_member",
            ),
            models.UniqueConstraint(
                fields=["committee", "subject_organisation"],
                condition=Q(subject_organisation__isnull=False),
                name="supervision_log_one_per_organisation",
            ),
        ]


class SupervisionEntry(models.Model):
    """One dated entry of a C1 log: an observation (direct or indirect, with its source),
    a meeting attended, or a reminder issued (domain.md §5(C) C1: direct — dialogue at
    committee meetings, sending members to the subject's meetings, committee members at
    cell meetings; indirect — studying reports, information from the public, the press,
    petitions). Documents (a written reminder notice, minutes) are attached."""

    class Kind(models.TextChoices):
        OBSERVATION = "observation", _("Ghi nhận qua theo dõi")
        MEETING = "meeting", _("Dự họp, làm việc với đối tượng")
        REMINDER = "reminder", _("Nhắc nhở")

    class Method(models.TextChoices):
        DIRECT = "direct", _("Trực tiếp")
        INDIRECT = "indirect", _("Gián tiếp")

    class Source(models.TextChoices):
        REPORT = "report", _("Nghiên cứu báo cáo, tài liệu")
        MEETING = "meeting", _("Dự hội nghị, cuộc họp của đối tượng")
        CELL_MEETING = "cell_meeting", _("Ủy viên dự sinh hoạt chi bộ")
        DIALOGUE = "dialogue", _("Đối thoại, chất vấn, nghe báo cáo tại hội nghị")
        PUBLIC = "public", _("Thông tin của nhân dân")
        PRESS = "press", _("Thông tin báo chí")
        PETITION = "petition", _("Đơn thư phản ánh")

    # Which sources are direct observation; every other source is indirect (domain.md §5(C)).
    DIRECT_SOURCES = ("meeting", "cell_meeting", "dialogue")

    case = models.ForeignKey(
        Case, verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="supervision_entries"
    )
    kind = models.CharField(_("loại ghi nhận"), max_length=12, choices=Kind.choices)
    occurred_on = models.DateField(_("ngày"))
    method = models.CharField(_("hình thức"), max_length=10, choices=Method.choices, blank=True)
    source = models.CharField(_("nguồn thông tin"), max_length=14, choices=Source.choices, blank=True)
    text = models.TextField(_("nội dung"))
    documents = models.ManyToManyField(Document, verbose_name=_("tài liệu"), blank=True, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người ghi"), on_delete=models.PROTECT)
    recorded_at = models.DateTimeField(_("thời điểm ghi"), auto_now_add=True)

    class Meta:
        verbose_name = _("ghi nhận giám sát thường xuyên")
        verbose_name_plural = _("ghi nhận giám sát thường xuyên")
        ordering = ["-occurred_on", "-pk"]
        indexes = [models.Index(fields=["case", "-occurred_on", "-id"], name="sventry_case_date")]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="sventry_text_given"),
            # An observation names its source, and the method follows from the source; other
            # entries have neither.
            models.CheckConstraint(
                condition=Q(kind="observation", method="direct", source__in=("meeting", "cell_meeting", "dialogue"))
                | Q(kind="observation", method="indirect", source__in=("report", "public", "press", "petition"))
                | (~Q(kind="observation") & Q(method="", source="")),
                name="sventry_observation_source",
            ),
        ]


class SignsProposal(models.Model):
    """A proposal to open an inspection upon signs of violation (case B) arising from
    supervision: a C1 log's escalation request, or the signs a C2 result report found
    (domain.md §5(C) C2 step 6; §5(B) "where signs come from"). The B case is opened from
    it by inspections.services.regular_supervision.signs_proposal_spawn."""

    origin = models.ForeignKey(
        Case, verbose_name=_("hồ sơ giám sát"), on_delete=models.PROTECT, related_name="signs_proposals"
    )
    content = models.TextField(_("dấu hiệu vi phạm, nội dung đề nghị"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người đề nghị"), on_delete=models.PROTECT, related_name="+"
    )
    proposed_on = models.DateField(_("ngày đề nghị"))
    spawned_case = models.OneToOneField(
        Case,
        verbose_name=_("hồ sơ kiểm tra đã mở"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signs_proposal",
    )
    spawned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    spawned_at = models.DateTimeField(_("thời điểm mở hồ sơ"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("đề nghị kiểm tra khi có dấu hiệu vi phạm")
        verbose_name_plural = _("đề nghị kiểm tra khi có dấu hiệu vi phạm")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["origin", "spawned_case"])]
        constraints = [
            models.CheckConstraint(condition=~Q(content=""), name="signs_proposal_content_given"),
            models.CheckConstraint(
                condition=Q(spawned_case__isnull=True, spawned_by__isnull=True, spawned_at__isnull=True)
                | Q(spawned_case__isnull=False, spawned_by__isnull=False, spawned_at__isnull=False),
                name="signs_proposal_spawn_complete",
            ),
        ]


class ThematicSupervision(models.Model):
    """What a C2 thematic supervision case records beyond the shared case file (domain.md
    §5(C) C2 table): the group's method and assignments, the day the decision, plan and
    outline were sent, the subject's report (the clock start, §7.8), the draft result
    report discussed at the subject's meeting, the signs of violation the final report
    found, and the day the result notice was sent."""

    case = models.OneToOneField(Case, verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="thematic")
    group_met_on = models.DateField(_("ngày tổ giám sát họp"), null=True, blank=True)
    method = models.TextField(_("phương pháp giám sát"), blank=True)
    assignments = models.TextField(_("phân công thành viên"), blank=True)
    sent_on = models.DateField(_("ngày gửi quyết định, kế hoạch, đề cương"), null=True, blank=True)
    report_received_on = models.DateField(_("ngày nhận báo cáo của đối tượng"), null=True, blank=True)
    draft_report = models.TextField(_("dự thảo báo cáo kết quả giám sát"), blank=True)
    drafted_on = models.DateField(_("ngày dự thảo"), null=True, blank=True)
    signs_found = models.BooleanField(_("phát hiện dấu hiệu vi phạm"), default=False)
    signs_content = models.TextField(_("dấu hiệu vi phạm, đề nghị kiểm tra"), blank=True)
    notice_sent_on = models.DateField(_("ngày gửi thông báo kết quả giám sát"), null=True, blank=True)

    class Meta:
        verbose_name = _("giám sát chuyên đề")
        verbose_name_plural = _("giám sát chuyên đề")
        constraints = [
            models.CheckConstraint(
                condition=Q(signs_found=False) | ~Q(signs_content=""), name="thematic_signs_explained"
            ),
        ]


class AdditionRequest(models.Model):
    """The supervision group asks the subject for additions or explanation of its report
    (domain.md §5(C) C2 step 3); one open request at a time, closed when received."""

    case = models.ForeignKey(Case, verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="addition_requests")
    content = models.TextField(_("nội dung yêu cầu bổ sung, giải trình"))
    requested_on = models.DateField(_("ngày yêu cầu"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    received_on = models.DateField(_("ngày nhận bổ sung"), null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("yêu cầu bổ sung, giải trình")
        verbose_name_plural = _("yêu cầu bổ sung, giải trình")
        ordering = ["requested_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(content=""), name="addition_content_given"),
            models.CheckConstraint(
                condition=Q(received_on__isnull=True, received_by__isnull=True)
                | Q(received_on__isnull=False, received_by__isnull=False),
                name="addition_received_complete",
            ),
            models.UniqueConstraint(
                fields=["case"], condition=Q(received_on__isnull=True), name="addition_one_open_per_case"
            ),
        ]


class SupervisionMeeting(models.Model):
    """The supervised organisation's meeting where the subject presents its report and the
    group its draft result report (domain.md §5(C) C2 step 4): who attended — the group,
    the supervised organisation's committee, the supervised member — and the minutes."""

    case = models.ForeignKey(
        Case, verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="supervision_meetings"
    )
    held_on = models.DateField(_("ngày họp"))
    group_present = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("thành viên tổ giám sát có mặt"), related_name="+"
    )
    subject_committee_present = models.TextField(_("cấp ủy của tổ chức được giám sát có mặt"), blank=True)
    subject_member_present = models.BooleanField(_("đảng viên được giám sát có mặt"), null=True, blank=True)
    summary = models.TextField(_("tóm tắt ý kiến thảo luận"))
    minutes = models.ForeignKey(
        Document, verbose_name=_("biên bản"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("hội nghị với đối tượng giám sát")
        verbose_name_plural = _("hội nghị với đối tượng giám sát")
        ordering = ["held_on", "pk"]
        constraints = [models.CheckConstraint(condition=~Q(summary=""), name="svmeeting_summary_given")]


class SupervisionExtension(models.Model):
    """An extension of a thematic supervision's time limit: at most the rule's allowance
    and number of times (HD 02-HD/UBKTTW 2017: ≤ 1/3 of the limit, domain.md §5(C)),
    granted by the chair before the due date, with a reason."""

    case = models.ForeignKey(
        Case, verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="supervision_extensions"
    )
    number = models.PositiveSmallIntegerField(_("lần gia hạn"))
    due_before = models.DateField(_("hạn trước khi gia hạn"))
    due_after = models.DateField(_("hạn sau khi gia hạn"))
    reason = models.TextField(_("lý do gia hạn"))
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    granted_on = models.DateField(_("ngày gia hạn"))

    class Meta:
        verbose_name = _("gia hạn thời gian giám sát")
        verbose_name_plural = _("gia hạn thời gian giám sát")
        ordering = ["case", "number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="extension_unique_number"),
            models.CheckConstraint(condition=~Q(reason=""), name="sv_extension_reason_given"),
            models.CheckConstraint(condition=Q(due_after__gt=models.F("due_before")), name="extension_later"),
        ]


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

    case = models.ForeignKey(
        Case, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="deadline_extensions"
    )
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
            models.CheckConstraint(condition=~Q(reason=""), name="d_extension_reason_given"),
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


class Ballot(models.Model):
    """A secret ballot of a deciding body (domain.md §6.2; design.md decision 5).

    Who took part (BallotParticipation) and how they voted (BallotVote) are kept apart: a
    vote row has no user, no time and a random key, so nothing links it to a participant.
    The tallies exist only once the chair closes the ballot. Any case kind may hold
    ballots (discipline: the forms, heaviest first; complaints: keep / increase / reduce /
    remove); the options carry the thresholds each must reach (rule-book codes).
    """

    class Purpose(models.TextChoices):
        DECIDE = "decide", _("Biểu quyết quyết định")
        PROPOSE = "propose", _("Biểu quyết đề nghị cấp có thẩm quyền")
        DECIDE_OR_PROPOSE = (
            "decide_propose",
            _("Quyết định hình thức trong thẩm quyền, đề nghị hình thức vượt thẩm quyền"),
        )

    class ReachedBy(models.TextChoices):
        SINGLE = "single", _("Đủ số phiếu ở chính hình thức đó")
        CUMULATIVE = "cumulative", _("Cộng dồn phiếu từ hình thức cao xuống")

    case = models.ForeignKey(Case, verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="ballots")
    round = models.PositiveSmallIntegerField(_("lần bỏ phiếu"))
    purpose = models.CharField(_("mục đích"), max_length=16, choices=Purpose.choices)
    body_label = models.CharField(_("cơ quan biểu quyết"), max_length=255)
    body_kind = models.CharField(_("loại cơ quan"), max_length=40)
    # [{"code", "label", "purpose", "thresholds": [rule-book codes]}], heaviest first.
    options = models.JSONField(_("các phương án"))
    cumulative = models.BooleanField(_("cộng dồn phiếu"), default=True)
    # The count base (domain.md §6.2; Reg. 294, 9.3.2): full members of the body, absentees
    # included, less those temporarily attending elsewhere and exempted members who are absent.
    members_total = models.PositiveIntegerField(_("tổng số thành viên (đảng viên chính thức)"))
    away_count = models.PositiveIntegerField(_("số đang sinh hoạt tạm thời nơi khác"), default=0)
    exempted_absent_count = models.PositiveIntegerField(_("số được miễn sinh hoạt và vắng mặt"), default=0)
    count_base = models.PositiveIntegerField(_("số thành viên làm căn cứ tính tỷ lệ"))
    base_note = models.CharField(_("cách tính căn cứ"), max_length=300)
    present_count = models.PositiveIntegerField(_("số có mặt"))
    voters_count = models.PositiveIntegerField(_("số được phát phiếu"))
    rules_on = models.DateField(_("áp dụng quy định có hiệu lực ngày"))
    opened_at = models.DateTimeField(_("thời điểm mở"), auto_now_add=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    closed_at = models.DateTimeField(_("thời điểm kết thúc"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    valid_count = models.PositiveIntegerField(_("số phiếu hợp lệ"), null=True, blank=True)
    invalid_count = models.PositiveIntegerField(_("số phiếu không hợp lệ"), null=True, blank=True)
    tally = models.JSONField(_("số phiếu từng phương án"), default=dict, blank=True)
    cumulative_tally = models.JSONField(_("số phiếu cộng dồn"), default=dict, blank=True)
    threshold_formula = models.TextField(_("tỷ lệ áp dụng"), blank=True)
    result = models.CharField(_("kết quả"), max_length=20, blank=True)
    result_purpose = models.CharField(_("tính chất kết quả"), max_length=16, choices=Purpose.choices, blank=True)
    reached_by = models.CharField(_("cách đạt"), max_length=12, choices=ReachedBy.choices, blank=True)

    class Meta:
        verbose_name = _("cuộc bỏ phiếu kín")
        verbose_name_plural = _("các cuộc bỏ phiếu kín")
        ordering = ["case", "round"]
        constraints = [
            models.UniqueConstraint(fields=["case", "round"], name="ballot_unique_round"),
            models.UniqueConstraint(fields=["case"], condition=Q(closed_at__isnull=True), name="ballot_one_open"),
            models.CheckConstraint(
                condition=Q(
                    count_base=models.F("members_total") - models.F("away_count") - models.F("exempted_absent_count")
                ),
                name="ballot_base_computed",
            ),
            models.CheckConstraint(condition=Q(count_base__gte=1), name="ballot_base_positive"),
            models.CheckConstraint(
                condition=Q(present_count__lte=models.F("count_base")), name="ballot_present_le_base"
            ),
            models.CheckConstraint(
                condition=Q(voters_count__lte=models.F("present_count")), name="ballot_voters_present"
            ),
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True, closed_by__isnull=True, valid_count__isnull=True, result="")
                | Q(
                    closed_at__isnull=False,
                    closed_by__isnull=False,
                    valid_count__isnull=False,
                    invalid_count__isnull=False,
                ),
                name="ballot_closed_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Bỏ phiếu')} #{self.round} – {self.body_label}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def option_label(self, code: str) -> str:
        return next((o["label"] for o in self.options if o["code"] == code), code)


class BallotParticipation(models.Model):
    """That a person took part in a ballot (received and returned a paper). Nothing here
    says how they voted, and no vote row points here."""

    ballot = models.ForeignKey(Ballot, on_delete=models.PROTECT, related_name="participations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người bỏ phiếu"), on_delete=models.PROTECT)

    class Meta:
        verbose_name = _("người đã bỏ phiếu")
        verbose_name_plural = _("người đã bỏ phiếu")
        constraints = [models.UniqueConstraint(fields=["ballot", "user"], name="ballot_one_participation")]


class BallotVote(models.Model):
    """One anonymous ballot paper: the option marked ("" = nothing marked, an invalid paper).
    No user, no timestamp; the key is random, so the order of rows says nothing about who
    cast them (the rows are rewritten in random order when the ballot closes)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(Ballot, on_delete=models.PROTECT, related_name="votes")
    option = models.CharField(_("phương án"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("phiếu biểu quyết")
        verbose_name_plural = _("phiếu biểu quyết")


class DecidingBodyKind(models.TextChoices):
    """Kinds of body that vote on discipline; the codes of the rule book's authority matrix
    (inspections.rulebook.may_impose; domain.md §6.3)."""

    CELL = "cell", _("Chi bộ")
    GRASSROOTS_EXECUTIVE = "grassroots.executive", _("Đảng ủy cơ sở")
    GRASSROOTS_STANDING = "grassroots.standing", _("Ban Thường vụ đảng ủy cơ sở")
    GRASSROOTS_INSPECTION = "grassroots.inspection", _("Ủy ban kiểm tra đảng ủy cơ sở")
    DISTRICT_EXECUTIVE = "district.executive", _("Huyện ủy (cấp trên trực tiếp của cơ sở)")
    DISTRICT_STANDING = "district.standing", _("Ban Thường vụ huyện ủy")
    DISTRICT_INSPECTION = "district.inspection", _("Ủy ban kiểm tra huyện ủy")


class DisciplineCase(models.Model):
    """What a discipline case (kind E, domain.md §5(E)) records beyond the case row: the
    violation and its period (for the statute of limitations, §6.5), the deciding body,
    the self-criticism, the report proposing discipline and the outcome of the votes.
    Written only by inspections.services.discipline*."""

    class SubjectKind(models.TextChoices):
        MEMBER = "member", _("Đảng viên")
        COMMITTEE_MEMBER = "committee_member", _("Cấp ủy viên cùng cấp")
        ORGANISATION = "organisation", _("Tổ chức đảng")

    class StatuteCategory(models.TextChoices):
        BY_FORM = "by_form", _("Theo hình thức kỷ luật (khiển trách 5 năm; cảnh cáo, cách chức 10 năm)")
        INTERNAL_POLITICS = "no_limit.internal_politics", _("Không áp dụng thời hiệu: bảo vệ chính trị nội bộ")
        DEFENCE = (
            "no_limit.defence_security_foreign",
            _("Không áp dụng thời hiệu: quốc phòng, an ninh, đối ngoại xâm hại lợi ích quốc gia"),
        )
        DIPLOMAS = "no_limit.illegal_diplomas", _("Không áp dụng thời hiệu: sử dụng văn bằng, chứng chỉ không hợp pháp")

    class SelfCriticism(models.TextChoices):
        PENDING = "pending", _("Chưa kiểm điểm")
        RECEIVED = "received", _("Đã nhận bản tự kiểm điểm")
        REFUSED = "refused", _("Đảng viên không kiểm điểm, tổ chức vẫn xem xét")
        DETAINED = "detained", _("Đảng viên bị tạm giam, tổ chức vẫn xem xét")
        MERGED = "merged", _("Đã tự nhận hình thức trong quá trình kiểm tra (kết hợp quy trình)")

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Đang xem xét")
        PROPOSED = "proposed", _("Đã đề nghị cấp có thẩm quyền")
        DECIDED = "decided", _("Đã biểu quyết thi hành kỷ luật")
        NO_RESULT = "no_result", _("Không hình thức nào đủ số phiếu: không kỷ luật")
        STATUTE_EXPIRED = "statute_expired", _("Đã hết thời hiệu: không kỷ luật")

    case = models.OneToOneField(Case, verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="discipline")
    setup_done = models.BooleanField(_("đã hoàn tất lập hồ sơ"), default=False)
    merged = models.BooleanField(_("kết hợp kiểm tra và thi hành kỷ luật"), default=False)
    violation = models.TextField(_("nội dung vi phạm"), blank=True)
    violation_start = models.DateField(_("vi phạm từ ngày"), null=True, blank=True)
    violation_end = models.DateField(_("vi phạm kéo dài đến ngày"), null=True, blank=True)
    statute_category = models.CharField(
        _("thời hiệu"), max_length=40, choices=StatuteCategory.choices, default=StatuteCategory.BY_FORM
    )
    subject_kind = models.CharField(_("loại đối tượng"), max_length=20, choices=SubjectKind.choices)
    # The body deciding the current round: the one named at opening, then the competent
    # body of each proposal.
    body_kind = models.CharField(_("loại cơ quan xem xét"), max_length=40, choices=DecidingBodyKind.choices, blank=True)
    body_label = models.CharField(_("cơ quan xem xét"), max_length=255, blank=True)
    body_committee = models.ForeignKey(
        Committee, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("cơ quan")
    )
    body_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("chi bộ")
    )
    self_criticism = models.CharField(
        _("kiểm điểm"), max_length=10, choices=SelfCriticism.choices, default=SelfCriticism.PENDING
    )
    self_proposed_form = models.CharField(
        _("tự nhận hình thức"), max_length=12, choices=SanctionForm.choices, blank=True
    )
    self_criticism_on = models.DateField(_("ngày nhận bản kiểm điểm / ghi nhận"), null=True, blank=True)
    self_criticism_note = models.TextField(_("ghi chú kiểm điểm"), blank=True)
    report_text = models.TextField(_("báo cáo đề nghị thi hành kỷ luật"), blank=True)
    proposed_form = models.CharField(_("hình thức đề nghị"), max_length=12, choices=SanctionForm.choices, blank=True)
    reported_on = models.DateField(_("ngày báo cáo"), null=True, blank=True)
    # A new violation within the period restarts the statute clock (domain.md §6.5).
    new_violation_on = models.DateField(_("ngày vi phạm mới"), null=True, blank=True)
    outcome = models.CharField(_("kết quả"), max_length=16, choices=Outcome.choices, default=Outcome.PENDING)
    decided_form = models.CharField(_("hình thức kỷ luật"), max_length=12, choices=SanctionForm.choices, blank=True)
    voted_on = models.DateField(_("ngày biểu quyết quyết định"), null=True, blank=True)
    statute_years = models.PositiveSmallIntegerField(_("thời hiệu (năm)"), null=True, blank=True)
    statute_runs_until = models.DateField(_("thời hiệu đến ngày"), null=True, blank=True)
    statute_expired = models.BooleanField(_("đã hết thời hiệu"), null=True, blank=True)

    class Meta:
        verbose_name = _("hồ sơ thi hành kỷ luật")
        verbose_name_plural = _("hồ sơ thi hành kỷ luật")
        constraints = [
            models.CheckConstraint(
                condition=Q(violation_end__isnull=True)
                | Q(violation_start__isnull=True)
                | Q(violation_end__gte=models.F("violation_start")),
                name="discipline_violation_ordered",
            ),
            models.CheckConstraint(
                condition=~Q(body_kind="cell") | Q(body_committee__isnull=True),
                name="discipline_cell_is_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Kỷ luật')} – {self.case_id}"


class DisciplineDeferral(models.Model):
    """Discipline not yet considered (domain.md §5(E), §7.9): pregnancy, a child under 12
    months, serious illness in hospital. The case is suspended, its clock stops; resuming
    returns it to the step where it stopped."""

    class Reason(models.TextChoices):
        PREGNANCY = "pregnancy", _("Đang mang thai")
        CHILD = "child_under_12m", _("Đang nuôi con dưới 12 tháng")
        ILLNESS = "serious_illness", _("Đang ốm nặng, điều trị nội trú")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="discipline_deferrals")
    reason = models.CharField(_("lý do"), max_length=20, choices=Reason.choices)
    note = models.TextField(_("ghi chú"), blank=True)
    deferred_on = models.DateField(_("tạm hoãn từ ngày"))
    from_status = models.CharField(_("tạm hoãn ở bước"), max_length=20, choices=CaseStatus.choices)
    deferred_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    resumed_on = models.DateField(_("tiếp tục từ ngày"), null=True, blank=True)
    resume_note = models.TextField(_("ghi chú khi tiếp tục"), blank=True)
    resumed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("tạm hoãn xem xét kỷ luật")
        verbose_name_plural = _("tạm hoãn xem xét kỷ luật")
        ordering = ["case", "deferred_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(resumed_on__isnull=True), name="deferral_one_open_per_case"
            ),
            models.CheckConstraint(
                condition=Q(resumed_on__isnull=True) | Q(resumed_on__gte=models.F("deferred_on")),
                name="deferral_resume_after_start",
            ),
        ]


class DisciplineProposal(models.Model):
    """A vote beyond the body's authority becomes a proposal to the competent body, which
    votes again (domain.md §5(E) steps 4-5; proposals go to the committee and the inspection
    committee of the next level, [R S66])."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="discipline_proposals")
    ballot = models.OneToOneField(Ballot, on_delete=models.PROTECT, related_name="proposal")
    form = models.CharField(_("hình thức đề nghị"), max_length=12, choices=SanctionForm.choices)
    from_body_label = models.CharField(_("cơ quan đề nghị"), max_length=255)
    to_body_kind = models.CharField(_("loại cơ quan có thẩm quyền"), max_length=40, choices=DecidingBodyKind.choices)
    to_body_label = models.CharField(_("cơ quan có thẩm quyền"), max_length=255)
    to_committee = models.ForeignKey(Committee, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    to_organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    to_has_authority = models.BooleanField(_("cơ quan nhận có thẩm quyền"))
    sent_on = models.DateField(_("ngày gửi tờ trình"))
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("đề nghị cấp có thẩm quyền thi hành kỷ luật")
        verbose_name_plural = _("đề nghị cấp có thẩm quyền thi hành kỷ luật")
        ordering = ["case", "pk"]


class DisciplineResponsibility(models.Model):
    """When an organisation is disciplined, the individual responsibility of its members,
    especially the head, is considered (domain.md §5(E), §8; issue 3 point 3)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="discipline_responsibilities")
    member = models.ForeignKey(PartyMember, verbose_name=_("đảng viên"), on_delete=models.PROTECT, related_name="+")
    is_head = models.BooleanField(_("người đứng đầu"), default=False)
    text = models.TextField(_("trách nhiệm cá nhân"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("trách nhiệm cá nhân trong kỷ luật tổ chức")
        verbose_name_plural = _("trách nhiệm cá nhân trong kỷ luật tổ chức")
        ordering = ["case", "-is_head", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["case", "member"], name="responsibility_one_per_member"),
            models.CheckConstraint(condition=~Q(text=""), name="responsibility_text_given"),
        ]


class DisciplineDecision(models.Model):
    """The disciplinary decision (Quyết định thi hành kỷ luật) and its announcement
    (domain.md §6.4): effective on announcement; a refusal to receive it is noted and
    changes nothing."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="discipline_decision")
    form = models.CharField(_("hình thức kỷ luật"), max_length=12, choices=SanctionForm.choices)
    body_kind = models.CharField(_("loại cơ quan quyết định"), max_length=40, choices=DecidingBodyKind.choices)
    body_label = models.CharField(_("cơ quan quyết định"), max_length=255)
    number = models.CharField(_("số quyết định"), max_length=60)
    signed_on = models.DateField(_("ngày ký"))
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    announce_rule = models.CharField(_("quy định về thời hạn công bố"), max_length=30)
    announce_due_on = models.DateField(_("hạn công bố"))
    announced_on = models.DateField(_("ngày công bố"), null=True, blank=True)
    announced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    refused_receipt = models.BooleanField(_("đối tượng từ chối nhận quyết định"), default=False)
    refusal_note = models.TextField(_("ghi nhận việc từ chối"), blank=True)
    record = models.OneToOneField(
        DisciplineRecord, null=True, blank=True, on_delete=models.PROTECT, related_name="decision"
    )

    class Meta:
        verbose_name = _("quyết định thi hành kỷ luật")
        verbose_name_plural = _("quyết định thi hành kỷ luật")
        constraints = [
            models.CheckConstraint(condition=~Q(number=""), name="discipline_decision_numbered"),
            models.CheckConstraint(
                condition=Q(announced_on__isnull=True) | Q(announced_on__gte=models.F("signed_on")),
                name="discipline_announced_after_signing",
            ),
            models.CheckConstraint(
                condition=Q(refused_receipt=False) | ~Q(refusal_note=""), name="discipline_refusal_noted"
            ),
        ]


class StateProposal(models.Model):
    """No later than 5 days after party discipline, the party body proposes to the state,
    Fatherland Front or socio-political bodies the matching administrative or
    organisational action (Reg. 296; domain.md §5(E) principles) — a tracked task with a
    due date, or recorded "not applicable" with the reason."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Chưa thực hiện")
        SENT = "sent", _("Đã gửi đề nghị")
        NOT_APPLICABLE = "not_applicable", _("Không thuộc trường hợp phải đề nghị")

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="state_proposal")
    record = models.ForeignKey(DisciplineRecord, on_delete=models.PROTECT, related_name="state_proposals")
    due_on = models.DateField(_("hạn đề nghị"))
    status = models.CharField(_("tình trạng"), max_length=16, choices=Status.choices, default=Status.PENDING)
    sent_on = models.DateField(_("ngày gửi"), null=True, blank=True)
    recipient = models.CharField(_("cơ quan nhận đề nghị"), max_length=255, blank=True)
    reason = models.TextField(_("lý do không đề nghị"), blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("đề nghị xử lý hành chính, đoàn thể")
        verbose_name_plural = _("đề nghị xử lý hành chính, đoàn thể")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="pending", sent_on__isnull=True, done_by__isnull=True)
                | Q(status="sent", sent_on__isnull=False, done_by__isnull=False) & ~Q(recipient="")
                | Q(status="not_applicable", sent_on__isnull=True, done_by__isnull=False) & ~Q(reason=""),
                name="state_proposal_complete",
            ),
        ]


# ---- (models slot: F complaint) ----


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
