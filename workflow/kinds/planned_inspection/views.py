"""The steps of the planned inspection (kind A). Each is a generic step (workflow.views.base):
a form, a service, then viewflow completes the task. The steps it shares with other kinds
are in workflow/steps/ (the self-inspection report in inspection, the chair's reviews in
review, the follow-up in follow_up)."""

from inspections.services import cases as case_services
from inspections.services import conclusions, inspection_steps
from workflow.case_forms import OpenCaseForm
from workflow.kinds.planned_inspection import forms
from workflow.steps.inspection import forms as inspection_forms
from workflow.views.base import StartStep, TaskStep

# Start of a planned inspection: staff draft the decision and the team.
OpenCaseView = StartStep.define(form=OpenCaseForm, service=case_services.case_open)

SignDecisionView = TaskStep.define(form=inspection_forms.SignDecisionForm, service=case_services.decision_sign)
NoticeView = TaskStep.define(form=forms.NoticeForm, service=inspection_steps.notice_record)
TeamReportView = TaskStep.define(form=inspection_forms.TeamReportForm, service=inspection_steps.team_report_submit)
DraftConclusionView = TaskStep.define(form=inspection_forms.ConclusionForm, service=conclusions.conclusion_draft)
ConclusionNoticeView = TaskStep.define(
    form=inspection_forms.ConclusionNoticeForm, service=conclusions.conclusion_notice_record
)


class VerificationView(TaskStep):
    form_class = inspection_forms.VerificationForm
    service = inspection_steps.verification_record

    def service_kwargs(self, form):
        return {"findings": form.findings(), "upload": form.cleaned_data["file"]}
