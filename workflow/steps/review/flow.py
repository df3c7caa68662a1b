"""The chair's two reviews the flows share: the team's result report, accepted or sent back
(for more verification), and the drafted conclusion, approved or sent back for redrafting
(domain.md §5(A) A.3 steps 4–5, §5(B) B.1 steps 7–8; the same reviews in C2, D and F).

`report_review` and `conclusion_review` build the step and its gateway for a flow that
names its own view, titles and targets; the flow mixes in ReviewConditions for the
gateways' conditions. ReviewSteps also holds both reviews as the inspections (A, B, G, H) wire them:
such a flow defines `verify`, `draft_conclusion` and `notify_conclusion`; its report step
goes to `this.review_team_report` and its conclusion step to `this.approve_conclusion`.
"""

from django.utils.translation import gettext_lazy as _
from viewflow import this

from inspections.models import CaseStatus
from inspections.selectors import cases as case_selectors
from workflow.nodes import CaseIf, CaseTask, case_of
from workflow.steps.review import views


def report_review(view, *, title, accepted, returned, returned_status=CaseStatus.VERIFYING):
    """(step, gateway): the chair accepts the report (the case stays REPORTED, on to
    `accepted`) or returns it (`returned_status`, back to `returned`). Assign the pair to
    `<step name>, is_report_accepted`."""
    step = (
        CaseTask(view, action="approve", status=(CaseStatus.REPORTED, returned_status))
        .Annotation(title=title)
        .Next(this.is_report_accepted)
    )
    gateway = CaseIf(this.report_accepted).Annotation(title=_("Báo cáo được chấp nhận?")).Then(accepted).Else(returned)
    return step, gateway


APPROVED_QUESTION = _("Kết luận được duyệt?")


def conclusion_review(view, *, title, approved, returned, gateway="is_conclusion_approved", question=APPROVED_QUESTION):
    """(step, gateway): the chair approves the conclusion (CONCLUDED, on to `approved`) or
    returns it for redrafting (REPORTED, back to `returned`). Assign the pair to
    `<step name>, <gateway>`."""
    step = (
        CaseTask(view, action="approve", status=(CaseStatus.CONCLUDED, CaseStatus.REPORTED))
        .Annotation(title=title)
        .Next(getattr(this, gateway))
    )
    gate = CaseIf(this.conclusion_approved).Annotation(title=question).Then(approved).Else(returned)
    return step, gate


class ReviewConditions:
    """The gateways' conditions, for a flow that builds its reviews with the functions above."""

    def report_accepted(self, activation):
        return case_selectors.report_accepted(case_of(activation.process))

    def conclusion_approved(self, activation):
        return case_selectors.conclusion_approved(case_of(activation.process))


class ReviewSteps(ReviewConditions):
    review_team_report, is_report_accepted = report_review(
        views.ReviewReportView.as_view(),
        title=_("Xem xét báo cáo của đoàn"),
        accepted=this.draft_conclusion,
        returned=this.verify,
    )
    approve_conclusion, is_conclusion_approved = conclusion_review(
        views.ReviewConclusionView.as_view(),
        title=_("Duyệt kết luận kiểm tra"),
        approved=this.notify_conclusion,
        returned=this.draft_conclusion,
    )
