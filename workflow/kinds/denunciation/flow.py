"""Denunciation resolution (giải quyết tố cáo), domain.md §5(D); Decision 89-QĐ/TW.

Committee staff register the letter: the day the competent body received it starts the
clock, the denounced is the case's subject, each allegation is a row, the denouncers are
sealed parties and the letter a sealed scan. The chair (never the registering clerk alone)
triages it: not handled (the criteria in force, a notice to the sender unless the letter
is anonymous), transferred to the competent body, split when it is also a complaint (only
the complaint is handled) — each of these ends the case — or accepted for resolution.

Staff then work with the denouncer (minutes mandatory), draft the decision forming the team
and the resolution plan (conflict checks keep the denouncer and the denounced off it), and
the chair signs it. The team sends the outline asking the denounced to explain, receives
the explanatory report, verifies and gives every allegation a verdict (right / wrong /
partly right), as many rounds as it takes; the leader submits the result report discussed with the denounced, which
the chair accepts or returns for more verification. The leader drafts the conclusion
(violation; discipline threshold; other signs of violation), which the chair approves or
returns. The conclusion notice goes to the denounced and the managing organisation, the
result to the denouncer without confidential detail; requirements are followed up, then
the case closes.

Outside the steps (case page actions): the denouncer may withdraw before the conclusion —
the chair stops the case unless the withdrawal was coerced (workflow.kinds.denunciation.views
ends the open tasks); the chair may extend the time limit once, before it runs out; the
chair may stop the clock (e.g. the congress period) and restart it, the due date moving by
the time stopped, while no step can be done.
"""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from inspections import access
from inspections.models import CaseKind, CaseStatus
from inspections.selectors import denunciations as denunciation_selectors
from workflow.kinds.base import CaseFlow
from workflow.kinds.denunciation import views
from workflow.nodes import CaseEnd, CaseIf, CaseTask, case_of
from workflow.steps.follow_up.flow import FollowUpSteps, follow_up_steps
from workflow.steps.review.flow import ReviewConditions, conclusion_review, report_review


class DenunciationFlow(ReviewConditions, FollowUpSteps, CaseFlow):
    process_title = _("Giải quyết tố cáo")
    process_description = _("Tiếp nhận, xử lý đơn và giải quyết tố cáo đối với tổ chức đảng, đảng viên.")

    intake = (
        flow.Start(views.IntakeView.as_view())
        .Annotation(title=_("Tiếp nhận, vào sổ đơn tố cáo"))
        .Available(access.opener_of(CaseKind.DENUNCIATION))
        .Next(this.triage)
    )
    triage = (
        CaseTask(
            views.TriageView.as_view(),
            action="approve",
            status=(
                CaseStatus.DENUNCIATION_ACCEPTED,
                CaseStatus.NOT_HANDLED,
                CaseStatus.TRANSFERRED,
                CaseStatus.COMPLAINT_SPLIT,
            ),
        )
        .Annotation(title=_("Phân loại, xử lý đơn"))
        .Next(this.is_handled)
    )
    is_handled = (
        CaseIf(this.handled)
        .Annotation(title=_("Đơn được thụ lý giải quyết?"))
        .Then(this.meet_denouncer)
        .Else(this.letter_closed)
    )
    letter_closed = CaseEnd().Annotation(title=_("Kết thúc xử lý đơn"))
    meet_denouncer = (
        CaseTask(views.MeetingView.as_view(), action="work", auto_assign=False, status=CaseStatus.DENUNCIATION_ACCEPTED)
        .Annotation(title=_("Làm việc với người tố cáo"))
        .Next(this.draft_decision)
    )
    draft_decision = (
        CaseTask(views.DecisionDraftView.as_view(), action="work", auto_assign=False, status=CaseStatus.DRAFT)
        .Annotation(title=_("Dự thảo quyết định thành lập đoàn, kế hoạch giải quyết tố cáo"))
        .Next(this.sign_decision)
    )
    sign_decision = (
        CaseTask(views.SignView.as_view(), action="approve", status=CaseStatus.DECIDED)
        .Annotation(title=_("Ký quyết định thành lập đoàn giải quyết tố cáo"))
        .Next(this.send_outline)
    )
    send_outline = (
        CaseTask(views.OutlineView.as_view(), action="work", auto_assign=False, status=CaseStatus.NOTIFIED)
        .Annotation(title=_("Gửi đề cương báo cáo giải trình cho người bị tố cáo"))
        .Next(this.receive_explanation)
    )
    receive_explanation = (
        CaseTask(
            views.ExplanationView.as_view(), action="work", auto_assign=False, status=CaseStatus.DENUNCIATION_EXPLAINED
        )
        .Annotation(title=_("Nhận báo cáo giải trình"))
        .Next(this.verify)
    )
    verify = (
        CaseTask(views.VerificationView.as_view(), action="work", auto_assign=False, status=CaseStatus.VERIFYING)
        .Annotation(title=_("Xác minh, kết luận từng nội dung tố cáo"))
        .Next(this.is_verified)
    )
    is_verified = (
        CaseIf(this.all_verdicts)
        .Annotation(title=_("Mọi nội dung tố cáo đã được kết luận?"))
        .Then(this.write_team_report)
        .Else(this.verify)
    )
    write_team_report = (
        CaseTask(views.ReportView.as_view(), action="lead", status=CaseStatus.REPORTED)
        .Annotation(title=_("Báo cáo kết quả giải quyết tố cáo"))
        .Next(this.review_team_report)
    )
    review_team_report, is_report_accepted = report_review(
        views.ReviewReportView.as_view(),
        title=_("Xem xét báo cáo của đoàn"),
        accepted=this.draft_conclusion,
        returned=this.verify,
    )
    draft_conclusion = (
        CaseTask(views.ConclusionView.as_view(), action="lead", status=CaseStatus.CONCLUDING)
        .Annotation(title=_("Dự thảo kết luận giải quyết tố cáo"))
        .Next(this.approve_conclusion)
    )
    approve_conclusion, is_conclusion_approved = conclusion_review(
        views.ReviewConclusionView.as_view(),
        title=_("Duyệt kết luận giải quyết tố cáo"),
        approved=this.notify_conclusion,
        returned=this.draft_conclusion,
    )
    notify_conclusion = (
        CaseTask(
            views.NotifyView.as_view(),
            action="work",
            auto_assign=False,
            status=(CaseStatus.FOLLOW_UP, CaseStatus.CLOSED),
        )
        .Annotation(title=_("Thông báo kết luận, thông báo kết quả cho người tố cáo"))
        .Next(this.is_closed)
    )
    is_closed, follow_up = follow_up_steps(views.FollowUpView.as_view(), question=_("Đã thực hiện xong các yêu cầu?"))
    end = CaseEnd().Annotation(title=_("Kết thúc"))

    def handled(self, activation):
        return denunciation_selectors.triage_handled(case_of(activation.process))

    def all_verdicts(self, activation):
        return denunciation_selectors.all_verdicts_given(case_of(activation.process))
