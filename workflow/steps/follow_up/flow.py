"""The follow-up of a conclusion's requirements as flow steps any case flow plugs in
(domain.md §7.11; issue 3 "Follow-up of conclusions for every kind").

A flow mixes in FollowUpSteps, names its end node `end` and sends the step that conveys
the conclusion to `this.is_closed`:

    class SomeFlow(FollowUpSteps, CaseFlow):
        notify_conclusion = CaseTask(...).Next(this.is_closed)
        end = CaseEnd()

The gateway ends the flow once the case is closed (no requirement, or every requirement
met or found unmet); otherwise the team's follow-up step records reports and comes back.
A flow with its own follow-up page or wording builds the pair with `follow_up_steps`.
"""

from django.utils.translation import gettext_lazy as _
from viewflow import this

from inspections.models import CaseStatus
from inspections.selectors import cases as case_selectors
from workflow.nodes import CaseIf, CaseTask, case_of
from workflow.steps.follow_up import views as follow_up

FOLLOW_UP_TITLE = _("Theo dõi thực hiện kết luận")
CLOSED_QUESTION = _("Đã thực hiện xong các kiến nghị?")


def follow_up_steps(view, *, title=FOLLOW_UP_TITLE, question=CLOSED_QUESTION):
    """(gateway, step), to assign to `is_closed, follow_up`."""
    gateway = CaseIf(this.case_closed).Annotation(title=question).Then(this.end).Else(this.follow_up)
    step = (
        CaseTask(view, action="work", auto_assign=False, status=(CaseStatus.FOLLOW_UP, CaseStatus.CLOSED))
        .Annotation(title=title)
        .Next(this.is_closed)
    )
    return gateway, step


class FollowUpSteps:
    is_closed, follow_up = follow_up_steps(follow_up.FollowUpView.as_view())

    def case_closed(self, activation):
        return case_selectors.is_closed(case_of(activation.process))
