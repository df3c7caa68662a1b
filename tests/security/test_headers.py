"""Security headers: the Content-Security-Policy on every page (a view's own stricter policy
kept), and the headers Django's SecurityMiddleware and clickjacking middleware add."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from workflow.security.middleware import ContentSecurityPolicyMiddleware

DIRECTIVES = [
    "default-src 'self'",
    "img-src 'self' data:",
    "script-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
]


def _assert_headers(response):
    policy = response["Content-Security-Policy"]
    for directive in DIRECTIVES:
        assert directive in policy
    assert "unsafe-eval" not in policy
    assert "script-src 'self' 'unsafe-inline'" not in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_headers_on_login_page(client, db):
    _assert_headers(client.get("/accounts/login/"))


@pytest.mark.parametrize("url", ["/workflow/inbox/", "/cases/", "/accounts/password_change/"])
def test_headers_on_signed_in_pages(client, people, url):
    client.force_login(people["staff"])
    response = client.get(url)
    assert response.status_code == 200
    _assert_headers(response)


def test_headers_on_two_factor_and_lockout_pages(client, people, two_factor_on):
    client.force_login(people["chair"])
    _assert_headers(client.get("/accounts/2fa/setup/"))
    client.logout()
    for _ in range(5):
        response = client.post("/accounts/login/", {"username": "canbo", "password": "sai"})
    assert response.status_code == 429
    _assert_headers(response)


def test_headers_on_not_found(client, db):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_csp_keeps_a_policy_the_view_set():
    def view(request):
        response = HttpResponse(b"%PDF")
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response

    response = ContentSecurityPolicyMiddleware(view)(RequestFactory().get("/"))
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
