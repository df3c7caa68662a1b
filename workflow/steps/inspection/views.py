"""The inspection step views several flows share as they are (A and the three-phase kinds B,
G, H): the subject's self-inspection report."""

from inspections.services import inspection_steps
from workflow.steps.inspection import forms
from workflow.views.base import TaskStep

SelfReportView = TaskStep.define(form=forms.SelfReportForm, service=inspection_steps.self_report_receive)
