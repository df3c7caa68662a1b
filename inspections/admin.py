"""Django admin for the inspections reference data only.

Key areas and the holiday calendar are edited here (design.md decision 6: the calendar is
set by the government each year). Case data — cases, roles, documents, findings, reports,
conclusions, recommendations, the journal and the permission tables, and above all the
parties with sealed identities, their scans and unseal requests — is deliberately not
registered: it is shown only by access-checked views and changed only by services, and
the admin would be a way around both (deny by default).
"""

from django.contrib import admin

from inspections.models import Holiday, KeyArea


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


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ("day", "name")
    date_hierarchy = "day"
    search_fields = ("name",)
    ordering = ("day",)
