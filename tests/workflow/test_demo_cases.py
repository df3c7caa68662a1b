"""load_demo builds one case of every kind, each waiting in a demo inbox, and only once."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from viewflow.workflow import STATUS
from viewflow.workflow.models import Task

from inspections.models import Ballot, Case, CaseKind, CaseRole, CaseStatus, DisciplineRecord, JournalEntry
from people.models import User
from workflow.demo_cases import CELL_SIGNS_TITLE, RECORD_TITLE, demo_case
from workflow.management.commands.load_demo import DEMO_TITLE

# kind -> (status, the open step, the demo user whose inbox (owner) or queue (claimable) holds it)
EXPECTED = {
    CaseKind.PLANNED_INSPECTION: (CaseStatus.DRAFT, "sign_decision", "chunhiem"),
    CaseKind.SIGNS_INSPECTION: (CaseStatus.VERIFYING, "verify", "uyvien"),
    CaseKind.REGULAR_SUPERVISION: (CaseStatus.MONITORING, None, None),
    CaseKind.THEMATIC_SUPERVISION: (None, "study_report", "uyvien"),
    CaseKind.DENUNCIATION: (CaseStatus.RECEIVED, "triage", "chunhiem"),
    CaseKind.DISCIPLINE: (None, "close_ballot", "chunhiem"),
    CaseKind.DISCIPLINE_COMPLAINT: (None, "check_admissibility", "chunhiem"),
    CaseKind.FINANCE_INSPECTION: (CaseStatus.DRAFT, "sign_decision", "chunhiem"),
    CaseKind.LOWER_BODY_INSPECTION: (CaseStatus.DRAFT, "sign_decision", "chunhiem"),
}


def _load():
    with open("/dev/null", "w") as sink:
        call_command("load_demo", stdout=sink)


def _counts():
    return Case.objects.count(), JournalEntry.objects.count(), Task.objects.count(), Ballot.objects.count()


def _case(kind):
    if kind == CaseKind.PLANNED_INSPECTION:
        return Case.objects.get(kind=kind, title=DEMO_TITLE)
    return demo_case(kind)


def _open_tasks(case):
    return Task.objects.filter(process__caseprocess__case=case).exclude(status__in=[STATUS.DONE, STATUS.CANCELED])


@pytest.fixture
def loaded(settings):
    _load()


@pytest.mark.django_db
def test_load_demo_twice_creates_nothing_more(loaded):
    counts = _counts()

    _load()

    assert _counts() == counts
    # One case of every kind, plus the announced discipline the complaint is about and the
    # inspection upon signs the demo cell opened on its own member (issue 9 point 9).
    kinds = sorted(Case.objects.values_list("kind", flat=True))
    assert kinds == sorted([*CaseKind.values, CaseKind.DISCIPLINE, CaseKind.SIGNS_INSPECTION])


@pytest.mark.django_db
@pytest.mark.parametrize("kind", list(EXPECTED))
def test_each_demo_case_waits_for_its_person_and_renders(loaded, client, kind):
    status, step, username = EXPECTED[kind]
    case = _case(kind)

    if status is not None:
        assert case.status == status
    if step is not None:
        user = User.objects.get(username=username)
        tasks = [t for t in _open_tasks(case) if t.flow_task.name == step]
        assert len(tasks) == 1, [t.flow_task.name for t in _open_tasks(case)]
        # Either in the person's inbox, or in the queue and theirs to claim.
        assert tasks[0].owner == user or (tasks[0].owner_id is None and tasks[0].flow_task.can_assign(user, tasks[0]))
    client.force_login(User.objects.get(username="canbo"))
    response = client.get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == 200
    assert case.number in response.content.decode()


@pytest.mark.django_db
def test_demo_details_log_ballot_denouncer_and_record(loaded, client):
    log = demo_case(CaseKind.REGULAR_SUPERVISION)
    discipline = demo_case(CaseKind.DISCIPLINE)
    denunciation = demo_case(CaseKind.DENUNCIATION)
    complaint = demo_case(CaseKind.DISCIPLINE_COMPLAINT)
    ballot = Ballot.objects.get(case=discipline, closed_at__isnull=True)
    voters = CaseRole.objects.filter(case=discipline, role="voter", revoked_at=None)

    assert log.supervision_entries.count() == 3
    # Every member present votes, the team leader included (issue 9 point 1, domain.md §11b.2).
    assert set(voters.values_list("user__username", flat=True)) == {"chunhiem", "truongdoan", "uyvien"}
    client.force_login(User.objects.get(username="uyvien"))
    assert client.get(reverse("cases:ballot_cast", args=[discipline.pk, ballot.pk])).status_code == 200
    assert denunciation.denunciation.register_number == "TC-MAU-01"
    record = complaint.complaint.record
    assert isinstance(record, DisciplineRecord) and record.case.title == RECORD_TITLE
    assert record.member != discipline.subject_member
    # The denouncer is sealed: staff who are not cleared do not see the name.
    client.force_login(User.objects.get(username="canbo"))
    page = client.get(reverse("cases:detail", args=[denunciation.pk])).content.decode()
    assert "Đinh Thị Tố Giác" not in page


@pytest.mark.django_db
def test_demo_cell_inspects_its_own_member_and_keeps_the_case_to_itself(loaded, client):
    """Issue 9 point 9: the cell's secretary opened B on a member of the cell, the deputy
    secretary signed it, and it waits for the secretary (team leader) to prepare; the
    commune inspection committee's staff and chair do not see it."""
    case = Case.objects.get(title=CELL_SIGNS_TITLE)
    bithu = User.objects.get(username="bithu")
    tasks = [t for t in _open_tasks(case) if t.flow_task.name == "prepare"]

    assert case.committee.kind == "cell" and case.subject_member.organisation == case.committee.organisation
    assert case.status == CaseStatus.DECIDED and case.created_by == bithu
    assert len(tasks) == 1 and (tasks[0].owner == bithu or tasks[0].flow_task.can_assign(bithu, tasks[0]))
    client.force_login(bithu)
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 200
    for outsider in ("canbo", "chunhiem"):
        client.force_login(User.objects.get(username=outsider))
        assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404
