"""One view per step of the discipline flow (kind E, domain.md §5(E)): each validates its
form, calls one service, then lets viewflow complete the task. Also the case-page panel."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView

from inspections import access
from inspections.selectors import discipline as selectors
from inspections.selectors import discipline_complaint as complaint_selectors
from inspections.services import discipline, discipline_records, discipline_steps, discipline_votes
from workflow.kinds.discipline import forms
from workflow.kinds.planned_inspection.views import CaseTaskView
from workflow.steps.ballot.views import BallotCloseView, ballot_panel
from workflow.views.outcomes import rules_to_form


def _setup_arguments(data) -> dict:
    return {
        "violation": data["violation"],
        "violation_start": data["violation_start"],
        "violation_end": data["violation_end"],
        "statute_category": data["statute_category"],
        "subject_kind": data["subject_kind"],
        "body_kind": data["body_kind"],
        "body_committee": data["body_committee"],
        "body_organisation": data["body_organisation"],
        "leader": data["leader"],
        "members": list(data["members"]),
        "director": data["director"],
    }


class OpenDisciplineView(FormView):
    """Start: staff open a discipline case."""

    template_name = "kiemtra/discipline/start.html"
    form_class = forms.OpenDisciplineForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        data = form.cleaned_data
        with rules_to_form(form) as outcome:
            case = discipline.discipline_open(
                actor=self.request.user,
                committee=data["committee"],
                title=data["title"],
                grounds=data["grounds"],
                subject_member=data["subject_card_number"],
                subject_organisation=data["subject_organisation"],
                key_areas=list(data["key_areas"]),
                confidentiality=data["confidentiality"],
                **_setup_arguments(data),
            )
        if outcome.refused:
            return self.form_invalid(form)
        process = self.request.activation.process
        process.case = case
        self.request.activation.execute()
        messages.success(self.request, _("Đã lập hồ sơ %(number)s.") % {"number": case.number})
        return HttpResponseRedirect(reverse("cases:detail", args=[case.pk]))


class SetupView(CaseTaskView):
    """A spawned case: staff complete the set-up (violation, body, team)."""

    form_class = forms.SetupForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "case": self.get_case()}

    def perform(self, form, case):
        discipline.discipline_setup(actor=self.request.user, case=case, **_setup_arguments(form.cleaned_data))


class SelfCriticismView(CaseTaskView):
    form_class = forms.SelfCriticismForm

    def get_form_kwargs(self):
        forms_open = selectors.subject_forms(self.get_case(), timezone.localdate())
        return {**super().get_form_kwargs(), "forms_open": forms_open}

    def perform(self, form, case):
        data = form.cleaned_data
        outcome = data["outcome"]
        if outcome == "received":
            discipline_steps.self_criticism_receive(
                actor=self.request.user,
                case=case,
                received_on=data["on"],
                self_proposed_form=data["self_proposed_form"],
                upload=data["file"],
            )
        elif outcome == "defer":
            discipline_steps.discipline_defer(
                actor=self.request.user,
                case=case,
                reason=data["defer_reason"],
                deferred_on=data["on"],
                note=data["note"],
            )
        else:
            discipline_steps.self_criticism_waive(
                actor=self.request.user, case=case, reason=outcome, on=data["on"], note=data["note"]
            )


class ResumeView(CaseTaskView):
    form_class = forms.ResumeForm

    def perform(self, form, case):
        discipline_steps.discipline_resume(
            actor=self.request.user,
            case=case,
            resumed_on=form.cleaned_data["resumed_on"],
            note=form.cleaned_data["note"],
        )


class ReportView(CaseTaskView):
    form_class = forms.ReportForm

    def get_form_kwargs(self):
        case = self.get_case()
        forms_open = selectors.subject_forms(case, timezone.localdate())
        return {**super().get_form_kwargs(), "case": case, "forms_open": forms_open}

    def perform(self, form, case):
        data = form.cleaned_data
        discipline_steps.discipline_report(
            actor=self.request.user,
            case=case,
            text=data["text"],
            proposed_form=data["proposed_form"],
            new_violation_on=data["new_violation_on"],
            head=data.get("head_card_number"),
            head_responsibility=data.get("head_responsibility", ""),
            others=data.get("others", []),
            upload=data["file"],
        )


class MeetingView(CaseTaskView):
    form_class = forms.MeetingForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "discipline": selectors.discipline_of(self.get_case())}

    def perform(self, form, case):
        data = form.cleaned_data
        if data["outcome"] == "defer":
            discipline_steps.discipline_defer(
                actor=self.request.user,
                case=case,
                reason=data["defer_reason"],
                deferred_on=data["meeting_on"],
                note=data["note"],
            )
            return
        discipline_votes.discipline_meeting(
            actor=self.request.user,
            case=case,
            meeting_on=data["meeting_on"],
            members_total=data["members_total"],
            away_count=data["away_count"],
            exempted_absent_count=data["exempted_absent_count"],
            present=list(data["present"]),
            upload=data["file"],
        )


class CloseBallotView(BallotCloseView):
    """The chair closes the ballot; authority, then the statute, follow the result."""

    def close(self, *, actor, case, upload):
        return discipline_votes.discipline_ballot_close(actor=actor, case=case, upload=upload)


class ProposalView(CaseTaskView):
    form_class = forms.ProposalForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "case": self.get_case()}

    def perform(self, form, case):
        data = form.cleaned_data
        discipline_votes.discipline_propose(
            actor=self.request.user,
            case=case,
            to_body_kind=data["to_body_kind"],
            to_committee=data["to_committee"],
            to_organisation=data["to_organisation"],
            sent_on=data["sent_on"],
            note=data["note"],
            upload=data["file"],
        )


class DecisionView(CaseTaskView):
    form_class = forms.DecisionForm

    def perform(self, form, case):
        data = form.cleaned_data
        discipline_records.discipline_decision_sign(
            actor=self.request.user, case=case, number=data["number"], signed_on=data["signed_on"], upload=data["file"]
        )


class AnnounceView(CaseTaskView):
    form_class = forms.AnnounceForm

    def perform(self, form, case):
        data = form.cleaned_data
        discipline_records.discipline_announce(
            actor=self.request.user,
            case=case,
            announced_on=data["announced_on"],
            refused=data["refused"],
            refusal_note=data["refusal_note"],
            upload=data["file"],
        )


class StateProposalView(CaseTaskView):
    form_class = forms.StateProposalForm

    def perform(self, form, case):
        data = form.cleaned_data
        discipline_records.state_proposal_record(
            actor=self.request.user,
            case=case,
            sent_on=data["sent_on"],
            recipient=data["recipient"],
            not_applicable_reason=data["reason"],
            upload=data["file"],
        )


def discipline_panel(user, case):
    """The discipline card on the case page: the violation, the body, the self-criticism,
    deferrals, head responsibility, ballots (counts only after close), proposals, the
    decision, the record and the 5-day proposal. A constant number of queries."""
    actions = access.actions_on(user, case)
    # The disciplined member's complaint is opened from here once the decision is in force
    # (discipline -> complaint, issue 3; inspections.services.discipline_complaint).
    may_open_complaint = access.can_open_case(user) and complaint_selectors.complaint_openable(case)
    return (
        "kiemtra/panels/discipline.html",
        {
            **selectors.panel_data(case),
            "today": timezone.localdate(),
            **ballot_panel(user, case, actions),
            "may_open_complaint": may_open_complaint,
        },
    )
