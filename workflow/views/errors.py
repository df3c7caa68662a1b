"""The error pages in the user's language (Vietnamese by default), not Django's English
ones. A refused start of a case flow says why and what to do next (issue 9: each refusal
names the rule; inspections.access.start_refusal): viewflow refuses the start before our
view runs, with no message, so the reason is found here from the start node's predicate.

Every page says no more than the refusal itself: a 403 names only the rules and seats of
the user asking, a 404 nothing at all."""

import logging

from django.http import HttpResponseForbidden, HttpResponseNotFound
from django.template import loader
from django.utils.translation import gettext as _

from inspections import access

logger = logging.getLogger(__name__)


def _start_kind(request) -> str | None:
    """The case kind of the flow start the request was for, or None."""
    activation = getattr(request, "activation", None)
    owner = getattr(getattr(activation, "flow_task", None), "_owner", None)
    return getattr(owner, "case_kind", None)


def _render(request, template: str, context: dict, response_class):
    try:
        body = loader.render_to_string(template, context, request)
    except Exception:  # the page frame itself failed: the plain page still says it in words
        logger.exception("error page %s could not be rendered in the site frame", template)
        body = loader.render_to_string("kiemtra/errors/plain.html", context)
    return response_class(body)


def permission_denied(request, exception=None):
    # The exception's own text is never shown: viewflow's are English internals.
    kind = _start_kind(request)
    if kind is not None:
        reason = access.start_refusal(request.user, kind)
    else:
        reason = _(
            "Thao tác này không thuộc quyền của bạn trên hồ sơ hoặc trang này (quyền được cấp theo vai trò của bạn "
            "trong từng hồ sơ). Nếu bạn cần thực hiện, hãy đề nghị người phụ trách hồ sơ phân công."
        )
    context = {
        "title": _("Không có quyền truy cập"),
        "heading": _("Bạn không có quyền thực hiện thao tác này"),
        "reason": reason,
        "status": 403,
    }
    return _render(request, "kiemtra/errors/page.html", context, HttpResponseForbidden)


def page_not_found(request, exception=None):
    context = {
        "title": _("Không tìm thấy trang"),
        "heading": _("Không tìm thấy trang hoặc hồ sơ"),
        "reason": _(
            "Trang không tồn tại, hoặc là hồ sơ mà bạn không có quyền xem. Hãy kiểm tra lại địa chỉ, hoặc quay về "
            "danh sách hồ sơ của bạn."
        ),
        "status": 404,
    }
    return _render(request, "kiemtra/errors/page.html", context, HttpResponseNotFound)
