"""The chair's two reviews (workflow.steps.review.flow): the team's result report and the
drafted conclusion, each a verdict and a note passed to its service."""

from inspections.services import conclusions, inspection_steps
from workflow.steps.review.forms import ReviewForm
from workflow.views.base import TaskStep, verdict_kwargs

ReviewReportView = TaskStep.define(
    form=ReviewForm, service=inspection_steps.team_report_review, service_kwargs=verdict_kwargs("accept")
)
ReviewConclusionView = TaskStep.define(
    form=ReviewForm, service=conclusions.conclusion_review, service_kwargs=verdict_kwargs("approve")
)
