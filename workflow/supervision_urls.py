"""Routes of the supervision pages that are not flow tasks: the C1 log (no process) and the
chair's extension of a C2 time limit. Mounted in the cases app (workflow.site.CasesApp),
so their names are "cases:supervision_...". Every view checks case access itself."""

from django.urls import path

from workflow.kinds.regular_supervision import views as regular_supervision
from workflow.kinds.thematic_supervision import views as thematic_supervision

urlpatterns = [
    path("supervision/log/open/", regular_supervision.LogOpenView.as_view(), name="supervision_log_open"),
    path("<int:pk>/supervision/log/", regular_supervision.LogView.as_view(), name="supervision_log"),
    path(
        "<int:pk>/supervision/escalate/",
        regular_supervision.EscalateThematicView.as_view(),
        name="supervision_escalate",
    ),
    path(
        "<int:pk>/supervision/propose-signs/",
        regular_supervision.ProposeSignsView.as_view(),
        name="supervision_propose",
    ),
    path("<int:pk>/supervision/extend/", thematic_supervision.ExtendView.as_view(), name="supervision_extend"),
]
