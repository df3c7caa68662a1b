"""The statute-of-limitations calculator (domain.md §6.5): examples and hypothesis
properties. Pure functions: no database."""

import datetime

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from inspections.rulebook import DEFAULT_STATUTE_YEARS
from inspections.rules.statute import add_years, statute_check

D = datetime.date


def test_reprimand_five_years_from_the_violation():
    years = DEFAULT_STATUTE_YEARS["member.reprimand"]
    assert years == 5
    ok = statute_check(years=years, violation_start=D(2020, 3, 1), concluded_on=D(2025, 3, 1))
    assert not ok.expired and ok.runs_until == D(2025, 3, 1)
    late = statute_check(years=years, violation_start=D(2020, 3, 1), concluded_on=D(2025, 3, 2))
    assert late.expired


def test_warning_and_dismissal_ten_years():
    for form in ("warning", "dismissal"):
        years = DEFAULT_STATUTE_YEARS[f"member.{form}"]
        assert years == 10
        assert not statute_check(years=years, violation_start=D(2016, 1, 1), concluded_on=D(2025, 12, 31)).expired


def test_no_limit_for_expulsion_and_the_listed_categories():
    for category in ("member.expulsion", "organisation.dissolution", "no_limit.illegal_diplomas"):
        assert DEFAULT_STATUTE_YEARS[category] is None
    check = statute_check(years=None, violation_start=D(1990, 1, 1), concluded_on=D(2026, 1, 1))
    assert not check.expired and check.runs_until is None


def test_a_continuing_violation_counts_from_its_end():
    check = statute_check(
        years=5, violation_start=D(2015, 1, 1), violation_end=D(2021, 6, 30), concluded_on=D(2026, 6, 1)
    )
    assert check.counted_from == D(2021, 6, 30) and not check.expired


def test_a_new_violation_within_the_period_restarts_the_clock():
    base = {"years": 5, "violation_start": D(2018, 1, 1), "concluded_on": D(2025, 1, 1)}
    assert statute_check(**base).expired
    restarted = statute_check(**base, new_violations=[D(2022, 5, 1)])
    assert restarted.restarted_on == D(2022, 5, 1) and not restarted.expired
    # A new violation after the period had already run out restarts nothing.
    assert statute_check(**base, new_violations=[D(2024, 5, 1)]).expired


def test_deferral_adds_no_days():
    # Domain.md §11b.9: a deferral does not extend the statute unless a rule says so: the
    # period ends the same day five years on, whatever the case spent deferred.
    base = {"years": 5, "violation_start": D(2020, 1, 1), "concluded_on": D(2025, 3, 1)}
    check = statute_check(**base)
    assert check.expired and check.runs_until == D(2025, 1, 1)


def test_29_february():
    assert add_years(D(2024, 2, 29), 5) == D(2029, 2, 28)
    assert add_years(D(2024, 2, 29), 4) == D(2028, 2, 29)


def test_bad_input_is_refused():
    with pytest.raises(ValueError):
        statute_check(years=5, violation_start=D(2020, 1, 2), violation_end=D(2020, 1, 1), concluded_on=D(2021, 1, 1))
    with pytest.raises(ValueError):
        statute_check(years=5, violation_start=D(2020, 1, 2), concluded_on=D(2020, 1, 1))


# --- properties --------------------------------------------------------------------------
dates = st.dates(min_value=D(1990, 1, 1), max_value=D(2040, 12, 31))
years = st.sampled_from([5, 10])


@given(years, dates, st.integers(0, 30 * 366), st.integers(0, 400))
def test_expiry_is_monotonic_in_the_conclusion_date(n, start, offset, later):
    first = start + datetime.timedelta(days=offset)
    assume(first.year < 9000)
    a = statute_check(years=n, violation_start=start, concluded_on=first)
    b = statute_check(years=n, violation_start=start, concluded_on=first + datetime.timedelta(days=later))
    if a.expired:
        assert b.expired


@given(dates, st.integers(0, 30 * 366))
def test_a_longer_statute_never_expires_first(start, offset):
    concluded = start + datetime.timedelta(days=offset)
    if statute_check(years=10, violation_start=start, concluded_on=concluded).expired:
        assert statute_check(years=5, violation_start=start, concluded_on=concluded).expired


@given(years, dates, st.integers(0, 30 * 366))
def test_expired_exactly_when_more_than_the_years_have_passed(n, start, offset):
    concluded = start + datetime.timedelta(days=offset)
    check = statute_check(years=n, violation_start=start, concluded_on=concluded)
    assert check.expired == (concluded > add_years(start, n))


@given(years, dates, st.integers(0, 30 * 366), st.lists(st.integers(0, 30 * 366), max_size=4))
def test_new_violations_only_lengthen_the_period(n, start, offset, news):
    concluded = start + datetime.timedelta(days=offset)
    plain = statute_check(years=n, violation_start=start, concluded_on=concluded)
    new = [start + datetime.timedelta(days=d) for d in news]
    longer = statute_check(years=n, violation_start=start, concluded_on=concluded, new_violations=new)
    assert longer.runs_until >= plain.runs_until
    if not plain.expired:
        assert not longer.expired


@given(dates, st.integers(0, 60 * 366))
def test_no_limit_never_expires(start, offset):
    concluded = start + datetime.timedelta(days=offset)
    assert not statute_check(years=None, violation_start=start, concluded_on=concluded).expired
