"""The rule-change log covers the reference tables that decide who may do what and when
(segregation options, deferral and exemption grounds, case-opening rules, holidays and their
yearly confirmations): every change made in the admin enters the chain with its actor and
before/after values, and a change made behind the log's back is shown by verify_rule_log."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from inspections import rule_log
from inspections.models import CaseOpeningRule, DisciplineGround, Holiday, HolidayYear, RuleChange, StepSeparation
from inspections.services import holidays as calendar

pytestmark = pytest.mark.django_db


def _last(model, pk) -> RuleChange:
    return RuleChange.objects.filter(table=model._meta.model_name, row_id=pk).latest("seq")


def _verify() -> list[tuple[str, int, str]]:
    assert rule_log.verify_chain() is None
    return [(row.table, row.row_id, row.reason) for row in rule_log.unlogged_rows()]


def test_every_reference_row_shipped_by_the_migrations_is_in_the_log():
    for model in (StepSeparation, DisciplineGround, CaseOpeningRule, Holiday):
        assert model.objects.exists(), model
    assert _verify() == []
    row = DisciplineGround.objects.get(code="pregnancy")
    entry = _last(DisciplineGround, row.pk)
    assert entry.action == "create" and entry.actor_id is None
    assert json.loads(entry.after)["code"] == "pregnancy"


def test_switching_a_segregation_option_in_the_admin_is_logged_with_its_actor(admin_client, admin_user):
    row = StepSeparation.objects.filter(is_active=False).order_by("pk").first()
    url = reverse("admin:inspections_stepseparation_change", args=[row.pk])
    data = {
        "kind": row.kind,
        "step": row.step,
        "excluded_role": row.excluded_role,
        "body_kind": row.body_kind,
        "is_active": "on",
        "provisional": "on" if row.provisional else "",
        "source": row.source,
        "note": row.note,
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = _last(StepSeparation, row.pk)
    assert entry.action == "update" and entry.actor_id == admin_user.pk
    assert json.loads(entry.before)["is_active"] is False and json.loads(entry.after)["is_active"] is True
    assert _verify() == []
    # Saving again unchanged adds nothing to the log.
    count = RuleChange.objects.count()
    assert admin_client.post(url, data).status_code == 302
    assert RuleChange.objects.count() == count


def test_deleting_a_segregation_option_is_logged_first(admin_client):
    row = StepSeparation.objects.order_by("pk").first()
    response = admin_client.post(reverse("admin:inspections_stepseparation_delete", args=[row.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not StepSeparation.objects.filter(pk=row.pk).exists()
    assert _last(StepSeparation, row.pk).action == "delete"
    assert _verify() == []


def test_editing_a_ground_in_the_admin_is_logged(admin_client, admin_user):
    row = DisciplineGround.objects.get(code="pregnancy")
    url = reverse("admin:inspections_disciplineground_change", args=[row.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {name: form.initial.get(name) for name in form.fields}
    data = {name: ("on" if value is True else "" if value in (False, None) else value) for name, value in data.items()}
    data["source"] = "HD 02-HD/TW ngày 09/12/2021, điểm 1.2 (rà soát lại)"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    entry = _last(DisciplineGround, row.pk)
    assert entry.action == "update" and entry.actor_id == admin_user.pk
    assert json.loads(entry.after)["source"].endswith("(rà soát lại)")
    assert _verify() == []


def test_a_change_behind_the_logs_back_is_reported_by_verify_rule_log():
    ground = DisciplineGround.objects.get(code="pregnancy")
    DisciplineGround.objects.filter(pk=ground.pk).update(is_active=False)  # as by SQL
    opening = CaseOpeningRule.objects.order_by("pk").first()
    CaseOpeningRule.objects.filter(pk=opening.pk).update(allowed=not opening.allowed)
    holiday = Holiday.objects.order_by("pk").first()
    holiday_pk = holiday.pk
    holiday.delete()
    found = _verify()
    assert ("disciplineground", ground.pk, "differs from the logged values") in found
    assert ("caseopeningrule", opening.pk, "differs from the logged values") in found
    assert ("holiday", holiday_pk, "deleted without a log entry") in found
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("verify_rule_log", stderr=err)
    assert "khác với giá trị ghi trong nhật ký" in err.getvalue()
    assert "đã bị xóa mà không ghi nhật ký" in err.getvalue()


def test_seeding_editing_and_confirming_the_calendar_is_logged(admin_client, admin_user):
    call_command("seed_holidays", "2031", stdout=StringIO())
    seeded = Holiday.objects.filter(day__year=2031)
    assert seeded.exists()
    for row in seeded:
        entry = _last(Holiday, row.pk)
        assert entry.action == "create" and entry.actor_name == calendar.SEED_ACTOR_NAME
    assert _verify() == []

    # The administrator adds a decreed compensatory day, renames one, deletes one.
    response = admin_client.post(
        reverse("admin:inspections_holiday_add"), {"day": "02/01/2031", "name": "Nghỉ bù Tết Dương lịch"}
    )
    assert response.status_code == 302
    extra = Holiday.objects.get(day=datetime.date(2031, 1, 2))
    assert _last(Holiday, extra.pk).actor_id == admin_user.pk
    national = Holiday.objects.get(day=datetime.date(2031, 9, 2))
    response = admin_client.post(
        reverse("admin:inspections_holiday_change", args=[national.pk]), {"day": "02/09/2031", "name": "Quốc khánh 2/9"}
    )
    assert response.status_code == 302
    entry = _last(Holiday, national.pk)
    assert entry.action == "update" and json.loads(entry.before)["seeded"] is True
    assert json.loads(entry.after)["name"] == "Quốc khánh 2/9" and json.loads(entry.after)["seeded"] is False
    response = admin_client.post(reverse("admin:inspections_holiday_delete", args=[extra.pk]), {"post": "yes"})
    assert response.status_code == 302 and _last(Holiday, extra.pk).action == "delete"

    # Confirming the year and withdrawing the confirmation.
    response = admin_client.post(reverse("admin:inspections_holidayyear_add"), {"year": "2031", "note": "TB 2031"})
    assert response.status_code == 302
    confirmation = HolidayYear.objects.get(year=2031)
    assert _last(HolidayYear, confirmation.pk).action == "create"
    response = admin_client.post(
        reverse("admin:inspections_holidayyear_delete", args=[confirmation.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert _last(HolidayYear, confirmation.pk).action == "delete"
    assert _verify() == []


def test_a_refused_calendar_edit_writes_nothing_to_the_log(admin_client):
    count = RuleChange.objects.count()
    existing = Holiday.objects.order_by("day").first()
    response = admin_client.post(
        reverse("admin:inspections_holiday_add"), {"day": existing.day.strftime("%d/%m/%Y"), "name": "Trùng ngày"}
    )
    assert response.status_code == 200  # the form shows the duplicate day
    with pytest.raises(CommandError):
        call_command("seed_holidays", "1999", stdout=StringIO())
    assert RuleChange.objects.count() == count
