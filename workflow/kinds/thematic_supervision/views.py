"""One view per human step of the thematic supervision flow (C2), the chair's extension of
the time limit, and the C2 card on the case page."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inspections import access
from inspections.models import CaseKind, CaseStatus
from inspections.selectors import supervision as selectors
from inspections.services import conclusions, supervision_results
from inspections.services import thematic_supervision as services
from workflow.kinds.thematic_supervision import forms
from workflow.steps.review.forms import ReviewForm
from workflow.views.base import CaseAction, StartStep, TaskStep, verdict_kwargs

# The decision, the plan and the outline are files on these forms, documents to the service.
DOCUMENTS = {"decision_file": "decision", "plan_file": "plan", "outline_file": "outline"}


class OpenThematicView(StartStep):
    """Start of a thematic supervision from the annual programme (C2 step 1)."""

    template_name = "kiemtra/supervision/open.html"
    form_class = forms.OpenThematicForm
    service = services.thematic_open
    rename = DOCUMENTS
    extra_context = {
        "title": gettext_lazy("Lập hồ sơ giám sát chuyên đề"),
        "intro": gettext_lazy(
            "Dự thảo quyết định, kế hoạch giám sát, đề cương báo cáo và tổ giám sát; "
            "Chủ nhiệm Ủy ban kiểm tra sẽ ký quyết định."
        ),
    }


SetUpView = TaskStep.define(
    form=forms.SetUpForm, service=services.thematic_set_up, rename=DOCUMENTS, form_gets=("case",)
)
SignDecisionView = TaskStep.define(form=forms.SignDecisionForm, service=services.thematic_decision_sign)
GroupMeetingView = TaskStep.define(form=forms.GroupMeetingForm, service=services.group_meeting_record, rename=DOCUMENTS)
ReceiveReportView = TaskStep.define(form=forms.ReceiveReportForm, service=services.subject_report_receive)
ReceiveAdditionsView = TaskStep.define(form=forms.ReceiveAdditionsForm, service=supervision_results.additions_receive)
DraftResultView = TaskStep.define(form=forms.DraftResultForm, service=supervision_results.result_draft)
SubjectMeetingView = TaskStep.define(
    form=forms.SubjectMeetingForm, service=supervision_results.subject_meeting_record, form_gets=("case",)
)
FinaliseReportView = TaskStep.define(form=forms.FinaliseReportForm, service=supervision_results.result_report_finalise)
ReviewReportView = TaskStep.define(
    form=ReviewForm, service=supervision_results.result_report_review, service_kwargs=verdict_kwargs("accept")
)
SendNoticeView = TaskStep.define(form=forms.SendNoticeForm, service=supervision_results.result_notice_send)


class StudyReportView(TaskStep):
    form_class = forms.StudyForm
    service = supervision_results.report_study
    exclude = ("strengths", "shortcomings", "violations")  # read by form.findings()

    def service_kwargs(self, form):
        return {**super().service_kwargs(form), "findings": form.findings()}


class DraftNoticeView(TaskStep):
    """The notice's requirements are recommendations followed up as for an inspection's
    conclusion (inspections.services.conclusions)."""

    form_class = forms.NoticeDraftForm
    service = conclusions.conclusion_draft

    def service_kwargs(self, form):
        return {**super().service_kwargs(form), "violation_found": False}


class ExtendView(LoginRequiredMixin, CaseAction):
    """The chair extends the thematic supervision's time limit (once, before it runs out)."""

    form_class = forms.ExtendForm
    service = services.deadline_extend

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        case = selectors.supervision_case_of(request.user, kwargs["pk"], CaseKind.THEMATIC_SUPERVISION)
        if case is not None and access.declaration_pending(request.user, case):
            return redirect("cases:declare", pk=case.pk)
        if case is None or not access.can(request.user, "view", case):
            raise Http404
        if not access.can(request.user, "approve", case):
            raise PermissionDenied
        self.case = case
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        limit, left = selectors.extension_allowance(self.case)
        due = self.case.due_on.strftime("%d/%m/%Y") if self.case.due_on else "—"
        intro = _(
            "Hạn hiện tại: %(due)s. Gia hạn trong trường hợp đặc biệt, trước khi hết hạn, không quá thời gian "
            "quy định (%(source)s); số lần còn được gia hạn: %(left)s."
        ) % {"due": due, "source": limit.source if limit else "—", "left": left}
        return super().get_context_data(title=_("Gia hạn thời gian giám sát"), intro=intro, **kwargs)

    def get_case(self):
        return self.case

    def get_done_message(self):
        return _("Đã gia hạn đến %(due)s.") % {"due": self.result.due_after.strftime("%d/%m/%Y")}


def thematic_panel(user, case):
    """The C2 card: group's method, the subject's report and the clock, additions asked and
    received, the meeting, the signs proposal, extensions. A constant number of queries."""
    limit, left = selectors.extension_allowance(case)
    can_extend = (
        left > 0
        and case.due_on is not None
        and timezone.localdate() <= case.due_on
        and case.status not in (CaseStatus.CONCLUDED, CaseStatus.FOLLOW_UP, CaseStatus.CLOSED)
        and access.can(user, "approve", case)
    )
    return "kiemtra/panels/C2.html", {
        "thematic": selectors.thematic_of(case),
        "additions": selectors.addition_requests(case),
        "meetings": selectors.meetings_of(case),
        "extensions": selectors.extensions_of(case),
        "proposals": selectors.signs_proposals_of(case),
        "can_open_signs": access.can(user, "approve", case),  # the chair opens a B case from a proposal
        "limit": limit,
        "can_extend": can_extend,
    }
