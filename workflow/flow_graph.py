"""A case flow's graph read against its kind's status pipeline (issue 8 point 4).

Every task node declares the case status it leads to (CaseTask(..., status=...)). For each
task, the next task reached through gateways must lead to a status the pipeline allows from
one of the task's own statuses (or keep it: a loop back to the same step); an end reached
from a task needs one of the task's statuses to be final. `edge_errors` lists what breaks
that, so a wrong status target in a flow fails the test that walks every registered kind."""

from viewflow.workflow import flow

from inspections.kinds.registry import registry as kinds
from workflow.nodes import CaseTask


def next_steps(node) -> set:
    """The task and end nodes reached from `node`, passing through gateways."""
    found, seen, todo = set(), set(), [edge.dst for edge in node._outgoing()]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        if isinstance(current, CaseTask | flow.End):
            found.add(current)
        else:
            todo.extend(edge.dst for edge in current._outgoing())
    return found


def _names(statuses) -> str:
    return "|".join(str(status) for status in statuses)


def _edge_error(kind: str, task: CaseTask, target) -> str | None:
    pipeline = kinds.pipeline_of(kind)
    if isinstance(target, flow.End):
        if any(kinds.is_final(kind, status) for status in task.statuses):
            return None
        return f"{task.name} ({_names(task.statuses)}) -> end {target.name}: no final status"
    for status in task.statuses:
        for next_status in target.statuses:
            if next_status == status or next_status in pipeline.get(status, ()):
                return None
    return f"{task.name} ({_names(task.statuses)}) -> {target.name} ({_names(target.statuses)}): not an allowed move"


def edge_errors(flow_class, kind: str) -> list[str]:
    pipeline = kinds.pipeline_of(kind)
    errors = []
    for node in flow_class.instance.nodes():
        if not isinstance(node, CaseTask):
            continue
        errors += [
            f"{node.name}: {status} is not in the pipeline" for status in node.statuses if status not in pipeline
        ]
        for target in sorted(next_steps(node), key=lambda n: n.name):
            error = _edge_error(kind, node, target)
            if error:
                errors.append(error)
    return errors
