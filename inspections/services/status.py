"""The one helper that moves a case's status: it checks the pipeline and journals the move."""

from django.utils.translation import gettext as _

from inspections import journal
from inspections.exceptions import RuleViolation
from inspections.kinds.registry import pipeline_of
from inspections.models import Case, CaseStatus


def current_status(case: Case) -> str:
    """The case's status as stored, row locked: callers may hold a stale instance."""
    status = Case.objects.select_for_update().values_list("status", flat=True).get(pk=case.pk)
    case.status = status
    return status


def set_status(*, case: Case, actor, target: str, reason: str = "") -> Case:
    current = Case.objects.select_for_update().values_list("status", flat=True).get(pk=case.pk)
    if target not in pipeline_of(case.kind).get(current, ()):
        raise RuleViolation(
            _("Không thể chuyển hồ sơ từ “%(from)s” sang “%(to)s”.")
            % {"from": CaseStatus(current).label, "to": CaseStatus(target).label}
        )
    case.status = target
    case.save(update_fields=["status"])
    payload = {"from": current, "to": target}
    if reason:
        payload["reason"] = reason
    journal.append(case=case, actor=actor, action="status.changed", payload=payload)
    return case
