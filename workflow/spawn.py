"""Starting the flow of a case that another case gave rise to (issue 3: supervision ->
inspection upon signs, denunciation -> discipline, discipline -> complaint, unmet follow-up
-> inspection upon signs).

The service (inspections.services.cases.case_spawn) creates the case and links it; the view
that called it then calls `start_flow_for(case)` in the same transaction. Each flow that can
be spawned registers itself with `@spawnable(kind)` and defines a node

    spawned = flow.StartHandle(this.attach_case).Next(this.<first staff task>)

whose first task lets committee staff complete what the opening form would have asked
(the team, the dates) — a spawned case has a drafter and approvers but no team yet.
"""

FLOWS: dict[str, type] = {}


def spawnable(kind: str):
    def decorate(flow_class):
        FLOWS[kind] = flow_class
        return flow_class

    return decorate


def start_flow_for(case):
    flow_class = FLOWS.get(case.kind)
    if flow_class is None:
        raise LookupError(f"no spawnable flow for case kind {case.kind}")
    return flow_class.spawned.run(case=case)
