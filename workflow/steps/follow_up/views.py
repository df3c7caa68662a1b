"""Follow-up of conclusions for every case kind (domain.md §7.11): the follow-up step a
flow plugs in (workflow.steps.follow_up.flow.FollowUpSteps), the simpler step that records
only the recommendations done (D and E plug it into follow_up_steps), and the approver's
page for requirements the team cannot settle (overdue or not carried out)."""

from django.contrib import messages
from django.utils.translation import gettext as _

from inspections.selectors import follow_up as selectors
from inspections.selectors.cases import open_recommendations
from inspections.services import conclusions, follow_up
from workflow.spawn import start_flow_for
from workflow.steps.follow_up import forms
from workflow.views.base import TaskStep
from workflow.views.team import CaseFormView
from workflow.views.team import _ApproverOnly as ApproverOnly


class FollowUpView(TaskStep):
    form_class = forms.FollowUpForm
    service = follow_up.follow_up_record
    template_name = "kiemtra/follow_up/task.html"

    def get_form_kwargs(self):
        case = self.get_case()
        return {
            **super().get_form_kwargs(),
            "open_items": selectors.unsettled(case).order_by("due_on", "pk"),
            "unmet_items": selectors.unmet_without_case(case).order_by("due_on", "pk"),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(follow_up=selectors.card(self.request.user, self.get_case()), **kwargs)

    def service_kwargs(self, form):
        return {
            "done": form.reports("done"),
            "progress": form.reports("progress"),
            "upload": form.cleaned_data["file"],
            "open_signs_case_for": [rec.pk for rec in form.chosen("open_signs_case")],
        }

    def perform(self, form):
        outcome = super().perform(form)
        if outcome.signs_case is not None:
            # The inspection upon signs starts with the proposal its drafter completes.
            start_flow_for(outcome.signs_case)
            messages.info(
                self.request,
                _("Đã lập hồ sơ kiểm tra khi có dấu hiệu vi phạm %(number)s; cần hoàn thiện đề xuất, đoàn kiểm tra.")
                % {"number": outcome.signs_case.number},
            )
        return outcome


class RecommendationsDoneView(TaskStep):
    """The recommendations reported done (conclusions.follow_up_record); the case closes
    when none is left open."""

    form_class = forms.RecommendationsDoneForm
    service = conclusions.follow_up_record
    form_gets = ("recommendations",)

    def get_recommendations(self):
        return open_recommendations(self.get_case())

    def service_kwargs(self, form):
        data = form.cleaned_data
        return {"done": {rec.pk: (data["done_on"], data["note"]) for rec in data["done"]}, "upload": data["file"]}


class AssessView(ApproverOnly, CaseFormView):
    """The approver finds a requirement not carried out, or gives it a new deadline."""

    form_class = forms.AssessForm
    service = follow_up.requirement_assess
    title = _("Xử lý yêu cầu, kiến nghị quá hạn hoặc không thực hiện")
    intro = _(
        "Chủ nhiệm đánh giá yêu cầu, kiến nghị không được thực hiện (có thể đề nghị kiểm tra khi có dấu hiệu "
        "vi phạm ở bước theo dõi) hoặc cho thời hạn mới."
    )
    done_message = _("Đã ghi nhận việc xử lý yêu cầu, kiến nghị.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "items": selectors.unsettled(self.get_case()).order_by("due_on", "pk")}

    def get_initial(self):
        item = self.request.GET.get("item", "")
        return {"requirement": item} if item.isdigit() else {}

    def service_kwargs(self, form):
        kwargs = super().service_kwargs(form)
        kwargs["recommendation_id"] = kwargs.pop("requirement").pk
        return kwargs
