"""A small world for workflow tests: one commune with its inspection committee, a cell,
staff, a team leader, a team member, the chair, an outsider and the subject (built by
tests/world.py)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.world import workflow_world

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="tai-lieu.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def world(db):
    return workflow_world()
