"""Planned inspection (kiểm tra chấp hành theo chương trình), domain.md §5(A), A.3.

Committee staff draft the inspection decision and the team; the chair signs it. The team
notifies the subject, receives the subject's self-inspection report, verifies and records
findings; the team leader writes the team's report, which the chair accepts or sends back
for more verification. The team leader then drafts the committee's conclusion, which the
chair approves or sends back for redrafting (the drafter may never approve). The
conclusion notice is conveyed to the subject and its recommendations are followed up
until all are done; then the case closes.
"""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from inspections import access
from inspections.selectors import cases as case_selectors
from workflow.flows.base import CaseFlow
from workflow.nodes import CaseEnd, CaseIf, CaseTask, case_of
from workflow.views import tasks


class PlannedInspectionFlow(CaseFlow):
    process_title = _("Kiểm tra theo chương trình")
    process_description = _("Kiểm tra chấp hành theo chương trình kiểm tra, giám sát hằng năm.")

    open_case = (
        flow.Start(tasks.OpenCaseView.as_view())
        .Annotation(title=_("Lập hồ sơ, dự thảo quyết định và đoàn kiểm tra"))
        .Available(access.can_open_case)
        .Next(this.sign_decision)
    )
    sign_decision = (
        CaseTask(tasks.SignDecisionView.as_view(), action="approve")
        .Annotation(title=_("Ký quyết định kiểm tra"))
        .Next(this.notify_subject)
    )
    notify_subject = (
        CaseTask(tasks.NoticeView.as_view(), action="work", auto_assign=False)
        .Annotation(title=_("Thông báo quyết định cho đối tượng"))
        .Next(this.receive_self_report)
    )
    receive_self_report = (
        CaseTask(tasks.SelfReportView.as_view(), action="work", auto_assign=False)
        .Annotation(title=_("Nhận báo cáo tự kiểm tra"))
        .Next(this.verify)
    )
    verify = (
        CaseTask(tasks.VerificationView.as_view(), action="work", auto_assign=False)
        .Annotation(title=_("Thẩm tra, xác minh"))
        .Next(this.write_team_report)
    )
    write_team_report = (
        CaseTask(tasks.TeamReportView.as_view(), action="lead")
        .Annotation(title=_("Báo cáo kết quả kiểm tra của đoàn"))
        .Next(this.review_team_report)
    )
    review_team_report = (
        CaseTask(tasks.ReviewReportView.as_view(), action="approve")
        .Annotation(title=_("Xem xét báo cáo của đoàn"))
        .Next(this.is_report_accepted)
    )
    is_report_accepted = (
        CaseIf(this.report_accepted)
        .Annotation(title=_("Báo cáo được chấp nhận?"))
        .Then(this.draft_conclusion)
        .Else(this.verify)
    )
    draft_conclusion = (
        CaseTask(tasks.DraftConclusionView.as_view(), action="lead")
        .Annotation(title=_("Dự thảo kết luận kiểm tra"))
        .Next(this.approve_conclusion)
    )
    approve_conclusion = (
        CaseTask(tasks.ReviewConclusionView.as_view(), action="approve")
        .Annotation(title=_("Duyệt kết luận kiểm tra"))
        .Next(this.is_conclusion_approved)
    )
    is_conclusion_approved = (
        CaseIf(this.conclusion_approved)
        .Annotation(title=_("Kết luận được duyệt?"))
        .Then(this.notify_conclusion)
        .Else(this.draft_conclusion)
    )
    notify_conclusion = (
        CaseTask(tasks.ConclusionNoticeView.as_view(), action="work", auto_assign=False)
        .Annotation(title=_("Thông báo kết luận cho đối tượng"))
        .Next(this.is_closed)
    )
    is_closed = (
        CaseIf(this.case_closed)
        .Annotation(title=_("Đã thực hiện xong các kiến nghị?"))
        .Then(this.end)
        .Else(this.follow_up)
    )
    follow_up = (
        CaseTask(tasks.FollowUpView.as_view(), action="work", auto_assign=False)
        .Annotation(title=_("Theo dõi thực hiện kết luận"))
        .Next(this.is_closed)
    )
    end = CaseEnd().Annotation(title=_("Kết thúc"))

    def report_accepted(self, activation):
        return case_selectors.report_accepted(case_of(activation.process))

    def conclusion_approved(self, activation):
        return case_selectors.conclusion_approved(case_of(activation.process))

    def case_closed(self, activation):
        return case_selectors.is_closed(case_of(activation.process))
