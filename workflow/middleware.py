"""Turns a failed flow lock into a clear 409 page instead of a 500."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from viewflow.workflow.exceptions import FlowLockFailed


class FlowLockFailedMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, FlowLockFailed):
            return render(
                request,
                "kiemtra/conflict.html",
                {"message": _("Người khác đang xử lý hồ sơ này. Vui lòng thử lại sau ít phút.")},
                status=409,
            )
        return None


class DefaultLanguageMiddleware:
    """Vietnamese unless the user chose another language (language cookie set by Django's
    set_language view). The browser's Accept-Language is deliberately ignored: the UI is
    Vietnamese by default for everyone, whatever their browser says."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.utils import translation

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class OversizedIdMiddleware:
    """404 for a URL carrying a number no id column can hold. Route converters accept any
    digits; SQLite then fails to bind them (OverflowError, a 500) deep inside viewflow's
    lock and views. Found by tests/fuzz."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        import re

        from django.http import Http404

        for digits in re.findall(r"/(\d{19,})(?=/|$)", request.path_info):
            if int(digits) > 2**63 - 1:
                raise Http404
        return self.get_response(request)
