"""Organisation tree services: creation rule and paths, merge, split, successor chains."""

import datetime

import pytest

from people.exceptions import PeopleRuleViolation
from people.models import Organisation, OrganisationSuccession, PartyMember
from people.services.organisations import (
    current_successors,
    organisation_create,
    organisation_split,
    organisations_merge,
)
from tests.factories.people import OrganisationFactory, PartyMemberFactory, org_level

EFFECTIVE = datetime.date(2025, 7, 1)
LEVEL_RULE = "Cấp của tổ chức phải thấp hơn cấp của tổ chức cấp trên trong cùng mô hình."


@pytest.fixture
def province():
    return OrganisationFactory(name="Đảng bộ tỉnh Thử nghiệm", level_code="province")


@pytest.mark.django_db
def test_organisation_create_sets_materialised_path(province):
    commune = organisation_create(name="Đảng bộ xã Tân Lập", level=org_level("commune"), parent=province)
    cell = organisation_create(name="Chi bộ thôn Đồng Tâm", level=org_level("cell"), parent=commune)

    assert province.path == f"/{province.pk}/"
    assert commune.path == f"/{province.pk}/{commune.pk}/"
    assert Organisation.objects.get(pk=cell.pk).path == f"/{province.pk}/{commune.pk}/{cell.pk}/"


@pytest.mark.django_db
@pytest.mark.parametrize("child_code", ["province", "commune"])
def test_organisation_create_rejects_child_not_lower_than_parent(child_code):
    parent = OrganisationFactory(level_code="commune")
    before = Organisation.objects.count()

    with pytest.raises(PeopleRuleViolation) as excinfo:
        organisation_create(name="Sai cấp", level=org_level(child_code), parent=parent)

    assert excinfo.value.messages == [LEVEL_RULE]
    assert Organisation.objects.count() == before


@pytest.mark.django_db
def test_organisation_create_rejects_parent_of_other_structure(province):
    with pytest.raises(PeopleRuleViolation) as excinfo:
        organisation_create(name="Huyện ủy cũ", level=org_level("district"), parent=province)

    assert excinfo.value.messages == [LEVEL_RULE]


@pytest.mark.django_db
def test_organisation_create_rejects_inactive_parent(province):
    a = OrganisationFactory(level_code="commune", parent=province)
    b = OrganisationFactory(level_code="commune", parent=province)
    organisations_merge(sources=[a, b], name="Mới", level=org_level("commune"), parent=province, effective_on=EFFECTIVE)
    a.refresh_from_db()

    with pytest.raises(PeopleRuleViolation, match="đã giải thể"):
        organisation_create(name="Chi bộ muộn", level=org_level("cell"), parent=a)


@pytest.mark.django_db
def test_organisations_merge_moves_members_and_subtrees():
    # Legacy tree, so that grandchildren paths must be rewritten too.
    province = OrganisationFactory(level_code="legacy-province")
    north = OrganisationFactory(name="Huyện ủy Bắc", level_code="district", parent=province)
    south = OrganisationFactory(name="Huyện ủy Nam", level_code="district", parent=province)
    grassroots = OrganisationFactory(level_code="grassroots", parent=north)
    cell = OrganisationFactory(level_code="legacy-cell", parent=grassroots)
    south_cell = OrganisationFactory(level_code="legacy-cell", parent=south)
    in_north = PartyMemberFactory(organisation=north)
    in_south = PartyMemberFactory(organisation=south)
    in_cell = PartyMemberFactory(organisation=cell)

    merged = organisations_merge(
        sources=[north, south],
        name="Huyện ủy Bắc Nam",
        level=org_level("district"),
        parent=province,
        effective_on=EFFECTIVE,
    )

    assert set(merged.members.all()) == {in_north, in_south}
    assert PartyMember.objects.get(pk=in_cell.pk).organisation_id == cell.pk
    assert set(merged.children.all()) == {grassroots, south_cell}
    assert Organisation.objects.get(pk=grassroots.pk).path == f"{merged.path}{grassroots.pk}/"
    assert Organisation.objects.get(pk=cell.pk).path == f"{merged.path}{grassroots.pk}/{cell.pk}/"
    assert Organisation.objects.get(pk=south_cell.pk).path == f"{merged.path}{south_cell.pk}/"
    for source in (north, south):
        source.refresh_from_db()
        assert (source.is_active, source.dissolved_on) == (False, EFFECTIVE)
    assert set(
        OrganisationSuccession.objects.filter(successor=merged).values_list("predecessor_id", "kind", "effective_on")
    ) == {(north.pk, "merge", EFFECTIVE), (south.pk, "merge", EFFECTIVE)}


@pytest.mark.django_db
def test_organisations_merge_needs_two_active_sources(province):
    a = OrganisationFactory(level_code="commune", parent=province)

    with pytest.raises(PeopleRuleViolation, match="ít nhất hai"):
        organisations_merge(sources=[a], name="X", level=org_level("commune"), parent=province, effective_on=EFFECTIVE)


@pytest.mark.django_db
def test_organisation_split_assigns_members_by_index(province):
    commune = OrganisationFactory(level_code="commune", parent=province)
    cell = OrganisationFactory(name="Chi bộ thôn Đồng Tâm", level_code="cell", parent=commune)
    first, second, third = PartyMemberFactory.create_batch(3, organisation=cell)

    east, west = organisation_split(
        source=cell,
        parts=["Chi bộ thôn Đồng Tâm 1", "Chi bộ thôn Đồng Tâm 2"],
        effective_on=EFFECTIVE,
        member_assignment={second.pk: 1},
    )

    assert set(east.members.all()) == {first, third}
    assert set(west.members.all()) == {second}
    assert (east.parent, west.parent, east.level, west.level) == (commune, commune, cell.level, cell.level)
    cell.refresh_from_db()
    assert not cell.is_active
    assert set(cell.successions.values_list("successor_id", "kind")) == {(east.pk, "split"), (west.pk, "split")}


@pytest.mark.django_db
def test_organisation_split_bad_index_rejected_without_partial_writes(province):
    commune = OrganisationFactory(level_code="commune", parent=province)
    cell = OrganisationFactory(level_code="cell", parent=commune)
    kept, misplaced = PartyMemberFactory.create_batch(2, organisation=cell)
    orgs_before = Organisation.objects.count()
    successions_before = OrganisationSuccession.objects.count()

    with pytest.raises(PeopleRuleViolation, match="không hợp lệ"):
        organisation_split(source=cell, parts=["A", "B"], effective_on=EFFECTIVE, member_assignment={misplaced.pk: 2})

    assert Organisation.objects.count() == orgs_before
    assert OrganisationSuccession.objects.count() == successions_before
    assert set(
        PartyMember.objects.filter(pk__in=[kept.pk, misplaced.pk]).values_list("organisation_id", flat=True)
    ) == {cell.pk}
    assert Organisation.objects.get(pk=cell.pk).is_active


@pytest.mark.django_db
def test_current_successors_follows_merge_then_split(province):
    a = OrganisationFactory(level_code="commune", parent=province)
    b = OrganisationFactory(level_code="commune", parent=province)
    merged = organisations_merge(
        sources=[a, b], name="AB", level=org_level("commune"), parent=province, effective_on=EFFECTIVE
    )
    left, right = organisation_split(source=merged, parts=["A2", "B2"], effective_on=datetime.date(2026, 1, 1))
    a.refresh_from_db()

    assert set(current_successors(a)) == {left, right}
    assert current_successors(left) == [left]
