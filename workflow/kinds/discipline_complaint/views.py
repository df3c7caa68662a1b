"""The steps of a discipline complaint (domain.md §5(F)), one view each, the complaint card
on the case page, and the page that opens a complaint from the discipline case. Each view
validates its form, calls one service, then completes the task (design.md "One request,
end to end"). The secret ballot uses the shared pages (workflow.steps.ballot.views)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inspections import access
from inspections.models import Ballot, CaseKind, ComplaintReview
from inspections.selectors import discipline_complaint as selectors
from inspections.services import complaint_ballot, complaint_outcome, complaint_review
from inspections.services import discipline_complaint as services
from workflow.kinds.discipline_complaint import forms
from workflow.steps.ballot.views import BallotCloseView, ballot_panel
from workflow.steps.review.forms import ReviewForm
from workflow.views.base import OpenLinkedCase, StartStep, TaskStep, verdict_kwargs
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


class OpenComplaintView(StartStep):
    """Start: committee staff register a complaint against an in-force discipline."""

    template_name = "kiemtra/discipline_complaint/start.html"
    form_class = forms.OpenComplaintForm
    service = services.complaint_open
    success_message = gettext_lazy("Đã vào sổ đơn khiếu nại, hồ sơ %(number)s.")

    def service_kwargs(self, form):
        return {"committee": form.cleaned_data["committee"], **form.intake()}


class ComplaintTaskView(TaskStep):
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
    service = services.complaint_intake
    form_gets = ("case",)

    def service_kwargs(self, form):
        return form.intake()


class AdmissibilityView(ComplaintTaskView):
    form_class = forms.AdmissibilityForm
    service = services.complaint_admissibility_decide
    form_gets = ("case", "complaint")

    def service_kwargs(self, form):
        data = form.cleaned_data
        return {"admissible": data["decision"] == "accept", "reasons": data["reasons"], "note": data["note"]}


RefusalNoticeView = ComplaintTaskView.define(form=forms.RefusalNoticeForm, service=services.complaint_refusal_notify)
ImposingBodyView = ComplaintTaskView.define(
    form=forms.ImposingBodyForm, service=complaint_review.complaint_imposing_body_meet
)
ComplainantView = ComplaintTaskView.define(
    form=forms.ComplainantForm, service=complaint_review.complaint_complainant_meet
)
ReportView = ComplaintTaskView.define(form=forms.ComplaintReportForm, service=complaint_review.complaint_report_submit)
ReviewReportView = ComplaintTaskView.define(
    form=ReviewForm, service=complaint_review.complaint_report_review, service_kwargs=verdict_kwargs("accept")
)
DecisionView = ComplaintTaskView.define(
    form=forms.DecisionForm, service=complaint_outcome.complaint_decision_issue, rename={"file": "decision_file"}
)
NotifyView = ComplaintTaskView.define(form=forms.NotifyForm, service=complaint_outcome.complaint_decision_notify)


class AspectsView(ComplaintTaskView):
    form_class = forms.AspectsForm
    service = complaint_review.complaint_aspects_review
    form_gets = ("complaint", "reviews")

    def get_reviews(self):
        complaint = self.get_complaint()
        if complaint is None:
            return {}
        return {r.aspect: r for r in ComplaintReview.objects.filter(complaint=complaint)}

    def service_kwargs(self, form):
        data = form.cleaned_data
        return {"differences": data["differences"], "reviews": form.reviews(), "upload": data["file"]}


class MeetingView(ComplaintTaskView):
    """The chair records the competent body's meeting and opens the secret ballot on the
    outcome; the page lists the options the paper will carry."""

    form_class = forms.MeetingForm
    service = complaint_ballot.complaint_meeting
    form_gets = ("complaint",)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        complaint = self.get_complaint()
        if complaint is not None:
            case = self.get_case()
            plan = complaint_ballot.ballot_plan(case, complaint, timezone.localdate())
            context["paper"] = complaint_ballot.describe_plan(case, plan)
        return context


class CloseBallotView(BallotCloseView):
    """The chair closes the ballot; its result is applied to the record complained against,
    or the complaint stays undecided and the meeting step comes back for a new round."""

    form_class = forms.CloseBallotForm
    service = complaint_ballot.complaint_ballot_close

    def perform(self, form):
        ballot = super().perform(form)
        if not selectors.outcome_decided(self.get_case()):
            label = ballot.option_label(ballot.result) if ballot.result else ""
            messages.warning(self.request, undecided_message(ballot, label))
        return ballot


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


class OpenFromDisciplineView(CaseFormView, OpenLinkedCase):
    """From a discipline case whose decision is in force: committee staff open the
    disciplined member's (organisation's) complaint case, linked both ways; its flow starts
    with the staff set-up task that registers the complaint (workflow.spawn)."""

    form_class = forms.OpenFromDisciplineForm
    service = services.complaint_spawn
    form_gets = ("user",)
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
            if not access.can_open_case(request.user, CaseKind.DISCIPLINE_COMPLAINT):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_done_message(self):
        return _("Đã mở hồ sơ giải quyết khiếu nại %(number)s.") % {"number": self.result.number}
