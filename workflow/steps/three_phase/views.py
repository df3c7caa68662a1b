"""Steps the three-phase inspections (B, G, H) share and that differ from the planned inspection's;
the flows reuse workflow.steps.inspection and workflow.steps.review for the steps that are the same
(self-inspection report, the chair's reviews). Also the case-page panel of these kinds."""

from dataclasses import fields as dataclass_fields

from django.urls import reverse

from inspections import access
from inspections.models import CaseKind
from inspections.selectors import three_phase as selectors
from inspections.services import proposals, three_phase
from inspections.services.inspection_steps import verification_record
from inspections.services.three_phase import ViolationFacts
from workflow.steps.inspection.forms import SignDecisionForm, VerificationForm
from workflow.steps.three_phase import forms
from workflow.views.base import StartStep, TaskStep

# Fields of a proposal that make up its plan (workflow.steps.three_phase.forms.PlanFields.plan).
PLAN_FIELDS = ("content", "working_days", "signs_source", "signs_detail", "content_items")


def with_plan(form, kwargs: dict) -> dict:
    """The service's keyword arguments with the plan fields gathered into one `plan`."""
    for name in PLAN_FIELDS:
        kwargs.pop(name, None)
    return {**kwargs, "plan": form.plan()}


class ProposalView(StartStep):
    """Start of a B, G or H flow: the area officer's proposal (B.1 step 1), with the
    kind's proposal form (`form_class`, given by proposal_start)."""

    template_name = "kiemtra/three_phase/start.html"
    service = proposals.inspection_propose
    form_gets = ("user", "kind")
    kind: str = ""

    def get_kind(self):
        return self.kind

    def get_context_data(self, **kwargs):
        flow_class = self.request.activation.flow_class
        return super().get_context_data(title=flow_class.process_title, intro=flow_class.process_description, **kwargs)

    def service_context(self):
        return {"kind": self.kind}

    def service_kwargs(self, form):
        return with_plan(form, super().service_kwargs(form))


SignDecisionPlanView = TaskStep.define(form=SignDecisionForm, service=proposals.decision_plan_sign)
PrepareView = TaskStep.define(form=forms.PrepareForm, service=three_phase.preparation_record)
MeetSubjectView = TaskStep.define(form=forms.MeetSubjectForm, service=three_phase.subject_meeting_record)
ReviewMeetingView = TaskStep.define(form=forms.ReviewMeetingForm, service=three_phase.review_meeting_record)
TeamReportDiscussedView = TaskStep.define(form=forms.TeamReportDiscussedForm, service=three_phase.team_report_finalise)
ConveyConclusionView = TaskStep.define(
    form=forms.ConveyForm, service=three_phase.conclusion_convey, exclude=("managing_informed",)
)


class ChecklistVerificationView(TaskStep):
    """Verification: a finding per content item under a checklist (G, H), otherwise the
    planned inspection's strengths, shortcomings and violations (B)."""

    def checklist(self) -> bool:
        return self.get_case().kind != CaseKind.SIGNS_INSPECTION

    def get_form_class(self):
        return forms.ChecklistVerificationForm if self.checklist() else VerificationForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.checklist():
            kwargs["items"] = selectors.scope_items(self.get_case())
        return kwargs

    def get_service(self):
        return three_phase.checklist_verification_record if self.checklist() else verification_record

    def service_kwargs(self, form):
        return {"findings": form.findings(), "upload": form.cleaned_data["file"]}


class ConclusionAssessView(TaskStep):
    form_class = forms.ConclusionAssessForm
    service = three_phase.conclusion_assess
    form_gets = ("case",)

    def service_kwargs(self, form):
        kwargs = super().service_kwargs(form)
        for name in (f.name for f in dataclass_fields(ViolationFacts)):
            del kwargs[name]
        return {**kwargs, "facts": form.facts()}


def three_phase_panel(user, case):
    context = selectors.panel(case)
    grounds = context["grounds"]
    # The chair may open the discipline case the approved conclusion calls for (wiring).
    if grounds and grounds.violation_found and grounds.discipline_required and access.can(user, "approve", case):
        if not case.links_out.filter(relation="discipline").exists():
            context["open_discipline_url"] = reverse("cases:escalate_inspection_discipline", args=[case.pk])
    return "kiemtra/panels/three_phase.html", context
