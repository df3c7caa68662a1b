"""One view per human step. Each view validates the form, calls one service, then lets
viewflow complete the task (design.md, "One request, end to end")."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from inspections.selectors.cases import open_recommendations
from inspections.services import cases as case_services
from inspections.services import conclusions, inspection_steps
from workflow.kinds.planned_inspection import forms
from workflow.nodes import case_of
from workflow.views.outcomes import rules_to_form


class CaseTaskView(FormView):
    """Base of the step views; each subclass defines `perform(form, case)` calling its service."""

    template_name = "kiemtra/task.html"
    success_message = gettext_lazy("Đã hoàn thành bước “%(task)s”.")

    def get_case(self):
        if not hasattr(self, "_case"):
            self._case = case_of(self.request.activation.process)
        return self._case

    def get_context_data(self, **kwargs):
        return super().get_context_data(case=self.get_case(), **kwargs)

    def form_valid(self, form):
        case = self.get_case()
        with rules_to_form(form) as outcome:
            self.perform(form, case)
        if outcome.refused:
            return self.form_invalid(form)
        self.request.activation.execute()
        messages.success(self.request, self.success_message % {"task": self.request.activation.flow_task.task_title})
        return HttpResponseRedirect(reverse("cases:detail", args=[case.pk]))


class OpenCaseView(FormView):
    """Start of a planned inspection: staff draft the decision and the team."""

    template_name = "kiemtra/start.html"
    form_class = forms.OpenCaseForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        data = form.cleaned_data
        with rules_to_form(form) as outcome:
            case = case_services.case_open(
                actor=self.request.user,
                committee=data["committee"],
                title=data["title"],
                grounds=data["grounds"],
                subject_member=data["subject_card_number"],
                subject_organisation=data["subject_organisation"],
                key_areas=list(data["key_areas"]),
                confidentiality=data["confidentiality"],
                period_start=data["period_start"],
                period_end=data["period_end"],
                leader=data["leader"],
                members=list(data["members"]),
                director=data["director"],
                decision_file=data["decision_file"],
            )
        if outcome.refused:
            return self.form_invalid(form)
        process = self.request.activation.process
        process.case = case
        self.request.activation.execute()
        messages.success(self.request, _("Đã lập hồ sơ %(number)s.") % {"number": case.number})
        return HttpResponseRedirect(reverse("cases:detail", args=[case.pk]))


class SignDecisionView(CaseTaskView):
    form_class = forms.SignDecisionForm

    def perform(self, form, case):
        case_services.decision_sign(actor=self.request.user, case=case, signed_on=form.cleaned_data["signed_on"])


class NoticeView(CaseTaskView):
    form_class = forms.NoticeForm

    def perform(self, form, case):
        inspection_steps.notice_record(
            actor=self.request.user, case=case, sent_on=form.cleaned_data["sent_on"], upload=form.cleaned_data["file"]
        )


class SelfReportView(CaseTaskView):
    form_class = forms.SelfReportForm

    def perform(self, form, case):
        inspection_steps.self_report_receive(
            actor=self.request.user,
            case=case,
            received_on=form.cleaned_data["received_on"],
            upload=form.cleaned_data["file"],
        )


class VerificationView(CaseTaskView):
    form_class = forms.VerificationForm

    def perform(self, form, case):
        inspection_steps.verification_record(
            actor=self.request.user, case=case, findings=form.findings(), upload=form.cleaned_data["file"]
        )


class TeamReportView(CaseTaskView):
    form_class = forms.TeamReportForm

    def perform(self, form, case):
        inspection_steps.team_report_submit(
            actor=self.request.user, case=case, text=form.cleaned_data["text"], upload=form.cleaned_data["file"]
        )


class ReviewReportView(CaseTaskView):
    form_class = forms.ReviewForm

    def perform(self, form, case):
        inspection_steps.team_report_review(
            actor=self.request.user,
            case=case,
            accept=form.cleaned_data["decision"] == "accept",
            note=form.cleaned_data["note"],
        )


class DraftConclusionView(CaseTaskView):
    form_class = forms.ConclusionForm

    def perform(self, form, case):
        conclusions.conclusion_draft(
            actor=self.request.user,
            case=case,
            text=form.cleaned_data["text"],
            violation_found=form.cleaned_data["violation_found"],
            recommendations=form.cleaned_data["recommendations"],
            upload=form.cleaned_data["file"],
        )


class ReviewConclusionView(CaseTaskView):
    form_class = forms.ReviewForm

    def perform(self, form, case):
        conclusions.conclusion_review(
            actor=self.request.user,
            case=case,
            approve=form.cleaned_data["decision"] == "accept",
            note=form.cleaned_data["note"],
        )


class ConclusionNoticeView(CaseTaskView):
    form_class = forms.ConclusionNoticeForm

    def perform(self, form, case):
        conclusions.conclusion_notice_record(
            actor=self.request.user, case=case, sent_on=form.cleaned_data["sent_on"], upload=form.cleaned_data["file"]
        )


class FollowUpView(CaseTaskView):
    form_class = forms.FollowUpForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "recommendations": open_recommendations(self.get_case())}

    def perform(self, form, case):
        data = form.cleaned_data
        conclusions.follow_up_record(
            actor=self.request.user,
            case=case,
            done={rec.pk: (data["done_on"], data["note"]) for rec in data["done"]},
            upload=data["file"],
        )
