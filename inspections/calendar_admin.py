"""Admin of the working-day calendar (issue 9 point 6; design.md decision 6): the holidays,
seeded for a year from the `holidays` package and edited by the administrator (who adds
the compensatory days decreed each year), and the confirmation of each year's calendar.
Every write goes through inspections.services.holidays and enters the rule-change log."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from inspections.exceptions import RuleViolation
from inspections.models import Holiday, HolidayYear
from inspections.services import holidays as calendar


class SeedForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), help_text=_("Ví dụ: 2027."))

    def clean_year(self):
        # The service's own check, so the form shows the same message as the command.
        try:
            return calendar.check_year(self.cleaned_data["year"])
        except RuleViolation as error:
            raise forms.ValidationError(error.messages) from error


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ("day", "name", "seeded")
    list_filter = ("seeded",)
    date_hierarchy = "day"
    search_fields = ("name",)
    ordering = ("day",)

    def get_urls(self):
        seed = self.admin_site.admin_view(self.seed_view)
        return [path("seed/", seed, name="inspections_holiday_seed"), *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_seed": self.has_add_permission(request)}
        return super().changelist_view(request, extra_context=extra_context)

    def seed_view(self, request):
        """The admin action `seed_holidays <year>`: the same service as the command."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = SeedForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                result = calendar.holidays_seed(year=form.cleaned_data["year"], actor=request.user)
            except RuleViolation as error:
                for message in error.messages:
                    form.add_error("year", message)
            else:
                self.message_user(
                    request,
                    gettext("Năm %(year)s: thêm %(created)d, cập nhật %(updated)d, giữ nguyên %(kept)d ngày nghỉ.")
                    % {
                        "year": result.year,
                        "created": len(result.created),
                        "updated": len(result.updated),
                        "kept": len(result.kept),
                    },
                    messages.SUCCESS,
                )
                return redirect("admin:inspections_holiday_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Nạp ngày nghỉ lễ theo năm"),
            "form": form,
        }
        return TemplateResponse(request, "admin/inspections/holiday/seed.html", context)

    def save_model(self, request, obj, form, change):
        calendar.holiday_save(actor=request.user, row=obj)

    def delete_model(self, request, obj):
        calendar.holiday_delete(actor=request.user, row=obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for row in queryset:
                calendar.holiday_delete(actor=request.user, row=row)


class HolidayYearForm(forms.ModelForm):
    class Meta:
        model = HolidayYear
        fields = ("year", "note")

    def clean_year(self):
        # The service's own refusals, shown next to the field before anything is saved.
        try:
            return calendar.check_confirmable(self.cleaned_data["year"])
        except RuleViolation as error:
            raise forms.ValidationError(error.messages) from error


@admin.register(HolidayYear)
class HolidayYearAdmin(admin.ModelAdmin):
    """A row confirms that the year's calendar is final; deleting it withdraws the
    confirmation (deadlines across the year are flagged again)."""

    form = HolidayYearForm
    list_display = ("year", "confirmed_by", "confirmed_on", "note")
    list_select_related = ("confirmed_by",)
    fields = ("year", "note")

    def has_change_permission(self, request, obj=None):
        # A confirmation is not edited: withdraw it (delete) and confirm again.
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        calendar.holiday_year_confirm(actor=request.user, year=obj.year, note=obj.note)

    def delete_model(self, request, obj):
        calendar.holiday_year_withdraw(actor=request.user, confirmation=obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for row in queryset:
                calendar.holiday_year_withdraw(actor=request.user, confirmation=row)
