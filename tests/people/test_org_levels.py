"""Organisation levels seeded for both structures, and a legacy tree built on them."""

import importlib

import pytest
from django.apps import apps

from people.exceptions import PeopleRuleViolation
from people.models import OrgLevel
from tests.factories.people import OrganisationFactory, org_level

seed_migration = importlib.import_module("people.migrations.0002_org_levels")


@pytest.mark.django_db
def test_org_levels_seeded_for_both_structures():
    rows = {
        level.code: (level.structure, level.rank, level.is_grassroots, level.may_have_inspection_committee)
        for level in OrgLevel.objects.all()
    }

    assert rows == {
        "province": ("current", 1, False, True),
        "commune": ("current", 2, True, True),
        "cell": ("current", 3, False, False),
        "legacy-province": ("legacy", 1, False, True),
        "district": ("legacy", 2, False, True),
        "grassroots": ("legacy", 3, True, True),
        "legacy-cell": ("legacy", 4, False, False),
    }
    assert org_level("commune").name == "Đảng bộ xã, phường, đặc khu"
    assert org_level("district").name == "Huyện ủy (mô hình cũ)"


@pytest.mark.django_db
def test_org_levels_seed_is_idempotent_and_restores_defaults():
    OrgLevel.objects.filter(code="cell").update(name="Tên đã sửa")

    seed_migration.seed_levels(apps, None)
    seed_migration.seed_levels(apps, None)

    assert OrgLevel.objects.count() == len(seed_migration.LEVELS)
    assert org_level("cell").name == "Chi bộ"


@pytest.mark.django_db
def test_legacy_structure_district_grassroots_cell_is_representable():
    province = OrganisationFactory(name="Tỉnh ủy Hòa Bình", level_code="legacy-province")
    district = OrganisationFactory(name="Huyện ủy Lương Sơn", level_code="district", parent=province)
    grassroots = OrganisationFactory(name="Đảng ủy xã Tân Vinh", level_code="grassroots", parent=district)
    cell = OrganisationFactory(name="Chi bộ xóm Gò Mu", level_code="legacy-cell", parent=grassroots)

    assert cell.path == f"/{province.pk}/{district.pk}/{grassroots.pk}/{cell.pk}/"
    assert list(district.children.all()) == [grassroots]
    assert grassroots.level.is_grassroots and grassroots.level.may_have_inspection_committee


@pytest.mark.django_db
def test_legacy_grassroots_cell_directly_under_district_is_allowed():
    # A "chi bộ cơ sở" sat directly under the district committee (domain.md §2.1).
    district = OrganisationFactory(level_code="district")

    cell = OrganisationFactory(level_code="legacy-cell", parent=district)

    assert cell.parent == district


@pytest.mark.django_db
def test_structures_cannot_be_mixed_in_one_tree():
    commune = OrganisationFactory(level_code="commune")

    with pytest.raises(PeopleRuleViolation, match="cùng mô hình"):
        OrganisationFactory(level_code="legacy-cell", parent=commune)
