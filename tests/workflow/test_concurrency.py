"""Two people completing the same task at the same moment, on PostgreSQL (real row locks):
exactly one succeeds, the other gets a clear 409, and the next task exists once."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.utils import timezone
from viewflow.workflow.models import Task

from inspections.models import CaseStatus, JournalEntry
from tests.workflow.helpers import open_case, open_task, task_url

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def test_two_threads_completing_the_same_task_exactly_one_wins(world):
    chair = world["users"]["chair"]
    case = open_case(Client(), world)
    task = open_task(case, "sign_decision")
    assert task.owner_id == chair.pk
    url = task_url(task)
    barrier = threading.Barrier(2)
    results = []

    def submit():
        client = Client()
        client.force_login(chair)
        barrier.wait()
        try:
            response = client.post(url, {"signed_on": timezone.localdate().strftime("%d/%m/%Y")})
            results.append((response.status_code, response.content.decode()))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)

    codes = sorted(code for code, _body in results)
    assert codes == [302, 409], codes
    loser = next(body for code, body in results if code == 409)
    assert "đã được" in loser or "Người khác đang xử lý" in loser
    case.refresh_from_db()
    assert case.status == CaseStatus.DECIDED
    tasks = Task.objects.filter(process__caseprocess__case=case)
    notify_tasks = [t for t in tasks if t.flow_task.name == "notify_subject"]
    assert len(notify_tasks) == 1
    assert JournalEntry.objects.filter(case=case, action="decision.signed").count() == 1
