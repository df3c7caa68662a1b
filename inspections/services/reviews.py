"""The review step shared by every versioned draft a superior accepts or sends back
(team report, conclusion): the latest pending version, four-eyes, a reason to return."""

from django.db.models import QuerySet

from inspections import access
from inspections.exceptions import RuleViolation
from inspections.models import ReviewStatus


def review_latest(
    *,
    actor,
    case,
    drafts: QuerySet,
    author_field: str,
    accept: bool,
    note: str,
    none_pending: str,
    own_draft: str,
    reason_required: str,
):
    """Mark the latest pending draft accepted or returned and return it.

    Four-eyes (design.md decision 7): the author of a draft never reviews it; access
    weighs it with the approver's role (one answer, issue 8 point 9).
    """
    draft = drafts.select_for_update().filter(status=ReviewStatus.SUBMITTED).order_by("-version").first()
    if draft is None:
        raise RuleViolation(none_pending)
    access.require(actor, "approve", case, author=getattr(draft, author_field), own_work=own_draft)
    if not accept and not note.strip():
        raise RuleViolation(reason_required)
    draft.status = ReviewStatus.ACCEPTED if accept else ReviewStatus.RETURNED
    draft.reviewed_by = actor
    draft.review_note = note.strip()
    draft.save(update_fields=["status", "reviewed_by", "review_note"])
    return draft
