"""Open tasks follow the case roles moved by a delegation or a hand-over (issue 4 point 7).

The services in inspections.services.handover move the roles and journal them; this
module wraps each of them in one transaction with the task changes, holding the flow
lock of every affected case first (the same order as a step being executed: process,
then case), so that nobody completes a task while it changes hands.

A task assigned to the person who gave up the roles goes to the receiver when the
receiver may take that step (the role gives the action, no segregation-of-duties rule
or conflict of interest bars them); otherwise it goes back to the queue. A pending
no-conflict declaration does not stop the move, as for auto-assignment: the receiver is
asked to declare when they open the task. Tasks waiting in the queue stay there — the
receiver now holds the permission and sees them. When a delegation ends, the delegate's
tasks that they can no longer execute go back to the returning person, or to the queue.
"""

import contextlib
import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from viewflow.workflow import STATUS

from inspections import access
from inspections.models import CaseRole
from inspections.selectors import handover as selectors
from inspections.services import handover as services
from people.models import Delegation
from workflow import queues
from workflow.models import CaseProcess

logger = logging.getLogger(__name__)


def _may_take(user, task, case) -> bool:
    flow_task = task.flow_task
    action = getattr(flow_task, "action", None)
    if action is None:
        return False
    roles = CaseRole.objects.filter(case=case, user=user, revoked_at__isnull=True).values_list("role", flat=True)
    return access.refusal(user, action, case, step=flow_task.name, as_roles=roles) is None


def move_tasks(case, from_user, to_user) -> dict:
    """Hand `from_user`'s assigned tasks on `case` that they may no longer execute to
    `to_user`, or to the queue when `to_user` may not take them either."""
    counts = {"moved": 0, "queued": 0}
    for task in queues.open_tasks_of_case(case).filter(owner=from_user, status=STATUS.ASSIGNED):
        if _may_take(from_user, task, case):
            continue
        activation = task.flow_task.activation_class(task)
        if _may_take(to_user, task, case):
            activation.reassign(to_user)
            counts["moved"] += 1
        else:
            activation.unassign()
            counts["queued"] += 1
    return counts


def _lock_cases(stack: contextlib.ExitStack, case_ids) -> None:
    for process in CaseProcess.objects.filter(case_id__in=list(case_ids)).order_by("pk"):
        stack.enter_context(process.flow_class.lock(process.pk))


@dataclass
class Result:
    """A service's report on roles, with what happened to the tasks."""

    report: services.TransferReport
    tasks_moved: int = 0
    tasks_queued: int = 0


def _follow(report: services.TransferReport) -> Result:
    result = Result(report=report)
    for move in report.moved:
        counts = move_tasks(move.case, report.from_user, report.to_user)
        result.tasks_moved += counts["moved"]
        result.tasks_queued += counts["queued"]
    return result


def delegation_start(*, actor, user, delegate, starts_on, ends_on, reason):
    """Record an absence (inspections.services.handover.delegation_start) and move the
    tasks with the roles. Returns (delegation, result)."""
    with transaction.atomic(), contextlib.ExitStack() as stack:
        if starts_on <= timezone.localdate():
            _lock_cases(stack, selectors.cases_with_roles(user).values_list("pk", flat=True))
        delegation, report = services.delegation_start(
            actor=actor, user=user, delegate=delegate, starts_on=starts_on, ends_on=ends_on, reason=reason
        )
        return delegation, _follow(report)


def delegation_apply(*, delegation: Delegation, actor=None) -> Result:
    with transaction.atomic(), contextlib.ExitStack() as stack:
        _lock_cases(stack, selectors.cases_with_roles(delegation.user).values_list("pk", flat=True))
        return _follow(services.delegation_apply(delegation=delegation, actor=actor))


def delegation_end(*, actor, delegation: Delegation) -> Result:
    with transaction.atomic(), contextlib.ExitStack() as stack:
        _lock_cases(stack, delegation.transfers.filter(returned_at__isnull=True).values_list("case_id", flat=True))
        return _follow(services.delegation_end(actor=actor, delegation=delegation))


def handover_approve(*, actor, handover, note: str = "") -> Result:
    with transaction.atomic(), contextlib.ExitStack() as stack:
        _lock_cases(stack, selectors.cases_with_roles(handover.departing).values_list("pk", flat=True))
        return _follow(services.handover_approve(actor=actor, handover=handover, note=note))


def run_schedule() -> dict:
    """The daily run: end the delegations whose last day has passed, then start (or
    re-apply) those in force today. Each delegation in its own transaction; one that
    fails is logged and retried on the next run."""
    today = timezone.localdate()
    counts = {"ended": 0, "applied": 0, "failed": 0}
    due_to_end = Delegation.objects.filter(status__in=selectors.OPEN_DELEGATION, ends_on__lt=today)
    in_force = Delegation.objects.filter(status__in=selectors.OPEN_DELEGATION, starts_on__lte=today, ends_on__gte=today)
    for key, queryset, run in (
        ("ended", due_to_end, lambda d: delegation_end(actor=None, delegation=d)),
        ("applied", in_force, lambda d: delegation_apply(delegation=d, actor=None)),
    ):
        for delegation in queryset.order_by("pk"):
            try:
                run(delegation)
            except Exception:
                logger.exception("delegation %s: scheduled run failed", delegation.pk)
                counts["failed"] += 1
            else:
                counts[key] += 1
    return counts
