"""Drive a case through the real views, as a person in the browser would."""

from django.urls import reverse
from viewflow.workflow import STATUS
from viewflow.workflow.models import Task

from inspections.models import Case, KeyArea

OPEN_URL = "workflow:flows:plannedinspection:open_case:execute"


def declare(client, user, case, *, has_conflict=False, statement=""):
    """The team member records their conflict-of-interest declaration through the view."""
    client.force_login(user)
    response = client.post(
        reverse("cases:declare", args=[case.pk]), {"has_conflict": "1" if has_conflict else "0", "statement": statement}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return response


def open_case(client, world, *, declare_team=True, **overrides):
    u = world["users"]
    client.force_login(u["staff"])
    data = {
        "committee": world["committee"].pk,
        "title": "Kiểm tra việc chấp hành nguyên tắc tập trung dân chủ",
        "subject_card_number": world["subject_member"].card_number,
        "subject_organisation": "",
        "key_areas": [KeyArea.objects.get(code="nguyen-tac-to-chuc").pk],
        "grounds": "Chương trình kiểm tra, giám sát năm 2026",
        "period_start": "01/01/2025",
        "period_end": "30/06/2026",
        "confidentiality": "normal",
        "leader": u["leader"].pk,
        "members": [u["member"].pk],
    }
    data.update(overrides)
    response = client.post(reverse(OPEN_URL), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    case = Case.objects.latest("pk")
    if declare_team:
        for role in case.roles.filter(role__in=["leader", "member", "director"], revoked_at__isnull=True):
            declare(client, role.user, case)
    return case


def open_task(case, step):
    return _open_task(case, step)


def _open_task(case, step):
    for task in Task.objects.filter(process__caseprocess__case=case).exclude(status__in=[STATUS.DONE, STATUS.CANCELED]):
        if task.flow_task.name == step:
            return task
    raise AssertionError(f"no open task {step} on case {case.pk}")


def task_url(task, view="execute"):
    return task.flow_task.reverse(view, args=[task.process_id, task.pk])


def claim(client, task):
    response = client.post(task_url(task, "assign"), {})
    assert response.status_code == 302, response.content.decode()[:2000]


def complete(client, user, case, step, data, *, expect=302):
    """Claim the step if it sits in the queue, then execute it as `user`."""
    client.force_login(user)
    task = _open_task(case, step)
    if task.owner_id is None:
        claim(client, task)
        task.refresh_from_db()
    response = client.post(task_url(task), data)
    assert response.status_code == expect, response.content.decode()[:4000]
    return response
