"""Kind G has no step views of its own: its start (ProposalView on ChecklistProposalForm), steps and
case-page panel are the three-phase group's (workflow.steps.three_phase.views), wired in flow.py and spec.py."""
