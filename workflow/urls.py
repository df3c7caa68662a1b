"""Routes of the workflow layer."""

from django.urls import include, path
from django.views.generic import RedirectView
from viewflow.contrib.auth import AuthViewset

from workflow.site import site

urlpatterns = [
    path("accounts/2fa/", include("workflow.security.urls")),
    path("accounts/", AuthViewset(allow_password_change=True, with_profile_view=False).urls),
    path("", RedirectView.as_view(pattern_name="workflow:inbox"), name="home"),
    # viewflow's flows index cannot pick a page for a visitor with no visible flow (500).
    path("workflow/flows/", RedirectView.as_view(pattern_name="cases:index")),
    path("", site.urls),
]
