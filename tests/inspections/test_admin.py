"""The admin shows reference data only; case data is never registered (deny by default)."""

import datetime

from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from inspections.models import (
    RULE_MODELS,
    CaseOpeningRule,
    DisciplineGround,
    Holiday,
    HolidayYear,
    KeyArea,
    OutboxMessage,
    RuleChange,
    StepSeparation,
)
from tests.factories.rules import HolidayFactory, KeyAreaFactory

# Reference data: key areas, the holiday calendar and its confirmation per year (issue 9
# point 6), the segregation-of-duties rows (point 1: switched on or off by the
# administrator), the deferral and exemption grounds (point 7), which body kind may open
# which case kind (point 9), the rule tables and their change log. And the e-mail outbox
# (issue 11 point 3: failures visible to the administrator), whose message bodies the
# admin does not show (tests/inspections/services/test_notifications.py).
REFERENCE = {
    KeyArea,
    Holiday,
    HolidayYear,
    StepSeparation,
    DisciplineGround,
    CaseOpeningRule,
    *RULE_MODELS,
    RuleChange,
    OutboxMessage,
}


def test_admin_registers_only_reference_data():
    registered = {model for model in admin.site._registry if model._meta.app_label == "inspections"}

    assert registered == REFERENCE
    for model in apps.get_app_config("inspections").get_models():
        if model not in REFERENCE:
            assert not admin.site.is_registered(model), model.__name__


def test_admin_key_area_cannot_be_deleted_and_keeps_its_code(rf):
    model_admin = admin.site._registry[KeyArea]
    request = rf.get("/")

    assert not model_admin.has_delete_permission(request)
    assert model_admin.get_readonly_fields(request, KeyArea(code="x", name="X")) == ("code",)
    assert model_admin.get_readonly_fields(request) == ()


def test_admin_holiday_has_a_date_hierarchy():
    assert admin.site._registry[Holiday].date_hierarchy == "day"


def test_admin_reference_pages_render_for_a_superuser(admin_client):
    HolidayFactory(day=datetime.date(2026, 9, 2), name="Quốc khánh")
    area = KeyAreaFactory(code="test-admin", name="Lĩnh vực thử", order=0)

    assert admin_client.get(reverse("admin:inspections_holiday_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:inspections_holiday_changelist") + "?day__year=2026").status_code == 200
    assert admin_client.get(reverse("admin:inspections_keyarea_changelist")).status_code == 200
    page = admin_client.get(reverse("admin:inspections_keyarea_change", args=[area.pk]))
    assert page.status_code == 200
    assert admin_client.get("/admin/inspections/case/").status_code == 404
