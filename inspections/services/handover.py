"""Out-of-office delegation and the hand-over of a departing member's cases (issue 4
point 7).

Both move case roles from one person to another: a delegation until it ends, a hand-over
for good. The receiver takes the absent person's place rather than joining them, because
a case has one team leader (constraint `caserole_one_leader`), a step auto-assigns only
to the sole holder of its role (workflow.nodes._sole_holder), and need-to-know says the
absent person has no use for the file while away. Each case is checked again for
conflicts of interest of the receiver (inspections.selectors.conflicts); a conflicted
case is not moved, and the record of why is kept for the chair to decide. Team roles
received this way still need the receiver's no-conflict declaration before they see the
file (access.declaration_pending), as for anyone put on a team.

Every move is journaled on the case, naming both people. Open tasks follow the roles in
the workflow layer (workflow.delegation), which calls these services.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inspections import access, journal
from inspections.exceptions import AccessDenied, RuleViolation
from inspections.models import Case, CaseRole, RoleTransfer
from inspections.selectors import handover as selectors
from inspections.selectors.conflicts import conflicts_of
from people.models import DELEGATION_PIPELINE, Delegation, HandoverRequest


@dataclass
class CaseMove:
    case: Case
    roles: list[str]
    reasons: list[str] = field(default_factory=list)


@dataclass
class TransferReport:
    """What a service did: roles moved `from_user` → `to_user` per case, cases skipped
    (with the reasons), and roles not given back when a delegation ended."""

    from_user: object
    to_user: object
    moved: list[CaseMove] = field(default_factory=list)
    skipped: list[CaseMove] = field(default_factory=list)
    kept: list[CaseMove] = field(default_factory=list)


def _names(user) -> dict:
    return {"id": user.pk, "name": str(user)}


def _set_delegation_status(delegation: Delegation, target: str, *, actor=None) -> None:
    if target not in DELEGATION_PIPELINE[delegation.status]:
        raise RuleViolation(
            _("Ủy quyền đang ở trạng thái “%(status)s”, không chuyển được.")
            % {"status": delegation.get_status_display()}
        )
    now = timezone.now()
    delegation.status = target
    fields = ["status"]
    if target == Delegation.Status.ACTIVE:
        delegation.started_at = now
        fields.append("started_at")
    else:
        delegation.ended_at, delegation.ended_by = now, actor
        fields += ["ended_at", "ended_by"]
    delegation.save(update_fields=fields)


def _move_roles(*, case: Case, roles: list[str], from_user, to_user, **origin) -> None:
    """Revoke each role from `from_user` and grant it to `to_user` (revoking first: one
    leader per case). A role the receiver already held stays theirs and is not tracked
    as granted."""
    for role in roles:
        already = CaseRole.objects.filter(case=case, user=to_user, role=role, revoked_at__isnull=True).exists()
        access.revoke_role(case=case, user=from_user, role=role)
        granted = None if already else access.grant_role(case=case, user=to_user, role=role)
        RoleTransfer.objects.create(
            case=case,
            role=role,
            from_user=from_user,
            to_user=to_user,
            outcome=RoleTransfer.Outcome.MOVED,
            granted=granted,
            **origin,
        )


def _record_skip(*, case: Case, roles: list[str], reasons: list[str], from_user, to_user, **origin) -> None:
    RoleTransfer.objects.bulk_create(
        RoleTransfer(
            case=case,
            role=role,
            from_user=from_user,
            to_user=to_user,
            outcome=RoleTransfer.Outcome.SKIPPED,
            reason="\n".join(reasons),
            **origin,
        )
        for role in roles
    )


def _check_delegation_rules(*, user, delegate, starts_on: datetime.date, ends_on: datetime.date, reason: str):
    if not reason:
        raise RuleViolation(_("Cần ghi lý do vắng mặt."))
    if ends_on < starts_on:
        raise RuleViolation(_("Ngày kết thúc ủy quyền không được trước ngày bắt đầu."))
    if starts_on < timezone.localdate():
        raise RuleViolation(_("Không ủy quyền cho những ngày đã qua."))
    if delegate.pk == user.pk:
        raise RuleViolation(_("Không thể tự ủy quyền cho chính mình."))
    if not delegate.is_active:
        raise RuleViolation(_("Tài khoản của người được ủy quyền đã bị khóa."))
    if not selectors.colleagues_of(user).filter(pk=delegate.pk).exists():
        raise RuleViolation(_("Người được ủy quyền phải là thành viên hoặc cán bộ của cùng ủy ban với người vắng mặt."))
    # Lock both people so that two overlapping requests cannot both pass the check below.
    list(get_user_model().objects.select_for_update().filter(pk__in=[user.pk, delegate.pk]).order_by("pk"))
    overlapping = Delegation.objects.filter(
        status__in=selectors.OPEN_DELEGATION, starts_on__lte=ends_on, ends_on__gte=starts_on
    )
    if overlapping.filter(user=user).exists():
        raise RuleViolation(_("%(name)s đã có ủy quyền trùng thời gian này.") % {"name": user})
    if overlapping.filter(user=delegate).exists():
        raise RuleViolation(_("%(name)s cũng vắng mặt trong thời gian này.") % {"name": delegate})
    if overlapping.filter(delegate=user).exists():
        # No chains: the roles a person holds for someone else are not theirs to pass on.
        raise RuleViolation(
            _("%(name)s đang nhận ủy quyền của người khác trong thời gian này; hãy kết thúc ủy quyền đó trước.")
            % {"name": user}
        )


@transaction.atomic
def delegation_start(
    *, actor, user, delegate, starts_on: datetime.date, ends_on: datetime.date, reason: str
) -> tuple[Delegation, TransferReport]:
    """Record that `user` is away from `starts_on` to `ends_on` and `delegate` acts for
    them. Recorded by the absent person or the chair of a committee on which they sit.
    When the absence has begun, the roles move at once; otherwise on its first day
    (`delegation_apply`, run daily)."""
    if not selectors.may_delegate_for(actor, user):
        raise AccessDenied
    reason = (reason or "").strip()
    _check_delegation_rules(user=user, delegate=delegate, starts_on=starts_on, ends_on=ends_on, reason=reason)
    delegation = Delegation.objects.create(
        user=user, delegate=delegate, starts_on=starts_on, ends_on=ends_on, reason=reason, created_by=actor
    )
    if starts_on <= timezone.localdate():
        return delegation, delegation_apply(delegation=delegation, actor=actor)
    return delegation, TransferReport(from_user=user, to_user=delegate)


@transaction.atomic
def delegation_apply(*, delegation: Delegation, actor=None) -> TransferReport:
    """Move the absent person's case roles to the delegate. Starts a scheduled delegation
    on its first day; run again while it lasts (daily), it also moves the roles the
    absent person was given since. `actor` is None when run by the schedule."""
    delegation = Delegation.objects.select_for_update().select_related("user", "delegate").get(pk=delegation.pk)
    today = timezone.localdate()
    if delegation.status not in selectors.OPEN_DELEGATION or not delegation.starts_on <= today <= delegation.ends_on:
        raise RuleViolation(_("Ủy quyền này không trong thời gian hiệu lực."))
    if delegation.status == Delegation.Status.SCHEDULED:
        _set_delegation_status(delegation, Delegation.Status.ACTIVE)
    user, delegate = delegation.user, delegation.delegate
    report = TransferReport(from_user=user, to_user=delegate)
    already_skipped = set(
        delegation.transfers.filter(outcome=RoleTransfer.Outcome.SKIPPED).values_list("case_id", flat=True)
    )
    payload = {
        "delegation": delegation.pk,
        "user": _names(user),
        "delegate": _names(delegate),
        "starts_on": delegation.starts_on,
        "ends_on": delegation.ends_on,
        "reason": delegation.reason,
    }
    for case, roles in selectors.roles_held(user).items():
        reasons = conflicts_of(case, delegate)
        if reasons:
            report.skipped.append(CaseMove(case=case, roles=roles, reasons=reasons))
            if case.pk not in already_skipped:
                _record_skip(
                    case=case, roles=roles, reasons=reasons, from_user=user, to_user=delegate, delegation=delegation
                )
                journal.append(
                    case=case,
                    actor=actor,
                    action="delegation.skipped",
                    payload={**payload, "roles": roles, "reasons": reasons},
                )
            continue
        _move_roles(case=case, roles=roles, from_user=user, to_user=delegate, delegation=delegation)
        journal.append(case=case, actor=actor, action="delegation.started", payload={**payload, "roles": roles})
        report.moved.append(CaseMove(case=case, roles=roles))
    return report


@transaction.atomic
def delegation_end(*, actor, delegation: Delegation) -> TransferReport:
    """End a delegation: on demand (the absent person, whoever recorded it, or the chair)
    or by the schedule after its last day (`actor` None). The delegate's roles that came
    from it are revoked and given back, unless the committee changed the team meanwhile
    (the receiver's role was already revoked, or someone else now leads the team): then
    the committee's decision stands and the role is reported as not given back."""
    delegation = Delegation.objects.select_for_update().select_related("user", "delegate").get(pk=delegation.pk)
    if actor is not None and not selectors.may_end_delegation(actor, delegation):
        raise AccessDenied
    user, delegate = delegation.user, delegation.delegate
    report = TransferReport(from_user=delegate, to_user=user)
    if delegation.status == Delegation.Status.SCHEDULED:
        _set_delegation_status(delegation, Delegation.Status.CANCELLED, actor=actor)
        return report
    _set_delegation_status(delegation, Delegation.Status.ENDED, actor=actor)
    transfers = (
        delegation.transfers.filter(outcome=RoleTransfer.Outcome.MOVED, returned_at__isnull=True)
        .select_related("case", "granted")
        .order_by("case_id", "pk")
    )
    by_case: dict[Case, list[RoleTransfer]] = {}
    for transfer in transfers:
        by_case.setdefault(transfer.case, []).append(transfer)
    now = timezone.now()
    for case, rows in by_case.items():
        returned, kept = [], []
        for transfer in rows:
            if transfer.granted is not None and transfer.granted.revoked_at is not None:
                kept.append(transfer.role)
                continue
            if transfer.granted is not None:
                access.revoke_role(case=case, user=delegate, role=transfer.role)
            slot_taken = (
                transfer.role == CaseRole.Role.LEADER
                and CaseRole.objects.filter(case=case, role=CaseRole.Role.LEADER, revoked_at__isnull=True)
                .exclude(user=user)
                .exists()
            )
            if slot_taken:
                kept.append(transfer.role)
            else:
                access.grant_role(case=case, user=user, role=transfer.role)
                returned.append(transfer.role)
        RoleTransfer.objects.filter(pk__in=[t.pk for t in rows]).update(returned_at=now)
        journal.append(
            case=case,
            actor=actor,
            action="delegation.ended",
            payload={
                "delegation": delegation.pk,
                "user": _names(user),
                "delegate": _names(delegate),
                "returned": returned,
                "not_returned": kept,
            },
        )
        report.moved.append(CaseMove(case=case, roles=returned))
        if kept:
            report.kept.append(CaseMove(case=case, roles=kept))
    return report


@transaction.atomic
def handover_request(*, actor, departing, successor, reason: str) -> HandoverRequest:
    """Committee staff or its chair ask that a departing member's case roles and open
    tasks go to a successor. Nothing moves until a chair approves."""
    if not selectors.may_request_handover(actor, departing):
        raise AccessDenied
    reason = (reason or "").strip()
    if not reason:
        raise RuleViolation(_("Cần ghi lý do bàn giao."))
    _check_successor(departing, successor)
    # Lock the departing member so that two simultaneous requests cannot both pass.
    get_user_model().objects.select_for_update().filter(pk=departing.pk).exists()
    if HandoverRequest.objects.filter(departing=departing, status=HandoverRequest.Status.REQUESTED).exists():
        raise RuleViolation(_("Đã có đề nghị bàn giao công việc của %(name)s đang chờ duyệt.") % {"name": departing})
    return HandoverRequest.objects.create(departing=departing, successor=successor, reason=reason, requested_by=actor)


def _check_successor(departing, successor) -> None:
    if successor.pk == departing.pk:
        raise RuleViolation(_("Người nhận bàn giao phải khác người chuyển công tác."))
    if not successor.is_active:
        raise RuleViolation(_("Tài khoản của người nhận bàn giao đã bị khóa."))
    if not selectors.colleagues_of(departing, ever=True).filter(pk=successor.pk).exists():
        raise RuleViolation(_("Người nhận bàn giao phải đang là thành viên hoặc cán bộ của ủy ban."))


def _lock_for_decision(actor, handover: HandoverRequest) -> HandoverRequest:
    handover = HandoverRequest.objects.select_for_update().select_related("departing", "successor").get(pk=handover.pk)
    if not selectors.is_handover_approver(actor, handover.departing):
        raise AccessDenied
    if handover.status != HandoverRequest.Status.REQUESTED:
        raise RuleViolation(_("Đề nghị bàn giao này đã được xử lý."))
    if actor.pk == handover.requested_by_id:
        raise RuleViolation(_("Người đề nghị bàn giao không được tự duyệt đề nghị của mình."))
    if actor.pk in (handover.departing_id, handover.successor_id):
        raise RuleViolation(_("Người chuyển công tác hoặc người nhận bàn giao không được tự duyệt."))
    return handover


def _decide(handover: HandoverRequest, *, actor, status: str, note: str) -> None:
    handover.status, handover.decided_by, handover.decided_at = status, actor, timezone.now()
    handover.decision_note = note
    handover.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])


@transaction.atomic
def handover_approve(*, actor, handover: HandoverRequest, note: str = "") -> TransferReport:
    """A chair of the departing member's committee, who did not ask for it, approves the
    hand-over. Conflicts of interest are checked again for the successor on every case; a
    conflicted case stays with the departing member and is reported for the chair to
    change the team. Committee seats are not touched (that is the people admin)."""
    handover = _lock_for_decision(actor, handover)
    departing, successor = handover.departing, handover.successor
    _check_successor(departing, successor)
    if selectors.open_delegations(departing).exists():
        raise RuleViolation(
            _("%(name)s đang có ủy quyền vắng mặt chưa kết thúc; hãy kết thúc ủy quyền trước khi bàn giao.")
            % {"name": departing}
        )
    _decide(handover, actor=actor, status=HandoverRequest.Status.APPROVED, note=(note or "").strip())
    report = TransferReport(from_user=departing, to_user=successor)
    payload = {
        "handover": handover.pk,
        "departing": _names(departing),
        "successor": _names(successor),
        "requested_by": handover.requested_by_id,
        "reason": handover.reason,
    }
    for case, roles in selectors.roles_held(departing).items():
        reasons = conflicts_of(case, successor)
        if reasons:
            _record_skip(
                case=case, roles=roles, reasons=reasons, from_user=departing, to_user=successor, handover=handover
            )
            skip_payload = {**payload, "roles": roles, "reasons": reasons}
            journal.append(case=case, actor=actor, action="handover.skipped", payload=skip_payload)
            report.skipped.append(CaseMove(case=case, roles=roles, reasons=reasons))
            continue
        _move_roles(case=case, roles=roles, from_user=departing, to_user=successor, handover=handover)
        journal.append(case=case, actor=actor, action="handover.completed", payload={**payload, "roles": roles})
        report.moved.append(CaseMove(case=case, roles=roles))
    return report


@transaction.atomic
def handover_reject(*, actor, handover: HandoverRequest, note: str) -> HandoverRequest:
    handover = _lock_for_decision(actor, handover)
    note = (note or "").strip()
    if not note:
        raise RuleViolation(_("Cần ghi lý do không duyệt."))
    _decide(handover, actor=actor, status=HandoverRequest.Status.REJECTED, note=note)
    return handover
