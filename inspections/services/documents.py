"""Documents and evidence: size limit, type sniffed from the content (never from the name),
SHA-256 stored, saved outside any public URL."""

import hashlib
import os
import unicodedata
import uuid

import filetype
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from inspections import access, journal
from inspections.exceptions import RuleViolation
from inspections.models import Case, Document, DocumentKind

# MIME types accepted, decided from the file's bytes. Active content (HTML, SVG, scripts)
# is never accepted.
ALLOWED_TYPES = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/msword": "doc",
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/tiff": "tif",
}


def sniff(head: bytes) -> str | None:
    kind = filetype.guess(head)
    if kind is None:
        return None
    return kind.mime


# Extensions a display name may keep, by sniffed type; any other is replaced.
_EXTENSIONS = {mime: {ext} for mime, ext in ALLOWED_TYPES.items()} | {
    "image/jpeg": {"jpg", "jpeg"},
    "image/tiff": {"tif", "tiff"},
}
# Control, format (bidi overrides, zero-width) and line/paragraph separator characters:
# they can disguise the extension ("invoice\u202efdp.exe") or break a header.
_INVISIBLE = {"Cc", "Cf", "Zl", "Zp"}


def _clean_name(name: str) -> str:
    """The last path component of an uploaded name, without invisible characters. Leading
    dots make a hidden file or a folder step (".."); Windows drops trailing dots and spaces,
    which would bring an earlier extension back."""
    base = os.path.basename(name.replace("\\", "/"))
    return "".join(ch for ch in base if unicodedata.category(ch) not in _INVISIBLE).strip(" .")


def display_name(name: str, mime: str) -> str:
    """The name a document is downloaded under: a clean name with the extension of its
    sniffed type. A PDF uploaded as "report.html" is downloaded as "report.html.pdf", so
    that a browser never saves it as a page that would run when opened."""
    base = _clean_name(name)
    stem, ext = os.path.splitext(base)
    if ext[1:].lower() not in _EXTENSIONS.get(mime, ()):
        stem, ext = base, "." + ALLOWED_TYPES.get(mime, "bin")
    return (stem[:200].rstrip(" .") or "tai-lieu") + ext


def read_checked_upload(upload) -> tuple[bytes, str]:
    """The upload's bytes and its MIME type, sniffed from the content, after the checks
    every stored file passes: size limit, not empty, an accepted office or image type."""
    if upload.size > settings.DOCUMENT_MAX_BYTES:
        raise RuleViolation(
            _("Tệp quá lớn (%(size)s). Dung lượng tối đa là %(max)s.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(settings.DOCUMENT_MAX_BYTES)}
        )
    if upload.size == 0:
        raise RuleViolation(_("Tệp rỗng, không có nội dung."))
    upload.seek(0)
    mime = sniff(upload.read(8192))
    if mime not in ALLOWED_TYPES:
        raise RuleViolation(
            _(
                "Loại tệp không được chấp nhận. Chỉ nhận PDF, Word, Excel, ODT, JPEG, PNG hoặc TIFF "
                "(kiểm tra theo nội dung tệp)."
            )
        )
    upload.seek(0)
    return b"".join(upload.chunks()), mime


@transaction.atomic
def document_add(*, actor, case: Case, kind: str, title: str, upload, action: str = "work") -> Document:
    """Store an uploaded file on the case. Nothing is written if any check fails. `action`:
    the access action the uploading step needs (the chair's steps upload with "approve")."""
    access.require(actor, action, case)
    data, mime = read_checked_upload(upload)
    digest = hashlib.sha256(data)
    stored_name = f"{uuid.uuid4().hex}.{ALLOWED_TYPES[mime]}"
    doc = Document(
        case=case,
        kind=kind,
        title=title.strip() or _clean_name(upload.name)[:200] or "tai-lieu",
        original_name=display_name(upload.name, mime),
        content_type=mime,
        size=upload.size,
        sha256=digest.hexdigest(),
        uploaded_by=actor,
    )
    doc.file.save(stored_name, ContentFile(data), save=False)
    try:
        doc.save()
        journal.append(
            case=case,
            actor=actor,
            action="document.added",
            payload={"document": doc.pk, "kind": kind, "title": doc.title, "sha256": doc.sha256, "size": doc.size},
        )
    except Exception:
        # No row, no file: a failed write leaves nothing behind. (A rollback of an outer
        # transaction can still orphan the file; it is unreachable without its row.)
        doc.file.storage.delete(doc.file.name)
        raise
    return doc


def document_attach(*, actor, case: Case, kind: str, upload, title: str = "") -> Document | None:
    """Store the file a step came with, if any, titled by its document kind."""
    if upload is None:
        return None
    return document_add(actor=actor, case=case, kind=kind, title=title or str(DocumentKind(kind).label), upload=upload)
