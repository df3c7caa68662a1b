"""Opening a case, forming its team and signing the decision (domain.md §5(A), A.3 step 1;
§5(B) B.1 steps 1–2)."""

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from inspections import access, journal
from inspections.deadlines import CLOCK_FIELDS, clock_payload, start_clock
from inspections.exceptions import AccessDenied, RuleViolation
from inspections.kinds.registry import is_final
from inspections.models import Case, CaseKind, CaseRole, CaseStatus, KeyArea
from inspections.selectors.conflicts import conflicts_of
from inspections.services import notifications
from inspections.services.documents import document_add
from inspections.services.links import case_link
from inspections.services.status import set_status
from people import selectors as people_selectors
from people.models import Committee, CommitteeSeat, Organisation, PartyMember


def _journal_opened(*, actor, case: Case, key_areas, approvers: list, extra: dict | None) -> None:
    journal.append(
        case=case,
        actor=actor,
        action="case.opened",
        payload={
            "number": case.number,
            "kind": case.kind,
            "title": case.title,
            "subject_member": case.subject_member_id,
            "subject_organisation": case.subject_organisation_id,
            "subject_is_head": case.subject_is_head,
            "key_areas": sorted(a.code for a in key_areas),
            "approvers": sorted(a.pk for a in approvers),
            **(extra or {}),
        },
    )


def _next_sequence(committee: Committee, year: int) -> int:
    """The next case number of the committee's year. The committee row is locked, so two
    clerks opening cases at once get distinct numbers."""
    Committee.objects.select_for_update().filter(pk=committee.pk).exists()
    last = Case.objects.filter(committee=committee, year=year).aggregate(m=Max("sequence"))["m"] or 0
    return last + 1


def _approver_seats(committee: Committee, on: datetime.date):
    """Who signs for the body: its chairs; for a cell, the secretary and the deputy
    secretaries, who sign "T/M chi bộ" in the secretary's stead (domain.md §6.3 signature
    block [B]) — so a case the secretary drafts can still be signed by someone else
    (four-eyes, design.md decision 7)."""
    if committee.kind == Committee.Kind.CELL:
        return people_selectors.seats_of_roles(committee, on, (CommitteeSeat.Role.CHAIR, CommitteeSeat.Role.DEPUTY))
    return people_selectors.committee_chairs(committee, on)


def _opening_roles_grant(*, actor, case: Case, on: datetime.date) -> list:
    """The opener drafts; the body's signers approve (there must be one). Returns them."""
    access.grant_role(case=case, user=actor, role=CaseRole.Role.DRAFTER)
    approvers = [seat.user for seat in _approver_seats(case.committee, on).select_related("user")]
    if not approvers:
        raise RuleViolation(
            _("%(body)s chưa có người đứng đầu (Chủ nhiệm, Bí thư) để ký quyết định: bổ sung thành viên cơ quan trước.")
            % {"body": case.committee.name}
        )
    for approver in approvers:
        access.grant_role(case=case, user=approver, role=CaseRole.Role.APPROVER)
    return approvers


def case_create(
    *,
    actor,
    committee: Committee,
    kind: str,
    title: str,
    grounds: str,
    subject_member: PartyMember | None = None,
    subject_organisation: Organisation | None = None,
    key_areas: list[KeyArea] | tuple = (),
    confidentiality: str = "normal",
    period_start: datetime.date | None = None,
    period_end: datetime.date | None = None,
    status: str = CaseStatus.DRAFT,
    journal_payload: dict | None = None,
) -> Case:
    """The part every case kind shares when a case is opened: the opener's right to open for
    the committee, exactly one subject, the case number, the head-of-organisation flag, the
    drafter and approver roles and the "case.opened" journal entry. Call inside a transaction.

    The body may be an inspection committee, a party committee, its standing committee or a
    cell (issue 9 point 9): the rule table must let its kind open `kind`, and the subject
    must lie within its competence (inspections.access.opening)."""
    if not access.holds_opening_seat(actor, committee):
        raise AccessDenied
    if (subject_member is None) == (subject_organisation is None):
        raise RuleViolation(_("Chọn đúng một đối tượng kiểm tra: một tổ chức đảng hoặc một đảng viên."))
    refused = access.opening_refusal(
        actor, committee, kind, subject_member=subject_member, subject_organisation=subject_organisation
    )
    if refused:
        raise RuleViolation(refused)
    if period_start and period_end and period_end < period_start:
        raise RuleViolation(_("Thời kỳ kiểm tra: ngày kết thúc phải sau ngày bắt đầu."))
    today = timezone.localdate()
    year = today.year
    sequence = _next_sequence(committee, year)
    # Heads of organisations are flagged on the case (issue 3 point 3; domain.md §8).
    subject_is_head = bool(subject_member and people_selectors.is_head(subject_member, today))
    case = Case.objects.create(
        committee=committee,
        jurisdiction_path=committee.organisation.path,
        year=year,
        sequence=sequence,
        number=f"{sequence:02d}-{year}/{committee.code}",
        kind=kind,
        title=title,
        grounds=grounds,
        subject_member=subject_member,
        subject_organisation=subject_organisation,
        subject_is_head=subject_is_head,
        confidentiality=confidentiality,
        period_start=period_start,
        period_end=period_end,
        opened_on=today,
        status=status,
        created_by=actor,
    )
    case.key_areas.set(key_areas)
    approvers = _opening_roles_grant(actor=actor, case=case, on=today)
    _journal_opened(actor=actor, case=case, key_areas=key_areas, approvers=approvers, extra=journal_payload)
    return case


def team_form(*, actor, case: Case, leader, members=(), director=None) -> None:
    """Give the team its roles after refusing conflicts of interest. Call inside a transaction."""
    members = [m for m in members if m.pk != leader.pk]
    if len({m.pk for m in members}) != len(members):
        raise RuleViolation(_("Một người được chọn hai lần trong đoàn."))
    team = [leader, *members] + ([director] if director is not None else [])
    # Conflicts of interest are checked against the saved case; a refusal rolls it back.
    conflicts = [reason for user in team for reason in conflicts_of(case, user)]
    if conflicts:
        raise RuleViolation(conflicts)
    access.grant_role(case=case, user=leader, role=CaseRole.Role.LEADER)
    for member in members:
        access.grant_role(case=case, user=member, role=CaseRole.Role.MEMBER)
    if director is not None:
        access.grant_role(case=case, user=director, role=CaseRole.Role.DIRECTOR)
    # They must declare before they see the file: tell them (issue 11 point 2).
    notifications.declaration_needed(case=case, users=[leader, *members, director])


@transaction.atomic
def case_open(
    *,
    actor,
    committee: Committee,
    kind: str = CaseKind.PLANNED_INSPECTION,
    title: str,
    grounds: str,
    subject_member: PartyMember | None = None,
    subject_organisation: Organisation | None = None,
    key_areas: list[KeyArea] | tuple = (),
    confidentiality: str = "normal",
    period_start: datetime.date | None = None,
    period_end: datetime.date | None = None,
    leader,
    members=(),
    director=None,
    decision_file=None,
) -> Case:
    """Staff draft the inspection decision and the team; the case starts in DRAFT."""
    members = [m for m in members if m.pk != leader.pk]
    if len({m.pk for m in members}) != len(members):
        raise RuleViolation(_("Một người được chọn hai lần trong đoàn."))
    case = case_create(
        actor=actor,
        committee=committee,
        kind=kind,
        title=title,
        grounds=grounds,
        subject_member=subject_member,
        subject_organisation=subject_organisation,
        key_areas=key_areas,
        confidentiality=confidentiality,
        period_start=period_start,
        period_end=period_end,
        journal_payload={
            "leader": leader.pk,
            "members": sorted(m.pk for m in members),
            "director": director.pk if director is not None else None,
        },
    )
    team_form(actor=actor, case=case, leader=leader, members=members, director=director)
    if decision_file is not None:
        document_add(
            actor=actor, case=case, kind="decision", title=_("Dự thảo quyết định kiểm tra"), upload=decision_file
        )
    return case


@transaction.atomic
def case_spawn(
    *,
    actor,
    origin: Case,
    kind: str,
    relation: str,
    title: str,
    grounds: str,
    subject_member: PartyMember | None = None,
    subject_organisation: Organisation | None = None,
    committee: Committee | None = None,
    status: str = CaseStatus.DRAFT,
    note: str = "",
) -> Case:
    """Open a case that arises from another one (supervision -> inspection upon signs,
    denunciation -> discipline, discipline -> complaint, unmet follow-up -> inspection upon
    signs) and link the two both ways. The new case has no team yet: its flow starts with
    the staff task that forms it (workflow.spawn). The key areas carry over."""
    if subject_member is None and subject_organisation is None:
        subject_member, subject_organisation = origin.subject_member, origin.subject_organisation
    case = case_create(
        actor=actor,
        committee=committee or origin.committee,
        kind=kind,
        title=title,
        grounds=grounds,
        subject_member=subject_member,
        subject_organisation=subject_organisation,
        key_areas=list(origin.key_areas.all()),
        confidentiality=origin.confidentiality,
        status=status,
        journal_payload={"origin": origin.pk, "relation": relation},
    )
    case_link(actor=actor, source=origin, target=case, relation=relation, note=note)
    return case


def drafter_of(case: Case):
    roles = CaseRole.objects.filter(case=case, role=CaseRole.Role.DRAFTER).order_by("pk")
    role = roles.filter(revoked_at=None).first() or roles.first()
    return role.user if role else case.created_by


@transaction.atomic
def decision_sign(*, actor, case: Case, signed_on: datetime.date | None = None) -> Case:
    """The chair signs the inspection decision; the statutory clock starts."""
    # Four-eyes (design.md decision 7): access weighs the drafter with the role.
    access.require(
        actor,
        "approve",
        case,
        author=drafter_of(case),
        own_work=_("Người dự thảo quyết định không được tự ký quyết định."),
    )
    signed_on = signed_on or timezone.localdate()
    if signed_on > timezone.localdate():
        raise RuleViolation(_("Ngày ký không được sau ngày hôm nay."))
    if signed_on < case.opened_on:
        raise RuleViolation(_("Ngày ký không được trước ngày lập hồ sơ."))
    set_status(case=case, actor=actor, target=CaseStatus.DECIDED)
    case.decided_on = signed_on
    # Signing is the planned inspection's clock-start event (domain.md §7.8): the time limit
    # in force that day for the case's province governs it, and the due date is kept.
    limit = start_clock(case, signed_on)
    case.save(update_fields=["decided_on", *CLOCK_FIELDS])
    payload = {"signed_on": signed_on, **clock_payload(case, limit)}
    journal.append(case=case, actor=actor, action="decision.signed", payload=payload)
    return case


def seat_role_label(role: str) -> str:
    return CommitteeSeat.Role(role).label


# Roles that work a case; they lose access when the case is archived or transferred. The
# chair (approver) keeps read access to an archived case; auditors read it by mandate.
WORKING_ROLES = (CaseRole.Role.DRAFTER, CaseRole.Role.LEADER, CaseRole.Role.MEMBER, CaseRole.Role.DIRECTOR)


def _revoke_working_roles(case: Case) -> list[dict]:
    revoked = []
    for role in CaseRole.objects.filter(case=case, role__in=WORKING_ROLES, revoked_at__isnull=True).select_related(
        "user"
    ):
        access.revoke_role(case=case, user=role.user, role=role.role)
        revoked.append({"user": role.user_id, "name": str(role.user), "role": role.role})
    return revoked


@transaction.atomic
def case_archive(*, actor, case: Case) -> Case:
    """File a closed case away: the staff and the team stop seeing it (design.md decision
    2, "revoked when ... case archived for staff"); the chair and auditors still read it."""
    access.require(actor, "approve", case)
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not is_final(case.kind, case.status):
        raise RuleViolation(_("Chỉ lưu trữ được hồ sơ đã kết thúc."))
    if case.archived_at is not None:
        raise RuleViolation(_("Hồ sơ đã được lưu trữ."))
    case.archived_at = timezone.now()
    case.save(update_fields=["archived_at"])
    revoked = _revoke_working_roles(case)
    journal.append(case=case, actor=actor, action="case.archived", payload={"revoked": revoked})
    return case


@transaction.atomic
def case_transfer(*, actor, case: Case, to_committee: Committee, reason: str) -> Case:
    """Hand a case to another inspection committee (e.g. the competent body). The team and
    staff of the old committee lose access; the new committee's chairs become approvers
    and form a new team (team_change). The case keeps its number."""
    access.require(actor, "approve", case)
    reason = reason.strip()
    if not reason:
        raise RuleViolation(_("Cần ghi rõ lý do chuyển hồ sơ."))
    case = Case.objects.select_for_update().get(pk=case.pk)
    if is_final(case.kind, case.status):
        raise RuleViolation(_("Hồ sơ đã kết thúc, không chuyển được."))
    if to_committee.pk == case.committee_id or to_committee.kind != Committee.Kind.INSPECTION:
        raise RuleViolation(_("Chọn một Ủy ban kiểm tra khác để chuyển hồ sơ."))
    today = timezone.localdate()
    chairs = [seat.user for seat in people_selectors.committee_chairs(to_committee, today).select_related("user")]
    if not chairs:
        raise RuleViolation(_("Ủy ban kiểm tra nhận hồ sơ chưa có Chủ nhiệm."))
    old = {"committee": case.committee_id, "jurisdiction": case.jurisdiction_path}
    revoked = _revoke_working_roles(case)
    for role in CaseRole.objects.filter(case=case, role=CaseRole.Role.APPROVER, revoked_at__isnull=True).select_related(
        "user"
    ):
        access.revoke_role(case=case, user=role.user, role=role.role)
        revoked.append({"user": role.user_id, "name": str(role.user), "role": role.role})
    case.committee = to_committee
    case.jurisdiction_path = to_committee.organisation.path
    case.save(update_fields=["committee", "jurisdiction_path"])
    for chair in chairs:
        access.grant_role(case=case, user=chair, role=CaseRole.Role.APPROVER)
    journal.append(
        case=case,
        actor=actor,
        action="case.transferred",
        payload={
            "committee": {"before": old["committee"], "after": to_committee.pk},
            "jurisdiction": {"before": old["jurisdiction"], "after": case.jurisdiction_path},
            "reason": reason,
            "revoked": revoked,
            "approvers": sorted(c.pk for c in chairs),
        },
    )
    return case
