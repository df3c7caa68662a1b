"""Thematic supervision (giám sát chuyên đề, C2), domain.md §5(C), C2 table.

Committee staff draft the supervision decision, plan and report outline and name the
supervision group — when opening the case from the annual programme, or, for a case a
regular-supervision log escalated, in a first set-up task. The chair signs (the drafter
never does). The group meets, agrees the method, assigns its members and sends the
papers to the subject. The group receives the subject's report — the statutory clock
starts that day — studies it and asks for additions or explanation as often as needed,
then drafts the result report, discusses it at the supervised organisation's meeting and
finalises it for the committee. The chair accepts it or returns it to the group; signs of
violation in an accepted report become a proposal to open an inspection upon signs. The
group leader drafts the supervision-result notice with its requirements; the chair signs
it or returns it; it is sent to the subject and its requirements are followed up until
all are met; then the case closes. The chair may extend the time limit once (not a step:
see workflow.kinds.thematic_supervision.views.ExtendView).
"""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from inspections import access
from inspections.models import CaseKind, CaseStatus
from inspections.selectors import supervision as supervision_selectors
from workflow.kinds.base import CaseFlow
from workflow.kinds.thematic_supervision import views
from workflow.nodes import CaseEnd, CaseIf, CaseTask, case_of
from workflow.steps.follow_up.flow import FollowUpSteps, follow_up_steps
from workflow.steps.follow_up.views import RecommendationsDoneView
from workflow.steps.review.flow import ReviewConditions, conclusion_review, report_review
from workflow.steps.review.views import ReviewConclusionView


class ThematicSupervisionFlow(ReviewConditions, FollowUpSteps, CaseFlow):
    process_title = _("Giám sát chuyên đề")
    process_description = _("Giám sát chuyên đề theo chương trình giám sát hằng năm hoặc từ giám sát thường xuyên.")

    open_case = (
        flow.Start(views.OpenThematicView.as_view())
        .Annotation(title=_("Lập hồ sơ, dự thảo quyết định, kế hoạch giám sát và tổ giám sát"))
        .Available(access.opener_of(CaseKind.THEMATIC_SUPERVISION))
        .Next(this.sign_decision)
    )
    spawned = flow.StartHandle(this.attach_case).Next(this.set_up)
    set_up = (
        CaseTask(views.SetUpView.as_view(), action="work", auto_assign=False, status=CaseStatus.DRAFT)
        .Annotation(title=_("Lập tổ giám sát, dự thảo quyết định, kế hoạch, đề cương"))
        .Next(this.sign_decision)
    )
    sign_decision = (
        CaseTask(views.SignDecisionView.as_view(), action="approve", status=CaseStatus.DECIDED)
        .Annotation(title=_("Ký quyết định giám sát"))
        .Next(this.group_meeting)
    )
    group_meeting = (
        CaseTask(views.GroupMeetingView.as_view(), action="lead", status=CaseStatus.NOTIFIED)
        .Annotation(title=_("Họp tổ giám sát, phân công, gửi quyết định cho đối tượng"))
        .Next(this.receive_report)
    )
    receive_report = (
        CaseTask(
            views.ReceiveReportView.as_view(), action="work", auto_assign=False, status=CaseStatus.SUBJECT_REPORTED
        )
        .Annotation(title=_("Nhận báo cáo của đối tượng giám sát"))
        .Next(this.study_report)
    )
    study_report = (
        CaseTask(
            views.StudyReportView.as_view(),
            action="work",
            auto_assign=False,
            status=(CaseStatus.VERIFYING, CaseStatus.ADDITIONS_REQUESTED),
        )
        .Annotation(title=_("Nghiên cứu báo cáo, tài liệu"))
        .Next(this.is_additions_requested)
    )
    is_additions_requested = (
        CaseIf(this.additions_requested)
        .Annotation(title=_("Yêu cầu bổ sung, giải trình?"))
        .Then(this.receive_additions)
        .Else(this.draft_result)
    )
    receive_additions = (
        CaseTask(views.ReceiveAdditionsView.as_view(), action="work", auto_assign=False, status=CaseStatus.VERIFYING)
        .Annotation(title=_("Nhận bổ sung, giải trình của đối tượng"))
        .Next(this.study_report)
    )
    draft_result = (
        CaseTask(views.DraftResultView.as_view(), action="lead", status=CaseStatus.RESULT_DRAFTED)
        .Annotation(title=_("Dự thảo báo cáo kết quả giám sát"))
        .Next(this.subject_meeting)
    )
    subject_meeting = (
        CaseTask(views.SubjectMeetingView.as_view(), action="work", auto_assign=False, status=CaseStatus.MEETING_HELD)
        .Annotation(title=_("Hội nghị với tổ chức, đảng viên được giám sát"))
        .Next(this.finalise_report)
    )
    finalise_report = (
        CaseTask(views.FinaliseReportView.as_view(), action="lead", status=CaseStatus.REPORTED)
        .Annotation(title=_("Hoàn chỉnh báo cáo kết quả giám sát, báo cáo Ủy ban"))
        .Next(this.review_report)
    )
    review_report, is_report_accepted = report_review(
        views.ReviewReportView.as_view(),
        title=_("Xem xét báo cáo kết quả giám sát"),
        accepted=this.draft_notice,
        returned=this.finalise_report,
        returned_status=CaseStatus.MEETING_HELD,
    )
    draft_notice = (
        CaseTask(views.DraftNoticeView.as_view(), action="lead", status=CaseStatus.CONCLUDING)
        .Annotation(title=_("Dự thảo thông báo kết quả giám sát"))
        .Next(this.sign_notice)
    )
    sign_notice, is_notice_signed = conclusion_review(
        ReviewConclusionView.as_view(),
        title=_("Ký thông báo kết quả giám sát"),
        approved=this.send_notice,
        returned=this.draft_notice,
        gateway="is_notice_signed",
        question=_("Thông báo được ký?"),
    )
    send_notice = (
        CaseTask(
            views.SendNoticeView.as_view(),
            action="work",
            auto_assign=False,
            status=(CaseStatus.FOLLOW_UP, CaseStatus.CLOSED),
        )
        .Annotation(title=_("Gửi thông báo kết quả giám sát cho đối tượng"))
        .Next(this.is_closed)
    )
    is_closed, follow_up = follow_up_steps(
        RecommendationsDoneView.as_view(),
        title=_("Theo dõi thực hiện thông báo kết quả giám sát"),
        question=_("Đã thực hiện xong các yêu cầu?"),
    )
    end = CaseEnd().Annotation(title=_("Kết thúc"))

    def additions_requested(self, activation):
        return supervision_selectors.additions_pending(case_of(activation.process))
