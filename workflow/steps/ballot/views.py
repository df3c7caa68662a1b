"""Secret-ballot pages shared by every case kind that votes (design.md decision 5).

- `BallotCastView` (route cases:ballot_cast): a voter's paper. Not a flow task: every
  member present votes on their own while the chair's "close the ballot" task waits.
- `BallotCloseView`: the chair's task closing the ballot; a kind's flow subclasses it and
  sets `close` to its service (discipline: authority and statute follow the result).
- `ballot_panel`: the context of the ballot card on a case page (participation at any
  time, tallies only after close).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inspections.exceptions import RuleViolation
from inspections.models import Ballot
from inspections.selectors import ballots as ballot_selectors
from inspections.services import ballots as ballot_services
from workflow.kinds.planned_inspection.views import CaseTaskView
from workflow.steps.ballot import forms as ballot_forms
from workflow.views.team import CaseFormView


class BallotCastView(CaseFormView):
    template_name = "kiemtra/ballots/cast.html"
    form_class = ballot_forms.CastForm
    title = gettext_lazy("Phiếu biểu quyết (bỏ phiếu kín)")
    intro = gettext_lazy(
        "Đánh dấu một phương án. Phiếu được ghi tách khỏi danh sách người đã bỏ phiếu: không ai, kể cả "
        "Chủ nhiệm, biết anh/chị chọn phương án nào. Kết quả chỉ có sau khi kết thúc bỏ phiếu."
    )
    done_message = gettext_lazy("Đã bỏ phiếu.")

    def get_ballot(self) -> Ballot:
        if not hasattr(self, "_ballot"):
            ballot = Ballot.objects.filter(pk=self.kwargs["ballot_pk"], case=self.get_case()).first()
            if ballot is None:
                raise Http404
            self._ballot = ballot
        return self._ballot

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            refusal = ballot_selectors.vote_refusal(request.user, self.get_ballot())
            if refusal is not None and refusal[0] == "forbidden":
                raise PermissionDenied
            self.refusal = refusal[1] if refusal else ""
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "ballot": self.get_ballot()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(ballot=self.get_ballot(), refusal=self.refusal, **kwargs)

    def perform(self, form, case):
        ballot_services.ballot_cast(
            actor=self.request.user, ballot=self.get_ballot(), option=form.cleaned_data["option"]
        )

    def get_success_url(self):
        return reverse("cases:detail", args=[self.get_case().pk])


class BallotCloseView(CaseTaskView):
    """The chair's task: close the open ballot of the case. Subclasses set `close` to a
    service taking (actor, case, upload); the default closes the ballot only."""

    template_name = "kiemtra/ballots/close.html"
    form_class = ballot_forms.CloseBallotForm

    def close(self, *, actor, case, upload):
        ballot = ballot_selectors.open_ballot(case)
        if ballot is None:
            raise RuleViolation(_("Hồ sơ không có cuộc bỏ phiếu đang diễn ra."))
        return ballot_services.ballot_close(actor=actor, ballot=ballot, upload=upload)

    def get_context_data(self, **kwargs):
        ballot = ballot_selectors.open_ballot(self.get_case())
        participated = ballot_selectors.participation_count(ballot) if ballot else 0
        return super().get_context_data(ballot=ballot, participated=participated, **kwargs)

    def perform(self, form, case):
        self.close(actor=self.request.user, case=case, upload=form.cleaned_data["file"])


def ballot_panel(user, case, actions) -> dict:
    """Context for templates/kiemtra/ballots/_ballots.html."""
    return {"ballots": ballot_selectors.ballot_cards(user, case, actions)}
