"""Two-factor pages: TOTP enrolment (QR code, secret, first code) and the per-session
verification. Both need a signed-in user; the middleware sends users here."""

import base64

import django_otp
import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.generic import FormView
from django_otp.plugins.otp_totp.models import TOTPDevice

from workflow.security.devices import confirmed_device, pending_device
from workflow.security.forms import TokenForm
from workflow.security.policy import requires_two_factor


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return settings.LOGIN_REDIRECT_URL


def _with_next(name: str, request) -> str:
    return reverse(name) + "?" + urlencode({"next": _next_url(request)})


def _throttled_message(device: TOTPDevice) -> str | None:
    allowed, _info = device.verify_is_allowed()
    if allowed:
        return None
    return _("Bạn đã nhập sai mã nhiều lần. Vui lòng đợi vài giây rồi thử lại.")


def _mark_verified(request, device: TOTPDevice) -> None:
    # The session gains a privilege: give it a new key, as at login.
    request.session.cycle_key()
    django_otp.login(request, device)


class TwoFactorView(LoginRequiredMixin, FormView):
    form_class = TokenForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=_next_url(self.request), **kwargs)


class OTPSetupView(TwoFactorView):
    """Enrolment, for a user who must use two factors and has no confirmed device. Adding a
    second device is not offered: otherwise a stolen password alone could enrol a new one."""

    template_name = "security/otp_setup.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not requires_two_factor(request.user):
            messages.info(request, _("Tài khoản của bạn không cần xác thực hai lớp."))
            return redirect(_next_url(request))
        if confirmed_device(request.user):
            return redirect(_with_next("security:otp_verify", request))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        device = pending_device(self.request.user)
        secret = base64.b32encode(device.bin_key).decode("ascii")
        return super().get_context_data(
            qr_data_uri=segno.make(device.config_url, error="m").svg_data_uri(scale=5),
            secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            **kwargs,
        )

    def form_valid(self, form):
        with transaction.atomic():
            device = (
                TOTPDevice.objects.select_for_update()
                .filter(user=self.request.user, confirmed=False)
                .order_by("pk")
                .first()
            )
            if device is None:
                # The enrolment was finished (or reset) in another tab: start again.
                return redirect(_with_next("security:otp_setup", self.request))
            throttled = _throttled_message(device)
            if throttled:
                form.add_error("token", throttled)
                return self.form_invalid(form)
            if not device.verify_token(form.cleaned_data["token"]):
                form.add_error("token", _("Mã xác thực không đúng. Kiểm tra giờ trên điện thoại rồi thử lại."))
                return self.form_invalid(form)
            device.confirmed = True
            device.save(update_fields=["confirmed"])
        _mark_verified(self.request, device)
        messages.success(self.request, _("Đã bật xác thực hai lớp cho tài khoản của bạn."))
        return redirect(_next_url(self.request))


class OTPVerifyView(TwoFactorView):
    """The second step of each login for a user with a confirmed device."""

    template_name = "security/otp_verify.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if request.user.is_verified():
            return redirect(_next_url(request))
        if confirmed_device(request.user) is None:
            if requires_two_factor(request.user):
                return redirect(_with_next("security:otp_setup", request))
            return redirect(_next_url(request))
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        with transaction.atomic():
            device = (
                TOTPDevice.objects.select_for_update()
                .filter(user=self.request.user, confirmed=True)
                .order_by("pk")
                .first()
            )
            if device is None:
                # The device was reset by an administrator meanwhile: enrol again.
                return redirect(_with_next("security:otp_setup", self.request))
            throttled = _throttled_message(device)
            if throttled:
                form.add_error("token", throttled)
                return self.form_invalid(form)
            if not device.verify_token(form.cleaned_data["token"]):
                form.add_error("token", _("Mã xác thực không đúng hoặc đã hết hạn."))
                return self.form_invalid(form)
        _mark_verified(self.request, device)
        return redirect(_next_url(self.request))
