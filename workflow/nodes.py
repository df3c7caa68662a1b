"""The task node every case flow uses: permissions come from the case (inspections.access),
and a task that is no longer open answers with a clear message instead of an error."""

from functools import update_wrapper

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from viewflow.fsm import TransitionNotAllowed
from viewflow.workflow import STATUS, flow
from viewflow.workflow.flow import utils as vf_utils
from viewflow.workflow.nodes.view import ViewActivation

from inspections import access
from inspections.models import CaseRole

ACTION_ROLES = {"lead": CaseRole.Role.LEADER, "approve": CaseRole.Role.APPROVER}


def case_of(process):
    """The case of a process row (base Process or CaseProcess)."""
    from workflow.models import CaseProcess

    if isinstance(process, CaseProcess):
        return process.case
    return CaseProcess.objects.select_related("case").get(pk=process.pk).case


def _sole_holder(action: str):
    """Auto-assign when exactly one person holds the role the step needs (leader, chair)."""
    role = ACTION_ROLES.get(action)

    def owner(activation):
        if role is None:
            return None
        case = case_of(activation.process)
        step = activation.flow_task.name
        holders = [
            user
            for user in get_user_model().objects.filter(
                pk__in=CaseRole.objects.filter(case=case, role=role, revoked_at__isnull=True).values("user_id")
            )
            # Judged as the holder of the role: a pending declaration does not stop the
            # assignment (the person is asked to declare when they open the task);
            # segregation and conflicts do.
            if access.refusal(user, action, case, step=step, as_roles=(role,)) is None
        ]
        return holders[0] if len(holders) == 1 else None

    return owner


def _task_closed_page(request, task):
    if task.status == STATUS.DONE:
        message = _("Bước “%(task)s” đã được %(who)s hoàn thành. Không cần thực hiện lại.") % {
            "task": task.flow_task.task_title,
            "who": task.owner or _("người khác"),
        }
    else:
        message = _("Bước “%(task)s” không còn mở để thực hiện.") % {"task": task.flow_task.task_title}
    return render(request, "kiemtra/conflict.html", {"message": message, "case": case_of(task.process)}, status=409)


def wrap_case_task_view(flow_task, origin_view):
    """Like viewflow's execute wrapper, but checks case access and answers 409 with a clear
    message when the task was completed by someone else meanwhile."""

    def view(request, *args, **kwargs):
        process_pk, task_pk = kwargs["process_pk"], kwargs["task_pk"]

        def call():
            task = get_object_or_404(flow_task.flow_class.task_class.objects.select_related("process"), pk=task_pk)
            if task.process.flow_class != flow_task.flow_class or task.process_id != process_pk:
                raise Http404
            case = case_of(task.process)
            if access.declaration_pending(request.user, case):
                return redirect("cases:declare", pk=case.pk)
            if not access.can(request.user, "view", case):
                raise Http404
            if task.status in (STATUS.DONE, STATUS.CANCELED):
                return _task_closed_page(request, task)
            request.activation = flow_task.activation_class(task)
            if task.owner_id != request.user.pk:
                raise PermissionDenied
            refusal = access.refusal(request.user, flow_task.action, case, step=flow_task.name)
            if refusal:
                return render(request, "kiemtra/conflict.html", {"message": refusal.message, "case": case}, status=403)
            request.activation.start(request)
            return origin_view(request, *args, **kwargs)

        try:
            if request.method == "POST":
                with flow_task.flow_class.lock(process_pk), transaction.atomic():
                    return call()
            return call()
        except TransitionNotAllowed as e:
            raise PermissionDenied(",".join(e.args)) from e

    update_wrapper(view, origin_view)
    return view


def _ask_declaration_first(origin_view):
    """A team member who still owes the conflict-of-interest declaration is sent to it
    (instead of a bare 403) whatever task page they open."""

    def view(request, *args, **kwargs):
        from workflow.models import CaseProcess

        process = CaseProcess.objects.select_related("case").filter(pk=kwargs.get("process_pk")).first()
        if process is not None and process.case is not None and access.declaration_pending(request.user, process.case):
            return redirect("cases:declare", pk=process.case_id)
        return origin_view(request, *args, **kwargs)

    update_wrapper(view, origin_view)
    return view


class CaseIndexMixin:
    """The stock task index and detail pages: ours ask the case (the index page has no
    permission check of its own), and ask for a pending declaration first."""

    @property
    def index_path(self):
        if self.index_view:
            return path(
                f"<int:process_pk>/{self.name}/<int:task_pk>/",
                _ask_declaration_first(vf_utils.wrap_task_view(self, self.index_view, permission=self.can_view)),
                name="index",
            )

    @property
    def detail_path(self):
        if self.detail_view:
            return path(
                f"<int:process_pk>/{self.name}/<int:task_pk>/detail/",
                _ask_declaration_first(vf_utils.wrap_task_view(self, self.detail_view, permission=self.can_view)),
                name="detail",
            )


def _record_assignment(activation, *, actor, owner, how: str) -> None:
    from inspections.services.teams import assignment_record

    task = activation.task
    assignment_record(
        actor=actor,
        case=case_of(activation.process),
        step=activation.flow_task.name,
        step_title=activation.flow_task.task_title,
        owner=owner,
        how=how,
        # One notice per task and owner: a task reassigned twice to two people is two.
        task_key=f"{task.pk}:{owner.pk if owner is not None else ''}",
    )


def _announce_queued(activation) -> None:
    """A new task no one owns: those holding the role its step needs may claim it from the
    queue; tell them (issue 11 point 2). Segregation and conflicts leave people out, as
    the queue does; a pending declaration does not (they are asked to declare first)."""
    from inspections.services import notifications

    flow_task = activation.flow_task
    action = getattr(flow_task, "action", None)
    roles = [role for role in CaseRole.Role.values if action in access.POLICY.get(role, ())]
    if not roles:
        return
    case = case_of(activation.process)
    rows = CaseRole.objects.filter(case=case, role__in=roles, revoked_at__isnull=True).select_related("user")
    held: dict = {}
    for row in rows:
        held.setdefault(row.user, set()).add(row.role)
    candidates = [
        user
        for user, as_roles in held.items()
        if access.refusal(user, action, case, step=flow_task.name, as_roles=tuple(as_roles)) is None
    ]
    notifications.task_queued(
        case=case, candidates=candidates, step_title=str(flow_task.task_title), task_key=str(activation.task.pk)
    )


class CaseTaskActivation(ViewActivation):
    """Every assignment of a case task is journaled on the case: automatic assignment at
    creation, a claim from the queue, a release back to it, a reassignment."""

    @classmethod
    def create(cls, flow_task, prev_activation, token, data=None, seed=None):
        activation = super().create(flow_task, prev_activation, token, data=data, seed=seed)
        if activation.task.owner_id:
            _record_assignment(activation, actor=None, owner=activation.task.owner, how="auto")
        else:
            _announce_queued(activation)
        return activation

    @ViewActivation.status.super()
    def assign(self, user):
        super().assign.original(user)
        _record_assignment(self, actor=user, owner=user, how="claimed")

    @ViewActivation.status.super()
    def unassign(self):
        previous = self.task.owner
        super().unassign.original()
        _record_assignment(self, actor=None, owner=previous, how="released")

    @ViewActivation.status.super()
    def reassign(self, user=None):
        super().reassign.original(user)
        _record_assignment(self, actor=None, owner=self.task.owner, how="reassigned")


class CaseTask(CaseIndexMixin, flow.View):
    """A human step on a case. `action` is the access action the step needs; `status` the
    case status the step leads to, or a tuple of them when its outcome decides (the chair
    accepts or returns). tests/workflow/test_flow_graphs.py checks every edge of every flow
    against the kind's status pipeline with it (workflow.flow_graph)."""

    activation_class = CaseTaskActivation

    def __init__(self, view, *, action: str, status: str | tuple[str, ...], auto_assign: bool = True, **kwargs):
        super().__init__(view, **kwargs)
        self.action = action
        self.statuses = (status,) if isinstance(status, str) else tuple(status)
        self.Permission(f"inspections.{access.ACTIONS[action]}", obj=case_of)
        if auto_assign:
            self.Assign(_sole_holder(action))

    @property
    def view_path(self):
        return path(
            f"<int:process_pk>/{self.name}/<int:task_pk>/execute/",
            wrap_case_task_view(self, self.view),
            name="execute",
        )

    def can_assign(self, user, task):
        if task.owner_id or user is None or not user.is_authenticated:
            return False
        return access.refusal(user, self.action, case_of(task.process), step=self.name) is None

    def can_unassign(self, user, task):
        return bool(task.owner_id) and task.owner_id == getattr(user, "pk", None)

    def can_execute(self, user, task):
        if not user.is_authenticated or task.owner_id != user.pk:
            return False
        return access.refusal(user, self.action, case_of(task.process), step=self.name) is None


class CaseIf(CaseIndexMixin, flow.If):
    """A gateway whose task pages check case access."""


class CaseEnd(CaseIndexMixin, flow.End):
    """The end node, with task pages checking case access."""
