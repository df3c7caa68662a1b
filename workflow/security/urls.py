"""Routes of the two-factor pages (mounted under /accounts/2fa/)."""

from django.urls import path

from workflow.security import views

app_name = "security"

urlpatterns = [
    path("setup/", views.OTPSetupView.as_view(), name="otp_setup"),
    path("verify/", views.OTPVerifyView.as_view(), name="otp_verify"),
]
