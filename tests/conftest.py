"""Shared fixtures. Tests run on SQLite by default, on PostgreSQL when DATABASE_URL is set."""

import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_DEBUG", "1")
os.environ.setdefault("DJANGO_SECRET_KEY", "test-secret-key-not-for-production")
# Hypothesis (the fuzz tests, the property tests of the rules) keeps a cache in ./.hypothesis
# by default: keep it out of the checkout, one directory per pytest-xdist worker so that
# parallel workers never write the same files. The example database is off in the fuzz
# tests (FUZZ sets database=None).
_worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
os.environ.setdefault(
    "HYPOTHESIS_STORAGE_DIRECTORY", str(Path(tempfile.gettempdir()) / f"kiemtra-hypothesis-{os.getuid()}-{_worker}")
)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.LANGUAGE_CODE = "vi"
    # Background jobs run at once in the caller's thread (workflow.jobs); the tests of the
    # threaded and Celery modes set the mode themselves.
    settings.KIEMTRA_JOBS_MODE = "inline"


FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_password_hasher(request, settings):
    """Production hashes passwords with PBKDF2 at a million iterations (about half a second
    each on this machine); the suite creates thousands of users and would spend most of its
    time there. Tests hash with MD5 unless marked ``real_password_hasher``, which keeps the
    production hashers (tests/security/test_passwords.py)."""
    if request.node.get_closest_marker("real_password_hasher") is None:
        settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(autouse=True)
def _two_factor_off(settings):
    """Suites sign users in with force_login and no second factor; tests/security turns the
    two-factor requirement back on where it is what they test."""
    settings.KIEMTRA_OTP_REQUIRED = False
