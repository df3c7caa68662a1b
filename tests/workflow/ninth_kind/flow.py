"""The flow of the test kind "Z": started for an opened case, one step (the chair decides), end."""

from django.views.generic import View
from viewflow import this
from viewflow.workflow import flow

from inspections.models import CaseStatus
from workflow.kinds.base import CaseFlow
from workflow.nodes import CaseEnd, CaseTask


class DecideView(View):
    """The step's page is not used: the test drives the activation as the view would."""


class NinthKindFlow(CaseFlow):
    process_title = "Kiểm tra thử"

    spawned = flow.StartHandle(this.attach_case).Next(this.decide)
    decide = CaseTask(DecideView.as_view(), action="approve", status=CaseStatus.DECIDED).Next(this.end)
    end = CaseEnd()
