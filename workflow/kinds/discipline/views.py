"""One view per step of the discipline flow (kind E, domain.md §5(E)): each validates its
form, calls one service, then lets viewflow complete the task. Also the case-page panel."""

from django.utils import timezone

from inspections import access
from inspections.models import CaseKind
from inspections.selectors import discipline as selectors
from inspections.selectors import discipline_complaint as complaint_selectors
from inspections.services import discipline, discipline_records, discipline_steps, discipline_votes
from workflow.kinds.discipline import forms
from workflow.steps.ballot.views import BallotCloseView, ballot_panel
from workflow.views.base import StartStep, TaskStep

# Start: staff open a discipline case.
OpenDisciplineView = StartStep.define(
    form=forms.OpenDisciplineForm, service=discipline.discipline_open, template_name="kiemtra/discipline/start.html"
)
# A spawned case: staff complete the set-up (violation, body, team).
SetupView = TaskStep.define(form=forms.SetupForm, service=discipline.discipline_setup, form_gets=("case",))
ResumeView = TaskStep.define(form=forms.ResumeForm, service=discipline_steps.discipline_resume)
ProposalView = TaskStep.define(
    form=forms.ProposalForm, service=discipline_votes.discipline_propose, form_gets=("case",)
)
DecisionView = TaskStep.define(form=forms.DecisionForm, service=discipline_records.discipline_decision_sign)
AnnounceView = TaskStep.define(form=forms.AnnounceForm, service=discipline_records.discipline_announce)
StateProposalView = TaskStep.define(
    form=forms.StateProposalForm,
    service=discipline_records.state_proposal_record,
    exclude=("outcome",),  # the form's clean() checks the fields each outcome needs
    rename={"reason": "not_applicable_reason"},
)
# The chair closes the ballot; authority, then the statute, follow the result.
CloseBallotView = BallotCloseView.define(service=discipline_votes.discipline_ballot_close)


class SubjectFormsMixin:
    def get_forms_open(self):
        return selectors.subject_forms(self.get_case(), timezone.localdate())


class SelfCriticismView(SubjectFormsMixin, TaskStep):
    """Received, deferred or waived: one service per outcome."""

    form_class = forms.SelfCriticismForm
    form_gets = ("forms_open",)

    def perform(self, form):
        data = form.cleaned_data
        outcome = data["outcome"]
        actor, case = self.request.user, self.get_case()
        if outcome == "received":
            return discipline_steps.self_criticism_receive(
                actor=actor,
                case=case,
                received_on=data["on"],
                self_proposed_form=data["self_proposed_form"],
                upload=data["file"],
            )
        if outcome == "defer":
            return discipline_steps.discipline_defer(
                actor=actor, case=case, reason=data["defer_reason"], deferred_on=data["on"], note=data["note"]
            )
        return discipline_steps.self_criticism_waive(
            actor=actor, case=case, reason=outcome, on=data["on"], note=data["note"]
        )


class ReportView(SubjectFormsMixin, TaskStep):
    form_class = forms.ReportForm
    service = discipline_steps.discipline_report
    form_gets = ("case", "forms_open")
    rename = {"head_card_number": "head"}  # the head's card number cleans to the member


class MeetingView(TaskStep):
    """The meeting opens the secret ballot, or the review is deferred."""

    form_class = forms.MeetingForm
    service = discipline_votes.discipline_meeting
    form_gets = ("discipline",)
    exclude = ("outcome", "defer_reason", "note")

    def get_discipline(self):
        return selectors.discipline_of(self.get_case())

    def perform(self, form):
        data = form.cleaned_data
        if data["outcome"] == "defer":
            return discipline_steps.discipline_defer(
                actor=self.request.user,
                case=self.get_case(),
                reason=data["defer_reason"],
                deferred_on=data["meeting_on"],
                note=data["note"],
            )
        return super().perform(form)


def discipline_panel(user, case):
    """The discipline card on the case page: the violation, the body, the self-criticism,
    deferrals, head responsibility, ballots (counts only after close), proposals, the
    decision, the record and the 5-day proposal. A constant number of queries."""
    actions = access.actions_on(user, case)
    # The disciplined member's complaint is opened from here once the decision is in force
    # (discipline -> complaint, issue 3; inspections.services.discipline_complaint).
    may_open_complaint = access.can_open_case(user, CaseKind.DISCIPLINE_COMPLAINT)
    may_open_complaint = may_open_complaint and complaint_selectors.complaint_openable(case)
    return (
        "kiemtra/panels/discipline.html",
        {
            **selectors.panel_data(case),
            "today": timezone.localdate(),
            **ballot_panel(user, case, actions),
            "may_open_complaint": may_open_complaint,
        },
    )
