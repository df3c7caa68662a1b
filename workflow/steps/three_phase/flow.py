"""The steps the three-phase inspections share — upon signs of violation (B), of party
finance (G), of a lower body's inspection, supervision and discipline work (H): domain.md
§4 "All procedures use the same three phases", §5(B) B.1 steps 2–11, §5(G), §5(H).

Preparation: the chair signs the decision and plan (the clock starts); the team leader
records the outline of the report asked of the subject, the schedule and the team meeting.
Execution: the team meets the subject and its managing organisation and asks for the
report; receives it; verifies (a finding per content item under G and H); for B and G the
managing organisation holds its review meeting; the leader submits the result report after
discussing it with the subject, and the chair accepts it or sends it back for more
verification. Conclusion: the leader records the committee's conclusion (violation,
nature, extent, harm, causes, responsibility, discipline, the subject's admission and
self-proposed form), which the chair approves or sends back; the notice is conveyed and
the archive due date set; the requirements are followed up (FollowUpSteps).

A flow mixes this in before CaseFlow and adds its start (`proposal_start`) and any step
of its own kind.
"""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from inspections import access
from inspections.models import CaseStatus
from inspections.selectors import three_phase as selectors
from workflow.nodes import CaseEnd, CaseIf, CaseTask, case_of
from workflow.steps.follow_up.flow import FollowUpSteps
from workflow.steps.inspection.views import SelfReportView
from workflow.steps.review.flow import ReviewSteps
from workflow.steps.three_phase import views


def proposal_start(kind: str, title: str, form_class: type) -> flow.Start:
    """The start of a B, G or H flow: the area officer's proposal (B.1 step 1) on the
    kind's proposal form."""
    return (
        flow.Start(views.ProposalView.as_view(kind=kind, form_class=form_class))
        .Annotation(title=title)
        .Available(access.opener_of(kind))
        .Next(this.sign_decision)
    )


class ThreePhaseSteps(ReviewSteps, FollowUpSteps):
    sign_decision = (
        CaseTask(views.SignDecisionPlanView.as_view(), action="approve", status=CaseStatus.DECIDED)
        .Annotation(title=_("Duyệt đề xuất, ký quyết định và kế hoạch kiểm tra"))
        .Next(this.prepare)
    )
    prepare = (
        CaseTask(views.PrepareView.as_view(), action="lead", status=CaseStatus.PREPARED)
        .Annotation(title=_("Xây dựng đề cương, lịch làm việc; họp đoàn"))
        .Next(this.meet_subject)
    )
    meet_subject = (
        CaseTask(views.MeetSubjectView.as_view(), action="work", auto_assign=False, status=CaseStatus.NOTIFIED)
        .Annotation(title=_("Làm việc với đối tượng, triển khai quyết định"))
        .Next(this.receive_report)
    )
    receive_report = (
        CaseTask(SelfReportView.as_view(), action="work", auto_assign=False, status=CaseStatus.SELF_REPORTED)
        .Annotation(title=_("Nhận báo cáo tự kiểm tra"))
        .Next(this.verify)
    )
    verify = (
        CaseTask(
            views.ChecklistVerificationView.as_view(), action="work", auto_assign=False, status=CaseStatus.VERIFYING
        )
        .Annotation(title=_("Thẩm tra, xác minh"))
        .Next(this.is_verified)
    )
    is_verified = (
        CaseIf(this.checklist_covered)
        .Annotation(title=_("Đã có kết quả cho mọi nội dung kiểm tra?"))
        .Then(this.is_review_due)
        .Else(this.verify)
    )
    is_review_due = (
        CaseIf(this.review_meeting_due)
        .Annotation(title=_("Cần hội nghị kiểm điểm, xem xét?"))
        .Then(this.review_meeting)
        .Else(this.write_team_report)
    )
    review_meeting = (
        CaseTask(views.ReviewMeetingView.as_view(), action="work", auto_assign=False, status=CaseStatus.VERIFYING)
        .Annotation(title=_("Hội nghị kiểm điểm, xem xét của tổ chức đảng quản lý"))
        .Next(this.write_team_report)
    )
    write_team_report = (
        CaseTask(views.TeamReportDiscussedView.as_view(), action="lead", status=CaseStatus.REPORTED)
        .Annotation(title=_("Báo cáo kết quả kiểm tra (đã trao đổi với đối tượng)"))
        .Next(this.review_team_report)
    )
    draft_conclusion = (
        CaseTask(views.ConclusionAssessView.as_view(), action="lead", status=CaseStatus.CONCLUDING)
        .Annotation(title=_("Kết luận của Ủy ban kiểm tra về vi phạm"))
        .Next(this.approve_conclusion)
    )
    notify_conclusion = (
        CaseTask(
            views.ConveyConclusionView.as_view(),
            action="work",
            auto_assign=False,
            status=(CaseStatus.FOLLOW_UP, CaseStatus.CLOSED),
        )
        .Annotation(title=_("Thông báo kết luận cho đối tượng và tổ chức đảng quản lý"))
        .Next(this.is_closed)
    )
    end = CaseEnd().Annotation(title=_("Kết thúc"))

    def checklist_covered(self, activation):
        return not selectors.uncovered_items(case_of(activation.process))

    def review_meeting_due(self, activation):
        return selectors.review_meeting_due(case_of(activation.process))
