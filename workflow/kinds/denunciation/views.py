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
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, ListView, TemplateView

from inspections import access
from inspections.models import Allegation, CaseKind, DenunciationNotice, Withdrawal
from inspections.selectors import denunciations as selectors
from inspections.services import denunciation_actions as actions
from inspections.services import denunciation_steps as steps
from inspections.services import denunciations as services
from workflow.kinds.denunciation import forms
from workflow.kinds.planned_inspection import views as tasks
from workflow.kinds.planned_inspection.forms import ReviewForm
from workflow.kinds.planned_inspection.views import CaseTaskView
from workflow.models import CaseProcess
from workflow.views.outcomes import rules_to_form
from workflow.views.parties import CaseAccessMixin

# --- Steps of the flow ------------------------------------------------------------------


class DenunciationTaskView(CaseTaskView):
    """A step of the denunciation flow: the task page shows the letter's panel beside the form."""

    template_name = "kiemtra/denunciation/task.html"

    def get_context_data(self, **kwargs):
        case = self.get_case()
        return super().get_context_data(d=selectors.panel(self.request.user, case), **kwargs)


class IntakeView(FormView):
    """Start of the flow: committee staff register the letter."""

    template_name = "kiemtra/denunciation/intake.html"
    form_class = forms.IntakeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        data = form.cleaned_data
        with rules_to_form(form) as outcome:
            case = services.denunciation_register(
                actor=self.request.user,
                committee=data["committee"],
                register_number=data["register_number"],
                received_on=data["received_on"],
                letter_dated=data["letter_dated"],
                forwarded_by=data["forwarded_by"],
                first_received_on=data["first_received_on"],
                subject_member=data["subject_card_number"],
                subject_organisation=data["subject_organisation"],
                title=data["title"],
                key_areas=list(data["key_areas"]),
                allegations=data["allegations"],
                denouncers=form.denouncers(),
                signatory_count=data["signatory_count"],
                letter_scan=data["letter_scan"],
                proposal=data["proposal"],
                confidentiality=data["confidentiality"],
            )
        if outcome.refused:
            return self.form_invalid(form)
        process = self.request.activation.process
        process.case = case
        self.request.activation.execute()
        messages.success(
            self.request,
            _("Đã vào sổ đơn tố cáo, hồ sơ %(number)s. Hạn giải quyết: %(due)s.")
            % {"number": case.number, "due": case.due_on.strftime("%d/%m/%Y")},
        )
        return HttpResponseRedirect(reverse("cases:detail", args=[case.pk]))


class TriageView(DenunciationTaskView):
    form_class = forms.TriageForm

    def get_form_kwargs(self):
        case = self.get_case()
        return {**super().get_form_kwargs(), "criteria": selectors.criteria_in_force(case), "case": case}

    def perform(self, form, case):
        data = form.cleaned_data
        den = services.denunciation_triage(
            actor=self.request.user,
            case=case,
            decision=data["decision"],
            criteria=data["criteria"],
            new_evidence=data["new_evidence"],
            reason=data["reason"],
            transfer_committee=data["transfer_committee"],
            transfer_body=data["transfer_body"],
            complaint_part=data["complaint_part"],
        )
        if den.triage != den.Triage.HANDLED and den.anonymous:
            messages.info(
                self.request, _("Đơn không ghi tên người tố cáo: không có địa chỉ để gửi thông báo cho người gửi đơn.")
            )


class MeetingView(DenunciationTaskView):
    form_class = forms.MeetingForm

    def perform(self, form, case):
        data = form.cleaned_data
        steps.denouncer_meeting_record(
            actor=self.request.user,
            case=case,
            met_on=data["met_on"],
            minutes=data["minutes"],
            identity_confirmed=data["identity_confirmed"],
            address_confirmed=data["address_confirmed"],
            denounced_confirmed=data["denounced_confirmed"],
            content_confirmed=data["content_confirmed"],
            note=data["note"],
            more_allegations=data["more_allegations"],
        )


class DecisionDraftView(DenunciationTaskView):
    form_class = forms.DecisionDraftForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "case": self.get_case()}

    def perform(self, form, case):
        data = form.cleaned_data
        steps.resolution_decision_draft(
            actor=self.request.user,
            case=case,
            leader=data["leader"],
            members=list(data["members"]),
            director=data["director"],
            decision=data["decision"],
            plan=data["plan"],
        )


class SignView(DenunciationTaskView):
    form_class = forms.SignForm

    def perform(self, form, case):
        steps.resolution_decision_sign(actor=self.request.user, case=case, signed_on=form.cleaned_data["signed_on"])


class OutlineView(DenunciationTaskView):
    form_class = forms.OutlineForm

    def perform(self, form, case):
        steps.outline_send(
            actor=self.request.user, case=case, sent_on=form.cleaned_data["sent_on"], upload=form.cleaned_data["file"]
        )


class ExplanationView(DenunciationTaskView):
    form_class = forms.ExplanationForm

    def perform(self, form, case):
        steps.explanation_receive(
            actor=self.request.user,
            case=case,
            received_on=form.cleaned_data["received_on"],
            upload=form.cleaned_data["file"],
        )


class VerificationView(DenunciationTaskView):
    form_class = forms.VerificationForm

    def get_form_kwargs(self):
        allegations = Allegation.objects.filter(case=self.get_case()).order_by("number")
        return {**super().get_form_kwargs(), "allegations": allegations}

    def perform(self, form, case):
        steps.verification_record(
            actor=self.request.user,
            case=case,
            verdicts=form.verdicts(),
            minutes=form.cleaned_data["minutes"],
            denouncer_minutes=form.cleaned_data["denouncer_minutes"],
        )


class ReportView(DenunciationTaskView):
    form_class = forms.ReportForm

    def perform(self, form, case):
        data = form.cleaned_data
        steps.result_report_submit(
            actor=self.request.user,
            case=case,
            text=data["text"],
            discussed_on=data["discussed_on"],
            upload=data["file"],
        )


class ConclusionView(DenunciationTaskView):
    form_class = forms.DenunciationConclusionForm

    def perform(self, form, case):
        data = form.cleaned_data
        steps.denunciation_conclusion_draft(
            actor=self.request.user,
            case=case,
            text=data["text"],
            violation_found=data["violation_found"],
            discipline_threshold=data["discipline_threshold"],
            other_signs=data["other_signs"],
            other_signs_note=data["other_signs_note"],
            recommendations=data["recommendations"],
            upload=data["file"],
        )


class NotifyView(DenunciationTaskView):
    form_class = forms.NotifyForm

    def perform(self, form, case):
        data = form.cleaned_data
        steps.denunciation_notify(
            actor=self.request.user,
            case=case,
            conclusion_sent_on=data["conclusion_sent_on"],
            result_sent_on=data["result_sent_on"],
            conclusion_upload=data["conclusion_file"],
            result_upload=data["result_file"],
        )


class ReviewReportView(DenunciationTaskView):
    """The chair accepts the result report or returns it for more verification."""

    form_class = ReviewForm

    def perform(self, form, case):
        steps.report_review(
            actor=self.request.user,
            case=case,
            accept=form.cleaned_data["decision"] == "accept",
            note=form.cleaned_data["note"],
        )


class ReviewConclusionView(DenunciationTaskView):
    """The chair approves the conclusion or returns it for redrafting."""

    form_class = ReviewForm

    def perform(self, form, case):
        steps.conclusion_review(
            actor=self.request.user,
            case=case,
            approve=form.cleaned_data["decision"] == "accept",
            note=form.cleaned_data["note"],
        )


class FollowUpView(DenunciationTaskView, tasks.FollowUpView):
    """The planned inspection's follow-up of the conclusion's requirements."""


# --- Actions on the case at any point before the conclusion --------------------------


class _DenunciationOnly:
    """After CaseAccessMixin found the case: it must be a denunciation (404 otherwise)."""

    def dispatch(self, request, *args, **kwargs):
        if self.case.kind != CaseKind.DENUNCIATION:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class DenunciationCaseMixin(CaseAccessMixin, _DenunciationOnly):
    """A denunciation case the user may see (404 otherwise) and act on (403)."""

    def get_case(self):
        return self.case


class CaseActionView(DenunciationCaseMixin, FormView):
    template_name = "kiemtra/case_form.html"
    title = ""
    intro = ""
    done_message = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(case=self.get_case(), title=self.title, intro=self.intro, **kwargs)

    def form_valid(self, form):
        case = self.get_case()
        with rules_to_form(form) as outcome, transaction.atomic():
            self.perform(form, case)
        if outcome.refused:
            return self.form_invalid(form)
        messages.success(self.request, self.done_message)
        return HttpResponseRedirect(reverse("cases:detail", args=[case.pk]))


class WithdrawalView(CaseActionView):
    required_action = "work"
    form_class = forms.WithdrawalForm
    title = gettext_lazy("Ghi nhận đơn rút tố cáo")
    intro = gettext_lazy(
        "Người tố cáo rút đơn trước khi có kết luận: Chủ nhiệm xem xét, đình chỉ giải quyết, trừ trường hợp việc "
        "rút đơn do bị đe dọa, ép buộc hoặc mua chuộc. Đơn rút được niêm phong cùng danh tính người tố cáo."
    )
    done_message = gettext_lazy("Đã ghi nhận đơn rút tố cáo; chờ Chủ nhiệm xem xét.")

    def perform(self, form, case):
        data = form.cleaned_data
        actions.withdrawal_record(
            actor=self.request.user, case=case, received_on=data["received_on"], upload=data["file"], note=data["note"]
        )


class WithdrawalDecideView(CaseActionView):
    required_action = "approve"
    form_class = forms.WithdrawalDecisionForm
    title = gettext_lazy("Xem xét đơn rút tố cáo")
    intro = gettext_lazy(
        "Việc rút đơn làm đình chỉ giải quyết tố cáo, trừ khi có căn cứ xác định người tố cáo rút đơn do bị đe "
        "dọa, ép buộc hoặc mua chuộc: khi đó tiếp tục giải quyết (ghi rõ căn cứ)."
    )
    done_message = gettext_lazy("Đã ghi quyết định về đơn rút tố cáo.")

    def perform(self, form, case):
        data = form.cleaned_data
        # The flow lock first, as a step's execution takes it: the two never interleave.
        process = CaseProcess.objects.filter(case=case).first()
        with process.flow_class.lock(process.pk) if process is not None else nullcontext():
            withdrawal = actions.withdrawal_decide(
                actor=self.request.user, case=case, coerced=data["decision"] == "continue", finding=data["finding"]
            )
            if withdrawal.outcome == Withdrawal.Outcome.STOPPED and process is not None:
                end_process(process)


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

    def perform(self, form, case):
        actions.deadline_extend(actor=self.request.user, case=case, reason=form.cleaned_data["reason"])


class PauseView(CaseActionView):
    required_action = "approve"
    form_class = forms.PauseForm
    title = gettext_lazy("Tạm dừng giải quyết (dừng tính thời hạn)")
    intro = gettext_lazy(
        "Trong thời gian tạm dừng, thời hạn giải quyết không chạy và các bước không được thực hiện; khi tiếp tục, "
        "hạn giải quyết được lùi tương ứng. Ví dụ: đơn liên quan đến đại hội nhận trong thời gian trước đại hội."
    )
    done_message = gettext_lazy("Đã tạm dừng giải quyết.")

    def perform(self, form, case):
        data = form.cleaned_data
        actions.clock_pause(
            actor=self.request.user, case=case, reason=data["reason"], note=data["note"], paused_on=data["paused_on"]
        )


class ResumeView(CaseActionView):
    required_action = "approve"
    form_class = forms.ResumeForm
    title = gettext_lazy("Tiếp tục giải quyết")
    intro = gettext_lazy("Hạn giải quyết được lùi thêm đúng khoảng thời gian đã tạm dừng.")
    done_message = gettext_lazy("Đã tiếp tục giải quyết; hạn giải quyết đã được tính lại.")

    def perform(self, form, case):
        actions.clock_resume(actor=self.request.user, case=case, resumed_on=form.cleaned_data["resumed_on"])


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
