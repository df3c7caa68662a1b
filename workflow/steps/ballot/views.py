"""Secret-ballot pages shared by every case kind that votes (design.md decision 5).

- `BallotCastView` (route cases:ballot_cast): a voter's paper. Not a flow task: every
  member present votes on their own while the chair's "close the ballot" task waits.
- `BallotCloseView`: the chair's task closing the ballot; a kind's flow declares it with
  its own service (discipline: authority and statute follow the result).
- `ballot_panel`: the context of the ballot card on a case page (participation at any
  time, tallies only after close).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inspections import access
from inspections.exceptions import RuleViolation
from inspections.models import Ballot
from inspections.selectors import ballots as ballot_selectors
from inspections.services import ballots as ballot_services
from workflow.steps.ballot import forms as ballot_forms
from workflow.views.base import TaskStep
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
    service = ballot_services.ballot_cast
    form_gets = ("ballot",)

    def get_ballot(self) -> Ballot:
        if not hasattr(self, "_ballot"):
            ballot = Ballot.objects.filter(pk=self.kwargs["ballot_pk"], case=self.get_case()).first()
            if ballot is None:
                raise Http404
            self._ballot = ballot
        return self._ballot

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            refusal = access.refusal(request.user, "vote", self.get_case(), ballot=self.get_ballot())
            if refusal is not None and refusal.forbidden:
                raise PermissionDenied
            self.refusal = refusal.message if refusal else ""
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(ballot=self.get_ballot(), refusal=self.refusal, **kwargs)

    def service_context(self) -> dict:
        return {"ballot": self.get_ballot()}


def close_open_ballot(*, actor, case, upload, paper=None):
    """Close the open ballot of the case (the default of `BallotCloseView`)."""
    ballot = ballot_selectors.open_ballot(case)
    if ballot is None:
        raise RuleViolation(_("Hồ sơ không có cuộc bỏ phiếu đang diễn ra."))
    return ballot_services.ballot_close(actor=actor, ballot=ballot, upload=upload, paper=paper)


class BallotCloseView(TaskStep):
    """The chair's task: close the open ballot of the case. A kind declares its own
    service taking (actor, case, upload); the default closes the ballot only."""

    template_name = "kiemtra/ballots/close.html"
    form_class = ballot_forms.CloseBallotForm
    service = close_open_ballot
    exclude = ("confirm",)
    form_gets = ("ballot",)

    def get_ballot(self):
        return ballot_selectors.open_ballot(self.get_case())

    def get_context_data(self, **kwargs):
        ballot = ballot_selectors.open_ballot(self.get_case())
        participated = ballot_selectors.participation_count(ballot) if ballot else 0
        return super().get_context_data(ballot=ballot, participated=participated, **kwargs)


def ballot_panel(user, case, actions) -> dict:
    """Context for templates/kiemtra/ballots/_ballots.html."""
    votable = ballot_selectors.open_ballot(case) if "vote" in actions else None
    if votable is not None and access.refusal(user, "vote", case, ballot=votable) is not None:
        votable = None
    return {"ballots": ballot_selectors.ballot_cards(user, case, votable=votable)}
