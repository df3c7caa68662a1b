"""Login throttling through the real login form (django-axes): a username+address pair is
locked out after AXES_FAILURE_LIMIT failures for the cool-off, with a Vietnamese 429 page."""

import datetime

import pytest
from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.contrib.auth import SESSION_KEY
from django.test import RequestFactory
from django.urls import reverse

from tests.factories.people import TEST_PASSWORD
from workflow.security.lockout import client_ip

LOGIN = "/accounts/login/"


def attempt(client, username, password, ip="192.0.2.10"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_lockout_after_five_failures_with_vietnamese_page(client, people):
    for _ in range(4):
        response = attempt(client, "canbo", "sai-mat-khau")
        assert response.status_code == 200  # the form again, with its error
    response = attempt(client, "canbo", "sai-mat-khau")
    assert response.status_code == 429
    text = response.content.decode()
    assert "Tạm khóa đăng nhập" in text
    assert "30 phút" in text
    # Locked: even the right password is refused, and nobody is signed in.
    response = attempt(client, "canbo", TEST_PASSWORD)
    assert response.status_code == 429
    assert SESSION_KEY not in client.session


def test_lockout_is_per_username_and_address(client, people):
    for _ in range(5):
        attempt(client, "canbo", "sai-mat-khau")
    assert attempt(client, "canbo", TEST_PASSWORD).status_code == 429
    # The same account from another address, and another account from this address, still sign in.
    assert attempt(client, "canbo", TEST_PASSWORD, ip="198.51.100.7").status_code == 302
    client.logout()
    assert attempt(client, "uyvien", TEST_PASSWORD).status_code == 302


def test_lockout_fewer_failures_then_success_resets_the_count(client, people):
    for _ in range(4):
        attempt(client, "canbo", "sai-mat-khau")
    assert attempt(client, "canbo", TEST_PASSWORD).status_code == 302
    assert int(client.session[SESSION_KEY]) == people["staff"].pk
    client.logout()
    for _ in range(4):
        assert attempt(client, "canbo", "sai-mat-khau").status_code == 200
    assert not AccessAttempt.objects.filter(failures_since_start__gte=5).exists()


def test_lockout_ends_after_the_cooloff(client, people):
    for _ in range(5):
        attempt(client, "canbo", "sai-mat-khau")
    assert attempt(client, "canbo", TEST_PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=31))
    assert attempt(client, "canbo", TEST_PASSWORD).status_code == 302


def test_lockout_failure_limit_and_cooloff_are_settings(client, people, settings):
    settings.AXES_FAILURE_LIMIT = 2
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=10)
    assert attempt(client, "canbo", "sai-mat-khau").status_code == 200
    response = attempt(client, "canbo", "sai-mat-khau")
    assert response.status_code == 429
    assert "10 phút" in response.content.decode()


def test_lockout_lifted_by_axes_reset(client, people):
    for _ in range(5):
        attempt(client, "canbo", "sai-mat-khau")
    assert axes_reset(username="canbo") == 1
    assert attempt(client, "canbo", TEST_PASSWORD).status_code == 302


def test_lockout_applies_to_the_admin_login_too(client, people):
    for _ in range(5):
        response = client.post(
            reverse("admin:login"), {"username": "quantri", "password": "sai-mat-khau"}, REMOTE_ADDR="192.0.2.10"
        )
    assert response.status_code == 429


def test_force_login_is_not_throttled(client, people):
    for _ in range(5):
        attempt(client, "canbo", "sai-mat-khau")
    client.force_login(people["staff"])
    assert client.get(reverse("workflow:inbox")).status_code == 200


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.9", "10.0.0.1"),  # no proxy: the header is the client's and ignored
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # a forged entry sits to the left
        (2, "6.6.6.6, 203.0.113.9, 10.0.0.2", "203.0.113.9"),
        (2, "203.0.113.9", "10.0.0.1"),  # fewer entries than proxies: not behind them
    ],
)
def test_client_ip_trusts_only_the_configured_proxies(settings, proxies, forwarded, expected):
    settings.KIEMTRA_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_lockout_records_never_hold_the_password(client, people):
    attempt(client, "canbo", "mat-khau-bi-mat-sai")
    record = AccessAttempt.objects.get(username="canbo")
    assert "mat-khau-bi-mat-sai" not in record.post_data
    assert record.ip_address == "192.0.2.10"


def test_lockout_overlong_username_is_throttled_not_an_error(client, people):
    """axes' username column is 255 wide; PostgreSQL refused a longer name with a 500."""
    name = "A" * 400
    for _ in range(4):
        assert attempt(client, name, "sai-mat-khau").status_code == 200
    assert attempt(client, name, "sai-mat-khau").status_code == 429
    assert AccessAttempt.objects.get().username == "A" * 255
