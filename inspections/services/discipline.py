"""Discipline cases (kind E), domain.md §5(E): opening, directly or spawned from a
denunciation or an inspection, and completing a spawned case's set-up. The steps before
the meeting are in discipline_steps; the meeting and its ballots in discipline_votes; the
decision, announcement, record and expiry in discipline_records."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inspections import access, journal
from inspections.exceptions import AccessDenied, RuleViolation
from inspections.models import (
    Case,
    CaseKind,
    CaseLink,
    CaseStatus,
    DisciplineCase,
    KeyArea,
    SanctionForm,
)
from inspections.selectors import discipline as selectors
from inspections.selectors.authority import DecidingBody, authority_province, deciding_body
from inspections.services.cases import case_create, case_spawn, team_form
from inspections.services.status import current_status, set_status
from people.models import Committee, Organisation, PartyMember

Kind = DisciplineCase.SubjectKind


def not_future(day: datetime.date | None, label: str) -> None:
    if day is not None and day > timezone.localdate():
        raise RuleViolation(_("%(label)s không được sau ngày hôm nay.") % {"label": label})


def body_check(
    *, case: Case, committee: Committee | None, organisation: Organisation | None, on: datetime.date
) -> DecidingBody:
    """The deciding body chosen, a committee or a cell, with its kind derived from it on
    `on` (issue 9 point 2: never declared; inspections.selectors.authority). A cell does
    not discipline an organisation (domain.md §6.3)."""
    body = deciding_body(committee=committee, organisation=organisation, on=on, province=authority_province(case))
    if body.organisation is not None and case.subject_organisation_id:
        raise RuleViolation(
            _(
                "Chi bộ không có thẩm quyền kỷ luật tổ chức đảng (Điều lệ Đảng Điều 36; domain.md §6.3). "
                "Chọn cấp ủy hoặc ủy ban kiểm tra cấp trên của tổ chức đó."
            )
        )
    return body


def body_store(discipline: DisciplineCase, body: DecidingBody) -> None:
    """Record the deciding body on the case (saved by the caller)."""
    discipline.body_kind = body.code
    discipline.body_label = body.name
    discipline.body_committee = body.committee
    discipline.body_organisation = body.organisation


MEMBER_KINDS = (Kind.MEMBER, Kind.COMMITTEE_MEMBER, Kind.LOWER_COMMITTEE_MEMBER, Kind.HIGHER_MANAGED)


def subject_kind_check(case: Case, requested: str) -> str:
    """The subject's kind for the authority matrix: an organisation is one; a member is what
    the clerk states (cadre-management lists are not kept here)."""
    if case.subject_organisation_id:
        return Kind.ORGANISATION
    if requested not in MEMBER_KINDS:
        raise RuleViolation(
            _(
                "Đối tượng là đảng viên: chọn “đảng viên”, “cấp ủy viên cùng cấp”, “cấp ủy viên cấp dưới” "
                "hoặc “cán bộ thuộc diện cấp trên quản lý”."
            )
        )
    return requested


def _apply_setup(
    *,
    discipline: DisciplineCase,
    violation: str,
    violation_start: datetime.date,
    violation_end: datetime.date | None,
    statute_category: str,
    subject_kind: str,
    higher_task: bool,
    body_committee: Committee | None,
    body_organisation: Organisation | None,
) -> dict:
    """Check and store what the staff record when the case is set up; returns the journal payload."""
    violation = violation.strip()
    if not violation:
        raise RuleViolation(_("Cần ghi nội dung vi phạm."))
    if violation_start is None:
        raise RuleViolation(_("Cần ghi thời điểm vi phạm (để tính thời hiệu)."))
    not_future(violation_start, _("Ngày vi phạm"))
    not_future(violation_end, _("Ngày kết thúc vi phạm"))
    if violation_end is not None and violation_end < violation_start:
        raise RuleViolation(_("Ngày kết thúc vi phạm phải sau ngày bắt đầu."))
    if statute_category not in DisciplineCase.StatuteCategory.values:
        raise RuleViolation(_("Loại thời hiệu không hợp lệ."))
    end = discipline.statute_end_on
    if end is not None and (violation_end or violation_start) > end:
        raise RuleViolation(
            _(
                "Thời điểm vi phạm phải trước ngày cấp có thẩm quyền kết luận vi phạm (%(day)s): "
                "thời hiệu tính đến ngày đó (Quy định 69, Hướng dẫn 02-HD/TW)."
            )
            % {"day": end.strftime("%d/%m/%Y")}
        )
    body = body_check(
        case=discipline.case, committee=body_committee, organisation=body_organisation, on=timezone.localdate()
    )
    if higher_task and discipline.case.subject_organisation_id:
        raise RuleViolation(_("“Vi phạm nhiệm vụ do cấp trên giao” chỉ ghi khi đối tượng là đảng viên."))
    discipline.violation = violation
    discipline.violation_start = violation_start
    discipline.violation_end = violation_end
    discipline.statute_category = statute_category
    discipline.subject_kind = subject_kind_check(discipline.case, subject_kind)
    discipline.higher_task = higher_task
    body_store(discipline, body)
    discipline.setup_done = True
    discipline.save()
    return {
        "violation": violation,
        "violation_start": violation_start,
        "violation_end": violation_end,
        "statute_category": statute_category,
        "subject_kind": discipline.subject_kind,
        "higher_task": higher_task,
        "body_kind": body.code,
        "body": body.name,
    }


@transaction.atomic
def discipline_open(
    *,
    actor,
    committee: Committee,
    title: str,
    grounds: str,
    subject_member: PartyMember | None = None,
    subject_organisation: Organisation | None = None,
    key_areas: list[KeyArea] | tuple = (),
    confidentiality: str = "normal",
    violation: str,
    violation_start: datetime.date,
    violation_end: datetime.date | None = None,
    statute_category: str = DisciplineCase.StatuteCategory.BY_FORM,
    subject_kind: str = Kind.MEMBER,
    higher_task: bool = False,
    body_committee: Committee | None = None,
    body_organisation: Organisation | None = None,
    leader,
    members=(),
    director=None,
) -> Case:
    """Staff open a discipline case: the subject, the grounds, the violation and its period,
    the statute category, the deciding body and the team that guides the self-criticism and
    verifies. The head-of-organisation flag comes from case_create. The case starts at the
    self-criticism (domain.md §5(E) step 1); its clock starts today."""
    case = case_create(
        actor=actor,
        committee=committee,
        kind=CaseKind.DISCIPLINE,
        title=title,
        grounds=grounds,
        subject_member=subject_member,
        subject_organisation=subject_organisation,
        key_areas=key_areas,
        confidentiality=confidentiality,
        status=CaseStatus.SELF_CRITICISM,
        journal_payload={
            "leader": leader.pk,
            "members": sorted(m.pk for m in members if m.pk != leader.pk),
            "director": director.pk if director is not None else None,
        },
    )
    case.clock_started_on = case.opened_on
    case.save(update_fields=["clock_started_on"])
    team_form(actor=actor, case=case, leader=leader, members=members, director=director)
    discipline = DisciplineCase(case=case)
    payload = _apply_setup(
        discipline=discipline,
        violation=violation,
        violation_start=violation_start,
        violation_end=violation_end,
        statute_category=statute_category,
        subject_kind=subject_kind,
        higher_task=higher_task,
        body_committee=body_committee,
        body_organisation=body_organisation,
    )
    journal.append(case=case, actor=actor, action="discipline.set_up", payload=payload)
    return case


@transaction.atomic
def discipline_spawn(
    *,
    actor,
    origin: Case,
    relation: str = CaseLink.Relation.DISCIPLINE,
    merged: bool = False,
    self_proposed_form: str | None = None,
    title: str | None = None,
    grounds: str | None = None,
    subject_member: PartyMember | None = None,
    subject_organisation: Organisation | None = None,
    note: str = "",
) -> Case:
    """Open a discipline case from another case (denunciation -> discipline; inspection
    upon signs -> discipline) and link both ways. `merged`: the subject admitted the
    violation and self-proposed a form during the inspection, so inspection and discipline
    are merged and the self-criticism is already satisfied (domain.md §5(B) "dual
    process"). The workflow layer then starts the flow (workflow.spawn.start_flow_for), whose
    first task lets the staff complete the set-up (body, violation period, team)."""
    if not any(access.can(actor, action, origin) for action in ("work", "lead", "approve")):
        raise AccessDenied
    if merged and not self_proposed_form:
        raise RuleViolation(_("Kết hợp quy trình kiểm tra và kỷ luật khi đối tượng đã tự nhận hình thức kỷ luật."))
    if self_proposed_form and not merged:
        raise RuleViolation(_("Hình thức tự nhận chỉ ghi khi kết hợp quy trình kiểm tra và kỷ luật."))
    if self_proposed_form and self_proposed_form not in SanctionForm.values:
        raise RuleViolation(_("Hình thức kỷ luật không hợp lệ."))
    subject = subject_member or subject_organisation or origin.subject
    case = case_spawn(
        actor=actor,
        origin=origin,
        kind=CaseKind.DISCIPLINE,
        relation=relation,
        title=(title or _("Xem xét thi hành kỷ luật đối với %(subject)s") % {"subject": subject}).strip()[:300],
        grounds=(grounds or _("Phát sinh từ hồ sơ %(number)s.") % {"number": origin.number}).strip(),
        subject_member=subject_member,
        subject_organisation=subject_organisation,
        status=CaseStatus.DRAFT,
        note=note,
    )
    if self_proposed_form and self_proposed_form not in selectors.subject_forms(case, case.opened_on):
        raise RuleViolation(_("Hình thức tự nhận không áp dụng được cho đối tượng này."))
    DisciplineCase.objects.create(
        case=case,
        merged=merged,
        subject_kind=Kind.ORGANISATION if case.subject_organisation_id else Kind.MEMBER,
        self_criticism=DisciplineCase.SelfCriticism.MERGED if merged else DisciplineCase.SelfCriticism.PENDING,
        self_proposed_form=self_proposed_form or "",
        self_criticism_on=case.opened_on if merged else None,
        # The origin's approved conclusion is where the competent body concluded that the
        # violation requires discipline: the statute's end point (domain.md §6.5, §11b.9).
        statute_end_on=origin.concluded_on,
    )
    journal.append(
        case=case,
        actor=actor,
        action="discipline.spawned",
        payload={
            "origin": origin.pk,
            "relation": relation,
            "merged": merged,
            "self_proposed_form": self_proposed_form,
            "statute_end_on": origin.concluded_on,
        },
    )
    return case


@transaction.atomic
def discipline_setup(
    *,
    actor,
    case: Case,
    violation: str,
    violation_start: datetime.date,
    violation_end: datetime.date | None = None,
    statute_category: str = DisciplineCase.StatuteCategory.BY_FORM,
    subject_kind: str = Kind.MEMBER,
    higher_task: bool = False,
    body_committee: Committee | None = None,
    body_organisation: Organisation | None = None,
    leader,
    members=(),
    director=None,
) -> DisciplineCase:
    """Staff complete a spawned case: the violation, the statute category, the deciding
    body and the team. The clock starts; a merged case goes straight to verification."""
    access.require(actor, "work", case)
    if current_status(case) != CaseStatus.DRAFT:
        raise RuleViolation(_("Hồ sơ đã được lập đầy đủ."))
    discipline = DisciplineCase.objects.select_for_update().get(case=case)
    payload = _apply_setup(
        discipline=discipline,
        violation=violation,
        violation_start=violation_start,
        violation_end=violation_end,
        statute_category=statute_category,
        subject_kind=subject_kind,
        higher_task=higher_task,
        body_committee=body_committee,
        body_organisation=body_organisation,
    )
    team_form(actor=actor, case=case, leader=leader, members=members, director=director)
    case.clock_started_on = timezone.localdate()
    case.save(update_fields=["clock_started_on"])
    payload.update(
        {
            "leader": leader.pk,
            "members": sorted(m.pk for m in members if m.pk != leader.pk),
            "director": director.pk if director is not None else None,
        }
    )
    journal.append(case=case, actor=actor, action="discipline.set_up", payload=payload)
    target = CaseStatus.VERIFYING if discipline.merged else CaseStatus.SELF_CRITICISM
    set_status(case=case, actor=actor, target=target)
    return discipline
