"""Task lists (inbox, queue, archive), scoped by case access (design.md decision 1).

The queue does not use viewflow's stock guardian filter: it asks, per task, whether an
object permission on the task's case grants the task's permission — an EXISTS on the
direct-FK tables.
"""

from django.db.models import F, OuterRef, QuerySet
from viewflow.workflow import STATUS
from viewflow.workflow.models import Task

from inspections import access

CASE_REF = "process__caseprocess__case"


def _base(flow_classes) -> QuerySet:
    return (
        Task.objects.filter(flow_task_type="HUMAN", process__flow_class__in=list(flow_classes))
        .select_related("process", "process__caseprocess__case", "owner")
        .order_by("-created")
    )


# Most urgent first (issue 11 point 1): the case's statutory due date, the longest overdue
# first, tasks of cases without a running clock last; then the newest.
URGENCY = (F(f"{CASE_REF}__due_on").asc(nulls_last=True), "-created")


def inbox(user, flow_classes) -> QuerySet:
    if not user.is_authenticated:
        return Task.objects.none()
    return (
        _base(flow_classes)
        .filter(owner=user, status=STATUS.ASSIGNED)
        .filter(access.holds_view(user, OuterRef(CASE_REF)))
        .order_by(*URGENCY)
    )


def queue(user, flow_classes) -> QuerySet:
    if not user.is_authenticated:
        return Task.objects.none()
    return (
        _base(flow_classes)
        .filter(status=STATUS.NEW, owner__isnull=True)
        .filter(access.holds_permission_named(user, OuterRef(CASE_REF), OuterRef("owner_permission")))
        .exclude(access.declaration_pending_q(user, OuterRef(CASE_REF)))
        .order_by(*URGENCY)
    )


def archive(user, flow_classes) -> QuerySet:
    if not user.is_authenticated:
        return Task.objects.none()
    return (
        _base(flow_classes)
        .filter(owner=user, finished__isnull=False)
        .filter(access.holds_view(user, OuterRef(CASE_REF)))
        .order_by("-finished")
    )


def open_tasks_of_case(case) -> QuerySet:
    return (
        Task.objects.filter(process__caseprocess__case=case, flow_task_type="HUMAN")
        .exclude(status__in=[STATUS.DONE, STATUS.CANCELED])
        .select_related("owner", "process")
        .order_by("created")
    )


def release_tasks_of(case, user_ids) -> int:
    """Hand back to the queue the open tasks of people who left a role on the case and may
    no longer execute them. Returns how many were released."""
    released = 0
    for task in open_tasks_of_case(case).filter(owner_id__in=list(user_ids), status=STATUS.ASSIGNED):
        if not task.flow_task.can_execute(task.owner, task):
            task.flow_task.activation_class(task).unassign()
            released += 1
    return released
