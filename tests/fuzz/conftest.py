"""Fixtures of the fuzz tests: the workflow world (tests/world.py).

Every fuzz test builds the world (six users) and drives cases through the real views; the
suite-wide fast password hasher (tests/conftest.py) keeps that cheap.
"""

import os
import tempfile
from pathlib import Path

from tests.workflow.conftest import world  # noqa: F401

# Hypothesis keeps a cache (constants found in the source) in ./.hypothesis by default; keep
# it out of the checkout, one directory per pytest-xdist worker so that parallel workers
# never write the same files (the example database itself is off: FUZZ sets database=None).
_worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
os.environ.setdefault(
    "HYPOTHESIS_STORAGE_DIRECTORY", str(Path(tempfile.gettempdir()) / f"kiemtra-hypothesis-{os.getuid()}-{_worker}")
)
