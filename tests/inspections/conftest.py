"""A small world for the inspections tests.

One province; under it a commune whose inspection committee (UBKTĐU) does the work; under
the commune a cell with the subject member and the committee office's own cell. People:
staff (drafts), leader and member2 (committee members on the team), chair (signs), an
outsider with no seat, the subject's user account, a relative of the subject, a member of
the subject's cell, and an auditor with a mandate over the province (built by
tests/world.py).
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from inspections.services.cases import case_open
from tests.world import inspections_world

PDF_BYTES = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def world(db):
    return inspections_world()


@pytest.fixture
def open_case(world):
    """Open a planned inspection of the subject member as staff, with leader and member2."""

    def _open(declare=True, **overrides):
        arguments = {
            "actor": world.staff,
            "committee": world.committee,
            "title": "Kiểm tra việc chấp hành nguyên tắc tập trung dân chủ",
            "grounds": "Chương trình kiểm tra, giám sát năm",
            "subject_member": world.subject_member,
            "key_areas": world.key_areas,
            "leader": world.leader,
            "members": [world.member2],
        }
        arguments.update(overrides)
        case = case_open(**arguments)
        if declare:
            # Team members record "no conflict" before seeing the file (issue 4 point 2).
            from inspections.models import CaseRole
            from inspections.services.teams import conflict_declare

            for role in CaseRole.objects.filter(case=case, role__in=["leader", "member", "director"]):
                conflict_declare(actor=role.user, case=case, has_conflict=False)
        return case

    return _open


@pytest.fixture
def pdf_bytes() -> bytes:
    return PDF_BYTES


@pytest.fixture
def pdf():
    """Factory of small valid PDF uploads."""

    def _pdf(name: str = "bien-ban.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
        return SimpleUploadedFile(name, content, content_type="application/pdf")

    return _pdf


@pytest.fixture
def journal_unlocked(db):
    """Remove the append-only triggers for this test only, as an attacker with DDL rights
    would. DDL is transactional on SQLite and PostgreSQL: the test's rollback restores them."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Django's foreign keys are deferred: run their pending checks now, since
            # PostgreSQL refuses ALTER TABLE on a table with pending trigger events.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE inspections_journalentry DISABLE TRIGGER USER")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        else:
            cursor.execute("DROP TRIGGER journal_no_update")
            cursor.execute("DROP TRIGGER journal_no_delete")
    return connection
