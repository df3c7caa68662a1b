"""Case reads: scoped by the access policy, constant number of queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from inspections.selectors.cases import case_detail, case_list


def _open_many(world, open_case, count: int) -> None:
    for i in range(count):
        if i % 2:
            open_case(subject_member=None, subject_organisation=world.cell)
        else:
            open_case(subject_member=world.other_member if i % 4 else world.subject_member)


def _render_list(user) -> tuple[int, int]:
    """Evaluate the list as a page would, touching what the rows show. Returns (rows, queries)."""
    with CaptureQueriesContext(connection) as ctx:
        shown = [
            (case.number, case.committee.code, str(case.subject), [area.name for area in case.key_areas.all()])
            for case in case_list(user)
        ]
    return len(shown), len(ctx.captured_queries)


def test_case_list_runs_a_constant_number_of_queries(world, open_case):
    _open_many(world, open_case, 3)
    small = {name: _render_list(getattr(world, name)) for name in ("leader", "auditor", "outsider")}

    _open_many(world, open_case, 7)
    large = {name: _render_list(getattr(world, name)) for name in ("leader", "auditor", "outsider")}

    assert small["leader"][0] == 3 and large["leader"][0] == 10
    assert small["auditor"][0] == 3 and large["auditor"][0] == 10
    assert small["outsider"][0] == 0 and large["outsider"][0] == 0
    for name in small:
        assert small[name][1] == large[name][1], name
    # The list itself, its key areas, and the auditor mandates: nothing per row.
    assert large["leader"][1] <= 3


def test_case_list_shows_only_visible_cases_newest_first(world, open_case):
    first = open_case()
    second = open_case(subject_member=world.other_member)

    assert list(case_list(world.member2)) == [second, first]
    assert list(case_list(world.outsider)) == []
    assert list(case_list(world.subject)) == []


def test_case_detail_is_none_for_people_the_case_does_not_name(world, open_case):
    case = open_case()

    assert case_detail(world.leader, case.pk) == case
    assert case_detail(world.auditor, case.pk) == case
    assert case_detail(world.outsider, case.pk) is None
    assert case_detail(world.subject, case.pk) is None


def test_case_detail_prefetches_what_the_page_shows(world, open_case, django_assert_max_num_queries):
    case = open_case()

    with django_assert_max_num_queries(9):
        detail = case_detail(world.leader, case.pk)
        sorted(role.user.username for role in detail.roles.all())
        list(detail.documents.all())
        list(detail.key_areas.all())
        str(detail.committee.organisation)
        str(detail.subject)
        str(detail.created_by)
