"""Hostile input for the fuzz tests: text, dates, ids, choices and files that no browser
showing our forms would send, mixed with valid values so that some examples get past the
form and reach the services' rules."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, Phase
from hypothesis import strategies as st

# Shared @settings arguments. No example database: runs stay independent (the database
# state differs between runs anyway); a failure prints the blob that reproduces it.
FUZZ = {
    "deadline": None,
    "database": None,
    "print_blob": True,
    # No "explain" phase: on a failure it replays variations for many seconds.
    "phases": [Phase.explicit, Phase.generate, Phase.shrink],
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}

MISSING = object()

TODAY = datetime.date.today()


def dmy(day: datetime.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


# Any Unicode scalar (NUL, controls, bidi overrides, astral planes), but no lone
# surrogates: the test client could not encode them, and no browser sends them.
UNICODE = st.text(alphabet=st.characters(codec="utf-8"), max_size=60)
EDGE_TEXT = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "a\x00b",
        "\r\n",
        "\t",
        "\u202e",
        "\ufeff",
        "\u2028",
        "𝕏🙂",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        '"; DROP TABLE inspections_case; --',
        "%s%n%x",
        "{{ 7|add:7 }}{% debug %}",
        "../../etc/passwd",
        "None",
        "null",
        "[]",
        "-1",
        "1e309",
        "NaN",
    ]
)
LONG_TEXT = st.builds(
    lambda piece, count: piece * count,
    st.sampled_from(["A", "Ằ", "🙂", "\x00", "<b>", "|", "\n", " "]),
    st.integers(min_value=300, max_value=30_000),
)
TEXT = st.one_of(UNICODE, EDGE_TEXT, LONG_TEXT)

MALFORMED_DATES = [
    "",
    "32/13/2026",
    "00/00/0000",
    "29/02/2025",
    "31/04/2026",
    "01/01/0000",
    "31/12/9999",
    "01/01/10000",
    "99999999999/01/2026",
    "2026-01-01",
    "1/1/26",
    "01-01-2026",
    " 01/01/2026 ",
    "01/01/2026\x00",
    "０１/０１/２０２６",
    "today",
]
DATES = st.one_of(
    # Valid format, near today: past days pass the form, future days hit the services' rules.
    st.integers(min_value=-3650, max_value=400).map(lambda n: dmy(TODAY + datetime.timedelta(days=n))),
    st.dates().map(dmy),
    st.sampled_from(MALFORMED_DATES),
    TEXT,
)

MALFORMED_IDS = ["", "0", "-1", "1.5", "1e3", "0x1", "１", " 1", "1 ", "+1", "None", "[1]", "\x00", "9" * 40]


def ids(valid) -> st.SearchStrategy:
    """Primary keys: real ones (of this or another case), out-of-range integers, non-numbers."""
    valid = list(valid)
    # Pick real ids by an index of fixed range: the draw must not depend on how many rows
    # exist, which changes between examples (hypothesis FlakyStrategyDefinition).
    return st.one_of(
        st.integers(min_value=0, max_value=15).map(lambda i: valid[i % len(valid)] if valid else i),
        st.integers(min_value=-(2**70), max_value=2**70),
        st.sampled_from(MALFORMED_IDS),
        TEXT,
    )


def choice(values) -> st.SearchStrategy:
    return st.one_of(st.sampled_from(list(values)), TEXT)


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'
XML_SVG = b'<?xml version="1.0"?>\n' + SVG
JS = b"alert(document.domain);\nfetch('/admin/')"
# Starts as a PDF (so it is sniffed and stored as one) with HTML further on. Acceptable
# only because downloads are attachments with nosniff and a sandbox CSP.
POLYGLOT = PDF + b"\n<html><body><script>alert(1)</script></body></html>\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
GIF = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"
ACTIVE = [HTML, SVG, XML_SVG, JS]

HOSTILE_NAMES = [
    "../../etc/passwd",
    "..\\..\\windows\\win.ini",
    "/etc/passwd",
    "C:\\Windows\\System32\\evil.pdf",
    "....//....//x.pdf",
    "a\x00.pdf",
    "x.pdf\x00.html",
    "a" * 250 + ".pdf",
    "a" * 1000 + ".pdf",
    "<img src=x onerror=alert(1)>.pdf",
    '"quoted";name=.pdf',
    "bao-cao\r\nX-Injected: 1.pdf",
    "invoice\u202efdp.exe",
    "report.html",
    "drawing.svg",
    ".htaccess",
    "..",
    ".",
    "",
    " ",
    "Báo cáo tự kiểm tra (bản cuối).pdf",
]
UPLOAD_CONTENTS = st.one_of(
    st.sampled_from([PDF, POLYGLOT, PNG, GIF, b"", *ACTIVE]),
    st.binary(max_size=2048),
)
UPLOAD_NAMES = st.one_of(st.sampled_from(HOSTILE_NAMES), TEXT)
CLAIMED_TYPES = st.sampled_from(
    ["application/pdf", "text/html", "image/svg+xml", "application/javascript", "application/octet-stream", ""]
)


def _upload(name: str, content: bytes, content_type: str) -> SimpleUploadedFile:
    upload = SimpleUploadedFile("upload.bin", content, content_type=content_type)
    # Any name at all, as a non-browser client could send it; the constructor would refuse
    # some of these (".."), and the services must cope whatever the name.
    upload._name = name
    return upload


UPLOADS = st.builds(_upload, UPLOAD_NAMES, UPLOAD_CONTENTS, CLAIMED_TYPES)
# A file field may get a file, a plain string instead of a file, or nothing.
FILES = st.one_of(UPLOADS, TEXT)


def shaped(values: st.SearchStrategy) -> st.SearchStrategy:
    """One field as posted: absent, one value, or a list where one value is expected."""
    return st.one_of(st.just(MISSING), values, st.lists(values, min_size=2, max_size=3))


EXTRA_KEYS = st.one_of(st.sampled_from(["csrfmiddlewaretoken", "_continue", "pk", "status", "case"]), UNICODE)


def _apply(valid: dict, changes: dict) -> dict:
    kept = {name: value for name, value in valid.items() if name not in changes}
    return {**kept, **{name: value for name, value in changes.items() if value is not MISSING}}


def form_data(fields: dict[str, st.SearchStrategy], valid=None) -> st.SearchStrategy:
    """A POST body: every field shaped, plus a few unexpected keys; or, given a factory of
    valid data, that data with one to three fields replaced by garbage or removed (these
    get past the form more often and reach the services' rules)."""
    own = st.fixed_dictionaries({name: shaped(values) for name, values in fields.items()})
    extra = st.dictionaries(EXTRA_KEYS, TEXT, max_size=2)
    garbage = st.tuples(own, extra).map(lambda pair: _apply(pair[1], pair[0]))
    if valid is None:
        return garbage
    changes = st.lists(st.sampled_from(sorted(fields)), min_size=1, max_size=3, unique=True).flatmap(
        lambda names: st.fixed_dictionaries({name: shaped(fields[name]) for name in names})
    )
    # The factory is called for each example: a file object can be posted only once.
    mutation = st.builds(lambda changes: _apply(valid(), changes), changes)
    return st.one_of(garbage, mutation)
