"""The chair's two reviews every inspection flow shares: the team's result report,
accepted or sent back for more verification, and the drafted conclusion, approved or sent
back for redrafting (domain.md §5(A) A.3 steps 4–5, §5(B) B.1 steps 7–8).

A flow mixes in ReviewSteps and defines the nodes it loops to: `verify`,
`draft_conclusion` and `notify_conclusion`; its report step goes to
`this.review_team_report` and its conclusion step to `this.approve_conclusion`.
"""

from django.utils.translation import gettext_lazy as _
from viewflow import this

from inspections.models import CaseStatus
from inspections.selectors import cases as case_selectors
from workflow.kinds.planned_inspection import views as tasks
from workflow.nodes import CaseIf, CaseTask, case_of


class ReviewSteps:
    review_team_report = (
        CaseTask(tasks.ReviewReportView.as_view(), action="approve", status=(CaseStatus.REPORTED, CaseStatus.VERIFYING))
        .Annotation(title=_("Xem xét báo cáo của đoàn"))
        .Next(this.is_report_accepted)
    )
    is_report_accepted = (
        CaseIf(this.report_accepted)
        .Annotation(title=_("Báo cáo được chấp nhận?"))
        .Then(this.draft_conclusion)
        .Else(this.verify)
    )
    approve_conclusion = (
        CaseTask(
            tasks.ReviewConclusionView.as_view(), action="approve", status=(CaseStatus.CONCLUDED, CaseStatus.REPORTED)
        )
        .Annotation(title=_("Duyệt kết luận kiểm tra"))
        .Next(this.is_conclusion_approved)
    )
    is_conclusion_approved = (
        CaseIf(this.conclusion_approved)
        .Annotation(title=_("Kết luận được duyệt?"))
        .Then(this.notify_conclusion)
        .Else(this.draft_conclusion)
    )

    def report_accepted(self, activation):
        return case_selectors.report_accepted(case_of(activation.process))

    def conclusion_approved(self, activation):
        return case_selectors.conclusion_approved(case_of(activation.process))
