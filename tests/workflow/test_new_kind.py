"""A ninth case kind is one folder and one spec (README, "Adding a ninth kind"): the test kind
in tests/workflow/ninth_kind/ is registered on both sides, a case of it is opened, its flow
moves it through its one step, and its pipeline decides which moves are allowed."""

import pytest
from django.test import modify_settings

from inspections.exceptions import RuleViolation
from inspections.kinds.registry import registry as kinds
from inspections.models import CaseStatus
from inspections.services.status import set_status
from workflow.flow_graph import edge_errors
from workflow.kinds.registry import registry as flows
from workflow.spawn import start_flow_for


@pytest.fixture
def ninth_kind():
    with modify_settings(INSTALLED_APPS={"append": "tests.workflow.ninth_kind"}):
        from tests.workflow.ninth_kind import kind, spec

        kinds.register(kind.SPEC)
        flows.register(spec.SPEC)
        try:
            yield spec.SPEC
        finally:
            flows.unregister(kind.CODE)
            kinds.unregister(kind.CODE)


def test_new_kind_runs_its_flow_along_its_pipeline(world, ninth_kind):
    users = world["users"]
    case = ninth_kind.start_service(
        actor=users["staff"],
        committee=world["committee"],
        kind=ninth_kind.kind,
        title="Kiểm tra thử",
        grounds="Thử",
        subject_member=world["subject_member"],
    )
    assert case.status == CaseStatus.DRAFT
    assert edge_errors(ninth_kind.flow, ninth_kind.kind) == []

    process = start_flow_for(case)
    task = process.task_set.get(flow_task=ninth_kind.flow.decide)
    activation = task.flow_task.activation_class(task)
    if task.owner_id is None:
        activation.assign(users["chair"])
    activation.start(None)
    set_status(case=case, actor=users["chair"], target=CaseStatus.DECIDED)
    activation.execute()

    process.refresh_from_db()
    case.refresh_from_db()
    assert case.status == CaseStatus.DECIDED
    assert process.finished is not None
    assert kinds.is_final(ninth_kind.kind, case.status)
    with pytest.raises(RuleViolation):
        set_status(case=case, actor=users["chair"], target=CaseStatus.CLOSED)


def test_new_kind_is_gone_once_unregistered(world):
    with pytest.raises(LookupError):
        kinds.get("Z")
    with pytest.raises(LookupError):
        flows.get("Z")
