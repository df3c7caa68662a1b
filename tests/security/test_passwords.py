"""Password policy: the change-password form refuses weak passwords with a Vietnamese message."""

import pytest
from django.contrib.auth import SESSION_KEY

from tests.factories.people import TEST_PASSWORD

URL = "/accounts/password_change/"


def _change(client, new):
    return client.post(URL, {"old_password": TEST_PASSWORD, "new_password1": new, "new_password2": new})


def test_password_too_short_refused_in_vietnamese(client, people):
    client.force_login(people["staff"])
    response = _change(client, "Ab3$xy9")
    assert response.status_code == 200
    assert "Mật khẩu quá ngắn. Mật khẩu phải có ít nhất 10 ký tự." in response.content.decode()
    people["staff"].refresh_from_db()
    assert people["staff"].check_password(TEST_PASSWORD)


def test_password_common_and_numeric_refused(client, people):
    client.force_login(people["staff"])
    for weak in ["password123", "4829301756"]:
        assert _change(client, weak).status_code == 200
    people["staff"].refresh_from_db()
    assert people["staff"].check_password(TEST_PASSWORD)


def test_password_strong_accepted(client, people):
    client.force_login(people["staff"])
    response = _change(client, "Sông-Hồng-chảy-qua-2026")
    assert response.status_code == 302
    people["staff"].refresh_from_db()
    assert people["staff"].check_password("Sông-Hồng-chảy-qua-2026")
    assert int(client.session[SESSION_KEY]) == people["staff"].pk


@pytest.mark.real_password_hasher
def test_production_hasher_is_pbkdf2(people):
    """The suite hashes with MD5 for speed (tests/conftest.py); production keeps Django's
    PBKDF2, which this test sees because it opts back in."""
    people["staff"].set_password("Sông-Hồng-chảy-qua-2026")
    assert people["staff"].password.startswith("pbkdf2_sha256$")
    assert people["staff"].check_password("Sông-Hồng-chảy-qua-2026")
