"""The steps of a discipline complaint (domain.md §5(F)), one view each, and the complaint
card on the case page. Each view validates its form, calls one service, then completes
the task (design.md "One request, end to end")."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView

from inspections.models import CaseKind, ComplaintReview
from inspections.selectors import discipline_complaint as selectors
from inspections.services import complaint_outcome, complaint_review
from inspections.services import discipline_complaint as services
from workflow import discipline_complaint_forms as forms
from workflow import panels
from workflow.forms import ReviewForm
from workflow.views.outcomes import rules_to_form
from workflow.views.tasks import CaseTaskView


@panels.register(CaseKind.DISCIPLINE_COMPLAINT)
def complaint_panel(user, case):
    """The record complained against, its state, that it stays in force while the
    complaint is pending (Charter Art. 39.9), the review and the outcome."""
    return "kiemtra/panels/discipline_complaint.html", selectors.complaint_panel(case)


class OpenComplaintView(FormView):
    """Start: committee staff register a complaint against an in-force discipline."""

    template_name = "kiemtra/discipline_complaint/start.html"
    form_class = forms.OpenComplaintForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        with rules_to_form(form) as outcome:
            case = services.complaint_open(
                actor=self.request.user, committee=form.cleaned_data["committee"], **form.intake()
            )
        if outcome.refused:
            return self.form_invalid(form)
        process = self.request.activation.process
        process.case = case
        self.request.activation.execute()
        messages.success(self.request, _("Đã vào sổ đơn khiếu nại, hồ sơ %(number)s.") % {"number": case.number})
        return HttpResponseRedirect(reverse("cases:detail", args=[case.pk]))


class ComplaintTaskView(CaseTaskView):
    """A complaint step: the task page shows the complaint card beside the form."""

    template_name = "kiemtra/discipline_complaint/task.html"

    def get_complaint(self):
        if not hasattr(self, "_complaint"):
            self._complaint = selectors.complaint_of(self.get_case())
        return self._complaint

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["panel"] = selectors.complaint_panel(self.get_case())
        return context


class IntakeView(ComplaintTaskView):
    form_class = forms.SpawnedIntakeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "case": self.get_case()}

    def perform(self, form, case):
        services.complaint_intake(actor=self.request.user, case=case, **form.intake())


class AdmissibilityView(ComplaintTaskView):
    form_class = forms.AdmissibilityForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "case": self.get_case(), "complaint": self.get_complaint()}

    def perform(self, form, case):
        data = form.cleaned_data
        services.complaint_admissibility_decide(
            actor=self.request.user,
            case=case,
            admissible=data["decision"] == "accept",
            reasons=data["reasons"],
            note=data["note"],
        )


class RefusalNoticeView(ComplaintTaskView):
    form_class = forms.RefusalNoticeForm

    def perform(self, form, case):
        services.complaint_refusal_notify(
            actor=self.request.user, case=case, sent_on=form.cleaned_data["sent_on"], upload=form.cleaned_data["file"]
        )


class ImposingBodyView(ComplaintTaskView):
    form_class = forms.ImposingBodyForm

    def perform(self, form, case):
        data = form.cleaned_data
        complaint_review.complaint_imposing_body_meet(
            actor=self.request.user,
            case=case,
            met_on=data["met_on"],
            minutes=data["minutes"],
            file_obtained=data["file_obtained"],
            discipline_file=data["discipline_file"],
        )


class ComplainantView(ComplaintTaskView):
    form_class = forms.ComplainantForm

    def perform(self, form, case):
        data = form.cleaned_data
        complaint_review.complaint_complainant_meet(
            actor=self.request.user, case=case, met_on=data["met_on"], minutes=data["minutes"], note=data["note"]
        )


class AspectsView(ComplaintTaskView):
    form_class = forms.AspectsForm

    def get_form_kwargs(self):
        complaint = self.get_complaint()
        reviews = (
            {r.aspect: r for r in ComplaintReview.objects.filter(complaint=complaint)} if complaint is not None else {}
        )
        return {**super().get_form_kwargs(), "complaint": complaint, "reviews": reviews}

    def perform(self, form, case):
        complaint_review.complaint_aspects_review(
            actor=self.request.user,
            case=case,
            differences=form.cleaned_data["differences"],
            reviews=form.reviews(),
            upload=form.cleaned_data["file"],
        )


class ReportView(ComplaintTaskView):
    form_class = forms.ComplaintReportForm

    def perform(self, form, case):
        data = form.cleaned_data
        complaint_review.complaint_report_submit(
            actor=self.request.user,
            case=case,
            text=data["text"],
            proposed_outcome=data["proposed_outcome"],
            proposed_form=data["proposed_form"],
            upload=data["file"],
        )


class ReviewReportView(ComplaintTaskView):
    form_class = ReviewForm

    def perform(self, form, case):
        complaint_review.complaint_report_review(
            actor=self.request.user,
            case=case,
            accept=form.cleaned_data["decision"] == "accept",
            note=form.cleaned_data["note"],
        )


class OutcomeView(ComplaintTaskView):
    """The competent body's meeting (stand-in for the secret ballot, see
    inspections.services.complaint_outcome)."""

    form_class = forms.OutcomeForm

    def get_initial(self):
        # The team's proposal, which the meeting usually votes on first.
        complaint = self.get_complaint()
        if complaint is None:
            return super().get_initial()
        return {**super().get_initial(), "outcome": complaint.proposed_outcome, "new_form": complaint.proposed_form}

    def perform(self, form, case):
        data = form.cleaned_data
        complaint_outcome.complaint_outcome_record(
            actor=self.request.user,
            case=case,
            meeting_on=data["meeting_on"],
            outcome=data["outcome"],
            new_form=data["new_form"],
            reasons=data["reasons"],
            count_base=data["count_base"],
            votes_for=data["votes_for"],
        )


class DecisionView(ComplaintTaskView):
    form_class = forms.DecisionForm

    def perform(self, form, case):
        data = form.cleaned_data
        complaint_outcome.complaint_decision_issue(
            actor=self.request.user,
            case=case,
            number=data["number"],
            signed_on=data["signed_on"],
            decision_file=data["file"],
            minutes=data["minutes"],
        )


class NotifyView(ComplaintTaskView):
    form_class = forms.NotifyForm

    def perform(self, form, case):
        data = form.cleaned_data
        complaint_outcome.complaint_decision_notify(
            actor=self.request.user,
            case=case,
            complainant_on=data["complainant_on"],
            imposing_body_on=data["imposing_body_on"],
            managing_org_on=data["managing_org_on"],
            notice=data["notice"],
            restoration_notice=data["restoration_notice"],
        )
