"""Hostile uploads: names that try to escape the media folder or smuggle markup, active
content (HTML, SVG, scripts), empty and oversized files, and a PDF/HTML polyglot.

A file is either refused with nothing written, or stored under MEDIA_ROOT/cases/ with a
random name, a type sniffed from its bytes, and a display name that cannot hide another
extension; it is downloaded only as an attachment, with nosniff and a sandbox CSP.
"""

import os
import re
import unicodedata
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from hypothesis import event, given, settings
from hypothesis import strategies as st

from inspections.exceptions import RuleViolation
from inspections.models import Document
from inspections.services.documents import ALLOWED_TYPES, display_name, document_add
from tests.fuzz.drive import assert_nothing_written, drive_to, media_files, post_notice, snapshot
from tests.fuzz.strategies import (
    ACTIVE,
    FUZZ,
    GIF,
    HOSTILE_NAMES,
    HTML,
    PDF,
    PNG,
    POLYGLOT,
    UPLOAD_CONTENTS,
    UPLOAD_NAMES,
    UPLOADS,
)

pytestmark = pytest.mark.django_db

STORED_NAME = re.compile(r"^cases/\d{4}/\d{2}/[0-9a-f]{32}\.(?P<ext>[a-z]+)$")
# Extensions a display name may end with, by sniffed type.
EXTENSIONS = {mime: {ext} for mime, ext in ALLOWED_TYPES.items()} | {
    "image/jpeg": {"jpg", "jpeg"},
    "image/tiff": {"tif", "tiff"},
}


def assert_safe_name(name: str, mime: str) -> None:
    """No path, no NUL or control or bidi characters, and the extension of the real type."""
    assert name and "/" not in name and "\\" not in name, repr(name)
    assert not any(unicodedata.category(ch) in {"Cc", "Cf", "Zl", "Zp"} for ch in name), repr(name)
    assert os.path.splitext(name)[1][1:].lower() in EXTENSIONS[mime], f"{name!r} served as {mime}"


def assert_stored_safely(doc: Document, uploaded_name: str) -> None:
    match = STORED_NAME.match(doc.file.name)
    assert match, doc.file.name
    assert match["ext"] == ALLOWED_TYPES[doc.content_type]
    stem = os.path.splitext(os.path.basename(uploaded_name))[0]
    assert len(stem) < 4 or stem not in doc.file.name, "stored name derived from the uploaded one"
    media = Path(django_settings.MEDIA_ROOT).resolve()
    path = Path(doc.file.path).resolve()
    assert path.is_relative_to(media / "cases"), path
    assert path.is_file()
    assert_safe_name(doc.original_name, doc.content_type)


def assert_attachment_download(client, doc: Document, content: bytes) -> None:
    response = client.get(reverse("cases:document", args=[doc.case_id, doc.pk]))
    assert response.status_code == 200
    # Reading the stream to its end closes the file (the test client closes the response
    # then); closing it again here would fire request_finished and drop the test's connection.
    assert b"".join(response.streaming_content) == content
    assert response["Content-Type"] == doc.content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;"), disposition
    assert "\r" not in disposition and "\n" not in disposition
    quoted = re.search(r'filename="((?:[^"\\]|\\.)*)"$', disposition)
    encoded = re.search(r"filename\*=utf-8''(\S+)$", disposition)
    assert quoted or encoded, disposition
    filename = re.sub(r"\\(.)", r"\1", quoted[1]) if quoted else unquote(encoded[1])
    assert_safe_name(filename, doc.content_type)


@settings(max_examples=500, **FUZZ)
@given(name=UPLOAD_NAMES, mime=st.sampled_from(sorted(ALLOWED_TYPES)))
def test_display_name_has_no_path_no_invisible_characters_and_the_real_extension(name, mime):
    shown = display_name(name, mime)
    assert_safe_name(shown, mime)
    assert not shown.startswith(".") and len(shown) <= 210
    assert display_name(shown, mime) == shown


@settings(max_examples=80, **FUZZ)
@given(upload=UPLOADS)
def test_document_add_refuses_or_stores_safely_whatever_the_name_and_content(client, world, current_case, upload):
    """The service on its own, with names no browser would send (a future API might)."""
    case, member = current_case
    content = upload.read()
    upload.seek(0)
    before = snapshot(case)
    try:
        doc = document_add(actor=member, case=case, kind="evidence", title="", upload=upload)
    except RuleViolation:
        event("refused")
        assert_nothing_written(before, snapshot(case), "RuleViolation")
        return
    event(f"stored as {doc.content_type}")
    assert not content.lstrip().startswith(b"<"), "markup accepted"
    assert doc.sha256 and doc.size == len(content)
    assert_stored_safely(doc, upload.name)
    client.force_login(member)
    assert_attachment_download(client, doc, content)


@pytest.fixture
def current_case(client, world):
    case = drive_to(client, world, "notify_subject")
    return case, world["users"]["member"]


@pytest.mark.parametrize("number", range(len(HOSTILE_NAMES)))
def test_upload_with_hostile_name_is_stored_under_a_random_name_and_downloaded_as_attachment(client, world, number):
    # Each name with one of the accepted contents in turn, the PDF/HTML polyglot among them.
    filename, content = HOSTILE_NAMES[number], [PDF, POLYGLOT, PNG][number % 3]
    case, before, response = post_notice(client, world, filename, content)
    assert response.status_code in {302, 200, 400}
    docs = list(Document.objects.filter(case=case))
    if response.status_code != 302:
        # The multipart parser could not make a file of it (a NUL or a line break in the
        # name); then the step is refused and nothing is stored.
        assert_nothing_written(before, snapshot(case), response)
        return
    for doc in docs:
        assert_stored_safely(doc, filename)
        assert_attachment_download(client, doc, content)


def test_upload_with_hostile_names_mostly_succeeds(client, world):
    """The parametrised test above must not pass by refusing everything."""
    for filename in ["../../etc/passwd", "/etc/passwd", "a" * 250 + ".pdf", "<img src=x onerror=alert(1)>.pdf"]:
        case, _, response = post_notice(client, world, filename, PDF)
        assert response.status_code == 302, filename
        assert Document.objects.filter(case=case).count() == 1


ACTIVE_OR_UNKNOWN = [*ACTIVE, GIF, b"", HTML + b"\n" + PDF]


@pytest.mark.parametrize(
    "number", range(len(ACTIVE_OR_UNKNOWN)), ids=["html", "svg", "svg-xml", "js", "gif", "empty", "html-then-pdf"]
)
def test_active_or_unknown_content_is_refused_at_upload_and_nothing_is_stored(client, world, number):
    # Each content under a name claiming another type in turn: the name never decides.
    content, filename = ACTIVE_OR_UNKNOWN[number], ["bao-cao.pdf", "bao-cao.svg", "bao-cao.html"][number % 3]
    case, before, response = post_notice(client, world, filename, content, content_type="application/pdf")
    assert response.status_code == 200
    assert_nothing_written(before, snapshot(case), response)
    assert media_files() == before["media"]


def test_oversized_upload_is_refused_and_nothing_is_stored(client, world, settings):
    settings.DOCUMENT_MAX_BYTES = 1024
    case, before, response = post_notice(client, world, "lon.pdf", PDF + b"0" * 2048)
    assert response.status_code == 200
    assert "Tệp quá lớn" in response.content.decode()
    assert_nothing_written(before, snapshot(case), response)


@settings(max_examples=12, **FUZZ)
@given(name=st.sampled_from(HOSTILE_NAMES), content=UPLOAD_CONTENTS)
def test_any_upload_through_the_view_never_errors(client, world, name, content):
    case, before, response = post_notice(client, world, name, content, content_type="text/html")
    event(f"HTTP {response.status_code}")
    assert response.status_code in {200, 302, 400}
    if response.status_code != 302:
        assert_nothing_written(before, snapshot(case), response)
    for doc in Document.objects.filter(case=case):
        assert_stored_safely(doc, name)
