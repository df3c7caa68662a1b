"""Opening a case, forming its team and signing the decision (domain.md §5(A), A.3 step 1;
§5(B) B.1 steps 1–2)."""

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from inspections import access, journal
from inspections.deadlines import case_due_on
from inspections.exceptions import AccessDenied, RuleViolation
from inspections.models import Case, CaseKind, CaseRole, CaseStatus, KeyArea
from inspections.selectors.conflicts import conflicts_of
from inspections.services.documents import document_add
from inspections.services.status import set_status
from people import selectors as people_selectors
from people.models import Committee, CommitteeSeat, Organisation, PartyMember


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
    if not access.committees_open_for(actor).filter(pk=committee.pk).exists():
        raise AccessDenied
    if (subject_member is None) == (subject_organisation is None):
        raise RuleViolation(_("Chọn đúng một đối tượng kiểm tra: một tổ chức đảng hoặc một đảng viên."))
    if period_start and period_end and period_end < period_start:
        raise RuleViolation(_("Thời kỳ kiểm tra: ngày kết thúc phải sau ngày bắt đầu."))
    members = [m for m in members if m.pk != leader.pk]
    if len({m.pk for m in members}) != len(members):
        raise RuleViolation(_("Một người được chọn hai lần trong đoàn."))
    today = timezone.localdate()
    year = today.year
    # Lock the committee row so two clerks opening cases at once get distinct numbers.
    Committee.objects.select_for_update().filter(pk=committee.pk).exists()
    last = Case.objects.filter(committee=committee, year=year).aggregate(m=Max("sequence"))["m"] or 0
    sequence = last + 1
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
        created_by=actor,
    )
    case.key_areas.set(key_areas)
    team = [leader, *members] + ([director] if director is not None else [])
    # Conflicts of interest are checked against the saved case; a refusal rolls it back.
    conflicts = [reason for user in team for reason in conflicts_of(case, user)]
    if conflicts:
        raise RuleViolation(conflicts)
    access.grant_role(case=case, user=actor, role=CaseRole.Role.DRAFTER)
    access.grant_role(case=case, user=leader, role=CaseRole.Role.LEADER)
    for member in members:
        access.grant_role(case=case, user=member, role=CaseRole.Role.MEMBER)
    if director is not None:
        access.grant_role(case=case, user=director, role=CaseRole.Role.DIRECTOR)
    approvers = [seat.user for seat in people_selectors.committee_chairs(committee, today).select_related("user")]
    if not approvers:
        raise RuleViolation(_("Ủy ban kiểm tra chưa có Chủ nhiệm để ký quyết định."))
    for approver in approvers:
        access.grant_role(case=case, user=approver, role=CaseRole.Role.APPROVER)
    journal.append(
        case=case,
        actor=actor,
        action="case.opened",
        payload={
            "number": case.number,
            "kind": kind,
            "title": title,
            "subject_member": subject_member.pk if subject_member else None,
            "subject_organisation": subject_organisation.pk if subject_organisation else None,
            "subject_is_head": subject_is_head,
            "key_areas": sorted(a.code for a in key_areas),
            "leader": leader.pk,
            "members": sorted(m.pk for m in members),
            "director": director.pk if director is not None else None,
            "approvers": sorted(a.pk for a in approvers),
        },
    )
    if decision_file is not None:
        document_add(
            actor=actor, case=case, kind="decision", title=_("Dự thảo quyết định kiểm tra"), upload=decision_file
        )
    return case


def drafter_of(case: Case):
    role = CaseRole.objects.filter(case=case, role=CaseRole.Role.DRAFTER).order_by("pk").first()
    return role.user if role else case.created_by


@transaction.atomic
def decision_sign(*, actor, case: Case, signed_on: datetime.date | None = None) -> Case:
    """The chair signs the inspection decision; the statutory clock starts."""
    access.require(actor, "approve", case)
    if drafter_of(case).pk == actor.pk:
        raise RuleViolation(_("Người dự thảo quyết định không được tự ký quyết định."))
    signed_on = signed_on or timezone.localdate()
    if signed_on > timezone.localdate():
        raise RuleViolation(_("Ngày ký không được sau ngày hôm nay."))
    if signed_on < case.opened_on:
        raise RuleViolation(_("Ngày ký không được trước ngày lập hồ sơ."))
    set_status(case=case, actor=actor, target=CaseStatus.DECIDED)
    case.decided_on = signed_on
    case.due_on = case_due_on(case.kind, signed_on)
    case.save(update_fields=["decided_on", "due_on"])
    journal.append(
        case=case, actor=actor, action="decision.signed", payload={"signed_on": signed_on, "due_on": case.due_on}
    )
    return case


def seat_role_label(role: str) -> str:
    return CommitteeSeat.Role(role).label
