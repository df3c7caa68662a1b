"""load_demo builds one case of every kind, each waiting in a demo inbox, and only once."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from viewflow.workflow import STATUS
from viewflow.workflow.models import Task

from inspections.models import Ballot, Case, CaseKind, CaseRole, CaseStatus, JournalEntry
from people.models import User
from workflow.demo_cases import demo_case

# kind -> (status, open step, the demo user whose inbox or queue holds it)
EXPECTED = {
    CaseKind.PLANNED_INSPECTION: (CaseStatus.DRAFT, "sign_decision", "chunhiem"),
    CaseKind.SIGNS_INSPECTION: (None, "verify", "uyvien"),
    CaseKind.THEMATIC_SUPERVISION: (None, "study_report", "uyvien"),
    CaseKind.DENUNCIATION: (None, "triage", "chunhiem"),
    CaseKind.DISCIPLINE: (None, "close_ballot", "chunhiem"),
    CaseKind.FINANCE_INSPECTION: (CaseStatus.DRAFT, "sign_decision", "chunhiem"),
    CaseKind.LOWER_BODY_INSPECTION: (CaseStatus.DRAFT, "sign_decision", "chunhiem"),
}


@pytest.fixture
def loaded(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def _open_tasks(case):
    tasks = Task.objects.filter(process__caseprocess__case=case).exclude(status__in=[STATUS.DONE, STATUS.CANCELED])
    return list(tasks)


@pytest.mark.django_db
def test_load_demo_twice_creates_nothing_more(loaded):
    counts = (Case.objects.count(), JournalEntry.objects.count(), Task.objects.count(), Ballot.objects.count())

    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert (Case.objects.count(), JournalEntry.objects.count(), Task.objects.count(), Ballot.objects.count()) == counts
    assert sorted(Case.objects.values_list("kind", flat=True)) == sorted(
        k for k in CaseKind.values if k != CaseKind.DISCIPLINE_COMPLAINT
    )


@pytest.mark.django_db
@pytest.mark.parametrize("kind", list(EXPECTED))
def test_each_demo_case_waits_for_its_person(loaded, kind):
    status, step, username = EXPECTED[kind]
    case = Case.objects.get(kind=kind)
    user = User.objects.get(username=username)
    tasks = [t for t in _open_tasks(case) if t.flow_task.name == step]

    assert len(tasks) == 1, [t.flow_task.name for t in _open_tasks(case)]
    task = tasks[0]
    if status is not None:
        assert case.status == status
    if task.owner_id is not None:
        assert task.owner == user
    else:  # a queue task: the user may claim it
        assert step in {"verify", "study_report"} and username == "uyvien"
    if kind != CaseKind.PLANNED_INSPECTION:
        assert demo_case(kind) == case


@pytest.mark.django_db
def test_demo_log_discipline_and_denunciation_details(loaded):
    log = Case.objects.get(kind=CaseKind.REGULAR_SUPERVISION)
    discipline = Case.objects.get(kind=CaseKind.DISCIPLINE)
    denunciation = Case.objects.get(kind=CaseKind.DENUNCIATION)
    ballot = Ballot.objects.get(case=discipline, closed_at__isnull=True)
    voters = CaseRole.objects.filter(case=discipline, role="voter", revoked_at=None)

    assert log.supervision_entries.count() == 3
    assert ballot is not None
    assert set(voters.values_list("user__username", flat=True)) == {"chunhiem", "uyvien"}
    assert denunciation.denunciation.register_number == "TC-MAU-01"


@pytest.mark.django_db
@pytest.mark.parametrize("kind", [k for k in CaseKind.values if k != CaseKind.DISCIPLINE_COMPLAINT])
def test_demo_case_page_renders_for_staff(loaded, client, kind):
    case = Case.objects.get(kind=kind)
    client.force_login(User.objects.get(username="canbo"))

    response = client.get(reverse("cases:detail", args=[case.pk]))

    assert response.status_code == 200
    assert case.number in response.content.decode()
