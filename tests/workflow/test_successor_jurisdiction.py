"""Merged organisations (issue 9 point 10) through the real views: an auditor whose mandate
covers the successor reads the cases of the organisations merged into it, transitively; an
auditor of an unrelated organisation does not; the audit search by organisation subtree
includes the predecessors; the case list stays at a constant number of queries."""

import datetime

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from inspections import access
from inspections.models import KeyArea
from inspections.selectors.audit import audit_search
from inspections.services.cases import case_open
from inspections.services.teams import conflict_declare
from people.models import CommitteeSeat, Organisation
from people.services.organisations import organisation_create, organisations_merge
from tests.world import WORKFLOW_PASSWORD, WorldBuilder

pytestmark = pytest.mark.django_db

YEAR = datetime.timedelta(days=365)


def _case(world, title, *, subject_organisation=None, committee=None):
    u = world["users"]
    case = case_open(
        actor=u["staff"],
        committee=committee or world["committee"],
        title=title,
        grounds="Chương trình kiểm tra năm",
        subject_member=None if subject_organisation else world["subject_member"],
        subject_organisation=subject_organisation,
        key_areas=[KeyArea.objects.get(code="nguyen-tac-to-chuc")],
        leader=u["leader"],
        members=[u["member"]],
    )
    for who in ("leader", "member"):
        conflict_declare(actor=u[who], case=case, has_conflict=False)
    return case


def _merge(sources, name, parent):
    return organisations_merge(
        sources=sources, name=name, level=sources[0].level, parent=parent, effective_on=timezone.localdate()
    )


@pytest.fixture
def merged(world):
    """The case's commune and another one merged into a new commune; a third commune stays
    apart. Auditors: one over the successor, one over the unrelated commune."""
    day = timezone.localdate()
    other = Organisation.objects.get(name="Đảng bộ xã Khác")
    case = _case(world, "Hồ sơ xã cũ")
    # Opened by the other commune's own committee: a committee inspects only its own
    # subtree (issue 9 point 9); the staff and the chair sit on it too.
    other_committee = other.committees.get()
    build = WorldBuilder(term_start=other_committee.term_start)
    build.seat(other_committee, world["users"]["staff"], CommitteeSeat.Role.STAFF)
    build.seat(other_committee, world["users"]["chair"], CommitteeSeat.Role.CHAIR)
    about_other = _case(world, "Hồ sơ về xã Khác", subject_organisation=other, committee=other_committee)
    apart = organisation_create(name="Đảng bộ xã Xa", level=world["commune"].level, parent=world["province"])
    successor = _merge([world["commune"], other], "Đảng bộ xã Hợp Nhất", world["province"])
    build = WorldBuilder(term_start=world["committee"].term_start, password=WORKFLOW_PASSWORD)
    return {
        "case": case,
        "about_other": about_other,
        "apart": apart,
        "successor": successor,
        "heir": build.auditor(
            "kiemsoat-moi", "Kiểm Soát Xã Mới", successor, valid_from=day - YEAR, valid_to=day + YEAR
        ),
        "stranger": build.auditor("kiemsoat-xa", "Kiểm Soát Xã Xa", apart, valid_from=day - YEAR, valid_to=day + YEAR),
        "build": build,
    }


def test_the_successors_auditor_reads_the_predecessors_case_the_strangers_does_not(client, world, merged):
    case = merged["case"]
    assert case.jurisdiction_path == world["commune"].path  # stored at opening, unchanged
    assert access.can(merged["heir"], "view", case)
    assert not access.can(merged["heir"], "work", case)
    assert not access.can(merged["stranger"], "view", case)

    client.force_login(merged["heir"])
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 200
    assert case.number in client.get(reverse("cases:index")).content.decode()
    assert case.number in client.get(reverse("cases:audit")).content.decode()

    client.force_login(merged["stranger"])
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404
    assert case.number not in client.get(reverse("cases:index")).content.decode()
    assert case.number not in client.get(reverse("cases:audit")).content.decode()


def test_a_chain_of_two_mergers_is_followed(client, world, merged):
    day = timezone.localdate()
    case = merged["case"]
    second = _merge([merged["successor"], merged["apart"]], "Đảng bộ xã Hợp Nhất Lần Hai", world["province"])
    heir2 = merged["build"].auditor("kiemsoat-2", "Kiểm Soát Lần Hai", second, valid_from=day - YEAR, valid_to=day)
    unrelated = organisation_create(name="Đảng bộ xã Mới Lập", level=second.level, parent=world["province"])
    stranger = merged["build"].auditor("kiemsoat-3", "Kiểm Soát Khác", unrelated, valid_from=day - YEAR, valid_to=day)

    assert set(access.cases_visible_to(heir2)) == {case, merged["about_other"]}
    assert not access.cases_visible_to(stranger).exists()
    client.force_login(heir2)
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 200
    assert case.number in client.get(reverse("cases:index")).content.decode()
    client.force_login(stranger)
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404


def test_the_mandate_period_still_applies_to_the_predecessors_cases(world, merged):
    day = timezone.localdate()
    later = merged["build"].auditor(
        "kiemsoat-sau", "Kiểm Soát Kỳ Sau", merged["successor"], valid_from=day + YEAR, valid_to=day + 2 * YEAR
    )
    assert not access.can(later, "view", merged["case"])
    assert not access.cases_visible_to(later).exists()


def _found(user, query=""):
    search = audit_search(user, QueryDict(query))
    assert not search.form.errors, search.form.errors
    return {c.title for c in search.cases}


def test_the_audit_search_by_organisation_subtree_includes_the_predecessors(client, world, merged):
    province_auditor = merged["build"].auditor(
        "kiemsoat-tinh", "Kiểm Soát Tỉnh", world["province"], valid_from=timezone.localdate() - YEAR
    )
    both = {"Hồ sơ xã cũ", "Hồ sơ về xã Khác"}
    # The committee's commune and the subject commune were both merged into the successor.
    assert _found(province_auditor, f"organisation={merged['successor'].pk}") == both
    assert _found(merged["heir"], f"organisation={merged['successor'].pk}") == both
    assert _found(province_auditor, f"organisation={merged['apart'].pk}") == set()
    # The search never widens what the user may see.
    assert _found(merged["stranger"], f"organisation={merged['successor'].pk}") == set()

    client.force_login(province_auditor)
    body = client.get(reverse("cases:audit"), {"organisation": merged["successor"].pk}).content.decode()
    assert merged["case"].number in body and merged["about_other"].number in body
    body = client.get(reverse("cases:audit"), {"organisation": merged["apart"].pk}).content.decode()
    assert merged["case"].number not in body


def test_lists_stay_at_a_constant_number_of_queries_as_merges_grow(
    client, world, merged, django_assert_max_num_queries
):
    client.force_login(merged["heir"])
    urls = [reverse("cases:index"), reverse("cases:audit")]
    for url in urls:
        client.get(url)  # warm the per-process caches
    with CaptureQueriesContext(connection) as few:
        for url in urls:
            assert client.get(url).status_code == 200
    baseline = len(few.captured_queries)
    assert baseline
    # Ten more communes merged, five at a time, then all into the successor's successor.
    level, province = world["commune"].level, world["province"]
    parts = [organisation_create(name=f"Xã nhỏ {i}", level=level, parent=province) for i in range(10)]
    firsts = [_merge(parts[i : i + 5], f"Xã gộp {i}", province) for i in (0, 5)]
    top = _merge([merged["successor"], *firsts], "Xã gộp lớn", province)
    more = merged["build"].auditor("kiemsoat-lon", "Kiểm Soát Lớn", top, valid_from=timezone.localdate() - YEAR)
    for i in range(3):
        merged["build"].auditor(f"kiemsoat-phu{i}", "Phụ", top)
    client.force_login(more)
    for url in urls:
        client.get(url)
    with django_assert_max_num_queries(baseline):
        for url in urls:
            assert client.get(url).status_code == 200
    assert merged["case"].number in client.get(urls[0]).content.decode()
