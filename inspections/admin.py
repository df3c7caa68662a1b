"""Django admin for the inspections reference data only.

Key areas, the holiday calendar (design.md decision 6: the calendar is set by the
government each year), the segregation-of-duties rows (switched on or off, with their
source: issue 9 point 1), which body kind may open which case kind (issue 9 point 9)
and the versioned rule tables (issue 3 point 1) are edited here; the
rule-change log is shown read-only. Case data — cases, roles, documents, findings, reports,
conclusions, recommendations, the journal and the permission tables, and above all the
parties with sealed identities, their scans and unseal requests — is deliberately not
registered: it is shown only by access-checked views and changed only by services, and
the admin would be a way around both (deny by default).
"""

import copy

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.db.models import BooleanField, Exists, OuterRef, Q, When
from django.db.models import Case as SqlCase
from django.forms.models import construct_instance
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from inspections.exceptions import RuleViolation
from inspections.models import (
    PROVINCE_RANK,
    CaseOpeningRule,
    DecidingBodyKind,
    DisciplineGround,
    KeyArea,
    NotHandledCriterion,
    OutboxMessage,
    RuleChange,
    SanctionAuthorityRule,
    StatuteRule,
    StepSeparation,
    TimeLimitRule,
    VoteThresholdRule,
)
from inspections.services import notifications as notification_services
from inspections.services import reference_rows, rules
from people.models import Organisation


@admin.register(KeyArea)
class KeyAreaAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "order", "is_active")
    list_editable = ("order", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", "code")
    ordering = ("order", "name")

    def get_readonly_fields(self, request, obj=None):
        # The code is what case journals record ("key_areas" in case.opened): keep it stable.
        return ("code",) if obj is not None else ()

    def has_delete_permission(self, request, obj=None):
        # Deleting would silently drop the area from every case that cites it (a change to
        # case data outside the services); retire it with "đang dùng" instead.
        return False


class LoggedReferenceAdmin(admin.ModelAdmin):
    """Every add, change (the list's check boxes included) and delete goes through
    inspections.services.reference_rows and enters the rule-change log."""

    def save_model(self, request, obj, form, change):
        reference_rows.reference_row_save(actor=request.user, row=obj)

    def delete_model(self, request, obj):
        reference_rows.reference_row_delete(actor=request.user, row=obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for row in queryset:
                reference_rows.reference_row_delete(actor=request.user, row=row)


@admin.register(StepSeparation)
class StepSeparationAdmin(LoggedReferenceAdmin):
    """Who may not perform which step: each row is an option the administrator switches on
    or off, with the regulation it relies on (empty: none found) and a provisional marker
    (issue 9 point 1). Access ignores a row switched off."""

    list_display = ("kind", "step", "excluded_role", "body_kind", "is_active", "provisional", "source_shown", "note")
    list_editable = ("is_active",)
    list_filter = ("kind", "is_active", "provisional", "excluded_role")
    search_fields = ("step", "note", "source")
    ordering = ("kind", "step", "excluded_role", "body_kind")
    fields = ("kind", "step", "excluded_role", "body_kind", "is_active", "provisional", "source", "note")

    @admin.display(description=_("căn cứ (văn bản, điều khoản)"))
    def source_shown(self, obj):
        return obj.source or gettext("Chưa tìm thấy văn bản quy định")


@admin.register(DisciplineGround)
class DisciplineGroundAdmin(LoggedReferenceAdmin):
    """The deferral and exemption grounds (issue 9 point 7; HD 02-HD/TW point 1.2): the
    administrator edits labels, documents, sources and switches a ground off; the code and
    its effect are what the services act on and stay fixed once the row exists."""

    list_display = ("order", "label", "effect", "evidence_required", "is_active", "provisional", "source")
    list_editable = ("is_active",)
    list_filter = ("effect", "is_active", "provisional")
    search_fields = ("code", "label", "source")
    ordering = ("order", "code")

    def get_readonly_fields(self, request, obj=None):
        return ("code", "effect") if obj is not None else ()

    def has_delete_permission(self, request, obj=None):
        # Cases cite the code; switch the ground off with "đang áp dụng" instead.
        return False


@admin.register(CaseOpeningRule)
class CaseOpeningRuleAdmin(LoggedReferenceAdmin):
    """Which body kind may open which case kind (issue 9 point 9): switch a row off and
    that kind of body no longer opens that kind of case; the refusal names the row. Each
    change goes through inspections.services.reference_rows and enters the rule-change log."""

    list_display = ("committee_kind", "case_kind", "allowed", "provisional", "source_shown", "note")
    list_editable = ("allowed",)
    list_filter = ("committee_kind", "case_kind", "allowed", "provisional")
    search_fields = ("source", "note")
    ordering = ("committee_kind", "case_kind")
    fields = ("committee_kind", "case_kind", "allowed", "provisional", "source", "note")

    @admin.display(description=_("căn cứ (văn bản, điều khoản)"))
    def source_shown(self, obj):
        return obj.source or gettext("Chưa tìm thấy văn bản quy định")

    def has_delete_permission(self, request, obj=None):
        # A pair without a row is allowed: deleting a row would lift a bar without a trace
        # of its source; switch "allowed" instead.
        return False


# --- Rule tables (issue 3 point 1) --------------------------------------------------------
# Every rule table is edited here; every add, change and delete goes through
# inspections.services.rules, which keeps versions in force unchanged and journals the
# change in the append-only rule-change log (shown read-only below).


class RuleVersionForm(forms.ModelForm):
    """Refuses, next to the form, an edit that would rewrite a version already in force."""

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None or self.errors:
            return cleaned
        old = type(self.instance).objects.get(pk=self.instance.pk)
        new = construct_instance(self, copy.copy(old))
        try:
            rules.check_version_edit(old=old, new=new, today=timezone.localdate())
        except RuleViolation as error:
            for message in error.messages:
                self.add_error(None, message)
        return cleaned


class VersionStateFilter(admin.SimpleListFilter):
    title = _("tình trạng hiệu lực")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("current", _("Đang áp dụng")),
            ("replaced", _("Đã được thay thế")),
            ("ended", _("Đã hết hiệu lực")),
            ("future", _("Chưa có hiệu lực")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        started = Q(effective_from__lte=today)
        not_ended = Q(effective_to__isnull=True) | Q(effective_to__gte=today)
        value = self.value()
        if value == "current":
            return queryset.filter(started & not_ended, replaced=False)
        if value == "replaced":
            return queryset.filter(started & not_ended, replaced=True)
        if value == "ended":
            return queryset.filter(effective_to__lt=today)
        if value == "future":
            return queryset.filter(effective_from__gt=today)
        return queryset


class RuleVersionAdmin(admin.ModelAdmin):
    form = RuleVersionForm
    # "Save as new": a new version from the one shown, the way to change a rule in force.
    save_as = True
    date_hierarchy = "effective_from"
    list_select_related = ("province",)
    VERSION_FIELDS = ("effective_from", "effective_to", "province", "source", "note")
    VERSION_FILTERS = (VersionStateFilter, ("province", admin.RelatedOnlyFieldListFilter), "effective_from")

    def get_queryset(self, request):
        # "Replaced": a later version of the same rule, in the same scope, has started.
        model = self.model
        today = timezone.localdate()
        later = model.objects.filter(
            **{name: OuterRef(name) for name in model.KEY},
            effective_from__gt=OuterRef("effective_from"),
            effective_from__lte=today,
        )
        replaced = SqlCase(
            When(province__isnull=True, then=Exists(later.filter(province__isnull=True))),
            default=Exists(later.filter(province=OuterRef("province"))),
            output_field=BooleanField(),
        )
        return super().get_queryset(request).annotate(replaced=replaced)

    @admin.display(description=_("tình trạng hiệu lực"))
    def state(self, obj):
        today = timezone.localdate()
        if obj.effective_from > today:
            return _("Chưa có hiệu lực")
        if obj.effective_to is not None and obj.effective_to < today:
            return _("Đã hết hiệu lực")
        if getattr(obj, "replaced", False):
            return _("Đã được thay thế")
        return _("Đang áp dụng")

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and obj.effective_from <= timezone.localdate():
            name, options = fieldsets[0]
            fieldsets = [
                (
                    name,
                    {
                        **options,
                        "description": gettext(
                            "Phiên bản này đã có hiệu lực và có thể đã được dùng cho hồ sơ: chỉ sửa được căn cứ, "
                            "ghi chú và ngày hết hiệu lực (từ hôm nay trở đi). Muốn thay đổi quy định, sửa số liệu "
                            "rồi bấm “%(button)s” với ngày có hiệu lực mới."
                        )
                        % {"button": gettext("Save as new")},
                    },
                ),
                *fieldsets[1:],
            ]
        return fieldsets

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "province":
            kwargs["queryset"] = Organisation.objects.filter(level__rank=PROVINCE_RANK).order_by("name")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_actions(self, request):
        # No bulk delete: each deletion goes through the service, one version at a time.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None):
        # A version in force (or past) may have been used by cases: end it or replace it.
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or obj.effective_from > timezone.localdate())

    def save_model(self, request, obj, form, change):
        rules.rule_version_save(actor=request.user, row=obj)
        if not change and obj.effective_from <= timezone.localdate():
            self.message_user(
                request,
                _(
                    "Phiên bản mới có hiệu lực từ ngày %(day)s (đã qua): hạn đã tính của các hồ sơ không thay đổi; "
                    "các lần áp dụng quy định về sau cho những ngày từ ngày đó sẽ dùng phiên bản này."
                )
                % {"day": obj.effective_from.strftime("%d/%m/%Y")},
                messages.WARNING,
            )

    def delete_model(self, request, obj):
        rules.rule_version_delete(actor=request.user, row=obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            rules.rule_version_delete(actor=request.user, row=obj)


@admin.register(TimeLimitRule)
class TimeLimitRuleAdmin(RuleVersionAdmin):
    list_display = (
        "code",
        "level",
        "amount",
        "unit",
        "clock_starts",
        "extension",
        "provisional_mark",
        "province",
        "effective_from",
        "effective_to",
        "state",
    )
    list_filter = ("code", "level", "unit", "provisional", *RuleVersionAdmin.VERSION_FILTERS)
    search_fields = ("code", "source", "note")
    fieldsets = (
        (None, {"fields": ("code", "level", "amount", "unit", "clock_starts", "provisional")}),
        (_("Gia hạn"), {"fields": ("extension_amount", "extension_unit", "extension_times")}),
        (_("Hiệu lực và căn cứ"), {"fields": RuleVersionAdmin.VERSION_FIELDS}),
    )

    # Issue 9 point 6: a number domain.md marks unconfirmed is shown as "tạm thời".
    @admin.display(description=_("tạm thời"), ordering="provisional")
    def provisional_mark(self, obj):
        return gettext("tạm thời") if obj.provisional else ""

    @admin.display(description=_("gia hạn"))
    def extension(self, obj):
        if not obj.extension_amount:
            return _("Không")
        return f"{obj.extension_amount} {obj.get_extension_unit_display()} × {obj.extension_times}"


@admin.register(VoteThresholdRule)
class VoteThresholdRuleAdmin(RuleVersionAdmin):
    list_display = ("code", "share", "province", "effective_from", "effective_to", "state")
    list_filter = ("code", "strict", *RuleVersionAdmin.VERSION_FILTERS)
    search_fields = ("code", "source", "note")
    fieldsets = (
        (None, {"fields": ("code", "numerator", "denominator", "strict")}),
        (_("Hiệu lực và căn cứ"), {"fields": RuleVersionAdmin.VERSION_FIELDS}),
    )

    @admin.display(description=_("tỷ lệ"))
    def share(self, obj):
        return f"{'>' if obj.strict else '≥'} {obj.numerator}/{obj.denominator}"


@admin.register(SanctionAuthorityRule)
class SanctionAuthorityRuleAdmin(RuleVersionAdmin):
    list_display = (
        "body_kind",
        "subject_kind",
        "form",
        "allowed",
        "requires_admission_delegation",
        "provisional",
        "province",
        "effective_from",
        "effective_to",
        "state",
    )
    list_filter = (
        "body_kind",
        "subject_kind",
        "form",
        "allowed",
        "provisional",
        *RuleVersionAdmin.VERSION_FILTERS,
    )
    search_fields = ("body_kind", "source", "note")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "body_kind",
                    "subject_kind",
                    "form",
                    "allowed",
                    "requires_admission_delegation",
                    "provisional",
                )
            },
        ),
        (_("Hiệu lực và căn cứ"), {"fields": RuleVersionAdmin.VERSION_FIELDS}),
    )


@admin.register(DecidingBodyKind)
class DecidingBodyKindAdmin(RuleVersionAdmin):
    """Issue 9 point 2: which body-kind code a committee of a level and kind decides as."""

    list_display = (
        "level",
        "committee_kind",
        "code",
        "label",
        "provisional",
        "province",
        "effective_from",
        "effective_to",
        "state",
    )
    list_filter = ("level", "committee_kind", "provisional", *RuleVersionAdmin.VERSION_FILTERS)
    list_select_related = ("level", "province")
    search_fields = ("code", "label", "source", "note")
    fieldsets = (
        (None, {"fields": ("level", "committee_kind", "code", "label", "provisional")}),
        (_("Hiệu lực và căn cứ"), {"fields": RuleVersionAdmin.VERSION_FIELDS}),
    )


@admin.register(StatuteRule)
class StatuteRuleAdmin(RuleVersionAdmin):
    list_display = ("category", "term", "province", "effective_from", "effective_to", "state")
    list_filter = ("category", *RuleVersionAdmin.VERSION_FILTERS)
    search_fields = ("category", "source", "note")
    fieldsets = (
        (None, {"fields": ("category", "years")}),
        (_("Hiệu lực và căn cứ"), {"fields": RuleVersionAdmin.VERSION_FIELDS}),
    )

    @admin.display(description=_("thời hiệu (năm)"))
    def term(self, obj):
        return obj.years if obj.years is not None else _("Không áp dụng thời hiệu")


@admin.register(NotHandledCriterion)
class NotHandledCriterionAdmin(RuleVersionAdmin):
    list_display = ("letter_kind", "order", "code", "label", "active", "province", "effective_from", "state")
    list_filter = ("letter_kind", "code", "active", *RuleVersionAdmin.VERSION_FILTERS)
    search_fields = ("code", "label", "source", "note")
    fieldsets = (
        (None, {"fields": ("letter_kind", "code", "label", "order", "active")}),
        (_("Hiệu lực và căn cứ"), {"fields": RuleVersionAdmin.VERSION_FIELDS}),
    )


@admin.register(RuleChange)
class RuleChangeAdmin(admin.ModelAdmin):
    """The rule-change log, read only: the database refuses updates and deletes anyway."""

    list_display = ("seq", "at", "actor_name", "table", "row_id", "action")
    list_filter = ("table", "action")
    search_fields = ("actor_name",)
    fields = ("seq", "at", "actor_name", "table", "row_id", "action", "before", "after", "prev_hash", "hash")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# The holiday calendar and its confirmation per year (issue 9 point 6) live in their own
# module; importing it registers them.
from inspections import calendar_admin  # noqa: E402, F401

# --- The e-mail outbox (issue 11 point 3) -------------------------------------------------
# What failed and why, for the administrator; the message body (a case number and step) is
# not shown: the admin shows no case data. Given-up messages can be sent again.


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ("created_at", "to", "subject", "state", "attempts", "next_attempt_at", "sent_at", "error_shown")
    list_filter = ("state",)
    search_fields = ("to",)
    ordering = ("-created_at",)
    fields = ("to", "subject", "state", "attempts", "next_attempt_at", "sent_at", "last_error", "created_at")
    readonly_fields = fields
    actions = ("retry",)

    @admin.display(description=_("lỗi gần nhất"))
    def error_shown(self, obj):
        return (obj.last_error or "")[:120]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Gửi lại các thư đã dừng thử"))
    def retry(self, request, queryset):
        count = notification_services.outbox_retry(messages=list(queryset))
        self.message_user(request, gettext("Đã đưa %(n)d thư vào hàng chờ gửi lại.") % {"n": count}, messages.SUCCESS)
