"""The Material frontend: one viewflow Site with the cases app and the workflow app
(inbox, queue, archive and the flows), every list replaced by an access-scoped one."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from viewflow.urls import Application, Site
from viewflow.workflow.flow import views as vf_views
from viewflow.workflow.flow.viewset import FlowViewset, WorkflowAppViewset

from inspections import access
from workflow import queues
from workflow.kinds.denunciation import views as denunciation_views
from workflow.kinds.registry import registry
from workflow.steps.follow_up import views as follow_up_views
from workflow.supervision_urls import urlpatterns as supervision_urlpatterns
from workflow.views import audit, cases, lists, parties, team
from workflow.views import delegation as delegation_views


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


class ScopedChartView(vf_views.FlowChartView):
    """The chart of one process shows which steps are done: it is case data, so it asks
    the case; the bare flow chart (no process) shows only the flow's shape."""

    def dispatch(self, request, *args, **kwargs):
        from django.core.exceptions import PermissionDenied
        from django.http import Http404

        from workflow.models import CaseProcess

        if not request.user.is_authenticated:
            raise PermissionDenied
        process_pk = kwargs.get("process_pk")
        if process_pk is not None:
            process = CaseProcess.objects.select_related("case").filter(pk=process_pk).first()
            if process is None or process.case is None or not access.can(request.user, "view", process.case):
                raise Http404
        return super().dispatch(request, *args, **kwargs)


class CleanIdsMixin:
    """viewflow's bulk assign/unassign views pass every posted "pk" to the database, so a
    junk or empty id was a 500 (found by tests/fuzz). Ids that are not database integers
    are dropped; when ids were posted and none is valid, nothing is selected. The tasks
    left are those of cases the user may view; each is still checked by its own node."""

    def post(self, request, *args, **kwargs):
        posted = request.POST.getlist("pk")
        valid = [pk for pk in posted if pk.isdigit() and int(pk) <= 2**63 - 1]
        self.nothing_selected = bool(posted) and not valid
        if posted != valid:
            post = request.POST.copy()
            post.setlist("pk", valid)
            request.POST = post
        return super().post(request, *args, **kwargs)

    def get_queryset(self):
        from django.db.models import OuterRef

        if getattr(self, "nothing_selected", False):
            self.object_list = self.model.objects.none()
            return self.object_list
        queryset = (
            super().get_queryset().filter(access.holds_view(self.request.user, OuterRef("process__caseprocess__case")))
        )
        self.object_list = queryset
        return queryset


class ScopedBulkAssignView(CleanIdsMixin, vf_views.BulkAssignTasksActionView):
    pass


class ScopedBulkUnassignView(CleanIdsMixin, vf_views.BulkUnassignTasksActionView):
    pass


class CaseFlowViewset(FlowViewset):
    """Per-flow pages: the kanban dashboard (which lists every process of the flow) is
    replaced by the access-scoped case list; process and task lists are scoped."""

    process_list_view_class = ScopedProcessListView
    task_list_view_class = ScopedTaskListView

    @property
    def index_path(self):
        return path("", RedirectView.as_view(pattern_name="cases:index"), name="index")

    chart_view_class = ScopedChartView


class KiemtraWorkflowApp(WorkflowAppViewset):
    title = _("Công việc")
    tasks_assign_view_class = ScopedBulkAssignView
    tasks_unassign_view_class = ScopedBulkUnassignView
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
    def deadlines_path(self):
        return path("deadlines/", cases.DeadlinesView.as_view(), name="deadlines")

    @property
    def declare_path(self):
        return path("<int:pk>/declare/", team.DeclarationView.as_view(), name="declare")

    @property
    def archive_path(self):
        return path("<int:pk>/archive/", team.ArchiveView.as_view(), name="archive")

    @property
    def transfer_path(self):
        return path("<int:pk>/transfer/", team.TransferView.as_view(), name="transfer")

    @property
    def team_path(self):
        return path("<int:pk>/team/", team.TeamChangeView.as_view(), name="team")

    @property
    def document_path(self):
        return path("<int:pk>/documents/<int:doc_pk>/", cases.DocumentDownloadView.as_view(), name="document")

    # Auditing and history (issue 4 points 5 and 6).
    @property
    def audit_path(self):
        return path("audit/", audit.AuditSearchView.as_view(), name="audit")

    @property
    def export_path(self):
        return path("<int:pk>/journal.json", audit.JournalExportView.as_view(), name="journal_export")

    # Parties with sealed identities, unseal requests, generated notices (issue 4 point 4).
    @property
    def parties_path(self):
        return path("<int:pk>/parties/", parties.PartyListView.as_view(), name="parties")

    @property
    def party_add_path(self):
        return path("<int:pk>/parties/add/", parties.PartyAddView.as_view(), name="party_add")

    @property
    def party_path(self):
        return path("<int:pk>/parties/<int:party_pk>/", parties.PartyDetailView.as_view(), name="party")

    @property
    def party_reveal_path(self):
        return path("<int:pk>/parties/<int:party_pk>/reveal/", parties.PartyRevealView.as_view(), name="party_reveal")

    @property
    def party_scan_add_path(self):
        return path(
            "<int:pk>/parties/<int:party_pk>/scans/add/", parties.PartyScanAddView.as_view(), name="party_scan_add"
        )

    @property
    def party_scan_path(self):
        return path(
            "<int:pk>/parties/<int:party_pk>/scans/<int:scan_pk>/",
            parties.PartyScanDownloadView.as_view(),
            name="party_scan",
        )

    @property
    def unseal_request_path(self):
        return path(
            "<int:pk>/parties/<int:party_pk>/unseal/", parties.UnsealRequestView.as_view(), name="unseal_request"
        )

    @property
    def unseal_decide_path(self):
        return path("<int:pk>/unseal/<int:req_pk>/", parties.UnsealDecideView.as_view(), name="unseal_decide")

    @property
    def notice_path(self):
        return path("<int:pk>/notice/<slug:audience>/", parties.NoticeView.as_view(), name="notice")

    # Follow-up of conclusions (issue 3): the approver settles a requirement.
    @property
    def follow_up_assess_path(self):
        return path("<int:pk>/follow-up/assess/", follow_up_views.AssessView.as_view(), name="follow_up_assess")

    @property
    def delegations_path(self):
        return path("delegations/", delegation_views.DelegationListView.as_view(), name="delegations")

    @property
    def delegation_end_path(self):
        return path("delegations/<int:pk>/end/", delegation_views.DelegationEndView.as_view(), name="delegation_end")

    @property
    def handovers_path(self):
        return path("handovers/", delegation_views.HandoverListView.as_view(), name="handovers")

    @property
    def handover_path(self):
        return path("handovers/<int:pk>/", delegation_views.HandoverDetailView.as_view(), name="handover")

    # Supervision pages that are not flow tasks: the C1 log, the C2 extension (issue 3).
    @property
    def supervision_path(self):
        return path("", include(supervision_urlpatterns))

    # A voter's secret-ballot paper, for every case kind that votes (issue 3, discipline).
    @property
    def ballot_cast_path(self):
        from workflow.steps.ballot.views import BallotCastView

        return path("<int:pk>/ballots/<int:ballot_pk>/", BallotCastView.as_view(), name="ballot_cast")

    # Denunciations (issue 3, D): the register ("sổ"), withdrawal, extension, notices.
    @property
    def denunciation_path(self):
        return path("", include(denunciation_views.CASE_PATHS))

    # Opening the disciplined member's complaint from the discipline case (issue 3, F).
    @property
    def complaint_from_discipline_path(self):
        from workflow.kinds.discipline_complaint.views import OpenFromDisciplineView

        return path("<int:pk>/complaint/open/", OpenFromDisciplineView.as_view(), name="complaint_from_discipline")

    # Discipline case-page actions (issue 9 points 7-8): an exemption ground, a strike-off.
    @property
    def discipline_exemption_path(self):
        from workflow.kinds.discipline.views import ExemptionGroundView

        return path("<int:pk>/discipline/exemption/", ExemptionGroundView.as_view(), name="discipline_exemption")

    @property
    def strike_off_path(self):
        from workflow.kinds.discipline.views import StrikeOffView

        return path("<int:pk>/discipline/strike-off/", StrikeOffView.as_view(), name="strike_off")

    # Opening the case another case calls for (issue 3, cross-kind links).
    @property
    def escalation_path(self):
        from workflow.views.escalations import CASE_PATHS

        return path("", include(CASE_PATHS))

    def has_view_permission(self, user, obj=None):
        return True  # the views require login; the lists are scoped by case access


# One entry per case kind that runs a flow, in menu order, from the kinds' specs.
FLOW_ICONS = [(spec.flow, spec.icon) for spec in registry.with_flows()]
FLOWS = [flow_class for flow_class, _icon in FLOW_ICONS]

site = Site(
    title=_("Kiểm tra, giám sát"),
    viewsets=[
        CasesApp(),
        KiemtraWorkflowApp(flow_viewsets=[CaseFlowViewset(flow_class, icon=icon) for flow_class, icon in FLOW_ICONS]),
    ],
)
