"""Two-factor authentication: who is sent to the TOTP pages, enrolment and verification with
real codes computed from the device's key, and refusals that leave the session unverified."""

import re

import pytest
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories.people import TEST_PASSWORD
from tests.factories.security import TOTPDeviceFactory

INBOX = "/workflow/inbox/"
SETUP = "/accounts/2fa/setup/"
VERIFY = "/accounts/2fa/verify/"


def code(device, steps_ahead=0):
    """The device's current code; steps_ahead=1 gives the next 30-second code, which the device
    accepts too (tolerance 1) and which a code already used in this step cannot replay."""
    device.refresh_from_db()
    value = totp(device.bin_key, device.step, device.t0, device.digits, device.drift + steps_ahead)
    return f"{value:0{device.digits}d}"


def enrolled(user):
    return TOTPDeviceFactory(user=user)


@pytest.mark.parametrize("who", ["chair", "deputy", "auditor", "auditor2"])
def test_two_factor_required_sends_to_setup_without_device(client, people, two_factor_on, who):
    client.force_login(people[who])
    response = client.get(INBOX)
    assert response.status_code == 302
    assert response.url == SETUP + "?next=%2Fworkflow%2Finbox%2F"
    assert client.get("/cases/").url.startswith(SETUP)


@pytest.mark.parametrize("who", ["chair", "auditor"])
def test_two_factor_required_sends_to_verify_with_device(client, people, two_factor_on, who):
    enrolled(people[who])
    client.force_login(people[who])
    response = client.get(INBOX)
    assert response.status_code == 302
    assert response.url == VERIFY + "?next=%2Fworkflow%2Finbox%2F"


@pytest.mark.parametrize("who", ["staff", "member"])
def test_two_factor_not_required_for_staff(client, people, two_factor_on, who):
    client.force_login(people[who])
    assert client.get(INBOX).status_code == 200
    assert client.get("/cases/").status_code == 200


def test_two_factor_required_for_superuser_in_admin(client, people, two_factor_on):
    client.force_login(people["admin"])
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith(SETUP)


def test_two_factor_off_by_setting(client, people, settings):
    settings.KIEMTRA_OTP_REQUIRED = False
    client.force_login(people["chair"])
    assert client.get(INBOX).status_code == 200


def test_two_factor_exempt_pages_reachable_before_verification(client, people, two_factor_on):
    client.force_login(people["chair"])
    assert client.get(SETUP).status_code == 200
    assert client.get(reverse("login")).status_code == 200
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_two_factor_setup_shows_qr_and_secret_then_confirms_with_real_code(client, people, two_factor_on):
    chair = people["chair"]
    client.force_login(chair)
    response = client.get(SETUP + "?next=/cases/")
    assert response.status_code == 200
    text = response.content.decode()
    assert 'src="data:image/svg+xml' in text
    device = TOTPDevice.objects.get(user=chair)
    assert device.confirmed is False
    secret = re.search(r'class="kt-2fa-secret">([A-Z2-7 ]+)<', text).group(1)
    assert len(secret.replace(" ", "")) == 32  # the 20-byte key, base32
    # Reloading keeps the same key: a code already scanned stays valid.
    client.get(SETUP)
    assert TOTPDevice.objects.filter(user=chair).count() == 1

    session_key = client.session.session_key
    response = client.post(SETUP, {"token": code(device), "next": "/cases/"})
    assert response.status_code == 302
    assert response.url == "/cases/"
    device.refresh_from_db()
    assert device.confirmed is True
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.session.session_key != session_key
    assert client.get(INBOX).status_code == 200


def test_two_factor_setup_wrong_code_refused(client, people, two_factor_on):
    chair = people["chair"]
    client.force_login(chair)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=chair)
    wrong = f"{(int(code(device)) + 1) % 1_000_000:06d}"
    response = client.post(SETUP, {"token": wrong})
    assert response.status_code == 200
    assert "Mã xác thực không đúng" in response.content.decode()
    device.refresh_from_db()
    assert device.confirmed is False
    assert DEVICE_ID_SESSION_KEY not in client.session
    assert client.get(INBOX).url.startswith(SETUP)


def test_two_factor_setup_not_offered_once_enrolled(client, people, two_factor_on):
    """A stolen password alone must not enrol a second device."""
    enrolled(people["chair"])
    client.force_login(people["chair"])
    response = client.get(SETUP)
    assert response.status_code == 302
    assert response.url.startswith(VERIFY)
    assert client.post(SETUP, {"token": "123456"}).url.startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=people["chair"]).count() == 1


def test_two_factor_setup_not_for_staff(client, people, two_factor_on):
    client.force_login(people["staff"])
    response = client.get(SETUP)
    assert response.status_code == 302
    assert not TOTPDevice.objects.exists()


def test_two_factor_login_then_verify_with_real_code(client, people, two_factor_on):
    auditor = people["auditor"]
    device = enrolled(auditor)
    response = client.post(
        reverse("login") + "?next=/cases/", {"username": "kiemsoat", "password": TEST_PASSWORD, "next": "/cases/"}
    )
    assert response.status_code == 302
    response = client.get(response.url)
    assert response.status_code == 302
    assert response.url == VERIFY + "?next=%2Fcases%2F"
    page = client.get(response.url)
    assert page.status_code == 200
    assert "Xác thực hai lớp" in page.content.decode()

    response = client.post(VERIFY, {"token": code(device), "next": "/cases/"})
    assert response.status_code == 302
    assert response.url == "/cases/"
    assert client.get("/cases/").status_code == 200
    assert client.get(INBOX).status_code == 200


def test_two_factor_verify_wrong_code_refused_without_upgrade(client, people, two_factor_on, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60  # a slow machine must not outlast the throttle
    device = enrolled(people["chair"])
    client.force_login(people["chair"])
    wrong = f"{(int(code(device)) + 1) % 1_000_000:06d}"
    response = client.post(VERIFY, {"token": wrong})
    assert response.status_code == 200
    assert "Mã xác thực không đúng hoặc đã hết hạn." in response.content.decode()
    assert DEVICE_ID_SESSION_KEY not in client.session
    assert client.get(INBOX).url.startswith(VERIFY)
    # Right after a failure the device throttles, even for the right code.
    response = client.post(VERIFY, {"token": code(device)})
    assert "đợi vài giây" in response.content.decode()
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_two_factor_verify_code_cannot_be_replayed(client, people, two_factor_on):
    device = enrolled(people["chair"])
    token = code(device)
    client.force_login(people["chair"])
    assert client.post(VERIFY, {"token": token}).status_code == 302
    client.logout()
    client.force_login(people["chair"])
    response = client.post(VERIFY, {"token": token})
    assert response.status_code == 200
    assert DEVICE_ID_SESSION_KEY not in client.session
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0, throttling_failure_timestamp=None)
    # A later code is still accepted.
    assert client.post(VERIFY, {"token": code(device, steps_ahead=1)}).status_code == 302


@pytest.mark.parametrize("token", ["12345", "1234567", "abcdef", "١٢٣٤٥٦"])
def test_two_factor_verify_rejects_malformed_codes(client, people, two_factor_on, token):
    enrolled(people["chair"])
    client.force_login(people["chair"])
    response = client.post(VERIFY, {"token": token})
    assert response.status_code == 200
    assert "Mã xác thực gồm đúng 6 chữ số." in response.content.decode()


def test_two_factor_verify_accepts_code_typed_with_a_space(client, people, two_factor_on):
    device = enrolled(people["chair"])
    client.force_login(people["chair"])
    token = code(device)
    assert client.post(VERIFY, {"token": f"{token[:3]} {token[3:]}"}).status_code == 302


def test_two_factor_next_must_stay_on_site(client, people, two_factor_on):
    device = enrolled(people["chair"])
    client.force_login(people["chair"])
    response = client.post(VERIFY, {"token": code(device), "next": "https://evil.example/"})
    assert response.url == "/"


def test_two_factor_verified_session_lost_at_logout(client, people, two_factor_on):
    device = enrolled(people["chair"])
    client.force_login(people["chair"])
    client.post(VERIFY, {"token": code(device)})
    assert client.get(INBOX).status_code == 200
    client.post(reverse("logout"))
    client.force_login(people["chair"])
    assert client.get(INBOX).url.startswith(VERIFY)


@pytest.mark.parametrize(
    "hostile", ["//evil.example/", "/\\evil.example", "/ok\r\nSet-Cookie: x=1", "javascript:alert(1)"]
)
def test_two_factor_hostile_next_never_leaves_the_site_nor_errors(client, people, two_factor_on, hostile):
    device = enrolled(people["chair"])
    client.force_login(people["chair"])
    assert client.get(VERIFY, {"next": hostile}).status_code == 200
    response = client.post(VERIFY, {"token": code(device), "next": hostile})
    assert response.status_code == 302
    assert response.url.startswith("/") and not response.url.startswith(("//", "/\\"))
    assert "\n" not in response["Location"]
