"""Uploading documents: type sniffed from the bytes, SHA-256 stored, nothing written on refusal."""

import hashlib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from inspections import journal
from inspections.exceptions import AccessDenied, RuleViolation
from inspections.models import Document, JournalEntry
from inspections.services.documents import document_add

HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def _stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _refused(case, upload, actor, error=RuleViolation):
    entries = JournalEntry.objects.filter(case=case).count()
    with pytest.raises(error) as excinfo:
        document_add(actor=actor, case=case, kind="evidence", title="Chứng cứ", upload=upload)
    assert not Document.objects.filter(case=case).exists()
    assert _stored_files() == []
    assert JournalEntry.objects.filter(case=case).count() == entries
    return excinfo.value


def test_document_add_accepts_a_pdf_and_stores_its_sha256(world, open_case, pdf, pdf_bytes):
    case = open_case()

    doc = document_add(
        actor=world.member2, case=case, kind="evidence", title=" Biên bản ", upload=pdf("bien-ban-goc.pdf")
    )

    doc.refresh_from_db()
    assert doc.sha256 == hashlib.sha256(pdf_bytes).hexdigest()
    assert (doc.content_type, doc.size, doc.title, doc.original_name) == (
        "application/pdf",
        len(pdf_bytes),
        "Biên bản",
        "bien-ban-goc.pdf",
    )
    assert doc.uploaded_by == world.member2
    assert doc.file.name.endswith(".pdf") and "bien-ban" not in doc.file.name
    assert Path(doc.file.path).read_bytes() == pdf_bytes
    assert Path(doc.file.path).is_relative_to(Path(settings.MEDIA_ROOT))
    entry = JournalEntry.objects.filter(case=case).order_by("-seq").first()
    assert entry.action == "document.added"
    assert journal.decoded(entry)["sha256"] == doc.sha256


def test_document_add_sniffs_the_type_not_the_name(world, open_case, pdf):
    case = open_case()

    doc = document_add(actor=world.leader, case=case, kind="evidence", title="", upload=pdf("scan.jpg"))

    assert doc.content_type == "application/pdf"
    assert doc.file.name.endswith(".pdf")
    assert doc.title == "scan.jpg"


def test_document_add_refuses_html_named_pdf(world, open_case):
    case = open_case()
    upload = SimpleUploadedFile("x.pdf", HTML, content_type="application/pdf")

    error = _refused(case, upload, world.member2)

    assert "Loại tệp không được chấp nhận" in error.messages[0]


def test_document_add_refuses_an_oversize_file(world, open_case, pdf, settings):
    case = open_case()
    settings.DOCUMENT_MAX_BYTES = 32

    error = _refused(case, pdf(), world.member2)

    assert "Tệp quá lớn" in error.messages[0]


def test_document_add_accepts_a_file_at_the_size_limit(world, open_case, pdf, pdf_bytes, settings):
    case = open_case()
    settings.DOCUMENT_MAX_BYTES = len(pdf_bytes)

    assert document_add(actor=world.member2, case=case, kind="evidence", title="", upload=pdf()).size == len(pdf_bytes)


def test_document_add_refuses_an_empty_file(world, open_case):
    case = open_case()

    error = _refused(case, SimpleUploadedFile("empty.pdf", b""), world.member2)

    assert "Tệp rỗng" in error.messages[0]


def test_document_add_refuses_people_without_work_on_the_case(world, open_case, pdf):
    case = open_case()

    for user in (world.outsider, world.subject, world.auditor, world.chair):
        _refused(case, pdf(), user, error=AccessDenied)


def test_document_add_strips_a_path_from_the_original_name(world, open_case, pdf):
    case = open_case()

    doc = document_add(actor=world.leader, case=case, kind="evidence", title="", upload=pdf("..\\..\\etc\\a.pdf"))

    assert doc.original_name == "a.pdf"


def test_case_open_with_a_decision_file_stores_it(world, open_case, pdf):
    case = open_case(decision_file=pdf("quyet-dinh.pdf"))

    doc = Document.objects.get(case=case)
    assert (doc.kind, doc.original_name) == ("decision", "quyet-dinh.pdf")
    actions = list(case.journal.order_by("seq").values_list("action", flat=True))
    assert actions[:2] == ["case.opened", "document.added"]
