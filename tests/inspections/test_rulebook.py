"""The rule book reads the versioned rule tables (issue 3 point 1): the version in force on
the day, a province's own version first, the shipped defaults only for a rule with no row
at all, and a clear error rather than a guess."""

import datetime
from fractions import Fraction

import pytest
from django.utils import translation

from inspections import rulebook
from inspections.exceptions import RuleViolation
from inspections.models import (
    ClockStart,
    NotHandledCriterion,
    RuleUnit,
    SanctionAuthorityRule,
    StatuteRule,
    TimeLimitRule,
    VoteThresholdRule,
)
from inspections.rulebook import RuleNotFound
from inspections.rules.deadlines import Unit
from inspections.services.rules import SEED_EFFECTIVE_FROM
from people.models import OrgLevel
from people.services.organisations import organisation_create
from tests.factories.rules import (
    NotHandledCriterionFactory,
    SanctionAuthorityRuleFactory,
    StatuteRuleFactory,
    TimeLimitRuleFactory,
    VoteThresholdRuleFactory,
)

D = datetime.date
DAY = D(2026, 3, 6)


def _province(name="Đảng bộ tỉnh Khác"):
    level = OrgLevel.objects.get(code="province")
    return organisation_create(name=name, level=level)


def _limit(code="D.resolve", *, amount, on, province=None, to=None, **extra):
    values = {"unit": "working_days", "clock_starts": "received_by_competent_body", "source": "Thử"} | extra
    return TimeLimitRuleFactory(
        code=code, amount=amount, effective_from=on, effective_to=to, province=province, **values
    )


# --- the seeded defaults -------------------------------------------------------------------


def test_seeded_tables_answer_exactly_the_shipped_defaults(db):
    for code, default in rulebook.DEFAULT_TIME_LIMITS.items():
        found = rulebook.time_limit(code, on=DAY)
        assert found == default
        assert (found.version, found.effective_from, found.province_id) != (None, None, None)
        assert found.effective_from == SEED_EFFECTIVE_FROM
    for code, default in rulebook.DEFAULT_THRESHOLDS.items():
        assert rulebook.threshold(code, on=DAY) == default
    for category, years in rulebook.DEFAULT_STATUTE_YEARS.items():
        assert rulebook.statute_years(category, on=DAY) == years
    for kind, criteria in rulebook.DEFAULT_NOT_HANDLED.items():
        assert rulebook.not_handled_criteria(kind, on=DAY) == criteria


def test_seeded_authority_matrix_matches_the_defaults_and_denies_the_rest(db):
    # Issue 9 point 2: the legacy rows since the seeding day, the commune and province rows
    # from 1/7/2025; expulsion under delegated admission power only for a delegated body.
    bodies = {d.body_kind for d in rulebook.DEFAULT_AUTHORITY} | {"grassroots.standing", "grassroots.inspection"}
    subjects = ("member", "committee_member", "lower_committee_member", "higher_managed", "organisation")
    for body in bodies:
        for subject in subjects:
            for form in ("reprimand", "warning", "dismissal", "expulsion", "strike_off", "dissolution"):
                defaults = [d for d in rulebook.default_authority(body, subject) if form in d.forms]
                for delegated in (False, True):
                    expected = any(
                        (d.effective_from or SEED_EFFECTIVE_FROM) <= DAY
                        and (delegated or not d.requires_admission_delegation)
                        for d in defaults
                    )
                    found = rulebook.may_impose(
                        body_kind=body, subject_kind=subject, form=form, on=DAY, admission_delegated=delegated
                    )
                    assert found is expected, (body, subject, form, delegated)
    assert SanctionAuthorityRule.objects.count() == sum(len(d.forms) for d in rulebook.DEFAULT_AUTHORITY)
    provisional = SanctionAuthorityRule.objects.filter(provisional=True)
    assert provisional.exists() and not provisional.exclude(effective_from=rulebook.TWO_TIER_FROM).exists()
    assert not SanctionAuthorityRule.objects.filter(source="").exists()


def test_the_commune_and_province_bodies_have_no_power_before_the_restructuring(db):
    before = rulebook.TWO_TIER_FROM - datetime.timedelta(days=1)
    for body in ("commune.inspection", "commune.executive", "province.inspection", "province.standing"):
        assert not rulebook.may_impose(body_kind=body, subject_kind="member", form="reprimand", on=before)
        assert rulebook.may_impose(body_kind=body, subject_kind="member", form="reprimand", on=rulebook.TWO_TIER_FROM)


def test_every_default_uses_a_known_unit_and_clock_start():
    # A default with an event or unit the admin cannot show would be seeded but not editable.
    assert {u.value for u in Unit} == set(RuleUnit.values)
    for limit in rulebook.DEFAULT_TIME_LIMITS.values():
        assert limit.clock_starts in ClockStart.values, limit.code
        assert limit.unit in RuleUnit.values
        assert limit.extension_unit is None or limit.extension_unit in RuleUnit.values


def test_criteria_labels_are_stored_as_msgids_and_still_translated(db):
    stored = NotHandledCriterion.objects.get(letter_kind="denunciation", code="anonymous")
    assert stored.label == "Giấu tên, mạo tên, không rõ địa chỉ"
    with translation.override("en"):
        found = rulebook.not_handled_criteria("denunciation", on=DAY)[0]
        default = rulebook.DEFAULT_NOT_HANDLED["denunciation"][0]
        assert str(found.label) == str(default.label)


# --- versions and dates --------------------------------------------------------------------


def test_the_version_in_force_is_the_latest_started_one(db):
    _limit(amount=60, on=D(2026, 7, 1))
    _limit(amount=45, on=D(2027, 1, 1))

    assert rulebook.time_limit("D.resolve", on=D(2026, 6, 30)).amount == 90
    assert rulebook.time_limit("D.resolve", on=D(2026, 7, 1)).amount == 60
    assert rulebook.time_limit("D.resolve", on=D(2026, 12, 31)).amount == 60
    assert rulebook.time_limit("D.resolve", on=D(2027, 1, 1)).amount == 45
    assert rulebook.time_limit("D.resolve", on=D(2027, 1, 1)).effective_from == D(2027, 1, 1)


def test_an_ended_version_no_longer_answers(db):
    # The only national version of a new code ends on 30/6: afterwards there is no rule.
    _limit("X.test", amount=10, on=D(2026, 1, 1), to=D(2026, 6, 30))

    assert rulebook.time_limit("X.test", on=D(2026, 6, 30)).amount == 10
    with pytest.raises(RuleNotFound) as refused:
        rulebook.time_limit("X.test", on=D(2026, 7, 1))
    assert "X.test" in refused.value.messages[0]
    assert "01/07/2026" in refused.value.messages[0]


def test_a_day_before_the_first_version_raises_a_clear_error(db):
    before = SEED_EFFECTIVE_FROM - datetime.timedelta(days=1)
    for lookup in (
        lambda: rulebook.time_limit("A.resolve", on=before),
        lambda: rulebook.threshold("decide", on=before),
        lambda: rulebook.statute_years("member.reprimand", on=before),
        lambda: rulebook.not_handled_criteria("denunciation", on=before),
    ):
        with pytest.raises(RuleNotFound) as refused:
            lookup()
        # A RuleViolation: a view's rules_to_form shows it in the form instead of a 500.
        assert isinstance(refused.value, RuleViolation)
        assert "quản trị" in refused.value.messages[0]
    # The authority matrix is deny by default.
    assert not rulebook.may_impose(body_kind="cell", subject_kind="member", form="warning", on=before)


def test_a_rule_in_neither_the_tables_nor_the_defaults_raises(db):
    with pytest.raises(RuleNotFound):
        rulebook.time_limit("Z.unknown", on=DAY)
    with pytest.raises(RuleNotFound):
        rulebook.threshold("unknown", on=DAY)
    with pytest.raises(RuleNotFound):
        rulebook.statute_years("member.unknown", on=DAY)
    with pytest.raises(RuleNotFound):
        rulebook.not_handled_criteria("petition", on=DAY)


def test_a_default_with_no_row_at_all_is_answered_from_the_code(db):
    # E.g. a default added to the rule book after the tables were seeded.
    TimeLimitRule.objects.filter(code="F.file").delete()
    VoteThresholdRule.objects.filter(code="decide").delete()
    StatuteRule.objects.filter(category="member.warning").delete()
    NotHandledCriterion.objects.filter(letter_kind="complaint").delete()
    SanctionAuthorityRule.objects.filter(body_kind="cell").delete()

    assert rulebook.time_limit("F.file", on=DAY) is rulebook.DEFAULT_TIME_LIMITS["F.file"]
    assert rulebook.threshold("decide", on=DAY) is rulebook.DEFAULT_THRESHOLDS["decide"]
    assert rulebook.statute_years("member.warning", on=DAY) == 10
    assert rulebook.not_handled_criteria("complaint", on=DAY) is rulebook.DEFAULT_NOT_HANDLED["complaint"]
    assert rulebook.may_impose(body_kind="cell", subject_kind="member", form="warning", on=DAY)


# --- province overrides --------------------------------------------------------------------


def test_a_province_version_is_preferred_only_for_that_province(db):
    here, there = _province("Tỉnh A"), _province("Tỉnh B")
    _limit(amount=70, on=D(2026, 1, 1), province=here)

    assert rulebook.time_limit("D.resolve", on=DAY, province=here).amount == 70
    assert rulebook.time_limit("D.resolve", on=DAY, province=here).province_id == here.pk
    assert rulebook.time_limit("D.resolve", on=DAY, province=here.pk).amount == 70
    assert rulebook.time_limit("D.resolve", on=DAY, province=there).amount == 90
    assert rulebook.time_limit("D.resolve", on=DAY).amount == 90
    # Before the province's version starts, the national one applies there too.
    assert rulebook.time_limit("D.resolve", on=D(2025, 12, 31), province=here).amount == 90


def test_a_province_version_outranks_a_later_national_one_until_it_ends(db):
    here = _province()
    _limit(amount=70, on=D(2026, 1, 1), province=here, to=D(2026, 12, 31))
    _limit(amount=60, on=D(2026, 7, 1))

    assert rulebook.time_limit("D.resolve", on=D(2026, 8, 1), province=here).amount == 70
    assert rulebook.time_limit("D.resolve", on=D(2026, 8, 1)).amount == 60
    assert rulebook.time_limit("D.resolve", on=D(2027, 1, 1), province=here).amount == 60


def test_province_overrides_of_every_family(db):
    here = _province()
    on = D(2026, 1, 1)
    VoteThresholdRuleFactory(
        code="decide", numerator=3, denominator=5, strict=False, source="T", province=here, effective_from=on
    )
    StatuteRuleFactory(category="member.reprimand", years=7, source="T", province=here, effective_from=on)
    SanctionAuthorityRuleFactory(
        body_kind="cell",
        subject_kind="member",
        form="warning",
        allowed=False,
        source="T",
        province=here,
        effective_from=on,
    )
    NotHandledCriterionFactory(
        letter_kind="denunciation",
        code="anonymous",
        label="Ẩn danh",
        active=False,
        source="T",
        province=here,
        effective_from=on,
    )

    assert rulebook.threshold("decide", on=DAY, province=here) == rulebook.Threshold(
        "decide", Fraction(3, 5), False, "T"
    )
    assert rulebook.threshold("decide", on=DAY).fraction == Fraction(1, 2)
    assert rulebook.statute_years("member.reprimand", on=DAY, province=here) == 7
    assert rulebook.statute_years("member.reprimand", on=DAY) == 5
    assert not rulebook.may_impose(body_kind="cell", subject_kind="member", form="warning", on=DAY, province=here)
    assert rulebook.may_impose(body_kind="cell", subject_kind="member", form="reprimand", on=DAY, province=here)
    assert rulebook.may_impose(body_kind="cell", subject_kind="member", form="warning", on=DAY)
    codes_here = [c.code for c in rulebook.not_handled_criteria("denunciation", on=DAY, province=here)]
    codes = [c.code for c in rulebook.not_handled_criteria("denunciation", on=DAY)]
    assert "anonymous" not in codes_here
    assert codes == [c.code for c in rulebook.DEFAULT_NOT_HANDLED["denunciation"]]
    assert codes_here == codes[1:]


def test_criteria_are_versioned_one_by_one_and_kept_in_order(db):
    NotHandledCriterionFactory(
        letter_kind="complaint", code="late_fee", label="Thử", order=1, source="T", effective_from=D(2026, 7, 1)
    )
    NotHandledCriterionFactory(
        letter_kind="complaint",
        code="on_behalf",
        label="Khiếu nại hộ",
        order=40,
        active=False,
        source="T",
        effective_from=D(2026, 7, 1),
    )

    before = [c.code for c in rulebook.not_handled_criteria("complaint", on=D(2026, 6, 30))]
    after = [c.code for c in rulebook.not_handled_criteria("complaint", on=D(2026, 7, 1))]
    assert "on_behalf" in before and "late_fee" not in before
    assert after[0] == "late_fee"
    assert "on_behalf" not in after
    assert len(after) == len(before)


def test_threshold_from_the_table_counts_votes(db):
    VoteThresholdRuleFactory(
        code="decide", numerator=2, denominator=3, strict=True, source="T", effective_from=D(2026, 1, 1)
    )
    rule = rulebook.threshold("decide", on=DAY)
    assert not rule.met(2, 3)
    assert rule.met(3, 4)
    assert rulebook.threshold("decide", on=D(2025, 12, 31)).met(2, 3)


def test_statute_without_limit_is_none(db):
    StatuteRuleFactory(category="member.warning", years=None, source="T", effective_from=D(2026, 1, 1))
    assert rulebook.statute_years("member.warning", on=DAY) is None
    assert rulebook.statute_years("member.warning", on=D(2025, 1, 1)) == 10


def test_each_lookup_is_one_query(db, django_assert_num_queries):
    here = _province()
    with django_assert_num_queries(1):
        rulebook.time_limit("D.resolve", on=DAY, province=here)
    with django_assert_num_queries(1):
        rulebook.threshold("expel_propose", on=DAY, province=here)
    with django_assert_num_queries(1):
        rulebook.statute_years("member.dismissal", on=DAY)
    with django_assert_num_queries(1):
        rulebook.not_handled_criteria("denunciation", on=DAY, province=here)
    with django_assert_num_queries(1):
        rulebook.may_impose(body_kind="district.inspection", subject_kind="member", form="expulsion", on=DAY)


def test_lookups_see_a_change_at_once(db):
    # No cache: a version added a moment ago answers the next lookup.
    assert rulebook.time_limit("archive", on=DAY).amount == 15
    _limit("archive", amount=20, on=D(2026, 1, 1), clock_starts="conclusion_notified")
    assert rulebook.time_limit("archive", on=DAY).amount == 20
