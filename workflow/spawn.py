"""Starting the flow of a case that another case gave rise to (issue 3: supervision ->
inspection upon signs, denunciation -> discipline, discipline -> complaint, unmet follow-up
-> inspection upon signs).

The service (inspections.services.cases.case_spawn) creates the case and links it; the view
that called it then calls `start_flow_for(case)` in the same transaction. A kind whose flow
can be spawned defines a node

    spawned = flow.StartHandle(this.attach_case).Next(this.<first staff task>)

whose first task lets committee staff complete what the opening form would have asked
(the team, the dates) — a spawned case has a drafter and approvers but no team yet. The
originating kind's spec must list the new kind in `may_open`.
"""

from inspections.kinds.registry import registry as kinds
from inspections.selectors.links import origin_of
from workflow.kinds.registry import registry


def start_flow_for(case):
    spec = registry.get(case.kind)
    if not spec.spawnable:
        raise LookupError(f"no spawnable flow for case kind {case.kind}")
    origin = origin_of(case)
    if origin is not None and not kinds.may_open(origin.kind, case.kind):
        raise LookupError(f"a case of kind {origin.kind} may not open one of kind {case.kind}")
    return spec.flow.spawned.run(case=case)
