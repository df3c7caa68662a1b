"""Selectors: who heads an organisation, who is related to whom."""

import datetime

import pytest

from people.models import Position
from people.selectors import headed_organisations, is_head, relatives_of
from tests.factories.people import KinshipFactory, PartyMemberFactory, PositionFactory

DAY = datetime.date(2026, 3, 1)


@pytest.mark.django_db
def test_is_head_true_for_secretary_false_for_deputy():
    secretary = PartyMemberFactory()
    deputy = PartyMemberFactory(organisation=secretary.organisation)
    PositionFactory(member=secretary, kind=Position.Kind.SECRETARY)
    PositionFactory(member=deputy, kind=Position.Kind.DEPUTY_SECRETARY)

    assert is_head(secretary, DAY) is True
    assert is_head(deputy, DAY) is False
    assert [p.organisation for p in headed_organisations(secretary, DAY)] == [secretary.organisation]


@pytest.mark.django_db
def test_is_head_counts_head_of_unit_only_while_the_post_is_held():
    principal = PartyMemberFactory()
    other = PartyMemberFactory(organisation=principal.organisation)
    PositionFactory(
        member=principal,
        kind=Position.Kind.HEAD_OF_UNIT,
        started_on=datetime.date(2020, 1, 1),
        ended_on=datetime.date(2025, 12, 31),
    )

    assert is_head(principal, datetime.date(2025, 12, 31)) is True
    assert is_head(principal, datetime.date(2026, 1, 1)) is False
    assert is_head(principal, datetime.date(2019, 12, 31)) is False
    assert is_head(other, datetime.date(2025, 6, 1)) is False


@pytest.mark.django_db
def test_relatives_of_works_in_both_directions():
    husband = PartyMemberFactory()
    wife = PartyMemberFactory(organisation=husband.organisation)
    stranger = PartyMemberFactory(organisation=husband.organisation)
    KinshipFactory(member=husband, relative=wife)

    assert relatives_of(husband) == {wife.pk}
    assert relatives_of(wife) == {husband.pk}
    assert relatives_of(stranger) == set()
