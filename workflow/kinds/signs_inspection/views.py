"""Kind B's own steps: completing the proposal of a case another case opened, and receiving
the subject's explanatory report (báo cáo giải trình), which stands in for the
self-inspection report of G and H. The other steps are the three-phase group's
(workflow.steps.three_phase.views)."""

from inspections.services import proposals, three_phase
from workflow.kinds.signs_inspection import forms
from workflow.steps.three_phase.views import with_plan
from workflow.views.base import TaskStep


class CompleteProposalView(TaskStep):
    form_class = forms.CompleteProposalForm
    service = proposals.proposal_complete
    form_gets = ("case",)

    def service_kwargs(self, form):
        return with_plan(form, super().service_kwargs(form))


ExplanationView = TaskStep.define(form=forms.ExplanationForm, service=three_phase.explanation_receive)
