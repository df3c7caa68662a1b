"""Pages of the regular supervision log (C1): opening a log, the log page (entries, newest
first, with the add-entry form), escalation to a thematic supervision (C2) or a request
for an inspection upon signs (B), and the C1 card on the case page.

A log has no viewflow process (nobody owes it a next step), so these pages are not task
views: each asks inspections.access on every request — 404 when the case is not a log the
person may see, 403 when they may see it but not write it.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from inspections import access, journal
from inspections.models import CaseStatus
from inspections.selectors import supervision as selectors
from inspections.services import regular_supervision as services
from workflow.kinds.regular_supervision import forms
from workflow.spawn import start_flow_for
from workflow.views.outcomes import rules_to_form

ENTRIES_PER_PAGE = 25


class LogOpenView(LoginRequiredMixin, FormView):
    template_name = "kiemtra/supervision/open.html"
    form_class = forms.LogOpenForm
    extra_context = {
        "title": gettext_lazy("Mở sổ theo dõi giám sát thường xuyên"),
        "intro": gettext_lazy(
            "Mỗi tổ chức đảng hoặc đảng viên có một sổ theo dõi của Ủy ban: ghi nhận qua theo dõi, "
            "dự họp, nhắc nhở; từ sổ có thể chuyển giám sát chuyên đề hoặc đề nghị kiểm tra khi có dấu hiệu vi phạm."
        ),
    }

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not access.can_open_case(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        data = form.cleaned_data
        with rules_to_form(form) as outcome:
            case = services.log_open(
                actor=self.request.user,
                committee=data["committee"],
                title=data["title"],
                grounds=data["grounds"],
                subject_member=data["subject_card_number"],
                subject_organisation=data["subject_organisation"],
                key_areas=list(data["key_areas"]),
                confidentiality=data["confidentiality"],
                keeper=data["leader"],
                co_keepers=list(data["members"]),
            )
        if outcome.refused:
            return self.form_invalid(form)
        messages.success(self.request, _("Đã mở sổ theo dõi %(number)s.") % {"number": case.number})
        return HttpResponseRedirect(reverse("cases:detail", args=[case.pk]))


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


class LogView(LogAccessMixin, FormView):
    """The log: its entries, newest first, a page at a time, and the form to add one."""

    template_name = "kiemtra/supervision/log.html"
    form_class = forms.EntryForm

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

    def form_valid(self, form):
        data = form.cleaned_data
        with rules_to_form(form) as outcome:
            services.entry_add(
                actor=self.request.user,
                case=self.case,
                kind=data["kind"],
                occurred_on=data["occurred_on"],
                text=data["text"],
                source=data["source"],
                uploads=data["files"],
            )
        if outcome.refused:
            return self.form_invalid(form)
        messages.success(self.request, _("Đã ghi vào sổ theo dõi."))
        return HttpResponseRedirect(reverse("cases:supervision_log", args=[self.case.pk]))


class LogFormView(LogAccessMixin, FormView):
    template_name = "kiemtra/case_form.html"
    action = "work"

    def get_context_data(self, **kwargs):
        return super().get_context_data(case=self.case, title=self.title, intro=self.intro, **kwargs)


class EscalateThematicView(LogFormView):
    form_class = forms.EscalateThematicForm
    title = gettext_lazy("Chuyển giám sát chuyên đề")
    intro = gettext_lazy(
        "Mở hồ sơ giám sát chuyên đề đối với đối tượng của sổ theo dõi; hai hồ sơ được liên kết. "
        "Cán bộ lập tổ giám sát, Chủ nhiệm ký quyết định."
    )

    def form_valid(self, form):
        data = form.cleaned_data
        # The case and its flow start together, or neither (workflow.spawn).
        with transaction.atomic():
            with rules_to_form(form) as outcome:
                thematic = services.log_escalate_to_thematic(
                    actor=self.request.user,
                    case=self.case,
                    title=data["title"],
                    grounds=data["grounds"],
                    reason=data["reason"],
                )
            if not outcome.refused:
                start_flow_for(thematic)
        if outcome.refused:
            return self.form_invalid(form)
        messages.success(self.request, _("Đã mở hồ sơ giám sát chuyên đề %(number)s.") % {"number": thematic.number})
        return HttpResponseRedirect(reverse("cases:detail", args=[thematic.pk]))


class ProposeSignsView(LogFormView):
    form_class = forms.ProposeSignsForm
    title = gettext_lazy("Đề nghị kiểm tra khi có dấu hiệu vi phạm")
    intro = gettext_lazy(
        "Ghi đề nghị kiểm tra khi có dấu hiệu vi phạm đối với đối tượng của sổ theo dõi; "
        "Ủy ban xem xét và mở hồ sơ kiểm tra từ đề nghị này."
    )

    def form_valid(self, form):
        with rules_to_form(form) as outcome:
            services.log_propose_signs_inspection(
                actor=self.request.user, case=self.case, content=form.cleaned_data["content"]
            )
        if outcome.refused:
            return self.form_invalid(form)
        messages.success(self.request, _("Đã ghi đề nghị kiểm tra khi có dấu hiệu vi phạm."))
        return HttpResponseRedirect(reverse("cases:detail", args=[self.case.pk]))


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
