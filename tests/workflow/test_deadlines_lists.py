"""Time in every list (issue 11 point 1): the case list, the case page, the inbox and the
queue show each case's statutory due date with the working days left, marked due soon or
overdue and sortable most urgent first; "my deadlines" lists and draws on a calendar what
falls due for the user, only their own cases; bad parameters fall back to the defaults."""

import datetime

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.models import Task

from inspections import access
from inspections.models import Case, CaseRole, CaseStatus, ConflictDeclaration
from tests.workflow.test_query_counts import _province

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _running(user, n=None):
    """The running cases `user` carries; with `n`, at least `n` of them: more cases are
    given to the user as a team member (access.grant_role, as a team change does) and the
    first `n` are put back to a running status with their clock going."""

    def carried():
        return Case.objects.filter(roles__user=user, roles__revoked_at=None).distinct().order_by("pk")

    if n is not None:
        extra = Case.objects.exclude(pk__in=carried().values("pk")).order_by("pk")[: max(0, n - carried().count())]
        with transaction.atomic():
            for case in extra:
                access.grant_role(case=case, user=user, role=CaseRole.Role.MEMBER)
        chosen = list(carried().values_list("pk", flat=True)[:n])
        Case.objects.filter(pk__in=chosen).update(closed_on=None, concluded_on=None, status=CaseStatus.VERIFYING)
    return carried().filter(closed_on=None, concluded_on=None)


def _link(case) -> str:
    """The case's link on a page (case numbers repeat across committees)."""
    return f'href="{reverse("cases:detail", args=[case.pk])}"'


def _set_due(case, days):
    Case.objects.filter(pk=case.pk).update(due_on=TODAY() + datetime.timedelta(days=days))


def _get(user, name, query="", expect=200):
    client = Client()
    client.force_login(user)
    response = client.get(reverse(name) + query)
    assert response.status_code == expect
    return response.content.decode()


def test_my_deadlines_list_and_calendar_show_only_the_users_running_cases():
    people = _province(8)
    member = people["member"]
    cases = list(_running(member, 3)[:3])
    assert len(cases) == 3
    _set_due(cases[0], -10)  # overdue
    _set_due(cases[1], 1)  # due soon
    _set_due(cases[2], 60)  # beyond six weeks
    Case.objects.filter(pk__in=[c.pk for c in _running(member)[3:]]).update(due_on=None)
    page = _get(member, "cases:deadlines")
    assert _link(cases[0]) in page and _link(cases[1]) in page and _link(cases[2]) not in page
    assert page.index(_link(cases[0])) < page.index(_link(cases[1]))  # overdue first
    assert "kt-due--overdue" in page and "quá hạn" in page and "kt-due--due_soon" in page
    assert "kt-month" in page and f"Tháng {TODAY():%m/%Y}" in page
    longer = _get(member, "cases:deadlines", "?weeks=13")
    assert _link(cases[2]) in longer and "còn" in longer
    for bad in ("?weeks=abc", "?weeks=1000", "?weeks=-1"):
        assert _link(cases[2]) not in _get(member, "cases:deadlines", bad)
    # The auditor sees these cases but carries none of them: nothing due for them.
    audit_page = _get(people["auditor"], "cases:deadlines")
    assert _link(cases[0]) not in audit_page and "Không có hạn nào" in audit_page
    # A revoked role takes the case off the user's page.
    CaseRole.objects.filter(case=cases[0], user=member).update(revoked_at=timezone.now())
    assert _link(cases[0]) not in _get(member, "cases:deadlines")
    Client().get(reverse("cases:deadlines"))  # anonymous: sent to the login page, no error


def test_my_deadlines_runs_the_same_queries_for_few_and_many_cases():
    people = _province(4)
    member = people["member"]
    for case in _running(member):
        _set_due(case, 3)

    def count():
        client = Client()
        client.force_login(member)
        client.get(reverse("cases:deadlines"))
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("cases:deadlines"))
        return len(ctx.captured_queries)

    few = count()
    more = _province(16)
    for case in Case.objects.filter(closed_on=None, concluded_on=None):
        _set_due(case, 5)
    CaseRole.objects.bulk_create(
        [
            CaseRole(case=case, user=member, role=CaseRole.Role.MEMBER)
            for case in Case.objects.exclude(roles__user=member)[:10]
        ]
    )
    assert more  # a second province beside the first
    assert count() == few <= 10


def test_case_list_sorted_by_due_date_puts_the_overdue_first_and_the_case_page_shows_time_left():
    people = _province(8)
    chair = people["chair"]
    cases = list(_running(chair, 2)[:2])
    assert len(cases) == 2
    _set_due(cases[0], 30)
    _set_due(cases[1], -5)
    page = _get(chair, "cases:index", "?sort=due")
    assert page.index(_link(cases[1])) < page.index(_link(cases[0]))
    assert "kt-due--overdue" in page and 'name="sort" value="due" checked' in page
    # The chair, now on the team, has declared no conflict: the file opens to them.
    ConflictDeclaration.objects.create(case=cases[1], user=chair, has_conflict=False)
    detail = Client()
    detail.force_login(chair)
    body = detail.get(reverse("cases:detail", args=[cases[1].pk])).content.decode()
    assert "kt-due--overdue" in body and "quá hạn" in body


def test_the_inbox_shows_the_due_date_and_puts_the_most_urgent_first():
    people = _province(8)
    member = people["member"]
    first, second = list(_running(member, 2)[:2])
    # A human task of each case is in the member's inbox.
    for case in (first, second):
        task = Task.objects.filter(process__caseprocess__case=case, flow_task_type="HUMAN").order_by("pk").first()
        Task.objects.filter(pk=task.pk).update(owner=member, status="ASSIGNED")
    _set_due(first, 40)
    _set_due(second, -2)
    page = _get(member, "workflow:inbox")
    assert "kt-due--overdue" in page and "còn" in page
    assert page.index(_link(second)) < page.index(_link(first))
    _set_due(first, -20)
    page = _get(member, "workflow:inbox")
    assert page.index(_link(first)) < page.index(_link(second))
