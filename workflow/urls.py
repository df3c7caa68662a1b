"""Routes of the workflow layer."""

from django.urls import include, path
from django.views.generic import RedirectView
from viewflow.contrib.auth import AuthViewset

from workflow.site import site
from workflow.views import notifications

notification_urls = (
    [
        path("", notifications.NotificationListView.as_view(), name="list"),
        path("<int:pk>/open/", notifications.NotificationOpenView.as_view(), name="open"),
        path("read/", notifications.NotificationReadAllView.as_view(), name="read_all"),
        path("settings/", notifications.NotificationPreferencesView.as_view(), name="preferences"),
    ],
    "notifications",
)

urlpatterns = [
    path("accounts/2fa/", include("workflow.security.urls")),
    path("accounts/", AuthViewset(allow_password_change=True, with_profile_view=False).urls),
    path("", RedirectView.as_view(pattern_name="workflow:inbox"), name="home"),
    path("notifications/", include(notification_urls)),
    # viewflow's flows index cannot pick a page for a visitor with no visible flow (500).
    path("workflow/flows/", RedirectView.as_view(pattern_name="cases:index")),
    path("", site.urls),
]
