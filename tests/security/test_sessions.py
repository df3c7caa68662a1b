"""Session limits: an idle limit and an absolute limit from login, both ending the session
with a message and a redirect to the login page."""

import time

from django.contrib.auth import SESSION_KEY

from tests.factories.people import TEST_PASSWORD
from workflow.security import sessions

INBOX = "/workflow/inbox/"


def _age(client, **seconds_ago):
    session = client.session
    now = int(time.time())
    for key, ago in seconds_ago.items():
        session[key] = now - ago
    session.save()


def test_session_login_stamps_both_clocks(client, people):
    before = int(time.time())
    client.post("/accounts/login/", {"username": "canbo", "password": TEST_PASSWORD})
    assert client.session[sessions.LOGIN_AT] >= before
    assert client.session[sessions.SEEN_AT] >= before


def test_session_active_within_limits(client, people):
    client.force_login(people["staff"])
    _age(client, kiemtra_login_at=3600, kiemtra_seen_at=120)
    assert client.get(INBOX).status_code == 200
    # Seen more than a minute ago: the last-seen time moves forward.
    assert int(time.time()) - client.session[sessions.SEEN_AT] < 60


def test_session_idle_timeout_ends_session(client, people, settings):
    settings.SESSION_IDLE_TIMEOUT = 1800
    client.force_login(people["staff"])
    _age(client, kiemtra_login_at=1801, kiemtra_seen_at=1801)
    response = client.get(INBOX)
    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/workflow/inbox/"
    assert SESSION_KEY not in client.session
    page = client.get(response.url)
    assert "Phiên làm việc đã hết hạn" in page.content.decode()


def test_session_absolute_limit_ends_session_even_when_active(client, people, settings):
    settings.SESSION_COOKIE_AGE = 8 * 3600
    client.force_login(people["staff"])
    _age(client, kiemtra_login_at=8 * 3600 + 1, kiemtra_seen_at=10)
    response = client.post(INBOX)
    assert response.status_code == 302
    assert response.url == "/accounts/login/"
    assert SESSION_KEY not in client.session


def test_session_without_stamps_gets_them(client, people):
    client.force_login(people["staff"])
    session = client.session
    del session[sessions.LOGIN_AT], session[sessions.SEEN_AT]
    session.save()
    assert client.get(INBOX).status_code == 200
    assert sessions.LOGIN_AT in client.session
