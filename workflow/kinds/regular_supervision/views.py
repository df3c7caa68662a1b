"""Pages of the regular supervision log (C1): opening a log, the log page (entries, newest
first, with the add-entry form), escalation to a thematic supervision (C2) or a request
for an inspection upon signs (B), and the C1 card on the case page.

A log has no viewflow process (nobody owes it a next step), so these pages are not task
views: each asks inspections.access on every request — 404 when the case is not a log the
person may see, 403 when they may see it but not write it.
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inspections import access, journal
from inspections.models import CaseKind, CaseStatus
from inspections.selectors import supervision as selectors
from inspections.services import regular_supervision as services
from workflow.kinds.regular_supervision import forms
from workflow.views.base import CaseAction, OpenLinkedCase, StartStep

ENTRIES_PER_PAGE = 25


class LogOpenView(LoginRequiredMixin, StartStep):
    """Committee staff open a log. It has no flow: nothing to bind, no task to complete."""

    template_name = "kiemtra/supervision/open.html"
    form_class = forms.LogOpenForm
    service = services.log_open
    rename = {"leader": "keeper", "members": "co_keepers"}
    success_message = gettext_lazy("Đã mở sổ theo dõi %(number)s.")
    extra_context = {
        "title": gettext_lazy("Mở sổ theo dõi giám sát thường xuyên"),
        "intro": gettext_lazy(
            "Mỗi tổ chức đảng hoặc đảng viên có một sổ theo dõi của Ủy ban: ghi nhận qua theo dõi, "
            "dự họp, nhắc nhở; từ sổ có thể chuyển giám sát chuyên đề hoặc đề nghị kiểm tra khi có dấu hiệu vi phạm."
        ),
    }

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not access.can_open_case(request.user, CaseKind.REGULAR_SUPERVISION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def started(self, case) -> None:
        pass


class LogAccessMixin(LoginRequiredMixin):
    """The log named in the URL, checked on every request: not a log the person may see ->
    404 (it looks the same as none at all); seen but not the action the page needs -> 403."""

    action = "view"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        case = selectors.log_of(request.user, kwargs["pk"])
        if case is not None and access.declaration_pending(request.user, case):
            return redirect("cases:declare", pk=case.pk)
        if case is None or not access.can(request.user, "view", case):
            raise Http404
        if self.action_needed(request) != "view" and not access.can(request.user, self.action_needed(request), case):
            raise PermissionDenied
        self.case = case
        return super().dispatch(request, *args, **kwargs)

    def action_needed(self, request) -> str:
        return self.action

    def get_case(self):
        return self.case


class LogView(LogAccessMixin, CaseAction):
    """The log: its entries, newest first, a page at a time, and the form to add one."""

    template_name = "kiemtra/supervision/log.html"
    form_class = forms.EntryForm
    service = services.entry_add
    rename = {"files": "uploads"}
    done_message = gettext_lazy("Đã ghi vào sổ theo dõi.")

    def action_needed(self, request) -> str:
        return "work" if request.method == "POST" else "view"

    def get(self, request, *args, **kwargs):
        journal.record_audit_read(actor=request.user, case=self.case, read={"read": "case"})
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        case = self.case
        page = Paginator(selectors.log_entries(case), ENTRIES_PER_PAGE).get_page(self.request.GET.get("page"))
        actions = access.actions_on(self.request.user, case)
        is_open = case.status == CaseStatus.MONITORING
        return super().get_context_data(
            case=case,
            page_obj=page,
            entries=page.object_list,
            counts=selectors.entry_counts(case),
            can_write="work" in actions and is_open,
            **kwargs,
        )

    def get_success_url(self):
        return reverse("cases:supervision_log", args=[self.case.pk])


class EscalateThematicView(LogAccessMixin, OpenLinkedCase):
    action = "work"
    form_class = forms.EscalateThematicForm
    service = services.log_escalate_to_thematic
    case_argument = "case"
    title = gettext_lazy("Chuyển giám sát chuyên đề")
    intro = gettext_lazy(
        "Mở hồ sơ giám sát chuyên đề đối với đối tượng của sổ theo dõi; hai hồ sơ được liên kết. "
        "Cán bộ lập tổ giám sát, Chủ nhiệm ký quyết định."
    )

    def get_done_message(self):
        return _("Đã mở hồ sơ giám sát chuyên đề %(number)s.") % {"number": self.result.number}


class ProposeSignsView(LogAccessMixin, CaseAction):
    action = "work"
    form_class = forms.ProposeSignsForm
    service = services.log_propose_signs_inspection
    done_message = gettext_lazy("Đã ghi đề nghị kiểm tra khi có dấu hiệu vi phạm.")
    title = gettext_lazy("Đề nghị kiểm tra khi có dấu hiệu vi phạm")
    intro = gettext_lazy(
        "Ghi đề nghị kiểm tra khi có dấu hiệu vi phạm đối với đối tượng của sổ theo dõi; "
        "Ủy ban xem xét và mở hồ sơ kiểm tra từ đề nghị này."
    )


def log_panel(user, case):
    """The C1 card: counts by kind, the latest entries, proposals, and the actions the viewer
    may take. A constant number of queries whatever the log's length."""
    actions = access.actions_on(user, case)
    return "kiemtra/panels/C1.html", {
        "counts": selectors.entry_counts(case),
        "latest": list(selectors.log_entries(case)[:5]),
        "proposals": selectors.signs_proposals_of(case),
        "can_write": "work" in actions and case.status == CaseStatus.MONITORING,
        "can_open_signs": "approve" in actions,  # the chair opens a B case from a proposal
    }
