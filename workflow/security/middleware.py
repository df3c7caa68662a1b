"""Security middleware: the Content-Security-Policy header, the session time limits and the
two-factor requirement."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from workflow.security import sessions
from workflow.security.devices import confirmed_device
from workflow.security.policy import requires_two_factor


class ContentSecurityPolicyMiddleware:
    """Adds settings.CONTENT_SECURITY_POLICY to every response that has no policy yet: a view
    may set a stricter one of its own (the document download does)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", "")
        if policy:
            response.headers.setdefault("Content-Security-Policy", policy)
        return response


class SessionTimeoutMiddleware:
    """Ends a signed-in session past its absolute or idle limit and sends the user to the
    login page with a message. Needs the session, auth and messages middleware before it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and sessions.expired(
            request.session,
            now=int(time.time()),
            absolute=settings.SESSION_COOKIE_AGE,
            idle=settings.SESSION_IDLE_TIMEOUT,
        ):
            logout(request)
            messages.info(request, _("Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại."))
            if request.method == "GET":
                return redirect_to_login(request.get_full_path())
            return redirect(settings.LOGIN_URL)
        return self.get_response(request)


# Views a signed-in user reaches before the second factor: signing in and out, choosing the
# language, and the two-factor pages themselves.
EXEMPT_VIEW_NAMES = frozenset({"login", "logout", "admin:logout", "set_language"})
EXEMPT_NAMESPACE = "security"


def _exempt(request) -> bool:
    if request.path.startswith(settings.STATIC_URL):
        return True
    match = request.resolver_match
    if match is None:
        return False
    return EXEMPT_NAMESPACE in match.namespaces or match.view_name in EXEMPT_VIEW_NAMES


class TwoFactorRequiredMiddleware:
    """Sends a signed-in user who must use two-factor authentication (policy.requires_two_factor)
    and has not confirmed a token in this session to the verify page, or to the setup page
    when they have no TOTP device yet. Off when settings.KIEMTRA_OTP_REQUIRED is false.
    Needs django_otp's OTPMiddleware before it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.KIEMTRA_OTP_REQUIRED:
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified() or _exempt(request):
            return None
        if not requires_two_factor(user):
            return None
        target = "security:otp_verify" if confirmed_device(user) else "security:otp_setup"
        url = reverse(target)
        if request.method == "GET":
            url += "?" + urlencode({"next": request.get_full_path()})
        return redirect(url)
