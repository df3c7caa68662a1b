"""Closing a case: the one way a case reaches CLOSED, for every kind (follow-up done, a
conclusion with nothing to follow, a discipline or complaint decided and announced...)."""

from django.utils import timezone

from inspections import journal
from inspections.models import Case, CaseStatus
from inspections.services.status import set_status


def case_close(*, actor, case: Case) -> Case:
    """Move the case to CLOSED, record the day and journal "case.closed". Runs inside the
    calling service's transaction, after its rules were checked."""
    set_status(case=case, actor=actor, target=CaseStatus.CLOSED)
    case_ended(case)
    journal.append(case=case, actor=actor, action="case.closed", payload={"closed_on": case.closed_on})
    return case


def case_ended(case: Case) -> None:
    """Record today as the day the case ended. Alone, for a case that ends in a status of
    its own (a letter not handled, transferred or split) rather than CLOSED."""
    case.closed_on = timezone.localdate()
    case.save(update_fields=["closed_on"])
