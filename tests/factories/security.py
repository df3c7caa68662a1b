"""factory_boy factories for sign-in security: a confirmed TOTP device (django-otp)."""

import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories.people import UserFactory


class TOTPDeviceFactory(factory.django.DjangoModelFactory):
    """A confirmed authenticator app enrolled for `user`."""

    class Meta:
        model = TOTPDevice

    user = factory.SubFactory(UserFactory)
    name = "TOTP"
    confirmed = True
