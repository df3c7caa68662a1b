"""Query-count guards (issue 10 point 4): the case list, the audit search, the inbox, the
queue and the case page run a number of queries that does not grow with the data. Each
page is measured on a generated province of 2 and of 20 cases (workflow.generator), for a
committee chair, a team member and an auditor, and must run the same number of queries
on both, within the ceiling below, so a regression (a query per row) fails CI."""

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inspections import journal
from inspections.models import Case, CaseKind, CaseRole
from people.models import User
from workflow.generator import Generator, Scale

pytestmark = pytest.mark.django_db

# Ceilings: today's counts (measured with this test) — lower them when a page gets leaner.
# The case list, inbox and queue read the holidays once for the time left (issue 11 point 1).
CEILING = {"cases:index": 9, "cases:audit": 9, "workflow:inbox": 11, "workflow:queue": 11}
CASE_PAGE_CEILING = 45


def _province(cases: int):
    Generator(
        seed=cases, scale=Scale(communes=2, cells_per_commune=2, members=40, staff_per_committee=6, cases=cases)
    ).run()
    chair = User.objects.filter(caserole__role=CaseRole.Role.APPROVER).distinct().order_by("pk").first()
    member = (
        User.objects.filter(caserole__role=CaseRole.Role.MEMBER, username__startswith=f"s{cases}c")
        .distinct()
        .order_by("pk")
        .first()
    )
    auditor = User.objects.get(username=f"s{cases}auditor")
    return {"chair": chair, "member": member, "auditor": auditor}


def _queries(user, url) -> int:
    client = Client()
    client.force_login(user)
    client.get(url)  # the first request warms the caches every process keeps (menus, rules)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def _counts(cases: int) -> dict:
    people = _province(cases)
    counts = {}
    for who, user in people.items():
        for name in CEILING:
            counts[(who, name)] = _queries(user, reverse(name))
    return counts


def test_list_pages_run_the_same_queries_for_2_and_20_cases():
    small = _counts(2)
    # The second province is added beside the first: ten times the cases, same queries.
    large = _counts(20)
    assert small == large
    for (who, name), count in large.items():
        assert count <= CEILING[name], (who, name, count)


def test_the_case_page_runs_the_same_queries_however_long_its_timeline():
    """A generated planned inspection's page, then the same page after 60 more journal
    entries: the same queries (the timeline is read in one query)."""
    _province(2)
    case = Case.objects.exclude(kind=CaseKind.REGULAR_SUPERVISION).order_by("pk").first()
    chair = CaseRole.objects.filter(case=case, role=CaseRole.Role.APPROVER).first().user
    url = reverse("cases:detail", args=[case.pk])
    before = _queries(chair, url)
    with transaction.atomic():
        for _n in range(60):
            journal.append(
                case=case, actor=chair, action="status.changed", payload={"from": case.status, "to": case.status}
            )
    after = _queries(chair, url)
    assert before == after <= CASE_PAGE_CEILING, (before, after)
