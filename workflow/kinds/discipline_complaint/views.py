"""The steps of a discipline complaint (domain.md §5(F)), one view each, the complaint card
on the case page, and the page that opens a complaint from the discipline case. Each view
validates its form, calls one service, then completes the task (design.md "One request,
end to end"). The secret ballot uses the shared pages (workflow.steps.ballot.views)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from inspections import access
from inspections.models import Ballot, CaseKind, ComplaintReview
from inspections.selectors import discipline_complaint as selectors
from inspections.services import complaint_ballot, complaint_outcome, complaint_review
from inspections.services import discipline_complaint as services
from workflow.kinds.discipline_complaint import forms
from workflow.kinds.planned_inspection.forms import ReviewForm
from workflow.kinds.planned_inspection.views import CaseTaskView
from workflow.spawn import start_flow_for
from workflow.steps.ballot.views import BallotCloseView, ballot_panel
from workflow.views.outcomes import rules_to_form
from workflow.views.team import CaseFormView


def panel_context(user, case) -> dict:
    """The complaint card's context: the complaint (two queries), its secret ballots (the
    tallies only after close) and, when the latest round decided nothing, why."""
    context = {**selectors.complaint_panel(case), **ballot_panel(user, case, access.actions_on(user, case))}
    complaint, cards = context["complaint"], context["ballots"]
    last = cards[-1] if cards else None
    if complaint is not None and not complaint.outcome and last is not None and last.rows is not None:
        context["undecided"] = undecided_message(last.ballot, last.result_label)
    return context


def complaint_panel(user, case):
    """The record complained against, its state, that it stays in force while the
    complaint is pending (Charter Art. 39.9), the review, the ballots and the outcome."""
    return "kiemtra/panels/discipline_complaint.html", panel_context(user, case)


class OpenComplaintView(FormView):
    """Start: committee staff register a complaint against an in-force discipline."""

    template_name = "kiemtra/discipline_complaint/start.html"
    form_class = forms.OpenComplaintForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        with rules_to_form(form) as outcome:
            case = services.complaint_open(
                actor=self.request.user, committee=form.cleaned_data["committee"], **form.intake()
            )
        if outcome.refused:
            return self.form_invalid(form)
        process = self.request.activation.process
        process.case = case
        self.request.activation.execute()
        messages.success(self.request, _("Đã vào sổ đơn khiếu nại, hồ sơ %(number)s.") % {"number": case.number})
        return HttpResponseRedirect(reverse("cases:detail", args=[case.pk]))


class ComplaintTaskView(CaseTaskView):
    """A complaint step: the task page shows the complaint card beside the form."""

    template_name = "kiemtra/discipline_complaint/task.html"

    def get_complaint(self):
        if not hasattr(self, "_complaint"):
            self._complaint = selectors.complaint_of(self.get_case())
        return self._complaint

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["panel"] = panel_context(self.request.user, self.get_case())
        return context


class IntakeView(ComplaintTaskView):
    form_class = forms.SpawnedIntakeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "case": self.get_case()}

    def perform(self, form, case):
        services.complaint_intake(actor=self.request.user, case=case, **form.intake())


class AdmissibilityView(ComplaintTaskView):
    form_class = forms.AdmissibilityForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "case": self.get_case(), "complaint": self.get_complaint()}

    def perform(self, form, case):
        data = form.cleaned_data
        services.complaint_admissibility_decide(
            actor=self.request.user,
            case=case,
            admissible=data["decision"] == "accept",
            reasons=data["reasons"],
            note=data["note"],
        )


class RefusalNoticeView(ComplaintTaskView):
    form_class = forms.RefusalNoticeForm

    def perform(self, form, case):
        services.complaint_refusal_notify(
            actor=self.request.user, case=case, sent_on=form.cleaned_data["sent_on"], upload=form.cleaned_data["file"]
        )


class ImposingBodyView(ComplaintTaskView):
    form_class = forms.ImposingBodyForm

    def perform(self, form, case):
        data = form.cleaned_data
        complaint_review.complaint_imposing_body_meet(
            actor=self.request.user,
            case=case,
            met_on=data["met_on"],
            minutes=data["minutes"],
            file_obtained=data["file_obtained"],
            discipline_file=data["discipline_file"],
        )


class ComplainantView(ComplaintTaskView):
    form_class = forms.ComplainantForm

    def perform(self, form, case):
        data = form.cleaned_data
        complaint_review.complaint_complainant_meet(
            actor=self.request.user, case=case, met_on=data["met_on"], minutes=data["minutes"], note=data["note"]
        )


class AspectsView(ComplaintTaskView):
    form_class = forms.AspectsForm

    def get_form_kwargs(self):
        complaint = self.get_complaint()
        reviews = (
            {r.aspect: r for r in ComplaintReview.objects.filter(complaint=complaint)} if complaint is not None else {}
        )
        return {**super().get_form_kwargs(), "complaint": complaint, "reviews": reviews}

    def perform(self, form, case):
        complaint_review.complaint_aspects_review(
            actor=self.request.user,
            case=case,
            differences=form.cleaned_data["differences"],
            reviews=form.reviews(),
            upload=form.cleaned_data["file"],
        )


class ReportView(ComplaintTaskView):
    form_class = forms.ComplaintReportForm

    def perform(self, form, case):
        data = form.cleaned_data
        complaint_review.complaint_report_submit(
            actor=self.request.user,
            case=case,
            text=data["text"],
            proposed_outcome=data["proposed_outcome"],
            proposed_form=data["proposed_form"],
            upload=data["file"],
        )


class ReviewReportView(ComplaintTaskView):
    form_class = ReviewForm

    def perform(self, form, case):
        complaint_review.complaint_report_review(
            actor=self.request.user,
            case=case,
            accept=form.cleaned_data["decision"] == "accept",
            note=form.cleaned_data["note"],
        )


class MeetingView(ComplaintTaskView):
    """The chair records the competent body's meeting and opens the secret ballot on the
    outcome; the page lists the options the paper will carry."""

    form_class = forms.MeetingForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "complaint": self.get_complaint()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        complaint = self.get_complaint()
        if complaint is not None:
            case = self.get_case()
            plan = complaint_ballot.ballot_plan(case, complaint, timezone.localdate())
            context["paper"] = complaint_ballot.describe_plan(case, plan)
        return context

    def perform(self, form, case):
        data = form.cleaned_data
        complaint_ballot.complaint_meeting(
            actor=self.request.user,
            case=case,
            meeting_on=data["meeting_on"],
            members_total=data["members_total"],
            away_count=data["away_count"],
            exempted_absent_count=data["exempted_absent_count"],
            present=list(data["present"]),
            upload=data["file"],
        )


class CloseBallotView(BallotCloseView):
    """The chair closes the ballot; its result is applied to the record complained against,
    or the complaint stays undecided and the meeting step comes back for a new round."""

    form_class = forms.CloseBallotForm

    def perform(self, form, case):
        ballot = complaint_ballot.complaint_ballot_close(
            actor=self.request.user,
            case=case,
            reasons=form.cleaned_data["reasons"],
            upload=form.cleaned_data["file"],
        )
        if not selectors.outcome_decided(case):
            label = ballot.option_label(ballot.result) if ballot.result else ""
            messages.warning(self.request, undecided_message(ballot, label))


def undecided_message(ballot: Ballot, label: str) -> str:
    """Why the latest round decided nothing (the journal keeps the service's own words)."""
    if not ballot.result:
        return _("Không phương án nào đạt tỷ lệ biểu quyết: chưa có kết quả giải quyết; có thể tổ chức bỏ phiếu lại.")
    if ballot.result_purpose == Ballot.Purpose.PROPOSE:
        return _(
            "Kết quả biểu quyết “%(label)s” vượt thẩm quyền của %(body)s: cần đề nghị cấp ủy, ủy ban kiểm tra cấp "
            "trên có thẩm quyền xem xét, quyết định; có thể tổ chức bỏ phiếu lại."
        ) % {"label": label, "body": ballot.body_label}
    return _("Kết quả biểu quyết “%(label)s” không áp dụng được (xem nhật ký hồ sơ); có thể tổ chức bỏ phiếu lại.") % {
        "label": label
    }


class OpenFromDisciplineView(CaseFormView):
    """From a discipline case whose decision is in force: committee staff open the
    disciplined member's (organisation's) complaint case, linked both ways; its flow starts
    with the staff set-up task that registers the complaint (workflow.spawn)."""

    form_class = forms.OpenFromDisciplineForm
    title = gettext_lazy("Mở hồ sơ giải quyết khiếu nại kỷ luật")
    intro = gettext_lazy(
        "Đảng viên (tổ chức đảng) bị kỷ luật khiếu nại quyết định kỷ luật của hồ sơ này. Hồ sơ khiếu nại được mở "
        "và liên kết với hồ sơ kỷ luật; cán bộ vào sổ đơn khiếu nại và phân công giải quyết ở bước tiếp theo. "
        "Quyết định kỷ luật vẫn có hiệu lực trong khi giải quyết khiếu nại (Điều lệ Đảng, Điều 39.9)."
    )

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            if self.get_case().kind != CaseKind.DISCIPLINE:
                raise Http404
            if not access.can_open_case(request.user):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        # The case and its flow start together, or neither (workflow.spawn).
        with transaction.atomic():
            with rules_to_form(form) as outcome:
                case = services.complaint_spawn(
                    actor=self.request.user,
                    origin=self.get_case(),
                    committee=form.cleaned_data["committee"],
                    note=form.cleaned_data["note"],
                )
            if not outcome.refused:
                start_flow_for(case)
        if outcome.refused:
            return self.form_invalid(form)
        messages.success(self.request, _("Đã mở hồ sơ giải quyết khiếu nại %(number)s.") % {"number": case.number})
        return HttpResponseRedirect(reverse("cases:detail", args=[case.pk]))


class DecisionView(ComplaintTaskView):
    form_class = forms.DecisionForm

    def perform(self, form, case):
        data = form.cleaned_data
        complaint_outcome.complaint_decision_issue(
            actor=self.request.user,
            case=case,
            number=data["number"],
            signed_on=data["signed_on"],
            decision_file=data["file"],
            minutes=data["minutes"],
        )


class NotifyView(ComplaintTaskView):
    form_class = forms.NotifyForm

    def perform(self, form, case):
        data = form.cleaned_data
        complaint_outcome.complaint_decision_notify(
            actor=self.request.user,
            case=case,
            complainant_on=data["complainant_on"],
            imposing_body_on=data["imposing_body_on"],
            managing_org_on=data["managing_org_on"],
            notice=data["notice"],
            restoration_notice=data["restoration_notice"],
        )
