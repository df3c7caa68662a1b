"""Inbox, queue and archive, replacing viewflow's stock querysets with access-scoped ones
(workflow.queues) and columns that need no per-row query."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from viewflow.utils import viewprop
from viewflow.workflow.flow.views import list as vf_list
from viewflow.workflow.flow.views import mixins as vf_mixins

from inspections.deadlines import case_time_left, list_clock
from workflow import queues


class PinLocationOnChange:
    """Viewflow's lists remember the page to come back to (`vf-pin-location`) by writing it
    into the session on every request — a session UPDATE per page view (issue 10: the
    workflow pages' statements). Written here only when it changes; viewflow's own mixin is
    skipped."""

    def dispatch(self, request, *args, **kwargs):
        path = request.get_full_path()
        if request.session.get("vf-pin-location") != path:
            request.session["vf-pin-location"] = path
        return super(vf_mixins.StoreRequestPathMixin, self).dispatch(request, *args, **kwargs)


class CaseColumnsMixin(PinLocationOnChange):
    columns = ("task_id", "case_link", "flow_task", "due", "created")

    def case_link(self, task):
        case = task.process.caseprocess.case
        if case is None:
            return ""
        return format_html('<a href="{}">{} – {}</a>', reverse("cases:detail", args=[case.pk]), case.number, case.title)

    case_link.short_description = _("Hồ sơ")

    def flow_task(self, task):
        return task.flow_task.task_title

    flow_task.short_description = _("Bước công việc")

    @cached_property
    def clock(self):
        return list_clock()  # the holidays read once for the page

    def due(self, task):
        """The case's statutory due date and the working days left (issue 11 point 1)."""
        case = task.process.caseprocess.case
        left = case_time_left(case, self.clock) if case is not None else None
        if left is None:
            return ""
        return render_to_string("kiemtra/_time_left.html", {"tl": left})

    due.short_description = _("Hạn")


class InboxView(LoginRequiredMixin, CaseColumnsMixin, vf_list.WorkflowInboxListView):
    title = _("Việc của tôi")

    @viewprop
    def queryset(self):
        return queues.inbox(self.request.user, self.flow_classes)


class QueueView(LoginRequiredMixin, CaseColumnsMixin, vf_list.WorkflowQueueListView):
    title = _("Việc chờ nhận")

    @viewprop
    def queryset(self):
        return queues.queue(self.request.user, self.flow_classes)


class ArchiveView(LoginRequiredMixin, CaseColumnsMixin, vf_list.WorkflowArchiveListView):
    title = _("Việc đã làm")
    columns = ("task_id", "case_link", "flow_task", "created", "finished")  # done: no clock

    @viewprop
    def queryset(self):
        return queues.archive(self.request.user, self.flow_classes)
