"""Time limits by the level of the acting body (issue 9 point 6; domain.md §5(C), §11b.7):
the precedence of level and province rows, the shipped thematic-supervision rows per level
with an extension of up to a third, the provisional marks, the tier of each organisation
level, and the level fixed when the clock starts (used by the extension afterwards)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from inspections import deadlines, journal, rulebook
from inspections.exceptions import RuleViolation
from inspections.models import ActingLevel, Case, DeadlineExtension, TimeLimitRule
from inspections.rulebook import RuleNotFound
from inspections.rules.deadlines import add_working_days
from inspections.rules.levels import ORG_LEVEL_TIERS, tier_of
from inspections.services import thematic_supervision as supervision
from inspections.services.teams import conflict_declare
from people.models import Committee, Organisation, OrgLevel
from people.services.organisations import organisation_create
from tests.factories.people import CommitteeFactory
from tests.factories.rules import TimeLimitRuleFactory

pytestmark = pytest.mark.django_db

D = datetime.date
ON = D(2026, 6, 1)
LEVELS = ("grassroots", "commune", "district", "province", "central")


def _rule(amount, *, level="", province=None, code="T.level", **fields):
    return TimeLimitRuleFactory(code=code, amount=amount, level=level, province=province, **fields)


def test_precedence_province_level_then_province_then_national_level_then_national(world):
    national = _rule(10)
    national_district = _rule(20, level="district")
    provincial = _rule(30, province=world.province)
    provincial_district = _rule(40, level="district", province=world.province)

    def amount(level, province=world.province):
        return rulebook.time_limit("T.level", on=ON, province=province, level=level).amount

    assert amount("district") == 40
    assert amount("grassroots") == 30  # another level's row never applies
    assert amount("district", province=None) == 20
    assert amount("grassroots", province=None) == 10
    assert amount("") == 30 and amount("", province=None) == 10
    # Remove the rungs one by one: each time the next one answers.
    provincial_district.delete()
    assert amount("district") == 30
    provincial.delete()
    assert amount("district") == 20
    national_district.delete()
    assert amount("district") == 10
    limit = rulebook.time_limit("T.level", on=ON, province=world.province, level="district")
    assert (limit.version, limit.level, limit.province_id) == (national.pk, "", None)


def test_a_level_row_not_in_force_falls_back_to_the_general_row_and_no_row_in_force_is_refused(world):
    _rule(10, effective_from=D(2020, 1, 1))
    _rule(20, level="district", effective_from=D(2027, 1, 1))
    assert rulebook.time_limit("T.level", on=ON, level="district").amount == 10
    assert rulebook.time_limit("T.level", on=D(2027, 1, 1), level="district").amount == 20
    _rule(5, code="T.future", level="province", effective_from=D(2030, 1, 1))
    with pytest.raises(RuleNotFound, match="T.future"):
        rulebook.time_limit("T.future", on=ON, level="province")


def test_shipped_thematic_rows_per_level_with_one_extension_of_at_most_a_third(world):
    rows = {row.level: row for row in TimeLimitRule.objects.filter(code="C2.resolve", province__isnull=True)}
    assert set(rows) == {"", *LEVELS}
    # HD 02-HD/UBKTTW (2017): 20 / 25 / 30 / 45 working days; the commune level as grassroots.
    expected = {"": 20, "grassroots": 20, "commune": 20, "district": 25, "province": 30, "central": 45}
    assert {level: row.amount for level, row in rows.items()} == expected
    for level, row in rows.items():
        limit = rulebook.time_limit("C2.resolve", on=ON, level=level)
        assert limit.amount == row.amount and limit.level == level
        # "Up to a third": the largest whole number of days not above a third (20 -> 6).
        assert limit.extension_amount * 3 <= limit.amount < (limit.extension_amount + 1) * 3
        assert (limit.extension_unit, limit.extension_times, limit.unit) == ("working_days", 1, "working_days")
        assert limit.clock_starts == "report_received" and "HD 02-HD/UBKTTW" in limit.source
        assert limit.provisional
    assert [rulebook.time_limit("C2.resolve", on=ON, level=lv).extension_amount for lv in LEVELS] == [6, 6, 8, 10, 15]


def test_shipped_defaults_answer_when_the_tables_have_no_row(world):
    TimeLimitRule.objects.filter(code="C2.resolve").delete()
    assert (
        rulebook.time_limit("C2.resolve", on=ON, level="district")
        == rulebook.DEFAULT_LEVEL_TIME_LIMITS[("C2.resolve", "district")]
    )
    assert rulebook.time_limit("C2.resolve", on=ON, level="") == rulebook.DEFAULT_TIME_LIMITS["C2.resolve"]
    # A level without a default of its own takes the default for every level.
    assert rulebook.time_limit("D.resolve", on=ON, level="district") == rulebook.DEFAULT_TIME_LIMITS["D.resolve"]


def test_every_number_domain_md_marks_unconfirmed_is_provisional(world, admin_client):
    unconfirmed = ("D.resolve", "C2.resolve", "F.file", "archive")
    for code in unconfirmed:
        assert rulebook.DEFAULT_TIME_LIMITS[code].provisional, code
        rows = TimeLimitRule.objects.filter(code=code, province__isnull=True)
        assert rows.exists() and all(row.provisional for row in rows), code
        assert rulebook.time_limit(code, on=ON).provisional
    confirmed = _rule(12, code="T.confirmed", provisional=False)
    # The rule admin's list says "tạm thời" on each provisional row, and only there.
    url = reverse("admin:inspections_timelimitrule_changelist")
    page = admin_client.get(url, {"code": "D.resolve"}).content.decode()
    assert '<td class="field-provisional_mark">tạm thời</td>' in page
    page = admin_client.get(url, {"code": confirmed.code}).content.decode()
    assert "T.confirmed" in page and 'field-provisional_mark">tạm thời' not in page


def test_each_shipped_organisation_level_maps_to_its_tier(world):
    assert {
        code: tier_of(code) for code in OrgLevel.objects.values_list("code", flat=True) if code in ORG_LEVEL_TIERS
    } == {
        "province": "province",
        "legacy-province": "province",
        "commune": "commune",
        "district": "district",
        "grassroots": "grassroots",
        "cell": "grassroots",
        "legacy-cell": "grassroots",
    }
    assert tier_of("a-level-added-later") == "" and tier_of(None) == ""
    assert set(ORG_LEVEL_TIERS.values()) <= set(ActingLevel.values)
    for code, tier in ORG_LEVEL_TIERS.items():
        organisation = organisation_create(name=f"Tổ chức {code}", level=OrgLevel.objects.get(code=code))
        committee = CommitteeFactory(organisation=organisation, kind=Committee.Kind.INSPECTION)
        assert deadlines.acting_level(Case(committee=committee)) == tier, code


def _thematic_reported(world, pdf, received_on):
    case = supervision.thematic_open(
        actor=world.staff,
        committee=world.committee,
        title="Giám sát chuyên đề",
        grounds="Chương trình giám sát",
        subject_organisation=world.cell,
        leader=world.leader,
        members=[world.member2],
    )
    for user in (world.leader, world.member2):
        conflict_declare(actor=user, case=case, has_conflict=False)
    supervision.thematic_decision_sign(actor=world.chair, case=case, signed_on=received_on)
    supervision.group_meeting_record(
        actor=world.leader,
        case=case,
        met_on=received_on,
        method="Nghiên cứu",
        assignments="Phân công",
        sent_on=received_on,
    )
    supervision.subject_report_receive(actor=world.member2, case=case, received_on=received_on, upload=pdf())
    case.refresh_from_db()
    return case


def _set_level(organisation, code):
    # A reorganisation the administrator records on the organisation (people admin).
    Organisation.objects.filter(pk=organisation.pk).update(level=OrgLevel.objects.get(code=code))


def test_the_level_is_fixed_when_the_clock_starts_and_the_extension_uses_it(world, pdf):
    _set_level(world.commune, "district")
    today = timezone.localdate()
    case = _thematic_reported(world, pdf, today)
    holidays = deadlines.holidays_between(today, today + datetime.timedelta(days=400))
    assert case.rules_level == "district"
    assert case.due_on == add_working_days(today, 25, holidays)
    registered = case.journal.get(action="supervision.report_received")
    payload = journal.decoded(registered)
    assert payload["rules_level"] == "district" and payload["time_limit"]["level"] == "district"
    # The committee's organisation is later made a province-level one: the case keeps the
    # district rules (25 + 8), never the province's 30 + 10.
    _set_level(world.commune, "province")
    case.refresh_from_db()
    assert deadlines.acting_level(case) == "province" and deadlines.governing_level(case) == "district"
    due = case.due_on
    extension = supervision.deadline_extend(actor=world.chair, case=case, reason="Phức tạp")
    assert extension.due_after == add_working_days(due, 8, holidays)
    with pytest.raises(RuleViolation, match="hết số lần"):
        supervision.deadline_extend(actor=world.chair, case=case, reason="Lần hai")
    assert DeadlineExtension.objects.filter(case=case).count() == 1


def test_a_clock_started_before_levels_were_recorded_keeps_the_rules_for_every_level(world, pdf):
    today = timezone.localdate()
    case = _thematic_reported(world, pdf, today)
    # As migration 0011 leaves a case whose clock had started: no level recorded.
    Case.objects.filter(pk=case.pk).update(rules_level="")
    _set_level(world.commune, "province")
    case.refresh_from_db()
    assert deadlines.governing_level(case) == ""
    limit = deadlines.case_time_limit("C2.resolve", case)
    assert (limit.amount, limit.extension_amount, limit.level) == (20, 6, "")
