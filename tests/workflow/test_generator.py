"""The province generator at its tiny scale (issue 10 point 1): the journal it writes
verifies, access is what inspections.access says from the roles it grants, and the tasks
are in the states the flows leave them (one open step per running case, in the queue or
assigned to the role's sole holder)."""

import datetime

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from guardian.shortcuts import get_objects_for_user
from viewflow.workflow import STATUS
from viewflow.workflow.models import Task

from inspections import access, journal
from inspections.models import Case, CaseKind, CaseRole, CaseUserObjectPermission, JournalEntry
from people.models import AuditMandate, User
from workflow import queues
from workflow.generator import Generator
from workflow.kinds.registry import registry as flows

pytestmark = pytest.mark.django_db

FLOWS = [spec.flow for spec in flows.with_flows()]


@pytest.fixture
def province():
    counts = Generator(seed=7, scale="tiny").run()
    return counts


def test_the_generated_journal_verifies(province, capsys):
    assert province["journal"] == JournalEntry.objects.count() > province["cases"]
    assert list(journal.verify_all()) == []
    call_command("verify_journal")
    assert "OK" in capsys.readouterr().out


def test_every_kind_is_generated_with_its_process(province):
    kinds = set(Case.objects.values_list("kind", flat=True))
    assert kinds == set(CaseKind.values)
    # Every kind with a flow has one process per case; C1 (a log) has none.
    for case in Case.objects.exclude(kind=CaseKind.REGULAR_SUPERVISION):
        assert case.process.flow_class in FLOWS
    assert not Case.objects.filter(kind=CaseKind.REGULAR_SUPERVISION, process__isnull=False).exists()


def test_permissions_are_those_the_roles_grant(province):
    """Each active role gives exactly access.ROLE_PERMISSIONS[role], as grant_role does."""
    expected = set()
    for case_id, user_id, role in CaseRole.objects.values_list("case_id", "user_id", "role"):
        expected |= {(case_id, user_id, codename) for codename in access.ROLE_PERMISSIONS[role]}
    held = set(CaseUserObjectPermission.objects.values_list("content_object_id", "user_id", "permission__codename"))
    assert held == expected


def test_visibility_follows_roles_and_mandates(province):
    role_holders = User.objects.filter(caserole__isnull=False).distinct()
    for user in role_holders:
        mine = set(CaseRole.objects.filter(user=user).values_list("case_id", flat=True))
        visible = set(access.cases_visible_to(user).values_list("pk", flat=True))
        assert visible == mine
        # The stock library on the same rows says the same.
        assert set(get_objects_for_user(user, "inspections.view_case").values_list("pk", flat=True)) == mine
    for mandate in AuditMandate.objects.select_related("organisation", "user"):
        expected = set(
            Case.objects.filter(
                jurisdiction_path__startswith=mandate.organisation.path,
                opened_on__gte=mandate.valid_from,
                opened_on__lte=mandate.valid_to,
            ).values_list("pk", flat=True)
        )
        assert expected
        assert set(access.cases_visible_to(mandate.user).values_list("pk", flat=True)) == expected
    # Someone with no role and no mandate sees nothing: a committee's chair from another
    # commune sees none of this commune's cases.
    nobody = User.objects.create(username="nobody")
    assert not access.cases_visible_to(nobody).exists()


def test_running_cases_have_one_open_step_in_the_queue_or_assigned(province):
    running = Case.objects.exclude(kind=CaseKind.REGULAR_SUPERVISION).filter(process__status=STATUS.NEW)
    assert running.exists()
    for case in running:
        open_tasks = list(queues.open_tasks_of_case(case))
        assert len(open_tasks) == 1
        task = open_tasks[0]
        assert task.owner_permission.startswith("inspections.")
        if task.status == STATUS.ASSIGNED:
            assert task in queues.inbox(task.owner, FLOWS)
        else:
            codename = task.owner_permission.split(".", 1)[1]
            holder = CaseUserObjectPermission.objects.filter(content_object=case, permission__codename=codename).first()
            assert task in queues.queue(holder.user, FLOWS)
    closed = Case.objects.filter(process__status=STATUS.DONE)
    assert closed.exists()
    assert not Task.objects.filter(process__caseprocess__case__in=closed).exclude(status=STATUS.DONE).exists()


def test_the_heavy_user_and_the_auditor_see_their_lists_through_http(province):
    auditor = User.objects.get(username="s7auditor")
    client = Client()
    client.force_login(auditor)
    response = client.get(reverse("cases:index"))
    assert response.status_code == 200
    newest = access.cases_visible_to(auditor).order_by("-opened_on", "-pk").first()
    assert newest.number in response.content.decode()
    assert newest.opened_on >= datetime.date.today() - datetime.timedelta(days=731)
