"""people.selectors.jurisdiction_paths (issue 9 point 10): an organisation's jurisdiction
follows successor links — the paths of what was merged into it or into its
sub-organisations, transitively, and the former paths of its own moved subtree."""

import datetime

import pytest

from people.models import Organisation, OrganisationSuccession
from people.selectors import jurisdiction_paths, jurisdiction_paths_of, paths_q, within_jurisdiction
from people.services.organisations import organisation_create, organisation_split, organisations_merge
from tests.factories.people import OrganisationFactory, org_level

pytestmark = pytest.mark.django_db
EFFECTIVE = datetime.date(2025, 7, 1)


@pytest.fixture
def tree():
    province = OrganisationFactory(name="Đảng bộ tỉnh Thử", level_code="province")
    a = organisation_create(name="Xã A", level=org_level("commune"), parent=province)
    b = organisation_create(name="Xã B", level=org_level("commune"), parent=province)
    c = organisation_create(name="Xã C", level=org_level("commune"), parent=province)
    cell = organisation_create(name="Chi bộ thôn A1", level=org_level("cell"), parent=a)
    return province, a, b, c, cell


def _merge(sources, name, parent):
    return organisations_merge(
        sources=sources, name=name, level=sources[0].level, parent=parent, effective_on=EFFECTIVE
    )


def test_without_merges_the_jurisdiction_is_the_own_path(tree, django_assert_num_queries):
    province, a, b, c, cell = tree
    with django_assert_num_queries(1):
        assert jurisdiction_paths(a) == [a.path]
    assert jurisdiction_paths(province) == [province.path]


def test_a_successor_covers_its_predecessors_and_the_former_paths_of_its_subtree(tree):
    province, a, b, c, cell = tree
    old_a, old_b, old_cell = a.path, b.path, cell.path
    ab = _merge([a, b], "Xã AB", province)
    cell.refresh_from_db()
    assert cell.path == f"{ab.path}{cell.pk}/"  # moved under the successor

    assert set(jurisdiction_paths(ab)) == {ab.path, old_a, old_b}
    # The cell keeps its cases opened under its former path. (It is also offered under the
    # other predecessor, a path it never had: no case can carry it, ids are unique.)
    assert {cell.path, old_cell} <= set(jurisdiction_paths(cell))
    assert all(p.endswith(f"/{cell.pk}/") for p in jurisdiction_paths(cell))
    # An unrelated commune gains nothing; the province already covers every path.
    assert jurisdiction_paths(c) == [c.path]
    assert jurisdiction_paths(province) == [province.path]


def test_a_chain_of_two_mergers_and_a_merger_into_a_sub_organisation(tree):
    province, a, b, c, cell = tree
    old_a, old_b, old_c = a.path, b.path, c.path
    ab = _merge([a, b], "Xã AB", province)
    abc = _merge([ab, c], "Xã ABC", province)
    assert set(jurisdiction_paths(abc)) == {abc.path, ab.path, old_a, old_b, old_c}

    # Two cells of other communes merged into a new cell under the successor.
    other = organisation_create(name="Xã D", level=org_level("commune"), parent=province)
    d1 = organisation_create(name="Chi bộ D1", level=org_level("cell"), parent=other)
    new_cell = _merge(
        [d1, organisation_create(name="Chi bộ D2", level=org_level("cell"), parent=other)], "Chi bộ mới", abc
    )
    paths = jurisdiction_paths(abc)
    assert d1.path in paths and new_cell.path.startswith(abc.path)
    assert d1.path not in jurisdiction_paths(c)


def test_splits_are_not_merges(tree):
    province, a, b, c, cell = tree
    east, west = organisation_split(source=b, parts=["Xã B Đông", "Xã B Tây"], effective_on=EFFECTIVE)
    assert jurisdiction_paths(east) == [east.path]


def test_a_cycle_of_links_ends(tree):
    province, a, b, c, cell = tree
    OrganisationSuccession.objects.create(predecessor=a, successor=b, kind="merge", effective_on=EFFECTIVE)
    OrganisationSuccession.objects.create(predecessor=b, successor=a, kind="merge", effective_on=EFFECTIVE)
    assert set(jurisdiction_paths(a)) == {a.path, b.path}
    assert set(jurisdiction_paths(b)) == {a.path, b.path}


def test_several_organisations_one_query_and_the_q_matches_prefixes_only(tree, django_assert_num_queries):
    province, a, b, c, cell = tree
    old_a = a.path
    ab = _merge([a, b], "Xã AB", province)
    with django_assert_num_queries(1):
        paths = jurisdiction_paths_of([ab, c])
    assert old_a in paths and c.path in paths
    assert jurisdiction_paths_of([]) == []
    assert not Organisation.objects.filter(within_jurisdiction([], "path")).exists()
    assert not Organisation.objects.filter(paths_q([], "path")).exists()
    found = set(Organisation.objects.filter(within_jurisdiction([ab], "path")))
    assert found == {ab, Organisation.objects.get(pk=a.pk), Organisation.objects.get(pk=b.pk), cell}
