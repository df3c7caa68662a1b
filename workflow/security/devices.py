"""The user's TOTP device: the one confirmed device, or the pending one being set up."""

from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "TOTP"


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def pending_device(user) -> TOTPDevice:
    """The unconfirmed device of an enrolment in progress, created on first use. Reused while
    the enrolment lasts, so reloading the page does not invalidate a code already scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device
