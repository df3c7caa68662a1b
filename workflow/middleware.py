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
