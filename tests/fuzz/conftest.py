"""Fixtures of the fuzz tests: the workflow world, with a fast password hasher.

Every fuzz test builds the world (six users) and drives cases through the real views;
the production PBKDF2 hasher would spend most of the run hashing test passwords.
"""

import os
import tempfile
from pathlib import Path

from tests.workflow.conftest import world  # noqa: F401

# Hypothesis keeps a cache (constants found in the source) in ./.hypothesis by default; keep
# it out of the checkout.
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", str(Path(tempfile.gettempdir()) / "kiemtra-hypothesis"))
