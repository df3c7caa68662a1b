"""Django admin for people and organisations.

The admin is a back office for administrators, not a second way around the rules:
organisations are created through `organisation_create` (which computes the materialised
path and checks the level rule), and their place in the tree is read-only afterwards —
merges and splits go through `people.services.organisations`.
"""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import transaction

from people.exceptions import PeopleRuleViolation
from people.models import (
    AuditMandate,
    Committee,
    CommitteeSeat,
    Delegation,
    HandoverRequest,
    Kinship,
    Organisation,
    OrganisationSuccession,
    OrgLevel,
    PartyMember,
    Position,
    User,
)
from people.services.organisations import organisation_create

ORGANISATION_ADD_FIELDS = ("name", "short_name", "level", "parent", "founded_on")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        DjangoUserAdmin.fieldsets[0],
        (DjangoUserAdmin.fieldsets[1][0], {"fields": ("full_name", "first_name", "last_name", "email", "member")}),
        *DjangoUserAdmin.fieldsets[2:],
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (*DjangoUserAdmin.add_fieldsets[0][1]["fields"], "full_name", "member"),
            },
        ),
    )
    list_display = ("username", "full_name", "email", "member", "is_staff", "is_active")
    list_select_related = ("member",)
    search_fields = ("username", "full_name", "email", "member__card_number")
    autocomplete_fields = ("member",)


@admin.register(OrgLevel)
class OrgLevelAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "structure", "rank", "is_grassroots", "may_have_inspection_committee")
    list_filter = ("structure",)
    search_fields = ("name", "code")
    ordering = ("structure", "rank")


class _DryRun(Exception):
    """Raised to roll back a trial run of a service inside form validation."""


class OrganisationAddForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ORGANISATION_ADD_FIELDS

    def clean(self):
        cleaned = super().clean()
        if self.errors or cleaned.get("level") is None:
            return cleaned
        # The level rule lives only in the service. Trying it in a savepoint that is always
        # rolled back shows its message next to the form instead of failing in save_model.
        try:
            with transaction.atomic():
                organisation_create(**{field: cleaned.get(field) for field in ORGANISATION_ADD_FIELDS})
                raise _DryRun
        except _DryRun:
            pass
        except PeopleRuleViolation as exc:
            self.add_error("parent", exc)
        return cleaned


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "level", "parent", "is_active", "founded_on", "dissolved_on")
    list_filter = ("level", "is_active", "admission_delegated")
    list_select_related = ("level", "parent")
    search_fields = ("name", "short_name")
    autocomplete_fields = ("parent",)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ORGANISATION_ADD_FIELDS
        return (
            "name",
            "short_name",
            "level",
            "parent",
            "path",
            "founded_on",
            "dissolved_on",
            "is_active",
            # Issue 9 point 2: the admission power delegated to a grassroots committee.
            "admission_delegated",
        )

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        # Moving an organisation in the tree is a merge or a split, done by the services.
        return ("level", "parent", "path")

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = OrganisationAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if "field_name" in request.GET:
            # Autocomplete on another form (a member's cell, a parent...): only live organisations.
            queryset = queryset.filter(is_active=True)
        return queryset, may_have_duplicates

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        created = organisation_create(**{field: getattr(obj, field) for field in ORGANISATION_ADD_FIELDS})
        # The admin goes on with `obj` (history entry, redirect): make it the saved row.
        obj.pk = created.pk
        obj.path = created.path
        obj._state.adding = False
        obj._state.db = created._state.db


@admin.register(OrganisationSuccession)
class OrganisationSuccessionAdmin(admin.ModelAdmin):
    """Read-only: successions are written by the merge and split services."""

    list_display = ("predecessor", "kind", "successor", "effective_on", "note")
    list_filter = ("kind",)
    list_select_related = ("predecessor", "successor")
    search_fields = ("predecessor__name", "successor__name")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PartyMember)
class PartyMemberAdmin(admin.ModelAdmin):
    list_display = ("full_name", "card_number", "birth_date", "sex", "organisation", "joined_on", "status")
    list_filter = ("status", "sex")
    list_select_related = ("organisation",)
    search_fields = ("full_name", "card_number")
    autocomplete_fields = ("organisation",)


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ("member", "kind", "organisation", "started_on", "ended_on")
    list_filter = ("kind",)
    list_select_related = ("member", "organisation")
    search_fields = ("member__full_name", "member__card_number", "organisation__name")
    autocomplete_fields = ("member", "organisation")


class CommitteeSeatInline(admin.TabularInline):
    model = CommitteeSeat
    fields = ("user", "role", "started_on", "ended_on")
    autocomplete_fields = ("user",)
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "committee")


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "kind", "organisation", "term_start", "term_end")
    list_filter = ("kind",)
    list_select_related = ("organisation",)
    search_fields = ("name", "code", "organisation__name")
    autocomplete_fields = ("organisation",)
    inlines = (CommitteeSeatInline,)


@admin.register(CommitteeSeat)
class CommitteeSeatAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "committee", "started_on", "ended_on")
    list_filter = ("role", "committee__kind")
    list_select_related = ("user", "committee")
    search_fields = ("user__username", "user__full_name", "committee__name")
    autocomplete_fields = ("user", "committee")


@admin.register(Kinship)
class KinshipAdmin(admin.ModelAdmin):
    list_display = ("member", "relation", "relative")
    list_filter = ("relation",)
    list_select_related = ("member", "relative")
    search_fields = ("member__full_name", "member__card_number", "relative__full_name", "relative__card_number")
    autocomplete_fields = ("member", "relative")


@admin.register(AuditMandate)
class AuditMandateAdmin(admin.ModelAdmin):
    list_display = ("user", "organisation", "valid_from", "valid_to")
    list_select_related = ("user", "organisation")
    search_fields = ("user__username", "user__full_name", "organisation__name")
    autocomplete_fields = ("user", "organisation")


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    """Read-only: delegations are recorded and ended through the services, which move the
    case roles and journal them."""

    list_display = ("user", "delegate", "starts_on", "ends_on", "status", "created_by")
    list_filter = ("status",)
    list_select_related = ("user", "delegate", "created_by")
    search_fields = ("user__username", "user__full_name", "delegate__username", "delegate__full_name")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(HandoverRequest)
class HandoverRequestAdmin(admin.ModelAdmin):
    """Read-only: hand-overs are requested and approved (four eyes) through the services."""

    list_display = ("departing", "successor", "status", "requested_by", "requested_at", "decided_by")
    list_filter = ("status",)
    list_select_related = ("departing", "successor", "requested_by", "decided_by")
    search_fields = ("departing__username", "departing__full_name", "successor__username", "successor__full_name")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
