"""Session lifetimes: an absolute limit from login (SESSION_COOKIE_AGE) and an idle limit
(SESSION_IDLE_TIMEOUT). Times are stored in the session as Unix seconds."""

import time

LOGIN_AT = "kiemtra_login_at"
SEEN_AT = "kiemtra_seen_at"
# The last-seen time is rewritten at most this often, so that an active user does not cost a
# session write on every request.
SEEN_RESOLUTION = 60


def stamp_login(sender, request, user, **kwargs):
    """user_logged_in receiver: a new login starts both clocks."""
    session = getattr(request, "session", None)
    if session is not None:
        now = int(time.time())
        session[LOGIN_AT] = now
        session[SEEN_AT] = now


def expired(session, *, now: int, absolute: int, idle: int) -> bool:
    """True when the session outlived either limit. A session without stamps (started before
    this rule existed) gets them now and is not expired."""
    login_at, seen_at = session.get(LOGIN_AT), session.get(SEEN_AT)
    if login_at is None or seen_at is None:
        session[LOGIN_AT] = session.get(LOGIN_AT, now)
        session[SEEN_AT] = now
        return False
    if now - login_at > absolute or now - seen_at > idle:
        return True
    if now - seen_at >= SEEN_RESOLUTION:
        session[SEEN_AT] = now
    return False
