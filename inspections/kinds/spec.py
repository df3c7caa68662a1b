"""What the inspection side knows of one case kind (KindSpec)."""

from collections.abc import Mapping
from dataclasses import dataclass

from inspections.models.documents import DocumentKind

# Document kinds any case file may hold, whatever its kind.
SHARED_DOCUMENT_KINDS = (DocumentKind.MINUTES, DocumentKind.EVIDENCE, DocumentKind.FOLLOW_UP, DocumentKind.OTHER)

Pipeline = Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class KindSpec:
    """One case kind, declared once.

    `pipeline` maps each status to the statuses a case may move to from it (style.md,
    django-oscar pipeline); a status with no move is final. `case_limit` is the rule-book
    code of the whole-case time limit (None: the kind has none), `time_limits` every
    rule-book code the kind uses. `document_kinds` are the DocumentKind values its case
    file holds besides the shared ones (SHARED_DOCUMENT_KINDS). `may_open` lists the kinds
    a case of this kind may give rise to (a CaseLink from it)."""

    code: str
    title: str
    pipeline: Pipeline
    case_limit: str | None = None
    time_limits: tuple[str, ...] = ()
    document_kinds: tuple[str, ...] = ()
    may_open: tuple[str, ...] = ()

    def __post_init__(self):
        if self.case_limit and self.case_limit not in self.time_limits:
            raise ValueError(f"kind {self.code}: case_limit {self.case_limit} is not among its time limits")
        for status, moves in self.pipeline.items():
            for target in moves:
                if target not in self.pipeline:
                    raise ValueError(f"kind {self.code}: {status} -> {target}, and {target} has no entry")
