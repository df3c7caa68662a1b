"""django-axes hooks: the client address and username that key login failures, and the lockout
page."""

from django.conf import settings
from django.shortcuts import render


def client_ip(request) -> str | None:
    """REMOTE_ADDR, or, behind KIEMTRA_PROXY_COUNT trusted proxies, the address the outermost
    of them saw. X-Forwarded-For is read from the right: each proxy appends the address it
    received from, so the entries a client forged sit to the left and are never used."""
    remote = request.META.get("REMOTE_ADDR")
    proxies = settings.KIEMTRA_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies]


def lockout_response(request, original_response=None, credentials=None):
    """The page shown instead of the login form while a username+address pair is locked out
    (settings.AXES_LOCKOUT_CALLABLE). Says how long to wait, never whether the account exists."""
    cooloff = settings.AXES_COOLOFF_TIME
    return render(
        request,
        "security/lockout.html",
        {
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "cooloff_minutes": int(cooloff.total_seconds() // 60) if cooloff else None,
        },
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


# The width of django-axes' username column.
USERNAME_KEY_LENGTH = 255


def username_key(request, credentials=None) -> str | None:
    """The username that keys login failures (settings.AXES_USERNAME_CALLABLE): the submitted
    one, cut to the width of axes' column. Garbage of any length then throttles like any wrong
    name instead of failing the insert (PostgreSQL enforces varchar lengths: a 500)."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        username = credentials.get(field)
    else:
        username = getattr(request, "data", request.POST).get(field)
    if username is None:
        return None
    return str(username).replace("\x00", "")[:USERNAME_KEY_LENGTH]
