"""Shared fixtures. Tests run on SQLite by default, on PostgreSQL when DATABASE_URL is set."""

import os

import pytest

os.environ.setdefault("DJANGO_DEBUG", "1")
os.environ.setdefault("DJANGO_SECRET_KEY", "test-secret-key-not-for-production")


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.LANGUAGE_CODE = "vi"


@pytest.fixture(autouse=True)
def _two_factor_off(settings):
    """Suites sign users in with force_login and no second factor; tests/security turns the
    two-factor requirement back on where it is what they test."""
    settings.KIEMTRA_OTP_REQUIRED = False
