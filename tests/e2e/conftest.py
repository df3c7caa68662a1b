"""Browser tests: a real headless Chromium (Debian's /usr/bin/chromium, never a downloaded
build) driven by Playwright's sync API against pytest-django's live server.

The test modules skip themselves, saying why, when the browser or the playwright package
is missing (`missing_requirements()`); CI has both (.ci/run installs chromium,
requirements-dev.txt pins playwright).
"""

import contextlib
import os
from pathlib import Path

import pytest
from django.db import connection, transaction

from tests.workflow.conftest import world  # noqa: F401

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
# Playwright's default is 30 s per action; a step here takes well under a second.
TIMEOUT_MS = 15_000


def missing_requirements() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} not found (Debian package `chromium`; .ci/run installs it)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as error:
        return f"the playwright package is not importable ({error}); pip install -r requirements-dev.txt"
    return None


@contextlib.contextmanager
def _async_unsafe_allowed():
    """Playwright's sync API keeps an asyncio event loop running in the test thread, so
    Django refuses ORM calls made there (SynchronousOnlyOperation), although they are plain
    synchronous calls. Allow them while the browser is up, and only then."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def browser(live_site):
    """A headless Chromium for one test; each person gets their own context in it.

    Started after the database, the live server and the test's data fixtures (list them
    before `browser`), and closed before the database is flushed. While Playwright's event
    loop runs, asgiref's thread-critical locals switch to context-local storage, so this
    thread gets a *different* Django connection from the one the test database was set up
    with: serialized rollback and the flush must not run then (on PostgreSQL the flush would
    re-create content types, and the next serialized-rollback test would fail to restore).
    Do the ORM work of a test in fixtures, not while the browser runs."""
    from playwright.sync_api import sync_playwright

    with _async_unsafe_allowed(), sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def _empty_append_only_tables():
    """The journal and its checkpoints are append-only: database triggers refuse DELETE
    (migrations 0002, 0007). After a transactional test Django flushes every table:
    PostgreSQL by TRUNCATE, which row triggers do not see, but SQLite by DELETE, which they
    refuse. So, on SQLite, empty those tables here in one transaction with their DELETE
    triggers briefly dropped and then re-created from their own SQL: the flush then deletes
    no row from them, and the tests after this one still find them append-only."""
    if connection.vendor != "sqlite":
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%BEFORE DELETE%'"
        )
        triggers = cursor.fetchall()
        for name, _table, _sql in triggers:
            cursor.execute(f'DROP TRIGGER "{name}"')
        for table in sorted({table for _name, table, _sql in triggers}):
            cursor.execute(f'DELETE FROM "{table}"')  # noqa: S608 - names from sqlite_master
        for _name, _table, sql in triggers:
            cursor.execute(sql)


@pytest.fixture
def live_site(transactional_db, live_server, settings):
    """The live server, on plain HTTP: cookies must not be marked Secure. List it first:
    the users that `world` makes then get the fast test hasher (people still sign in through
    the real login form; PBKDF2's deliberate slowness would only add seconds per login).
    Torn down before the database flush (it depends on transactional_db), so it can prepare
    the append-only tables for it."""
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    yield live_server
    _empty_append_only_tables()


def pytest_collection_modifyitems(config, items):
    """Under pytest-xdist (`make test` runs `--dist loadgroup`), every browser test goes to
    the same worker, one after the other: two headless Chromiums at once on a two-core
    machine would make the 15-second action timeouts a matter of luck."""
    here = Path(__file__).resolve().parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep the call phase's report on the test item, for screenshots after a failure."""
    report = yield
    if report.when == "call":
        item.rep_call = report
    return report
