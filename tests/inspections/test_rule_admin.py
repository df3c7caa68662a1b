"""The rule tables in the Django admin (issue 3 point 1): editable by an administrator,
every change journaled in the rule-change log, versions in force not rewritten (a refused
edit changes nothing), bad input answered in the form."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from inspections.models import (
    RULE_MODELS,
    NotHandledCriterion,
    RuleChange,
    SanctionAuthorityRule,
    StatuteRule,
    TimeLimitRule,
    VoteThresholdRule,
)
from people.models import OrgLevel, User
from people.services.organisations import organisation_create
from tests.factories.people import UserFactory
from tests.factories.rules import TimeLimitRuleFactory

D = datetime.date
TODAY = D(2026, 6, 15)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return TODAY


def _url(model, view, *args):
    return reverse(f"admin:inspections_{model._meta.model_name}_{view}", args=args)


def _seeded(code="D.resolve") -> TimeLimitRule:
    return TimeLimitRule.objects.get(code=code, province__isnull=True)


def _form(row: TimeLimitRule, **changes) -> dict:
    data = {
        "code": row.code,
        "amount": row.amount,
        "unit": row.unit,
        "clock_starts": row.clock_starts,
        "extension_amount": row.extension_amount,
        "extension_unit": row.extension_unit,
        "extension_times": row.extension_times,
        "effective_from": row.effective_from.strftime("%d/%m/%Y"),
        "effective_to": row.effective_to.strftime("%d/%m/%Y") if row.effective_to else "",
        "province": row.province_id or "",
        "source": row.source,
        "note": row.note,
    }
    if row.provisional:
        data["provisional"] = "on"
    data.update(changes)
    return data


def _new_limit_form(**changes) -> dict:
    return {
        "code": "D.resolve",
        "amount": "60",
        "unit": "working_days",
        "clock_starts": "received_by_competent_body",
        "extension_amount": "20",
        "extension_unit": "working_days",
        "extension_times": "1",
        "effective_from": "01/07/2026",
        "effective_to": "",
        "province": "",
        "source": "QĐ 296-QĐ/TW",
        "note": "",
    } | changes


def _last_change() -> RuleChange:
    return RuleChange.objects.order_by("-seq").first()


@pytest.mark.parametrize("model", RULE_MODELS)
def test_changelists_and_forms_render_with_filters_in_constant_queries(
    admin_client, model, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        assert admin_client.get(_url(model, "changelist")).status_code == 200
    for query in ("?state=current", "?state=replaced", "?state=ended", "?state=future", "?province__isnull=True"):
        assert admin_client.get(_url(model, "changelist") + query).status_code == 200
    assert admin_client.get(_url(model, "add")).status_code == 200
    row = model.objects.first()
    page = admin_client.get(_url(model, "change", row.pk))
    assert page.status_code == 200
    # The seeded versions are in force: the form says how to change them, naming the button.
    assert f"bấm “{gettext('Save as new')}” với ngày có hiệu lực mới" in page.content.decode()


def test_changelist_shows_the_state_of_each_version(admin_client):
    TimeLimitRuleFactory(
        code="D.resolve",
        amount=45,
        unit="working_days",
        clock_starts="received_by_competent_body",
        source="T",
        effective_from=D(2026, 1, 1),
    )
    body = admin_client.get(_url(TimeLimitRule, "changelist") + "?code=D.resolve").content.decode()
    assert "Đã được thay thế" in body and "Đang áp dụng" in body
    current = admin_client.get(_url(TimeLimitRule, "changelist") + "?code=D.resolve&state=current")
    assert list(current.context["cl"].result_list.values_list("amount", flat=True)) == [45]


def test_adding_a_version_through_the_admin_is_journaled(admin_client, admin_user):
    before = RuleChange.objects.count()

    response = admin_client.post(_url(TimeLimitRule, "add"), _new_limit_form())

    assert response.status_code == 302, response.content.decode()[:2000]
    row = TimeLimitRule.objects.get(code="D.resolve", effective_from=D(2026, 7, 1))
    assert (row.amount, row.extension_amount) == (60, 20)
    change = _last_change()
    assert RuleChange.objects.count() == before + 1
    assert (change.action, change.table, change.row_id, change.actor) == ("create", "timelimitrule", row.pk, admin_user)


def test_adding_a_back_dated_version_warns(admin_client):
    response = admin_client.post(_url(TimeLimitRule, "add"), _new_limit_form(effective_from="01/06/2026"), follow=True)
    assert response.status_code == 200
    assert "01/06/2026 (đã qua)" in response.content.decode()


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"amount": "0"}, "lớn hơn"),
        ({"extension_unit": ""}, "Chọn đơn vị của thời gian gia hạn"),
        ({"effective_from": "31/02/2026"}, "ngày hợp lệ"),
        ({"effective_to": "30/06/2026"}, "không được trước ngày bắt đầu"),
        ({"code": "D resolve"}, "Mã chỉ gồm"),
        ({"unit": "fortnights"}, "fortnights"),
    ],
)
def test_bad_input_is_answered_in_the_form_and_nothing_is_written(admin_client, changes, message):
    before = (TimeLimitRule.objects.count(), RuleChange.objects.count())

    response = admin_client.post(_url(TimeLimitRule, "add"), _new_limit_form(**changes))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert (TimeLimitRule.objects.count(), RuleChange.objects.count()) == before


def test_a_province_is_the_only_organisation_offered(admin_client, world):
    form = admin_client.get(_url(TimeLimitRule, "add")).context["adminform"].form
    assert set(form.fields["province"].queryset) == {world.province}
    response = admin_client.post(_url(TimeLimitRule, "add"), _new_limit_form(province=world.commune.pk))
    assert response.status_code == 200
    assert not TimeLimitRule.objects.filter(effective_from=D(2026, 7, 1)).exists()
    response = admin_client.post(_url(TimeLimitRule, "add"), _new_limit_form(province=world.province.pk))
    assert response.status_code == 302
    assert TimeLimitRule.objects.get(effective_from=D(2026, 7, 1)).province == world.province


def test_editing_the_numbers_of_a_version_in_force_is_refused_and_changes_nothing(admin_client):
    row = _seeded()
    before = RuleChange.objects.count()

    response = admin_client.post(_url(TimeLimitRule, "change", row.pk), _form(row, amount="75", source="Khác"))

    assert response.status_code == 200
    body = response.content.decode()
    assert "có hiệu lực từ ngày 01/01/2000" in body
    assert f"thêm một phiên bản mới với ngày có hiệu lực mới (nút “{gettext('Save as new')}”)" in body
    row.refresh_from_db()
    assert (row.amount, row.source) == (90, "QĐ 30-QĐ/TW, mục 5 (hướng dẫn cũ)")
    assert RuleChange.objects.count() == before


def test_the_citation_of_a_version_in_force_can_be_corrected_and_is_journaled(admin_client, admin_user):
    row = _seeded()

    response = admin_client.post(_url(TimeLimitRule, "change", row.pk), _form(row, source="QĐ 30-QĐ/TW, mục 5.1"))

    assert response.status_code == 302
    row.refresh_from_db()
    assert row.source == "QĐ 30-QĐ/TW, mục 5.1"
    change = _last_change()
    assert (change.action, change.row_id, change.actor) == ("update", row.pk, admin_user)
    assert '"source":"QĐ 30-QĐ/TW, mục 5 (hướng dẫn cũ)"' in change.before
    assert '"source":"QĐ 30-QĐ/TW, mục 5.1"' in change.after


def test_save_as_new_makes_a_new_version_and_keeps_the_old(admin_client):
    row = _seeded()

    response = admin_client.post(
        _url(TimeLimitRule, "change", row.pk),
        _form(row, amount="75", effective_from="01/07/2026", _saveasnew="1"),
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    row.refresh_from_db()
    assert row.amount == 90
    new = TimeLimitRule.objects.get(code="D.resolve", effective_from=D(2026, 7, 1))
    assert new.amount == 75
    assert (_last_change().action, _last_change().row_id) == ("create", new.pk)


def test_save_as_new_on_the_same_day_is_refused(admin_client):
    row = _seeded()
    count = TimeLimitRule.objects.count()
    response = admin_client.post(_url(TimeLimitRule, "change", row.pk), _form(row, amount="75", _saveasnew="1"))
    assert response.status_code == 200
    assert "cùng ngày" in response.content.decode()
    assert TimeLimitRule.objects.count() == count


def test_a_version_in_force_cannot_be_deleted(admin_client):
    row = _seeded()
    before = RuleChange.objects.count()

    assert admin_client.get(_url(TimeLimitRule, "delete", row.pk)).status_code == 403
    assert admin_client.post(_url(TimeLimitRule, "delete", row.pk), {"post": "yes"}).status_code == 403

    assert TimeLimitRule.objects.filter(pk=row.pk).exists()
    assert RuleChange.objects.count() == before
    # No bulk deletion either.
    listing = admin_client.get(_url(TimeLimitRule, "changelist"))
    assert "delete_selected" not in listing.context["cl"].model_admin.get_actions(listing.wsgi_request)


def test_a_future_version_can_be_deleted_and_the_deletion_is_journaled(admin_client, admin_user):
    admin_client.post(_url(TimeLimitRule, "add"), _new_limit_form())
    row = TimeLimitRule.objects.get(code="D.resolve", effective_from=D(2026, 7, 1))

    response = admin_client.post(_url(TimeLimitRule, "delete", row.pk), {"post": "yes"})

    assert response.status_code == 302
    assert not TimeLimitRule.objects.filter(pk=row.pk).exists()
    assert (_last_change().action, _last_change().row_id, _last_change().actor) == ("delete", row.pk, admin_user)


def test_other_rule_families_validate_in_the_admin(admin_client):
    common = {"effective_from": "01/07/2026", "effective_to": "", "province": "", "source": "T", "note": ""}
    threshold = admin_client.post(
        _url(VoteThresholdRule, "add"), {"code": "decide", "numerator": "3", "denominator": "2", **common}
    )
    statute = admin_client.post(_url(StatuteRule, "add"), {"category": "member.reprimand", "years": "0", **common})
    assert threshold.status_code == statute.status_code == 200
    assert "không quá 1" in threshold.content.decode()
    assert "0 năm" in statute.content.decode()

    for model, data in [
        (VoteThresholdRule, {"code": "decide", "numerator": "2", "denominator": "3", "strict": "on"}),
        (StatuteRule, {"category": "member.reprimand", "years": ""}),
        (SanctionAuthorityRule, {"body_kind": "commune.inspection", "subject_kind": "member", "form": "warning"}),
        (
            NotHandledCriterion,
            {"letter_kind": "denunciation", "code": "new_one", "label": "Tiêu chí mới", "order": "5", "active": "on"},
        ),
    ]:
        response = admin_client.post(_url(model, "add"), {**data, **common})
        assert response.status_code == 302, (model, response.content.decode()[:2000])
        assert _last_change().table == model._meta.model_name


def test_the_rule_change_log_is_read_only_in_the_admin(admin_client):
    change = RuleChange.objects.order_by("seq").first()
    assert admin_client.get(reverse("admin:inspections_rulechange_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:inspections_rulechange_change", args=[change.pk])).status_code == 200
    assert admin_client.get(reverse("admin:inspections_rulechange_add")).status_code == 403
    assert (
        admin_client.post(reverse("admin:inspections_rulechange_delete", args=[change.pk]), {"post": "yes"}).status_code
        == 403
    )
    response = admin_client.post(reverse("admin:inspections_rulechange_change", args=[change.pk]), {"actor_name": "x"})
    assert response.status_code == 403
    assert RuleChange.objects.get(pk=change.pk).actor_name == change.actor_name


def test_staff_without_the_permission_cannot_edit_rules(client, db):
    clerk = UserFactory(username="clerk", full_name="", is_staff=True)
    client.force_login(clerk)
    row = _seeded()
    before = RuleChange.objects.count()

    assert client.get(_url(TimeLimitRule, "changelist")).status_code == 403
    assert client.post(_url(TimeLimitRule, "change", row.pk), _form(row, source="X")).status_code == 403
    assert client.post(_url(TimeLimitRule, "add"), _new_limit_form()).status_code == 403

    # With the view permission only, the list shows but nothing can be changed.
    clerk.user_permissions.add(Permission.objects.get(codename="view_timelimitrule"))
    clerk = User.objects.get(pk=clerk.pk)
    client.force_login(clerk)
    assert client.get(_url(TimeLimitRule, "changelist")).status_code == 200
    assert client.post(_url(TimeLimitRule, "change", row.pk), _form(row, source="X")).status_code == 403
    row.refresh_from_db()
    assert row.source != "X"
    assert RuleChange.objects.count() == before


def test_a_province_override_through_the_admin(admin_client, db):
    province = organisation_create(name="Đảng bộ tỉnh Admin", level=OrgLevel.objects.get(code="province"))
    row = StatuteRule.objects.get(category="member.reprimand", province__isnull=True)
    data = {
        "category": row.category,
        "years": "6",
        "effective_from": "01/01/2026",
        "effective_to": "",
        "province": province.pk,
        "source": "Quy định riêng",
        "note": "",
    }
    assert admin_client.post(_url(StatuteRule, "add"), data).status_code == 302

    from inspections import rulebook

    assert rulebook.statute_years("member.reprimand", on=TODAY, province=province) == 6
    assert rulebook.statute_years("member.reprimand", on=TODAY) == 5
    assert admin_client.get(_url(StatuteRule, "changelist") + f"?province__id__exact={province.pk}").status_code == 200
