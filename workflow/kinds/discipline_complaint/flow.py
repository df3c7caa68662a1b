"""Complaint against party discipline (giải quyết khiếu nại kỷ luật đảng), domain.md §5(F).

Committee staff register the complaint: the discipline complained against (an in-force
record of the complainant), the day the complainant received the decision, the day the
complaint arrived (the clock starts), what it is about, the letter, the body that imposed
the discipline, the body that resolves it (refused when it has no authority), and the
team with the committee member in charge. A complaint may also be opened from the
discipline case (`spawned`), and the staff then register it in a set-up task.

The member in charge (never the clerk) decides whether it is handled: out of time (the rule
"F.file": 30 working days from the announcement to the sending, domain.md §11b.1) or any
"not handled" criterion of the rule book ends the case with a notice to the complainant.
Otherwise the team works with the body that imposed the discipline and with the
complainant, records the differences and one assessment for each aspect (content, form,
procedure, authority); the leader reports, the chair accepts the report or sends it back.
The discipline stays in force all along
(Charter Art. 39.9).

The competent body then decides the outcome by secret ballot (domain.md §6.2): at the
meeting the chair records attendance and opens the ballot, whose options are keep,
increase to or reduce to each form that goes the right way, and remove; the body's
members present vote on their own paper (never the team), and the chair closes the
ballot. An option reaching its threshold is applied to the member's record; none
reaching it, or a result beyond the body's authority (to be referred upward), leaves the
complaint undecided and the chair may hold a new round. Staff then file the complaint
decision and notify the complainant, the body that imposed the discipline and the
managing organisation; the case closes.
"""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from inspections import access
from inspections.models import CaseKind, CaseStatus
from inspections.selectors import discipline_complaint as selectors
from workflow.kinds.base import CaseFlow
from workflow.kinds.discipline_complaint import views
from workflow.nodes import CaseEnd, CaseIf, CaseTask, case_of
from workflow.steps.ballot.flow import ballot_steps
from workflow.steps.review.flow import ReviewConditions, report_review


class DisciplineComplaintFlow(ReviewConditions, CaseFlow):
    process_title = _("Giải quyết khiếu nại kỷ luật")
    process_description = _("Giải quyết khiếu nại đối với quyết định thi hành kỷ luật đảng.")

    open_complaint = (
        flow.Start(views.OpenComplaintView.as_view())
        .Annotation(title=_("Tiếp nhận, vào sổ đơn khiếu nại kỷ luật"))
        .Available(access.opener_of(CaseKind.DISCIPLINE_COMPLAINT))
        .Next(this.check_admissibility)
    )
    spawned = flow.StartHandle(this.attach_case).Next(this.intake)
    intake = (
        CaseTask(views.IntakeView.as_view(), action="work", auto_assign=False, status=CaseStatus.RECEIVED)
        .Annotation(title=_("Vào sổ đơn khiếu nại và phân công giải quyết"))
        .Next(this.check_admissibility)
    )
    check_admissibility = (
        CaseTask(
            views.AdmissibilityView.as_view(),
            action="direct",
            auto_assign=False,
            status=(CaseStatus.VERIFYING, CaseStatus.NOT_HANDLED),
        )
        .Annotation(title=_("Xem xét thụ lý đơn khiếu nại"))
        .Next(this.is_admissible)
    )
    is_admissible = (
        CaseIf(this.admissible)
        .Annotation(title=_("Đơn được thụ lý?"))
        .Then(this.meet_imposing_body)
        .Else(this.notify_not_handled)
    )
    notify_not_handled = (
        CaseTask(views.RefusalNoticeView.as_view(), action="work", auto_assign=False, status=CaseStatus.NOT_HANDLED)
        .Annotation(title=_("Thông báo không giải quyết đơn khiếu nại"))
        .Next(this.end)
    )
    meet_imposing_body = (
        CaseTask(views.ImposingBodyView.as_view(), action="work", auto_assign=False, status=CaseStatus.VERIFYING)
        .Annotation(title=_("Làm việc với cơ quan đã thi hành kỷ luật"))
        .Next(this.meet_complainant)
    )
    meet_complainant = (
        CaseTask(views.ComplainantView.as_view(), action="work", auto_assign=False, status=CaseStatus.VERIFYING)
        .Annotation(title=_("Làm việc với người khiếu nại"))
        .Next(this.review_aspects)
    )
    review_aspects = (
        CaseTask(views.AspectsView.as_view(), action="work", auto_assign=False, status=CaseStatus.VERIFYING)
        .Annotation(title=_("Thẩm tra, xác minh và đánh giá nội dung khiếu nại"))
        .Next(this.write_report)
    )
    write_report = (
        CaseTask(views.ReportView.as_view(), action="lead", status=CaseStatus.REPORTED)
        .Annotation(title=_("Báo cáo kết quả giải quyết khiếu nại"))
        .Next(this.review_report)
    )
    review_report, is_report_accepted = report_review(
        views.ReviewReportView.as_view(),
        title=_("Xem xét báo cáo của đoàn"),
        accepted=this.hold_meeting,
        returned=this.review_aspects,
    )
    hold_meeting, close_ballot = ballot_steps(
        views.MeetingView.as_view(),
        views.CloseBallotView.as_view(),
        meeting_title=_("Hội nghị xem xét, mở bỏ phiếu kín về kết quả giải quyết khiếu nại"),
        close_title=_("Kết thúc bỏ phiếu, kiểm phiếu, áp dụng kết quả giải quyết khiếu nại"),
        close_status=(CaseStatus.VOTED, CaseStatus.REPORTED),
        after_close=this.is_decided,
    )
    is_decided = (
        CaseIf(this.decided)
        .Annotation(title=_("Có phương án đạt tỷ lệ và áp dụng được?"))
        .Then(this.issue_decision)
        .Else(this.hold_meeting)
    )
    issue_decision = (
        CaseTask(views.DecisionView.as_view(), action="work", auto_assign=False, status=CaseStatus.DECIDED)
        .Annotation(title=_("Ban hành quyết định giải quyết khiếu nại"))
        .Next(this.notify_decision)
    )
    notify_decision = (
        CaseTask(views.NotifyView.as_view(), action="work", auto_assign=False, status=CaseStatus.CLOSED)
        .Annotation(title=_("Thông báo quyết định giải quyết khiếu nại"))
        .Next(this.end)
    )
    end = CaseEnd().Annotation(title=_("Kết thúc"))

    def admissible(self, activation):
        return selectors.is_admissible(case_of(activation.process))

    def decided(self, activation):
        return selectors.outcome_decided(case_of(activation.process))
