"""The security package is an app of its own only so that it can stamp each new login into
the session (signal receivers must be connected when the apps are ready, before any login)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "workflow.security"
    label = "kiemtra_security"
    verbose_name = _("Bảo mật tài khoản")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from workflow.security.sessions import stamp_login

        user_logged_in.connect(stamp_login, dispatch_uid="kiemtra_security_stamp_login")
