"""Denunciation resolution (domain.md §5(D)): one view per human step of the flow, the
case-level actions that can happen at any point before the conclusion (withdrawal, the
extension of the time limit), the notices issued, the register ("sổ") and the case page
panel.

Each view validates the form, calls one service, then completes the task (the steps) or
redirects (the case actions). When a withdrawal stops the case, the view ends the
process's open tasks so that none is left in an inbox or a queue.
"""

from contextlib import nullcontext

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import ListView, TemplateView

from inspections import access
from inspections.models import Allegation, CaseKind, DenunciationNotice, Withdrawal
from inspections.selectors import denunciations as selectors
from inspections.services import denunciation_actions as actions
from inspections.services import denunciation_conclusion as conclusion
from inspections.services import denunciation_steps as steps
from inspections.services import denunciations as services
from workflow.kinds.denunciation import forms
from workflow.models import CaseProcess
from workflow.steps.follow_up.views import RecommendationsDoneView
from workflow.steps.review.forms import ReviewForm
from workflow.views.base import CaseAction, StartStep, TaskStep, verdict_kwargs
from workflow.views.parties import CaseAccessMixin

# --- Steps of the flow ------------------------------------------------------------------


class DenunciationTaskView(TaskStep):
    """A step of the denunciation flow: the task page shows the letter's panel beside the form."""

    template_name = "kiemtra/denunciation/task.html"

    def get_context_data(self, **kwargs):
        case = self.get_case()
        return super().get_context_data(d=selectors.panel(self.request.user, case), **kwargs)


class IntakeView(StartStep):
    """Start of the flow: committee staff register the letter."""

    template_name = "kiemtra/denunciation/intake.html"
    form_class = forms.IntakeForm
    service = services.denunciation_register
    # The denouncers' fields become one list (form.denouncers()).
    exclude = (
        "denouncer_name",
        "denouncer_card_number",
        "denouncer_address",
        "denouncer_contact",
        "other_signatories",
    )

    def service_kwargs(self, form):
        return {**super().service_kwargs(form), "denouncers": form.denouncers()}

    def get_success_message(self, case):
        return _("Đã vào sổ đơn tố cáo, hồ sơ %(number)s. Hạn giải quyết: %(due)s.") % {
            "number": case.number,
            "due": case.due_on.strftime("%d/%m/%Y"),
        }


class TriageView(DenunciationTaskView):
    form_class = forms.TriageForm
    service = services.denunciation_triage
    form_gets = ("criteria", "case")

    def get_criteria(self):
        return selectors.criteria_in_force(self.get_case())

    def perform(self, form):
        den = super().perform(form)
        if den.triage != den.Triage.HANDLED and den.anonymous:
            messages.info(
                self.request, _("Đơn không ghi tên người tố cáo: không có địa chỉ để gửi thông báo cho người gửi đơn.")
            )
        return den


MeetingView = DenunciationTaskView.define(form=forms.MeetingForm, service=steps.denouncer_meeting_record)
DecisionDraftView = DenunciationTaskView.define(
    form=forms.DecisionDraftForm, service=steps.resolution_decision_draft, form_gets=("case",)
)
SignView = DenunciationTaskView.define(form=forms.SignForm, service=steps.resolution_decision_sign)
OutlineView = DenunciationTaskView.define(form=forms.OutlineForm, service=steps.outline_send)
ExplanationView = DenunciationTaskView.define(form=forms.ExplanationForm, service=steps.explanation_receive)
ReportView = DenunciationTaskView.define(form=forms.ReportForm, service=steps.result_report_submit)
ConclusionView = DenunciationTaskView.define(
    form=forms.DenunciationConclusionForm, service=conclusion.denunciation_conclusion_draft
)
NotifyView = DenunciationTaskView.define(
    form=forms.NotifyForm,
    service=conclusion.denunciation_notify,
    rename={"conclusion_file": "conclusion_upload", "result_file": "result_upload"},
)
# The chair accepts the result report or returns it for more verification.
ReviewReportView = DenunciationTaskView.define(
    form=ReviewForm, service=steps.report_review, service_kwargs=verdict_kwargs("accept")
)
# The chair approves the conclusion or returns it for redrafting.
ReviewConclusionView = DenunciationTaskView.define(
    form=ReviewForm, service=steps.conclusion_review, service_kwargs=verdict_kwargs("approve")
)


class VerificationView(DenunciationTaskView):
    form_class = forms.VerificationForm
    service = steps.verification_record
    form_gets = ("allegations",)

    def get_allegations(self):
        return Allegation.objects.filter(case=self.get_case()).order_by("number")

    def service_kwargs(self, form):
        data = form.cleaned_data
        return {"verdicts": form.verdicts(), "minutes": data["minutes"], "denouncer_minutes": data["denouncer_minutes"]}


class FollowUpView(DenunciationTaskView, RecommendationsDoneView):
    """The follow-up of the conclusion's recommendations (workflow.steps.follow_up)."""


# --- Actions on the case at any point before the conclusion --------------------------


class _DenunciationOnly:
    """After CaseAccessMixin found the case: it must be a denunciation (404 otherwise)."""

    def dispatch(self, request, *args, **kwargs):
        if self.case.kind != CaseKind.DENUNCIATION:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class DenunciationCaseMixin(CaseAccessMixin, _DenunciationOnly):
    """A denunciation case the user may see (404 otherwise) and act on (403)."""


class CaseActionView(DenunciationCaseMixin, CaseAction):
    atomic = True


class WithdrawalView(CaseActionView):
    required_action = "work"
    form_class = forms.WithdrawalForm
    title = gettext_lazy("Ghi nhận đơn rút tố cáo")
    intro = gettext_lazy(
        "Người tố cáo rút đơn trước khi có kết luận: Chủ nhiệm xem xét, đình chỉ giải quyết, trừ trường hợp việc "
        "rút đơn do bị đe dọa, ép buộc hoặc mua chuộc. Đơn rút được niêm phong cùng danh tính người tố cáo."
    )
    done_message = gettext_lazy("Đã ghi nhận đơn rút tố cáo; chờ Chủ nhiệm xem xét.")
    service = actions.withdrawal_record


class WithdrawalDecideView(CaseActionView):
    required_action = "approve"
    form_class = forms.WithdrawalDecisionForm
    title = gettext_lazy("Xem xét đơn rút tố cáo")
    intro = gettext_lazy(
        "Việc rút đơn làm đình chỉ giải quyết tố cáo, trừ khi có căn cứ xác định người tố cáo rút đơn do bị đe "
        "dọa, ép buộc hoặc mua chuộc: khi đó tiếp tục giải quyết (ghi rõ căn cứ)."
    )
    done_message = gettext_lazy("Đã ghi quyết định về đơn rút tố cáo.")

    service = actions.withdrawal_decide

    def service_kwargs(self, form):
        data = form.cleaned_data
        return {"coerced": data["decision"] == "continue", "finding": data["finding"]}

    def perform(self, form):
        # The flow lock first, as a step's execution takes it: the two never interleave.
        process = CaseProcess.objects.filter(case=self.get_case()).first()
        with process.flow_class.lock(process.pk) if process is not None else nullcontext():
            withdrawal = super().perform(form)
            if withdrawal.outcome == Withdrawal.Outcome.STOPPED and process is not None:
                end_process(process)
        return withdrawal


def end_process(process) -> None:
    """The case stopped outside the flow's steps (withdrawal): cancel the process's open
    tasks and mark the process ended, so that no task stays in an inbox or a queue."""
    process.refresh_from_db()
    if process.finished is None:
        process.flow_class.instance.cancel(process)


class ExtensionView(CaseActionView):
    required_action = "approve"
    form_class = forms.ExtensionForm
    title = gettext_lazy("Gia hạn thời hạn giải quyết tố cáo")
    intro = gettext_lazy(
        "Gia hạn một lần, trước khi hết hạn, theo thời gian gia hạn của quy định; người tố cáo được thông báo."
    )
    done_message = gettext_lazy("Đã gia hạn thời hạn giải quyết và lập thông báo cho người tố cáo.")
    service = actions.deadline_extend


class PauseView(CaseActionView):
    required_action = "approve"
    form_class = forms.PauseForm
    title = gettext_lazy("Tạm dừng giải quyết (dừng tính thời hạn)")
    intro = gettext_lazy(
        "Trong thời gian tạm dừng, thời hạn giải quyết không chạy và các bước không được thực hiện; khi tiếp tục, "
        "hạn giải quyết được lùi tương ứng. Ví dụ: đơn liên quan đến đại hội nhận trong thời gian trước đại hội."
    )
    done_message = gettext_lazy("Đã tạm dừng giải quyết.")
    service = actions.clock_pause


class ResumeView(CaseActionView):
    required_action = "approve"
    form_class = forms.ResumeForm
    title = gettext_lazy("Tiếp tục giải quyết")
    intro = gettext_lazy("Hạn giải quyết được lùi thêm đúng khoảng thời gian đã tạm dừng.")
    done_message = gettext_lazy("Đã tiếp tục giải quyết; hạn giải quyết đã được tính lại.")
    service = actions.clock_resume


class NoticeView(DenunciationCaseMixin, TemplateView):
    """A notice as issued: the frozen whitelist content, never a party row."""

    template_name = "kiemtra/denunciation/notice.html"

    def get_context_data(self, **kwargs):
        case = self.get_case()
        notice = DenunciationNotice.objects.filter(pk=self.kwargs["notice_pk"], case=case).first()
        if notice is None:
            raise Http404
        return super().get_context_data(case=case, notice=notice, content=notice.content, **kwargs)


class RegisterView(LoginRequiredMixin, ListView):
    """The denunciation register ("sổ") of the letters the user may see."""

    template_name = "kiemtra/denunciation/register.html"
    paginate_by = 25
    context_object_name = "rows"

    def get_queryset(self):
        self.search = selectors.register(self.request.user, self.request.GET)
        return self.search.rows

    def get_context_data(self, **kwargs):
        params = self.request.GET.copy()
        params.pop("page", None)
        context = super().get_context_data(
            form=self.search.form, query=params.urlencode(), title=gettext_lazy("Sổ đơn tố cáo"), **kwargs
        )
        today = timezone.localdate()
        for row in context["rows"]:
            row.is_overdue = selectors.is_overdue(row, today)
        return context


# URL paths of the cases app (workflow.site includes them).
CASE_PATHS = [
    path("denunciations/", RegisterView.as_view(), name="denunciation_register"),
    path("<int:pk>/denunciation/withdrawal/", WithdrawalView.as_view(), name="denunciation_withdrawal"),
    path(
        "<int:pk>/denunciation/withdrawal/decide/",
        WithdrawalDecideView.as_view(),
        name="denunciation_withdrawal_decide",
    ),
    path("<int:pk>/denunciation/extend/", ExtensionView.as_view(), name="denunciation_extend"),
    path("<int:pk>/denunciation/pause/", PauseView.as_view(), name="denunciation_pause"),
    path("<int:pk>/denunciation/resume/", ResumeView.as_view(), name="denunciation_resume"),
    path("<int:pk>/denunciation/notices/<int:notice_pk>/", NoticeView.as_view(), name="denunciation_notice"),
]


def denunciation_panel(user, case):
    context = selectors.panel(user, case)
    # The chair may open the cases the approved conclusion calls for (wiring; §5(D) step 5).
    if not context.get("missing") and access.can(user, "approve", case):
        flags = selectors.escalation_flags(case)
        if flags and (flags["discipline"] or flags["other_signs"]):
            linked = set(case.links_out.values_list("relation", flat=True))
            if flags["discipline"] and "discipline" not in linked:
                context["open_discipline_url"] = reverse("cases:escalate_denunciation_discipline", args=[case.pk])
            if flags["other_signs"] and "escalated" not in linked:
                context["open_signs_url"] = reverse("cases:escalate_denunciation_signs", args=[case.pk])
    return "kiemtra/panels/denunciation.html", context
