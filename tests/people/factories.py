"""The people factories moved to tests/factories/people.py; this name stays importable for
test modules written before the move."""

from tests.factories.people import *  # noqa: F403
