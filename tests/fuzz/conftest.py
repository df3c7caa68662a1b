"""Fixtures of the fuzz tests: the workflow world (tests/world.py).

Every fuzz test builds the world (six users) and drives cases through the real views; the
suite-wide fast password hasher (tests/conftest.py) keeps that cheap.
"""

from tests.workflow.conftest import world  # noqa: F401
