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
from inspections.models import CaseKind, CaseStatus
from workflow.kinds.base import CaseFlow
from workflow.kinds.planned_inspection import views as tasks
from workflow.nodes import CaseEnd, CaseTask
from workflow.steps.follow_up.flow import FollowUpSteps
from workflow.steps.inspection.views import SelfReportView
from workflow.steps.review.flow import ReviewSteps


class PlannedInspectionFlow(ReviewSteps, FollowUpSteps, CaseFlow):
    process_title = _("Kiểm tra theo chương trình")
    process_description = _("Kiểm tra chấp hành theo chương trình kiểm tra, giám sát hằng năm.")

    open_case = (
        flow.Start(tasks.OpenCaseView.as_view())
        .Annotation(title=_("Lập hồ sơ, dự thảo quyết định và đoàn kiểm tra"))
        .Available(access.opener_of(CaseKind.PLANNED_INSPECTION))
        .Next(this.sign_decision)
    )
    sign_decision = (
        CaseTask(tasks.SignDecisionView.as_view(), action="approve", status=CaseStatus.DECIDED)
        .Annotation(title=_("Ký quyết định kiểm tra"))
        .Next(this.notify_subject)
    )
    notify_subject = (
        CaseTask(tasks.NoticeView.as_view(), action="work", auto_assign=False, status=CaseStatus.NOTIFIED)
        .Annotation(title=_("Thông báo quyết định cho đối tượng"))
        .Next(this.receive_self_report)
    )
    receive_self_report = (
        CaseTask(SelfReportView.as_view(), action="work", auto_assign=False, status=CaseStatus.SELF_REPORTED)
        .Annotation(title=_("Nhận báo cáo tự kiểm tra"))
        .Next(this.verify)
    )
    verify = (
        CaseTask(tasks.VerificationView.as_view(), action="work", auto_assign=False, status=CaseStatus.VERIFYING)
        .Annotation(title=_("Thẩm tra, xác minh"))
        .Next(this.write_team_report)
    )
    write_team_report = (
        CaseTask(tasks.TeamReportView.as_view(), action="lead", status=CaseStatus.REPORTED)
        .Annotation(title=_("Báo cáo kết quả kiểm tra của đoàn"))
        .Next(this.review_team_report)
    )
    draft_conclusion = (
        CaseTask(tasks.DraftConclusionView.as_view(), action="lead", status=CaseStatus.CONCLUDING)
        .Annotation(title=_("Dự thảo kết luận kiểm tra"))
        .Next(this.approve_conclusion)
    )
    notify_conclusion = (
        CaseTask(
            tasks.ConclusionNoticeView.as_view(),
            action="work",
            auto_assign=False,
            status=(CaseStatus.FOLLOW_UP, CaseStatus.CLOSED),
        )
        .Annotation(title=_("Thông báo kết luận cho đối tượng"))
        .Next(this.is_closed)
    )
    # review_team_report, approve_conclusion and their gateways: ReviewSteps; is_closed and
    # follow_up: FollowUpSteps, the follow-up every case kind shares.
    end = CaseEnd().Annotation(title=_("Kết thúc"))
