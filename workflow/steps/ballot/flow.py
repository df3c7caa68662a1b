"""The meeting that opens a secret ballot and the chair's closing of it, as E (discipline)
and F (complaint against discipline) wire them (domain.md §6.2): both are the chair's
steps; the meeting takes attendance and opens the ballot (VOTING), the close counts it.

`ballot_steps` builds the pair for a flow that names its own views, titles and targets;
assign it to `<meeting step>, close_ballot`."""

from viewflow import this

from inspections.models import CaseStatus
from workflow.nodes import CaseTask


def ballot_steps(
    meeting_view,
    close_view,
    *,
    meeting_title,
    close_title,
    close_status,
    after_close,
    after_meeting=this.close_ballot,
    meeting_status=CaseStatus.VOTING,
):
    meeting = (
        CaseTask(meeting_view, action="approve", status=meeting_status)
        .Annotation(title=meeting_title)
        .Next(after_meeting)
    )
    close = CaseTask(close_view, action="approve", status=close_status).Annotation(title=close_title).Next(after_close)
    return meeting, close
