"""People and organisations.

Organisation levels are data (domain.md, "What this means", point 2): the structure in
force since 1/7/2025 (province -> commune/ward/special-zone committee -> cell) and the
legacy one (district -> grassroots -> cell) are both rows of OrgLevel, not code.
"""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who signs in. Linked to the party member record when there is one."""

    full_name = models.CharField(_("họ và tên"), max_length=200, blank=True)
    member = models.OneToOneField(
        "people.PartyMember",
        verbose_name=_("đảng viên"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="user",
    )

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self) -> str:
        return self.full_name or self.get_username()

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name() or self.get_username()


class OrgLevel(models.Model):
    """One level of the party organisation hierarchy, as configuration."""

    class Structure(models.TextChoices):
        CURRENT = "current", _("Mô hình từ 01/7/2025 (tỉnh - xã)")
        LEGACY = "legacy", _("Mô hình cũ (huyện - cơ sở)")

    code = models.SlugField(_("mã cấp"), max_length=40, unique=True)
    name = models.CharField(_("tên cấp"), max_length=120)
    structure = models.CharField(_("mô hình"), max_length=10, choices=Structure.choices)
    rank = models.PositiveSmallIntegerField(_("thứ bậc"), help_text=_("1 là cấp cao nhất; số càng lớn càng thấp."))
    is_grassroots = models.BooleanField(_("là cấp cơ sở"), default=False)
    may_have_inspection_committee = models.BooleanField(_("có ủy ban kiểm tra"), default=False)

    class Meta:
        verbose_name = _("cấp tổ chức")
        verbose_name_plural = _("cấp tổ chức")
        ordering = ["structure", "rank"]

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    """A party organisation (committee, cell...). `path` is a materialised path of ids."""

    name = models.CharField(_("tên tổ chức"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=40, blank=True)
    level = models.ForeignKey(OrgLevel, verbose_name=_("cấp"), on_delete=models.PROTECT)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("tổ chức cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(_("đường dẫn"), max_length=255, editable=False, db_index=True)
    founded_on = models.DateField(_("ngày thành lập"), null=True, blank=True)
    dissolved_on = models.DateField(_("ngày giải thể/hợp nhất"), null=True, blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    # A grassroots party committee delegated the power to admit members may expel a member
    # (but not its own committee members nor cadres managed by a higher level): Điều lệ Đảng
    # Điều 36 (domain.md §6.3). Read by the sanction authority rows that require it
    # (SanctionAuthorityRule.requires_admission_delegation; issue 9 point 2).
    admission_delegated = models.BooleanField(
        _("được ủy quyền kết nạp đảng viên"),
        default=False,
        help_text=_("Đảng ủy cơ sở được cấp trên ủy quyền quyết định kết nạp đảng viên."),
    )

    class Meta:
        verbose_name = _("tổ chức đảng")
        verbose_name_plural = _("tổ chức đảng")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(dissolved_on__isnull=True) | Q(is_active=False),
                name="org_dissolved_is_inactive",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class OrganisationSuccession(models.Model):
    """A merge or split: the predecessor's work continues in the successor."""

    class Kind(models.TextChoices):
        MERGE = "merge", _("Hợp nhất/sáp nhập")
        SPLIT = "split", _("Chia tách")

    predecessor = models.ForeignKey(
        Organisation, verbose_name=_("tổ chức cũ"), on_delete=models.PROTECT, related_name="successions"
    )
    successor = models.ForeignKey(
        Organisation, verbose_name=_("tổ chức kế thừa"), on_delete=models.PROTECT, related_name="predecessions"
    )
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    effective_on = models.DateField(_("ngày hiệu lực"))
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("kế thừa tổ chức")
        verbose_name_plural = _("kế thừa tổ chức")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="succession_unique_pair"),
            models.CheckConstraint(condition=~Q(predecessor=models.F("successor")), name="succession_not_self"),
        ]


class PartyMember(models.Model):
    class Sex(models.TextChoices):
        MALE = "M", _("Nam")
        FEMALE = "F", _("Nữ")

    class Status(models.TextChoices):
        PROBATIONARY = "probationary", _("Dự bị")
        FULL = "full", _("Chính thức")
        TRANSFERRED = "transferred", _("Đã chuyển sinh hoạt")
        EXPELLED = "expelled", _("Bị khai trừ")
        STRUCK = "struck", _("Bị xóa tên")
        DECEASED = "deceased", _("Từ trần")

    full_name = models.CharField(_("họ và tên"), max_length=200, db_index=True)
    birth_date = models.DateField(_("ngày sinh"))
    sex = models.CharField(_("giới tính"), max_length=1, choices=Sex.choices)
    card_number = models.CharField(_("số thẻ đảng viên"), max_length=20, unique=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("chi bộ/tổ chức sinh hoạt"), on_delete=models.PROTECT, related_name="members"
    )
    joined_on = models.DateField(_("ngày vào Đảng"))
    status = models.CharField(_("tình trạng"), max_length=20, choices=Status.choices, default=Status.FULL)
    # The day the membership ended (issue 9 point 8): expulsion or strike-off from its
    # effective date, death from the date of death. Empty while the member is in the party.
    # people.selectors.in_party_on reads it for count bases and voter lists.
    left_on = models.DateField(_("ngày thôi là đảng viên"), null=True, blank=True)

    class Meta:
        verbose_name = _("đảng viên")
        verbose_name_plural = _("đảng viên")
        ordering = ["full_name"]
        constraints = [
            models.CheckConstraint(condition=Q(joined_on__gt=models.F("birth_date")), name="member_joined_after_birth"),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.card_number})"


class Position(models.Model):
    """A post held by a member in an organisation, with dates."""

    class Kind(models.TextChoices):
        SECRETARY = "secretary", _("Bí thư")
        DEPUTY_SECRETARY = "deputy_secretary", _("Phó Bí thư")
        COMMITTEE_MEMBER = "committee_member", _("Cấp ủy viên")
        HEAD_OF_UNIT = "head_of_unit", _("Người đứng đầu cơ quan, đơn vị")

    member = models.ForeignKey(
        PartyMember, verbose_name=_("đảng viên"), on_delete=models.PROTECT, related_name="positions"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("tổ chức"), on_delete=models.PROTECT, related_name="positions"
    )
    kind = models.CharField(_("chức vụ"), max_length=30, choices=Kind.choices)
    started_on = models.DateField(_("từ ngày"))
    ended_on = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("chức vụ")
        verbose_name_plural = _("chức vụ")
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="position_dates_ordered",
            ),
        ]
        indexes = [models.Index(fields=["member", "kind"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.organisation}"


class Committee(models.Model):
    """A body of an organisation for one term: inspection committee, standing board...

    A party cell has no committee of its own but inspects, supervises and resolves
    denunciations itself (domain.md §2.2, §2.3, §3): the cell acting as a body is a row of
    kind CELL ("Chi bộ") on the cell's organisation, its seats the secretary (chair), the
    deputy secretaries (deputy) and the cell committee members (member). Cases, numbering,
    document codes and access then work for it as for any other body (issue 9 point 9)."""

    class Kind(models.TextChoices):
        INSPECTION = "inspection", _("Ủy ban kiểm tra")
        STANDING = "standing", _("Ban Thường vụ")
        EXECUTIVE = "executive", _("Ban Chấp hành")
        CELL = "cell", _("Chi bộ")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("tổ chức"), on_delete=models.PROTECT, related_name="committees"
    )
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("tên"), max_length=255)
    code = models.CharField(
        _("ký hiệu trên văn bản"), max_length=30, help_text=_("Ví dụ: UBKTĐU — dùng trong số hiệu văn bản.")
    )
    term_start = models.DateField(_("đầu nhiệm kỳ"))
    term_end = models.DateField(_("cuối nhiệm kỳ"), null=True, blank=True)

    class Meta:
        verbose_name = _("cơ quan (ủy ban, ban)")
        verbose_name_plural = _("cơ quan (ủy ban, ban)")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "kind", "term_start"], name="committee_unique_term"),
            models.CheckConstraint(
                condition=Q(term_end__isnull=True) | Q(term_end__gt=models.F("term_start")),
                name="committee_term_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CommitteeSeat(models.Model):
    """A seat on a committee. Seats carry people (users), who may be party members."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chủ nhiệm / Bí thư")
        DEPUTY = "deputy", _("Phó Chủ nhiệm / Phó Bí thư")
        MEMBER = "member", _("Ủy viên")
        STAFF = "staff", _("Cán bộ, chuyên viên cơ quan")

    committee = models.ForeignKey(Committee, verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="seats")
    user = models.ForeignKey(User, verbose_name=_("người dùng"), on_delete=models.PROTECT, related_name="seats")
    role = models.CharField(_("vai trò"), max_length=10, choices=Role.choices)
    started_on = models.DateField(_("từ ngày"))
    ended_on = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("thành viên cơ quan")
        verbose_name_plural = _("thành viên cơ quan")
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="seat_dates_ordered",
            ),
            models.UniqueConstraint(
                fields=["committee", "user", "role"], condition=Q(ended_on__isnull=True), name="seat_one_open"
            ),
        ]
        indexes = [models.Index(fields=["user", "committee"])]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.committee}"


class Kinship(models.Model):
    """Declared family relation between two members (used for conflict-of-interest checks)."""

    class Relation(models.TextChoices):
        SPOUSE = "spouse", _("Vợ/chồng")
        PARENT = "parent", _("Cha/mẹ")
        CHILD = "child", _("Con")
        SIBLING = "sibling", _("Anh/chị/em ruột")
        IN_LAW = "in_law", _("Quan hệ thông gia")
        OTHER = "other", _("Họ hàng khác")

    member = models.ForeignKey(PartyMember, verbose_name=_("đảng viên"), on_delete=models.CASCADE, related_name="kin")
    relative = models.ForeignKey(
        PartyMember, verbose_name=_("người thân"), on_delete=models.CASCADE, related_name="kin_of"
    )
    relation = models.CharField(_("quan hệ"), max_length=10, choices=Relation.choices)

    class Meta:
        verbose_name = _("quan hệ gia đình")
        verbose_name_plural = _("quan hệ gia đình")
        constraints = [
            models.UniqueConstraint(fields=["member", "relative"], name="kinship_unique_pair"),
            models.CheckConstraint(condition=~Q(member=models.F("relative")), name="kinship_not_self"),
        ]


class AuditMandate(models.Model):
    """An auditor's read-only jurisdiction: an organisation subtree over a period."""

    user = models.ForeignKey(
        User, verbose_name=_("kiểm soát viên"), on_delete=models.PROTECT, related_name="audit_mandates"
    )
    organisation = models.ForeignKey(Organisation, verbose_name=_("phạm vi tổ chức"), on_delete=models.PROTECT)
    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến ngày"))

    class Meta:
        verbose_name = _("phạm vi kiểm soát")
        verbose_name_plural = _("phạm vi kiểm soát")
        constraints = [
            models.CheckConstraint(condition=Q(valid_to__gte=models.F("valid_from")), name="mandate_dates_ordered"),
        ]


class Delegation(models.Model):
    """Out-of-office delegation (issue 4 point 7): while `user` is away, from `starts_on`
    to `ends_on` inclusive, `delegate` acts in their place. What that means for cases
    (roles, tasks, the journal) is done by inspections.services.handover and
    workflow.delegation; this row only records who, when and why."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Chưa đến ngày bắt đầu")
        ACTIVE = "active", _("Đang ủy quyền")
        ENDED = "ended", _("Đã kết thúc")
        CANCELLED = "cancelled", _("Đã hủy trước khi bắt đầu")

    user = models.ForeignKey(
        User, verbose_name=_("người vắng mặt"), on_delete=models.PROTECT, related_name="delegations"
    )
    delegate = models.ForeignKey(
        User, verbose_name=_("người được ủy quyền"), on_delete=models.PROTECT, related_name="delegations_received"
    )
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    reason = models.CharField(_("lý do vắng mặt"), max_length=255)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    created_by = models.ForeignKey(User, verbose_name=_("người lập"), on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("thời điểm lập"), auto_now_add=True)
    started_at = models.DateTimeField(_("thời điểm bắt đầu"), null=True, blank=True)
    ended_at = models.DateTimeField(_("thời điểm kết thúc"), null=True, blank=True)
    ended_by = models.ForeignKey(
        User, verbose_name=_("người kết thúc"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("ủy quyền khi vắng mặt")
        verbose_name_plural = _("ủy quyền khi vắng mặt")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="delegation_dates_ordered"),
            models.CheckConstraint(condition=~Q(delegate=models.F("user")), name="delegation_not_self"),
            models.CheckConstraint(
                condition=Q(status__in=["scheduled", "active"], ended_at__isnull=True)
                | Q(status__in=["ended", "cancelled"], ended_at__isnull=False),
                name="delegation_closed_has_end",
            ),
        ]
        indexes = [models.Index(fields=["user", "status"]), models.Index(fields=["delegate", "status"])]

    def __str__(self) -> str:
        return f"{self.user} → {self.delegate} ({self.starts_on:%d/%m/%Y}–{self.ends_on:%d/%m/%Y})"


# Allowed status moves are data beside the enum (style.md, the django-oscar pipeline).
DELEGATION_PIPELINE: dict[str, tuple[str, ...]] = {
    Delegation.Status.SCHEDULED: (Delegation.Status.ACTIVE, Delegation.Status.CANCELLED),
    Delegation.Status.ACTIVE: (Delegation.Status.ENDED,),
    Delegation.Status.ENDED: (),
    Delegation.Status.CANCELLED: (),
}


class HandoverRequest(models.Model):
    """Bulk hand-over of a departing staff member's case roles and open tasks to a
    successor (issue 4 point 7). Requested by committee staff or the chair; approved by a
    chair who did not request it (four eyes, also a database constraint)."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Chờ Chủ nhiệm duyệt")
        APPROVED = "approved", _("Đã duyệt và bàn giao")
        REJECTED = "rejected", _("Không duyệt")

    departing = models.ForeignKey(
        User, verbose_name=_("người chuyển công tác"), on_delete=models.PROTECT, related_name="handovers_out"
    )
    successor = models.ForeignKey(
        User, verbose_name=_("người nhận bàn giao"), on_delete=models.PROTECT, related_name="handovers_in"
    )
    reason = models.TextField(_("lý do"))
    requested_by = models.ForeignKey(User, verbose_name=_("người đề nghị"), on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("thời điểm đề nghị"), auto_now_add=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.REQUESTED)
    decided_by = models.ForeignKey(
        User, verbose_name=_("người duyệt"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("thời điểm duyệt"), null=True, blank=True)
    decision_note = models.TextField(_("ý kiến"), blank=True)

    class Meta:
        verbose_name = _("bàn giao công việc")
        verbose_name_plural = _("bàn giao công việc")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(successor=models.F("departing")), name="handover_not_self"),
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=models.F("requested_by")),
                name="handover_four_eyes",
            ),
            models.CheckConstraint(
                condition=Q(status="requested", decided_by__isnull=True, decided_at__isnull=True)
                | (~Q(status="requested") & Q(decided_by__isnull=False, decided_at__isnull=False)),
                name="handover_decided_has_decider",
            ),
            models.UniqueConstraint(
                fields=["departing"], condition=Q(status="requested"), name="handover_one_open_per_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.departing} → {self.successor}"
