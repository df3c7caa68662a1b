"""Kind H has no forms of its own: its proposal form (ChecklistProposalForm, the content picked from
the checklist) and its steps' forms are the three-phase group's (workflow.steps.three_phase.forms)."""
