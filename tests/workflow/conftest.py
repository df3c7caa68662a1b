"""A small world for workflow tests: one commune with its inspection committee, a cell,
staff, a team leader, a team member, the chair, an outsider and the subject (built by
tests/world.py)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from viewflow.workflow.signals import task_finished

from tests.world import workflow_world
from workflow.nodes import CaseTask, case_of

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="tai-lieu.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def world(db):
    return workflow_world()


def _check_declared_status(sender, process, task, **kwargs):
    if not isinstance(task.flow_task, CaseTask):
        return
    case = case_of(process)
    status = type(case).objects.values_list("status", flat=True).get(pk=case.pk)
    assert status in task.flow_task.statuses, (
        f"{sender.__name__}.{task.flow_task.name} left the case {status}, declared {task.flow_task.statuses}"
    )


@pytest.fixture(autouse=True)
def task_leads_to_declared_status():
    """Every step a workflow test completes leaves the case in a status its node declares
    (CaseTask(status=...)): the declarations the flow-graph test reads are checked against
    what the services really do."""
    task_finished.connect(_check_declared_status, dispatch_uid="kiemtra-declared-status")
    yield
    task_finished.disconnect(dispatch_uid="kiemtra-declared-status")
