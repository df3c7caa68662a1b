"""viewflow's bulk assign/unassign pages: junk ids are a clean no-op (not a 500), and a
person cannot take or drop tasks of a case they do not see (found by tests/fuzz)."""

import pytest
from django.urls import reverse

from tests.workflow.helpers import open_case, open_task

pytestmark = pytest.mark.django_db

URLS = ("workflow:tasks_assign", "workflow:tasks_unassign")


@pytest.mark.parametrize("name", URLS)
@pytest.mark.parametrize("pk", ["", "abc", "-1", "1.5", "99999999999999999999999"])
def test_junk_ids_are_refused_cleanly(client, world, name, pk):
    client.force_login(world["users"]["staff"])
    response = client.post(reverse(name), {"pk": [pk], "_continue": "1"})
    assert response.status_code < 500


def test_outsider_cannot_claim_a_task_of_a_case_they_do_not_see(client, world):
    u = world["users"]
    case = open_case(client, world)
    task = open_task(case, "sign_decision")
    client.force_login(u["outsider"])
    response = client.post(reverse("workflow:tasks_assign"), {"pk": [str(task.pk)], "_continue": "1"})
    assert response.status_code < 500
    task.refresh_from_db()
    assert task.owner_id != u["outsider"].pk
