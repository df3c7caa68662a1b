"""The steps of the planned inspection (kind A), also used by the flows that share them
(the chair's reviews, the self-inspection report, verification). Each is a generic step
(workflow.views.base): a form, a service, then viewflow completes the task."""

from inspections.selectors.cases import open_recommendations
from inspections.services import cases as case_services
from inspections.services import conclusions, inspection_steps
from workflow.kinds.planned_inspection import forms
from workflow.views.base import StartStep, TaskStep, verdict_kwargs

# Start of a planned inspection: staff draft the decision and the team.
OpenCaseView = StartStep.define(form=forms.OpenCaseForm, service=case_services.case_open)

SignDecisionView = TaskStep.define(form=forms.SignDecisionForm, service=case_services.decision_sign)
NoticeView = TaskStep.define(form=forms.NoticeForm, service=inspection_steps.notice_record)
SelfReportView = TaskStep.define(form=forms.SelfReportForm, service=inspection_steps.self_report_receive)
TeamReportView = TaskStep.define(form=forms.TeamReportForm, service=inspection_steps.team_report_submit)
DraftConclusionView = TaskStep.define(form=forms.ConclusionForm, service=conclusions.conclusion_draft)
ConclusionNoticeView = TaskStep.define(form=forms.ConclusionNoticeForm, service=conclusions.conclusion_notice_record)
ReviewReportView = TaskStep.define(
    form=forms.ReviewForm, service=inspection_steps.team_report_review, service_kwargs=verdict_kwargs("accept")
)
ReviewConclusionView = TaskStep.define(
    form=forms.ReviewForm, service=conclusions.conclusion_review, service_kwargs=verdict_kwargs("approve")
)


class VerificationView(TaskStep):
    form_class = forms.VerificationForm
    service = inspection_steps.verification_record

    def service_kwargs(self, form):
        return {"findings": form.findings(), "upload": form.cleaned_data["file"]}


class FollowUpView(TaskStep):
    form_class = forms.FollowUpForm
    service = conclusions.follow_up_record
    form_gets = ("recommendations",)

    def get_recommendations(self):
        return open_recommendations(self.get_case())

    def service_kwargs(self, form):
        data = form.cleaned_data
        return {"done": {rec.pk: (data["done_on"], data["note"]) for rec in data["done"]}, "upload": data["file"]}
