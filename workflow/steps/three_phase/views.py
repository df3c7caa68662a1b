"""Steps of the three-phase inspections (B, G, H) that differ from the planned inspection's;
the flows reuse workflow.kinds.planned_inspection.views for the steps that are the same (self-inspection
report, verification, the chair's reviews). Also the case-page panel of these kinds."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView

from inspections import access
from inspections.models import CaseKind
from inspections.selectors import three_phase as selectors
from inspections.services import proposals, three_phase
from inspections.services.inspection_steps import verification_record
from workflow.kinds.planned_inspection.forms import SignDecisionForm, VerificationForm
from workflow.kinds.planned_inspection.views import CaseTaskView
from workflow.steps.three_phase import forms
from workflow.views.outcomes import rules_to_form

# Fields of the opening form passed on as they are to inspections.services.cases.case_open.
OPENING_FIELDS = (
    "committee",
    "title",
    "grounds",
    "subject_organisation",
    "confidentiality",
    "period_start",
    "period_end",
    "leader",
    "director",
    "decision_file",
)


class ProposalView(FormView):
    """Start of a B, G or H flow: the area officer's proposal (B.1 step 1)."""

    template_name = "kiemtra/three_phase/start.html"
    kind: str = ""

    def get_form_class(self):
        return forms.proposal_form_class(self.kind)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "kind": self.kind}

    def get_context_data(self, **kwargs):
        flow_class = self.request.activation.flow_class
        return super().get_context_data(title=flow_class.process_title, intro=flow_class.process_description, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        opening = {name: data[name] for name in OPENING_FIELDS}
        with rules_to_form(form) as outcome:
            case = proposals.inspection_propose(
                actor=self.request.user,
                kind=self.kind,
                plan=form.plan(),
                subject_member=data.get("subject_card_number"),
                key_areas=list(data["key_areas"]),
                members=list(data["members"]),
                proposal_file=data["proposal_file"],
                plan_file=data["plan_file"],
                **opening,
            )
        if outcome.refused:
            return self.form_invalid(form)
        self.request.activation.process.case = case
        self.request.activation.execute()
        messages.success(self.request, _("Đã lập hồ sơ %(number)s.") % {"number": case.number})
        return HttpResponseRedirect(reverse("cases:detail", args=[case.pk]))


class CompleteProposalView(CaseTaskView):
    form_class = forms.CompleteProposalForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "case": self.get_case()}

    def perform(self, form, case):
        data = form.cleaned_data
        proposals.proposal_complete(
            actor=self.request.user,
            case=case,
            plan=form.plan(),
            period_start=data["period_start"],
            period_end=data["period_end"],
            leader=data["leader"],
            members=list(data["members"]),
            director=data["director"],
            proposal_file=data["proposal_file"],
            plan_file=data["plan_file"],
        )


class SignDecisionPlanView(CaseTaskView):
    form_class = SignDecisionForm

    def perform(self, form, case):
        proposals.decision_plan_sign(actor=self.request.user, case=case, signed_on=form.cleaned_data["signed_on"])


class PrepareView(CaseTaskView):
    form_class = forms.PrepareForm

    def perform(self, form, case):
        data = form.cleaned_data
        three_phase.preparation_record(
            actor=self.request.user,
            case=case,
            outline=data["outline"],
            schedule=data["schedule"],
            assignments=data["assignments"],
            team_met_on=data["team_met_on"],
            outline_file=data["outline_file"],
            schedule_file=data["schedule_file"],
        )


class MeetSubjectView(CaseTaskView):
    form_class = forms.MeetSubjectForm

    def perform(self, form, case):
        data = form.cleaned_data
        three_phase.subject_meeting_record(
            actor=self.request.user,
            case=case,
            met_on=data["met_on"],
            report_due_on=data["report_due_on"],
            note=data["note"],
            upload=data["file"],
        )


class ExplanationView(CaseTaskView):
    form_class = forms.ExplanationForm

    def perform(self, form, case):
        three_phase.explanation_receive(
            actor=self.request.user,
            case=case,
            received_on=form.cleaned_data["received_on"],
            upload=form.cleaned_data["file"],
        )


class ReviewMeetingView(CaseTaskView):
    form_class = forms.ReviewMeetingForm

    def perform(self, form, case):
        data = form.cleaned_data
        three_phase.review_meeting_record(
            actor=self.request.user, case=case, held_on=data["held_on"], summary=data["summary"], upload=data["file"]
        )


class ChecklistVerificationView(CaseTaskView):
    """Verification: a finding per content item under a checklist (G, H), otherwise the
    planned inspection's strengths, shortcomings and violations (B)."""

    def get_form_class(self):
        return (
            forms.ChecklistVerificationForm if self.get_case().kind != CaseKind.SIGNS_INSPECTION else VerificationForm
        )

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.get_form_class() is forms.ChecklistVerificationForm:
            kwargs["items"] = selectors.scope_items(self.get_case())
        return kwargs

    def perform(self, form, case):
        if isinstance(form, forms.ChecklistVerificationForm):
            three_phase.checklist_verification_record(
                actor=self.request.user, case=case, findings=form.findings(), upload=form.cleaned_data["file"]
            )
        else:
            verification_record(
                actor=self.request.user, case=case, findings=form.findings(), upload=form.cleaned_data["file"]
            )


class TeamReportDiscussedView(CaseTaskView):
    form_class = forms.TeamReportDiscussedForm

    def perform(self, form, case):
        data = form.cleaned_data
        three_phase.team_report_finalise(
            actor=self.request.user,
            case=case,
            text=data["text"],
            discussed_on=data["discussed_on"],
            upload=data["file"],
        )


class ConclusionAssessView(CaseTaskView):
    form_class = forms.ConclusionAssessForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "case": self.get_case()}

    def perform(self, form, case):
        data = form.cleaned_data
        three_phase.conclusion_assess(
            actor=self.request.user,
            case=case,
            text=data["text"],
            violation_found=data["violation_found"],
            recommendations=data["recommendations"],
            committee_met_on=data["committee_met_on"],
            facts=form.facts(),
            upload=data["file"],
            minutes_file=data["minutes_file"],
        )


class ConveyConclusionView(CaseTaskView):
    form_class = forms.ConveyForm

    def perform(self, form, case):
        data = form.cleaned_data
        three_phase.conclusion_convey(
            actor=self.request.user,
            case=case,
            sent_on=data["sent_on"],
            upload=data["file"],
            minutes_file=data["minutes_file"],
        )


def three_phase_panel(user, case):
    context = selectors.panel(case)
    grounds = context["grounds"]
    # The chair may open the discipline case the approved conclusion calls for (wiring).
    if grounds and grounds.violation_found and grounds.discipline_required and access.can(user, "approve", case):
        if not case.links_out.filter(relation="discipline").exists():
            context["open_discipline_url"] = reverse("cases:escalate_inspection_discipline", args=[case.pk])
    return "kiemtra/panels/three_phase.html", context
