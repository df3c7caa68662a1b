"""Versioned rule tables (issue 3 point 1): time limits, vote thresholds, sanction
authority, statute of limitations and "not handled" criteria, and the rule-change log.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inspections.models.records import SanctionForm
from people.models import Committee, Organisation

# Issue 3 point 1 (domain.md "What this means", point 1): the statutory numbers are data,
# one versioned table per rule family. A row is one *version* of one rule: it is in force
# from `effective_from` until the next version of the same rule starts (or through
# `effective_to` when that is set), nationally or, with `province`, for one province only.
# inspections.rulebook reads them (the version in force on a day, a province's own version
# preferred); inspections.services.rules is their only writer and journals every change in
# RuleChange; a version already in force keeps its numbers (a new version replaces it).

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


class ActingLevel(models.TextChoices):
    """The level of the body acting on a case, for time limits that differ by level (issue 9
    point 6; domain.md §5(C), §11b.7: thematic supervision 20/25/30/45 working days at
    grassroots/district/province/central level). Blank on a rule: every level."""

    ALL = "", _("Mọi cấp")
    GRASSROOTS = "grassroots", _("Cơ sở")
    COMMUNE = "commune", _("Cấp xã (xã, phường, đặc khu)")
    DISTRICT = "district", _("Cấp huyện (mô hình cũ)")
    PROVINCE = "province", _("Cấp tỉnh")
    CENTRAL = "central", _("Trung ương")


class LetterKind(models.TextChoices):
    DENUNCIATION = "denunciation", _("Đơn tố cáo")
    COMPLAINT = "complaint", _("Đơn khiếu nại kỷ luật")


class SubjectKind(models.TextChoices):
    """Who a discipline is imposed on, for the authority matrix (domain.md §6.3): a member; a
    member of the party committee at the deciding body's level; a member of a lower-level
    committee (the grassroots committee dismisses them, §6.3); a cadre managed by a higher
    level (only the cell reprimands or warns them, for the violations of §6.3; issue 9
    point 2); an organisation."""

    MEMBER = "member", _("Đảng viên")
    COMMITTEE_MEMBER = "committee_member", _("Cấp ủy viên cùng cấp")
    LOWER_COMMITTEE_MEMBER = "lower_committee_member", _("Cấp ủy viên cấp dưới")
    HIGHER_MANAGED = "higher_managed", _("Cán bộ thuộc diện cấp trên quản lý")
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

    # A level-specific version is preferred over the one for every level (blank), within
    # the same scope (province, then national): inspections.rulebook.time_limit.
    KEY = ("code", "level")
    EDITABLE_IN_FORCE = ("source", "note", "provisional")

    code = models.CharField(_("mã thời hạn"), max_length=40, validators=[RULE_CODE], db_index=True)
    level = models.CharField(
        _("cấp tiến hành"),
        max_length=16,
        choices=ActingLevel.choices,
        blank=True,
        default="",
        help_text=_("Để trống: áp dụng cho mọi cấp. Quy định riêng của một cấp được ưu tiên."),
    )
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
            *_version_constraints("time_limit", ("code", "level")),
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
        level = f" [{self.get_level_display()}]" if self.level else ""
        return f"{self.code}{level}: {self.amount} {self.get_unit_display()} ({self.version_label()})"

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
    EDITABLE_IN_FORCE = ("source", "note", "provisional")

    body_kind = models.CharField(
        _("loại cơ quan"),
        max_length=60,
        validators=[RULE_CODE],
        help_text=_(
            "Mã loại cơ quan của bảng “loại cơ quan xem xét kỷ luật”, ví dụ: cell, commune.inspection, "
            "province.standing."
        ),
    )
    subject_kind = models.CharField(_("đối tượng"), max_length=30, choices=SubjectKind.choices)
    form = models.CharField(_("hình thức kỷ luật"), max_length=12, choices=SanctionForm.choices)
    allowed = models.BooleanField(_("có thẩm quyền"), default=True)
    # Điều lệ Đảng Điều 36 (domain.md §6.3): a grassroots committee may expel only when it
    # was delegated the power to admit members (people.Organisation.admission_delegated).
    requires_admission_delegation = models.BooleanField(
        _("chỉ khi được ủy quyền kết nạp đảng viên"),
        default=False,
        help_text=_("Chọn: chỉ áp dụng cho cơ quan của tổ chức đảng được ủy quyền kết nạp đảng viên."),
    )
    provisional = models.BooleanField(
        _("tạm tính"), default=False, help_text=_("Thẩm quyền chưa được xác nhận theo văn bản hiện hành.")
    )

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


class DecidingBodyKind(RuleVersion):
    """What kind of deciding body a committee is, for the sanction authority matrix (issue 9
    point 2; domain.md §2.1, §6.3, §11b.8): the level of its organisation (people.OrgLevel)
    and its kind (party committee, standing committee, inspection committee, cell) give the
    code that SanctionAuthorityRule rows are keyed by. The code is derived from the committee
    actually chosen (inspections.selectors.authority.deciding_body), never declared by the
    clerk. Versioned like every rule table: a province may map its bodies otherwise."""

    KEY = ("level", "committee_kind")
    EDITABLE_IN_FORCE = ("source", "note", "provisional", "label")

    level = models.ForeignKey(
        "people.OrgLevel", verbose_name=_("cấp tổ chức"), on_delete=models.PROTECT, related_name="+"
    )
    committee_kind = models.CharField(
        _("loại cơ quan"),
        max_length=20,
        choices=Committee.Kind.choices,
    )
    code = models.CharField(
        _("mã loại cơ quan xem xét kỷ luật"),
        max_length=60,
        validators=[RULE_CODE],
        help_text=_("Mã dùng trong bảng thẩm quyền thi hành kỷ luật, ví dụ: commune.inspection."),
    )
    label = models.CharField(_("tên loại cơ quan"), max_length=200)
    provisional = models.BooleanField(
        _("tạm tính"), default=False, help_text=_("Cách xếp loại chưa được xác nhận theo văn bản hiện hành.")
    )

    class Meta:
        verbose_name = _("loại cơ quan xem xét kỷ luật")
        verbose_name_plural = _("loại cơ quan xem xét kỷ luật")
        ordering = ["level", "committee_kind", "province", "-effective_from"]
        constraints = _version_constraints("deciding_body_kind", ("level", "committee_kind"))

    def __str__(self) -> str:
        return f"{self.level} – {self.get_committee_kind_display()}: {self.code} ({self.version_label()})"


RULE_MODELS = (
    TimeLimitRule,
    VoteThresholdRule,
    SanctionAuthorityRule,
    StatuteRule,
    NotHandledCriterion,
    DecidingBodyKind,
)


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
