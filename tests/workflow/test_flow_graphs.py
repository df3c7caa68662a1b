"""Every edge of every registered kind's flow agrees with the kind's status pipeline
(issue 8 point 4): generated from the registry, so a new kind is covered by itself."""

import pytest
from viewflow.workflow import flow

from inspections.models import CaseKind, CaseStatus
from workflow.flow_graph import edge_errors, next_steps
from workflow.kinds.planned_inspection.flow import PlannedInspectionFlow
from workflow.kinds.registry import registry
from workflow.nodes import CaseTask

FLOW_SPECS = registry.with_flows()


def test_flow_graphs_cover_every_kind_with_a_flow():
    assert {spec.kind for spec in FLOW_SPECS} == set(CaseKind.values) - {CaseKind.REGULAR_SUPERVISION}


@pytest.mark.parametrize("spec", FLOW_SPECS, ids=lambda spec: spec.kind)
def test_flow_graph_edges_are_allowed_status_moves(spec):
    assert edge_errors(spec.flow, spec.kind) == []


@pytest.mark.parametrize("spec", FLOW_SPECS, ids=lambda spec: spec.kind)
def test_flow_graph_every_task_leads_somewhere(spec):
    for node in spec.flow.instance.nodes():
        if isinstance(node, CaseTask):
            assert node.statuses, node.name
            assert next_steps(node), node.name


@pytest.mark.parametrize("spec", FLOW_SPECS, ids=lambda spec: spec.kind)
def test_flow_start_form_is_the_specs(spec):
    starts = [node for node in spec.flow.instance.nodes() if type(node) is flow.Start]
    assert len(starts) == 1
    view = starts[0]._start_view  # viewflow keeps a Start node's view there
    assert view.view_class(**view.view_initkwargs).get_form_class() is spec.start_form


def test_flow_graph_catches_a_wrong_status_target(monkeypatch):
    # Notifying the subject cannot close a planned inspection: from DECIDED (the step
    # before) CLOSED is not an allowed move, and the next step cannot follow from CLOSED.
    node = PlannedInspectionFlow.instance.node("notify_subject")
    monkeypatch.setattr(node, "statuses", (CaseStatus.CLOSED,))
    errors = edge_errors(PlannedInspectionFlow, CaseKind.PLANNED_INSPECTION)
    assert sorted(errors) == [
        "notify_subject (closed) -> receive_self_report (self_reported): not an allowed move",
        "sign_decision (decided) -> notify_subject (closed): not an allowed move",
    ]


def test_flow_graph_catches_a_status_outside_the_pipeline(monkeypatch):
    node = PlannedInspectionFlow.instance.node("verify")
    monkeypatch.setattr(node, "statuses", (CaseStatus.VOTING,))
    errors = edge_errors(PlannedInspectionFlow, CaseKind.PLANNED_INSPECTION)
    assert "verify: voting is not in the pipeline" in errors


def test_flow_graph_catches_an_end_reached_from_an_open_status(monkeypatch):
    node = PlannedInspectionFlow.instance.node("follow_up")
    monkeypatch.setattr(node, "statuses", (CaseStatus.FOLLOW_UP,))
    assert "follow_up (follow_up) -> end end: no final status" in edge_errors(
        PlannedInspectionFlow, CaseKind.PLANNED_INSPECTION
    )
