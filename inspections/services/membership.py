"""Membership follows the sanction (issue 9 point 8; domain.md §6.1, §6.4, §11b.6):

- expulsion ends the membership from its effective date (the announcement, Charter Art.
  39.6): status expelled, `left_on`, the member's party posts and committee seats end;
- dismissal (cách chức) ends the posts its decision names (Position rows and committee
  seats the member held on the day it was signed; at least one), from the effective date;
- a wrongful expulsion removed (or reduced) on complaint restores the membership
  (Reg. 117-QĐ/TW 2023); a form increased to expulsion on complaint ends it from the
  replacing record's effective date (the announcement of the complaint decision);
- strike-off (xóa tên) is not a discipline form: a probationary member who no longer
  qualifies is struck off the list by a decision of its own (`strike_off_record`).

The people rows are written by people.services.membership; this module checks the rules
and journals on the case."""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from inspections import access, journal
from inspections.exceptions import AccessDenied, RuleViolation
from inspections.models import Case, DisciplineDecision, DisciplineRecord, SanctionForm, StrikeOff
from inspections.services.discipline import not_future
from inspections.services.documents import document_add
from people.models import CommitteeSeat, PartyMember, Position
from people.services.membership import LEFT_STATUSES, membership_end, membership_restore, posts_end


def _open_q(on: datetime.date) -> Q:
    return Q(started_on__lte=on) & (Q(ended_on__isnull=True) | Q(ended_on__gte=on))


def _open_on(qs, on: datetime.date):
    return qs.filter(_open_q(on))


def dismissal_posts_check(*, member: PartyMember, positions, seats, on: datetime.date) -> tuple[list, list]:
    """The posts a dismissal names: at least one, each held by the member on `on`."""
    positions, seats = list(positions), list(seats)
    if not positions and not seats:
        raise RuleViolation(
            _("Quyết định cách chức phải ghi rõ chức vụ (hoặc vị trí trong cấp ủy, ủy ban) bị cách chức.")
        )
    held_positions = set(_open_on(Position.objects.filter(member=member), on).values_list("pk", flat=True))
    held_seats = set(_open_on(CommitteeSeat.objects.filter(user__member=member), on).values_list("pk", flat=True))
    if any(p.pk not in held_positions for p in positions) or any(s.pk not in held_seats for s in seats):
        raise RuleViolation(_("Chỉ cách chức những chức vụ đối tượng đang giữ vào ngày ký quyết định."))
    return positions, seats


def _posts_text(positions, seats) -> str:
    names = [str(p) for p in positions] + [f"{s.get_role_display()} – {s.committee}" for s in seats]
    return "; ".join(names)


def sanction_membership_apply(*, actor, case: Case, decision: DisciplineDecision, record: DisciplineRecord) -> str:
    """At the announcement (the effective date): an expulsion ends the membership, a
    dismissal the posts its decision names. Returns the effect shown on the record; runs
    inside discipline_announce's transaction."""
    on = record.effective_on
    member = record.member
    if member is None or decision.form not in (SanctionForm.EXPULSION, SanctionForm.DISMISSAL):
        return ""
    if decision.form == SanctionForm.EXPULSION:
        changed = membership_end(member=member, on=on, status=PartyMember.Status.EXPELLED)
        effect = _expulsion_effect(on)
    else:
        positions, seats = list(decision.dismissed_positions.all()), list(decision.dismissed_seats.all())
        changed = posts_end(positions=positions, seats=seats, on=on)
        effect = _("Thôi giữ chức vụ từ ngày %(d)s: %(posts)s.") % {
            "d": on.strftime("%d/%m/%Y"),
            "posts": _posts_text(positions, seats),
        }
    record.membership_effect = effect
    record.save(update_fields=["membership_effect"])
    journal.append(
        case=case,
        actor=actor,
        action="membership.changed",
        payload={"member": member.pk, "form": decision.form, "effective_on": on, "effect": effect, **changed},
    )
    return effect


def _expulsion_effect(on: datetime.date) -> str:
    return _("Chấm dứt tư cách đảng viên từ ngày %(d)s (khai trừ có hiệu lực khi công bố).") % {
        "d": on.strftime("%d/%m/%Y")
    }


def expulsion_on_complaint(*, record: DisciplineRecord) -> dict:
    """A complaint increased the form to expulsion: the replacing record takes effect when
    the complaint decision is announced (Charter Art. 39.6; domain.md §6.4), and from that
    day the membership ends as for an expulsion decided at first instance (issue 9 point 8).
    Returns the change (empty if none) for the complaint's journal; runs inside
    complaint_decision_notify's transaction, after the effective date is set."""
    member = record.member
    if member is None or record.form != SanctionForm.EXPULSION or record.effective_on is None:
        return {}
    if member.status in LEFT_STATUSES:
        return {}  # already out of the party (deceased, struck off): nothing to end
    changed = membership_end(member=member, on=record.effective_on, status=PartyMember.Status.EXPELLED)
    record.membership_effect = _expulsion_effect(record.effective_on)
    record.save(update_fields=["membership_effect"])
    return changed


def expulsion_undone(*, record: DisciplineRecord, outcome: str) -> dict:
    """A complaint removes an expulsion, or reduces it to a lighter form: the membership is
    restored (Reg. 117-QĐ/TW 2023; domain.md §6.4). Returns the change (empty if none), for
    the complaint's journal; runs inside complaint_outcome_apply's transaction."""
    member = record.member
    if member is None or record.form != SanctionForm.EXPULSION or outcome not in ("remove", "reduce"):
        return {}
    if member.status != PartyMember.Status.EXPELLED:
        return {}
    return membership_restore(member=member)


def _may_strike_off(actor, case: Case, member: PartyMember) -> None:
    """The case's approver, or the chair of a committee of the member's organisation or of
    an organisation above it."""
    if access.can(actor, "approve", case):
        return
    chairs = CommitteeSeat.objects.filter(
        _open_q(timezone.localdate()), user=actor, role=CommitteeSeat.Role.CHAIR
    ).values_list("committee__organisation__path", flat=True)
    if not any(member.organisation.path.startswith(path) for path in chairs):
        raise AccessDenied


@transaction.atomic
def strike_off_record(
    *,
    actor,
    case: Case,
    body_label: str,
    number: str = "",
    reason: str,
    decided_on: datetime.date,
    effective_on: datetime.date,
    upload,
) -> StrikeOff:
    """A probationary member who no longer qualifies is struck off the list by the cell or
    the committee (domain.md §6.1, §11b.6): not a discipline form, never offered on a
    ballot. The decision is recorded with its document; the membership ends from the
    effective date (status struck, `left_on`, posts and seats end)."""
    member = case.subject_member
    if member is None:
        raise RuleViolation(_("Chỉ xóa tên một đảng viên dự bị: hồ sơ này không có đối tượng là đảng viên."))
    _may_strike_off(actor, case, member)
    member = PartyMember.objects.select_for_update().get(pk=member.pk)
    if member.status != PartyMember.Status.PROBATIONARY:
        raise RuleViolation(
            _(
                "Chỉ xóa tên đảng viên dự bị (tình trạng hiện tại: %(status)s). Đảng viên chính thức vi phạm đến mức "
                "phải khai trừ thì phải khai trừ, không được xóa tên thay (Điều lệ Đảng Điều 35; domain.md §6.1)."
            )
            % {"status": member.get_status_display()}
        )
    reason, body_label = reason.strip(), body_label.strip()
    if not reason:
        raise RuleViolation(_("Ghi rõ lý do xóa tên (đảng viên dự bị không còn đủ tư cách đảng viên)."))
    if not body_label:
        raise RuleViolation(_("Ghi rõ chi bộ hoặc cấp ủy quyết định xóa tên."))
    not_future(decided_on, _("Ngày quyết định"))
    if effective_on < decided_on:
        raise RuleViolation(_("Ngày có hiệu lực không được trước ngày quyết định xóa tên."))
    if upload is None:
        raise RuleViolation(_("Cần tải lên quyết định xóa tên."))
    strike = StrikeOff.objects.create(
        case=case,
        member=member,
        body_label=body_label,
        number=number.strip(),
        reason=reason,
        decided_on=decided_on,
        effective_on=effective_on,
        recorded_by=actor,
    )
    changed = membership_end(member=member, on=effective_on, status=PartyMember.Status.STRUCK)
    document = document_add(
        actor=actor, case=case, kind="strike_off", title=_("Quyết định xóa tên"), upload=upload, action="view"
    )
    journal.append(
        case=case,
        actor=actor,
        action="member.struck_off",
        payload={
            "member": member.pk,
            "body": body_label,
            "number": strike.number,
            "reason": reason,
            "decided_on": decided_on,
            "effective_on": effective_on,
            "document": document.pk,
            **changed,
        },
    )
    return strike
