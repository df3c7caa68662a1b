"""One view per human step of the thematic supervision flow (C2), the chair's extension of
the time limit, and the C2 card on the case page."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from inspections import access
from inspections.models import CaseKind, CaseStatus
from inspections.selectors import supervision as selectors
from inspections.services import conclusions, supervision_results
from inspections.services import thematic_supervision as services
from workflow.kinds.planned_inspection.forms import ReviewForm
from workflow.kinds.planned_inspection.views import CaseTaskView
from workflow.kinds.thematic_supervision import forms
from workflow.views.outcomes import rules_to_form


class OpenThematicView(FormView):
    """Start of a thematic supervision from the annual programme (C2 step 1)."""

    template_name = "kiemtra/supervision/open.html"
    form_class = forms.OpenThematicForm
    extra_context = {
        "title": gettext_lazy("Lập hồ sơ giám sát chuyên đề"),
        "intro": gettext_lazy(
            "Dự thảo quyết định, kế hoạch giám sát, đề cương báo cáo và tổ giám sát; "
            "Chủ nhiệm Ủy ban kiểm tra sẽ ký quyết định."
        ),
    }

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        data = form.cleaned_data
        with rules_to_form(form) as outcome:
            case = services.thematic_open(
                actor=self.request.user,
                committee=data["committee"],
                title=data["title"],
                grounds=data["grounds"],
                subject_member=data["subject_card_number"],
                subject_organisation=data["subject_organisation"],
                key_areas=list(data["key_areas"]),
                confidentiality=data["confidentiality"],
                period_start=data["period_start"],
                period_end=data["period_end"],
                leader=data["leader"],
                members=list(data["members"]),
                director=data["director"],
                decision=data["decision_file"],
                plan=data["plan_file"],
                outline=data["outline_file"],
            )
        if outcome.refused:
            return self.form_invalid(form)
        self.request.activation.process.case = case
        self.request.activation.execute()
        messages.success(self.request, _("Đã lập hồ sơ %(number)s.") % {"number": case.number})
        return HttpResponseRedirect(reverse("cases:detail", args=[case.pk]))


class SetUpView(CaseTaskView):
    form_class = forms.SetUpForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "case": self.get_case()}

    def perform(self, form, case):
        data = form.cleaned_data
        services.thematic_set_up(
            actor=self.request.user,
            case=case,
            leader=data["leader"],
            members=list(data["members"]),
            director=data["director"],
            decision=data["decision_file"],
            plan=data["plan_file"],
            outline=data["outline_file"],
        )


class SignDecisionView(CaseTaskView):
    form_class = forms.SignDecisionForm

    def perform(self, form, case):
        services.thematic_decision_sign(actor=self.request.user, case=case, signed_on=form.cleaned_data["signed_on"])


class GroupMeetingView(CaseTaskView):
    form_class = forms.GroupMeetingForm

    def perform(self, form, case):
        data = form.cleaned_data
        services.group_meeting_record(
            actor=self.request.user,
            case=case,
            met_on=data["met_on"],
            method=data["method"],
            assignments=data["assignments"],
            sent_on=data["sent_on"],
            upload=data["file"],
            decision=data["decision_file"],
        )


class ReceiveReportView(CaseTaskView):
    form_class = forms.ReceiveReportForm

    def perform(self, form, case):
        services.subject_report_receive(
            actor=self.request.user,
            case=case,
            received_on=form.cleaned_data["received_on"],
            upload=form.cleaned_data["file"],
        )


class StudyReportView(CaseTaskView):
    form_class = forms.StudyForm

    def perform(self, form, case):
        data = form.cleaned_data
        supervision_results.report_study(
            actor=self.request.user,
            case=case,
            findings=form.findings(),
            additions=data["additions"],
            requested_on=data["requested_on"],
            upload=data["file"],
        )


class ReceiveAdditionsView(CaseTaskView):
    form_class = forms.ReceiveAdditionsForm

    def perform(self, form, case):
        supervision_results.additions_receive(
            actor=self.request.user,
            case=case,
            received_on=form.cleaned_data["received_on"],
            upload=form.cleaned_data["file"],
        )


class DraftResultView(CaseTaskView):
    form_class = forms.DraftResultForm

    def perform(self, form, case):
        supervision_results.result_draft(
            actor=self.request.user, case=case, text=form.cleaned_data["text"], upload=form.cleaned_data["file"]
        )


class SubjectMeetingView(CaseTaskView):
    form_class = forms.SubjectMeetingForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "case": self.get_case()}

    def perform(self, form, case):
        data = form.cleaned_data
        supervision_results.subject_meeting_record(
            actor=self.request.user,
            case=case,
            held_on=data["held_on"],
            group_present=list(data["group_present"]),
            subject_committee_present=data["subject_committee_present"],
            subject_member_present=data.get("subject_member_present"),
            summary=data["summary"],
            upload=data["file"],
        )


class FinaliseReportView(CaseTaskView):
    form_class = forms.FinaliseReportForm

    def perform(self, form, case):
        data = form.cleaned_data
        supervision_results.result_report_finalise(
            actor=self.request.user,
            case=case,
            text=data["text"],
            signs_found=data["signs_found"],
            signs_content=data["signs_content"],
            upload=data["file"],
        )


class ReviewReportView(CaseTaskView):
    form_class = ReviewForm

    def perform(self, form, case):
        supervision_results.result_report_review(
            actor=self.request.user,
            case=case,
            accept=form.cleaned_data["decision"] == "accept",
            note=form.cleaned_data["note"],
        )


class DraftNoticeView(CaseTaskView):
    """The notice's requirements are recommendations followed up as for an inspection's
    conclusion (inspections.services.conclusions)."""

    form_class = forms.NoticeDraftForm

    def perform(self, form, case):
        conclusions.conclusion_draft(
            actor=self.request.user,
            case=case,
            text=form.cleaned_data["text"],
            violation_found=False,
            recommendations=form.cleaned_data["recommendations"],
            upload=form.cleaned_data["file"],
        )


class SendNoticeView(CaseTaskView):
    form_class = forms.SendNoticeForm

    def perform(self, form, case):
        supervision_results.result_notice_send(
            actor=self.request.user, case=case, sent_on=form.cleaned_data["sent_on"], upload=form.cleaned_data["file"]
        )


class ExtendView(LoginRequiredMixin, FormView):
    """The chair extends the thematic supervision's time limit (once, before it runs out)."""

    template_name = "kiemtra/case_form.html"
    form_class = forms.ExtendForm

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
        return super().get_context_data(case=self.case, title=_("Gia hạn thời gian giám sát"), intro=intro, **kwargs)

    def form_valid(self, form):
        with rules_to_form(form) as outcome:
            extension = services.deadline_extend(
                actor=self.request.user, case=self.case, reason=form.cleaned_data["reason"]
            )
        if outcome.refused:
            return self.form_invalid(form)
        messages.success(self.request, _("Đã gia hạn đến %(due)s.") % {"due": extension.due_after.strftime("%d/%m/%Y")})
        return HttpResponseRedirect(reverse("cases:detail", args=[self.case.pk]))


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
