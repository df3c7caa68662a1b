"""Routes of the workflow layer."""

from django.urls import path
from django.views.generic import RedirectView
from viewflow.contrib.auth import AuthViewset

from workflow.site import site

urlpatterns = [
    path("accounts/", AuthViewset(allow_password_change=True, with_profile_view=False).urls),
    path("", RedirectView.as_view(pattern_name="workflow:inbox"), name="home"),
    path("", site.urls),
]
