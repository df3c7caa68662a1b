"""Opening the case another case's approved outcome calls for, from the origin case's page
(issue 3, cross-kind links): the service opens and links the case, then the new case's flow
starts (workflow.spawn.start_flow_for) in the same transaction, so a refusal writes
nothing. Only the approver of the origin case may do it (others: 403, or 404 when they
may not see the case)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inspections import access
from inspections.models import CaseKind
from inspections.selectors.three_phase import discipline_grounds
from inspections.services import escalations
from workflow import escalation_forms as forms
from workflow.views.base import OpenLinkedCase
from workflow.views.team import CaseFormView


class _EscalateView(CaseFormView, OpenLinkedCase):
    kinds: tuple = ()

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            case = self.get_case()
            if case.kind not in self.kinds:
                raise Http404
            if not access.can(request.user, "approve", case):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_done_message(self):
        return _("Đã mở hồ sơ %(number)s; cán bộ hoàn tất hồ sơ ở bước đầu tiên.") % {"number": self.result.number}


class InspectionToDisciplineView(_EscalateView):
    """B, G, H -> E (domain.md §5(B) B.1 step 8 and "Dual process")."""

    kinds = escalations.INSPECTION_KINDS
    form_class = forms.InspectionToDisciplineForm
    service = escalations.inspection_to_discipline
    form_gets = ("merged_possible",)
    title = gettext_lazy("Mở hồ sơ xem xét thi hành kỷ luật")
    intro = gettext_lazy(
        "Kết luận kiểm tra xác định phải xem xét kỷ luật. Khi đối tượng đã thừa nhận vi phạm và tự nhận "
        "hình thức kỷ luật, có thể kết hợp quy trình: hồ sơ kỷ luật bỏ qua bước kiểm điểm."
    )

    def get_merged_possible(self):
        grounds = discipline_grounds(self.get_case())
        return bool(grounds and grounds.merged_path)

    def service_kwargs(self, form):
        # The choice is offered only where the merged path is possible.
        return {"merged": form.cleaned_data.get("merged", False)}


class DenunciationToDisciplineView(_EscalateView):
    """D -> E (domain.md §5(D) step 5)."""

    kinds = (CaseKind.DENUNCIATION,)
    form_class = forms.ConfirmForm
    service = escalations.denunciation_to_discipline
    exclude = ("confirm",)
    title = gettext_lazy("Mở hồ sơ xem xét thi hành kỷ luật")
    intro = gettext_lazy("Kết luận giải quyết tố cáo xác định vi phạm đến mức phải xem xét kỷ luật.")


class DenunciationToSignsView(_EscalateView):
    """D -> B (domain.md §5(D) step 5: other signs of violation)."""

    kinds = (CaseKind.DENUNCIATION,)
    form_class = forms.SignsCaseForm
    service = escalations.denunciation_to_signs
    title = gettext_lazy("Mở hồ sơ kiểm tra khi có dấu hiệu vi phạm")
    intro = gettext_lazy("Qua giải quyết tố cáo phát hiện dấu hiệu vi phạm khác.")


class SupervisionToSignsView(_EscalateView):
    """C1 / C2 -> B, from a recorded proposal (domain.md §5(C) C2 step 6)."""

    kinds = escalations.SUPERVISION_KINDS
    form_class = forms.SignsCaseForm
    service = escalations.supervision_to_signs
    title = gettext_lazy("Mở hồ sơ kiểm tra khi có dấu hiệu vi phạm")
    intro = gettext_lazy("Theo đề nghị kiểm tra khi có dấu hiệu vi phạm phát sinh từ giám sát.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            case = self.get_case()
            self.proposal = case.signs_proposals.filter(pk=kwargs["proposal_pk"]).first()
            if self.proposal is None:
                raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"grounds": self.proposal.content}

    def service_context(self):
        return {**super().service_context(), "proposal_id": self.proposal.pk}


CASE_PATHS = [
    path(
        "<int:pk>/escalate/discipline/",
        InspectionToDisciplineView.as_view(),
        name="escalate_inspection_discipline",
    ),
    path(
        "<int:pk>/escalate/denunciation-discipline/",
        DenunciationToDisciplineView.as_view(),
        name="escalate_denunciation_discipline",
    ),
    path(
        "<int:pk>/escalate/denunciation-signs/", DenunciationToSignsView.as_view(), name="escalate_denunciation_signs"
    ),
    path(
        "<int:pk>/escalate/signs-proposal/<int:proposal_pk>/",
        SupervisionToSignsView.as_view(),
        name="escalate_supervision_signs",
    ),
]
