"""One view per step of the discipline flow (kind E, domain.md §5(E)): each validates its
form, calls one service, then lets viewflow complete the task. Also the case-page panel."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy

from inspections import access
from inspections.models import CaseKind
from inspections.selectors import discipline as selectors
from inspections.selectors import discipline_complaint as complaint_selectors
from inspections.services import (
    discipline,
    discipline_grounds,
    discipline_records,
    discipline_steps,
    discipline_votes,
    membership,
)
from workflow.kinds.discipline import forms, ground_forms
from workflow.steps.ballot.views import BallotCloseView, ballot_panel
from workflow.views.base import StartStep, TaskStep
from workflow.views.team import CaseFormView

# Start: staff open a discipline case.
OpenDisciplineView = StartStep.define(
    form=forms.OpenDisciplineForm, service=discipline.discipline_open, template_name="kiemtra/discipline/start.html"
)
# A spawned case: staff complete the set-up (violation, body, team).
SetupView = TaskStep.define(form=forms.SetupForm, service=discipline.discipline_setup, form_gets=("case",))
ResumeView = TaskStep.define(form=forms.ResumeForm, service=discipline_steps.discipline_resume)
ProposalView = TaskStep.define(
    form=forms.ProposalForm, service=discipline_votes.discipline_propose, form_gets=("case",)
)
DecisionView = TaskStep.define(
    form=forms.DecisionForm, service=discipline_records.discipline_decision_sign, form_gets=("case",)
)
AnnounceView = TaskStep.define(form=forms.AnnounceForm, service=discipline_records.discipline_announce)
StateProposalView = TaskStep.define(
    form=forms.StateProposalForm,
    service=discipline_records.state_proposal_record,
    exclude=("outcome",),  # the form's clean() checks the fields each outcome needs
    rename={"reason": "not_applicable_reason"},
)
# The chair closes the ballot; authority, then the statute, follow the result.
CloseBallotView = BallotCloseView.define(service=discipline_votes.discipline_ballot_close)


class SubjectFormsMixin:
    def get_forms_open(self):
        return selectors.subject_forms(self.get_case(), timezone.localdate())


class SelfCriticismView(SubjectFormsMixin, TaskStep):
    """Received, deferred or waived: one service per outcome."""

    form_class = forms.SelfCriticismForm
    form_gets = ("forms_open",)

    def perform(self, form):
        data = form.cleaned_data
        outcome = data["outcome"]
        actor, case = self.request.user, self.get_case()
        if outcome == "received":
            return discipline_steps.self_criticism_receive(
                actor=actor,
                case=case,
                received_on=data["on"],
                self_proposed_form=data["self_proposed_form"],
                upload=data["file"],
            )
        if outcome in ("defer", "deceased"):
            return ground_step(actor, case, data, data["on"])
        return discipline_steps.self_criticism_waive(
            actor=actor, case=case, reason=outcome, on=data["on"], note=data["note"]
        )


def ground_step(actor, case, data, on):
    """A deferral (or a missing member), or a deceased member, from a step's form."""
    if data["outcome"] == "defer":
        return discipline_steps.discipline_defer(
            actor=actor,
            case=case,
            reason=data["defer_reason"],
            deferred_on=on,
            note=data["note"],
            conclusion=data["conclusion"],
            upload=data["evidence"],
        )
    return discipline_grounds.discipline_member_deceased(
        actor=actor,
        case=case,
        died_on=data["died_on"],
        especially_serious=data["especially_serious"],
        especially_serious_reason=data["especially_serious_reason"],
        note=data["note"],
        upload=data["evidence"],
    )


GROUND_FIELDS = ("defer_reason", "conclusion", "died_on", "especially_serious", "especially_serious_reason", "evidence")


class ReportView(SubjectFormsMixin, TaskStep):
    form_class = forms.ReportForm
    service = discipline_steps.discipline_report
    form_gets = ("case", "forms_open")
    rename = {"head_card_number": "head"}  # the head's card number cleans to the member


class MeetingView(TaskStep):
    """The meeting opens the secret ballot; or the review is deferred; or the member has
    died (concluded, or especially serious: recorded, then the ballot opens); or the body
    exempts the member on a recorded exemption ground (issue 9 point 7)."""

    form_class = forms.MeetingForm
    service = discipline_votes.discipline_meeting
    form_gets = ("discipline",)
    exclude = ("outcome", "note", *GROUND_FIELDS)

    def get_discipline(self):
        return selectors.discipline_of(self.get_case())

    def perform(self, form):
        data = form.cleaned_data
        actor, case = self.request.user, self.get_case()
        if data["outcome"] == "defer":
            return ground_step(actor, case, data, data["meeting_on"])
        if data["outcome"] == "exempt":
            return discipline_grounds.discipline_exempt(
                actor=actor, case=case, decided_on=data["meeting_on"], note=data["note"], upload=data["file"]
            )
        if data["outcome"] == "deceased":
            with transaction.atomic():  # the finding and the ballot it opens, or neither
                record = ground_step(actor, case, data, data["meeting_on"])
                return super().perform(form) if record.especially_serious else record
        return super().perform(form)


class DisciplineActionView(CaseFormView):
    """A discipline case-page action (not a flow task): a discipline case the user sees."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.get_case().kind != CaseKind.DISCIPLINE:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class ExemptionGroundView(DisciplineActionView):
    """An exemption or reduction ground recorded before the vote (issue 9 point 7)."""

    form_class = ground_forms.ExemptionGroundForm
    service = discipline_grounds.discipline_exemption_record
    title = gettext_lazy("Ghi nhận căn cứ miễn, giảm trách nhiệm")
    intro = gettext_lazy(
        "Trước cuộc họp biểu quyết (HD 02-HD/TW điểm 1.2; KL 14-KL/TW): đổi mới, sáng tạo vì lợi ích chung mà gây "
        "thiệt hại; thực hiện quyết định của cấp trên sau khi đã có văn bản báo cáo, đề xuất ý kiến. Tại cuộc họp, "
        "cơ quan quyết định miễn kỷ luật hoặc bỏ phiếu hình thức nhẹ hơn."
    )
    done_message = gettext_lazy("Đã ghi nhận căn cứ miễn, giảm trách nhiệm.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            case = self.get_case()
            stage = discipline_grounds.EXEMPTION_RECORDABLE.get(case.status)
            if stage is not None and not access.can(request.user, stage, case):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class StrikeOffView(DisciplineActionView):
    """Strike a probationary member off the list: a decision of its own, not a discipline
    form (issue 9 point 8; domain.md §11b.6). The service checks who may (the case's
    approver or the chair of a committee over the member's organisation)."""

    form_class = ground_forms.StrikeOffForm
    service = membership.strike_off_record
    title = gettext_lazy("Quyết định xóa tên đảng viên dự bị")
    intro = gettext_lazy(
        "Đảng viên dự bị không còn đủ tư cách đảng viên thì chi bộ, cấp ủy quyết định xóa tên (không phải hình thức "
        "kỷ luật; không áp dụng cho đảng viên chính thức). Tư cách đảng viên chấm dứt từ ngày quyết định có hiệu lực."
    )
    done_message = gettext_lazy("Đã ghi quyết định xóa tên đảng viên dự bị.")


def discipline_panel(user, case):
    """The discipline card on the case page: the violation, the body, the self-criticism,
    deferrals, head responsibility, ballots (counts only after close), proposals, the
    decision, the record and the 5-day proposal. A constant number of queries."""
    actions = access.actions_on(user, case)
    # The disciplined member's complaint is opened from here once the decision is in force
    # (discipline -> complaint, issue 3; inspections.services.discipline_complaint).
    may_open_complaint = access.can_open_case(user, CaseKind.DISCIPLINE_COMPLAINT)
    may_open_complaint = may_open_complaint and complaint_selectors.complaint_openable(case)
    member = case.subject_member
    stage = discipline_grounds.EXEMPTION_RECORDABLE.get(case.status)
    return (
        "kiemtra/panels/discipline.html",
        {
            **selectors.panel_data(case),
            "today": timezone.localdate(),
            **ballot_panel(user, case, actions),
            "may_open_complaint": may_open_complaint,
            # Issue 9 points 7-8: the case-page actions for an exemption ground and a strike-off.
            "may_record_exemption": bool(member and stage and stage in actions),
            "may_strike_off": bool(member and member.status == member.Status.PROBATIONARY and "approve" in actions),
        },
    )
