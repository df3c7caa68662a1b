"""Root URL configuration."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("workflow.urls")),
]

# Error pages in the user's language (workflow.views.errors); 500 is templates/500.html.
handler403 = "workflow.views.errors.permission_denied"
handler404 = "workflow.views.errors.page_not_found"
