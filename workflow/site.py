"""The Material frontend: one viewflow Site with the cases app and the workflow app
(inbox, queue, archive and the flows), every list replaced by an access-scoped one."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from viewflow.urls import Application, Site
from viewflow.workflow.flow import views as vf_views
from viewflow.workflow.flow.viewset import FlowViewset, WorkflowAppViewset

from inspections import access
from workflow import queues
from workflow.flows.planned_inspection import PlannedInspectionFlow
from workflow.views import cases, lists


class ScopedProcessListView(vf_views.DashboardProcessListView):
    def get_queryset(self):
        from django.db.models import OuterRef

        return (
            super().get_queryset().filter(access.holds_view(self.request.user, OuterRef("case"))).order_by("-created")
        )


class ScopedTaskListView(vf_views.DashboardTaskListView):
    def get_queryset(self):
        from django.db.models import OuterRef

        return (
            super().get_queryset().filter(access.holds_view(self.request.user, OuterRef("process__caseprocess__case")))
        )


class CaseFlowViewset(FlowViewset):
    """Per-flow pages: the kanban dashboard (which lists every process of the flow) is
    replaced by the access-scoped case list; process and task lists are scoped."""

    process_list_view_class = ScopedProcessListView
    task_list_view_class = ScopedTaskListView

    @property
    def index_path(self):
        return path("", RedirectView.as_view(pattern_name="cases:index"), name="index")

    @property
    def flow_chart_path(self):
        return None


class KiemtraWorkflowApp(WorkflowAppViewset):
    title = _("Công việc")
    inbox_view_class = lists.InboxView
    queue_view_class = lists.QueueView
    archive_view_class = lists.ArchiveView

    def has_view_permission(self, user, obj=None):
        # Anonymous visitors reach the views, which send them to the login page; every
        # list is scoped by case access.
        return True

    def get_context_data(self, request):
        return {
            "user_inbox": queues.inbox(request.user, self.flow_classes),
            "user_queue": queues.queue(request.user, self.flow_classes),
        }


class CasesApp(Application):
    app_name = "cases"
    title = _("Hồ sơ")
    icon = "folder_shared"
    menu_template_name = "kiemtra/cases_menu.html"

    @property
    def index_path(self):
        return path("", cases.CaseListView.as_view(), name="index")

    @property
    def detail_path(self):
        return path("<int:pk>/", cases.CaseDetailView.as_view(), name="detail")

    @property
    def document_path(self):
        return path("<int:pk>/documents/<int:doc_pk>/", cases.DocumentDownloadView.as_view(), name="document")

    def has_view_permission(self, user, obj=None):
        return True  # the views require login; the lists are scoped by case access


FLOWS = [PlannedInspectionFlow]

site = Site(
    title=_("Kiểm tra, giám sát"),
    viewsets=[
        CasesApp(),
        KiemtraWorkflowApp(flow_viewsets=[CaseFlowViewset(PlannedInspectionFlow, icon="fact_check")]),
    ],
)
