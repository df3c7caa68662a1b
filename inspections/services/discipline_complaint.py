"""Complaint against party discipline: intake and admissibility (domain.md §5(F)).

A disciplined member or organisation may complain (Charter Art. 39.7) to the body with
authority (Reg. 22 Art. 22, Reg. 296) within the time of the rule "F.file": 30 working
days from the announcement of the decision to the sending of the complaint (domain.md
§11b.1). The committee's staff register every complaint, late or not; a committee member
decides whether it is handled (Reg. 296 Art. 23), a late one being declined with the
notice. What an intake must satisfy, and the checks the other complaint services share,
are in complaint_checks.py. The review is in complaint_review.py; the outcome and its
application to the record in complaint_outcome.py. Until then the discipline stays in
force (Charter Art. 39.9; §7.10): nothing here touches the DisciplineRecord.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inspections import access, journal
from inspections.deadlines import due_on
from inspections.exceptions import AccessDenied, RuleViolation
from inspections.models import (
    Case,
    CaseKind,
    CaseLink,
    CaseStatus,
    Complaint,
    DisciplineRecord,
    DocumentKind,
)
from inspections.selectors import discipline_complaint as selectors
from inspections.services.cases import case_create, case_spawn, drafter_of, team_form
from inspections.services.complaint_checks import check_day, complaint_filing_time, filing_time, intake_check
from inspections.services.documents import document_add
from inspections.services.links import case_link
from inspections.services.status import current_status, set_status
from inspections.services.steps.closing import case_ended
from people.models import Committee, Organisation


def _intake(
    *,
    actor,
    case: Case,
    record: DisciplineRecord | None,
    representative: str,
    decision_received_on: datetime.date,
    sent_on: datetime.date,
    received_on: datetime.date,
    about: list[str] | tuple | set,
    request: str,
    letter,
    imposed_by_kind: str,
    imposed_by_organisation: Organisation,
    resolving_body: Committee,
    leader,
    members=(),
    director=None,
    announced_on: datetime.date | None = None,
) -> Complaint:
    """Register the complaint on `case` (DRAFT): the shared part of both ways of opening."""
    checked = intake_check(
        case=case,
        record=record,
        representative=representative,
        decision_received_on=decision_received_on,
        announced_on=announced_on,
        sent_on=sent_on,
        received_on=received_on,
        about=about,
        request=request,
        letter=letter,
        imposed_by_kind=imposed_by_kind,
        imposed_by_organisation=imposed_by_organisation,
        resolving_body=resolving_body,
    )
    record, about = checked.record, checked.about
    _form_team(actor=actor, case=case, leader=leader, members=members, director=director)
    # The clock starts when the complaint is received (domain.md §5(F) time limit). The time
    # to file runs from the announcement to the sending (§11b.1, rule "F.file"); a late
    # complaint is still registered, and declined at admissibility.
    filing = filing_time(announced_on=checked.announced_on, sent_on=sent_on)
    complaint = Complaint.objects.create(
        case=case,
        record=record,
        representative=checked.representative,
        decision_received_on=decision_received_on,
        announced_on=checked.announced_on,
        sent_on=sent_on,
        received_on=received_on,
        filing_due_on=filing.due_on,
        about_content="content" in about,
        about_form="form" in about,
        about_procedure="procedure" in about,
        request=checked.request,
        imposed_by_kind=imposed_by_kind,
        imposed_by_organisation=imposed_by_organisation,
        resolving_body=resolving_body,
    )
    case.clock_started_on = received_on
    case.due_on = due_on("F.resolve", received_on)
    case.save(update_fields=["clock_started_on", "due_on"])
    set_status(case=case, actor=actor, target=CaseStatus.RECEIVED)
    document_add(actor=actor, case=case, kind=DocumentKind.COMPLAINT_LETTER, title=_("Đơn khiếu nại"), upload=letter)
    # Discipline -> complaint, both ways (domain.md "What this means" point 3).
    case_link(actor=actor, source=record.case, target=case, relation=CaseLink.Relation.COMPLAINT)
    _journal_received(actor=actor, case=case, complaint=complaint, about=about, filing=filing)
    return complaint


def _journal_received(*, actor, case: Case, complaint: Complaint, about: set[str], filing) -> None:
    record = complaint.record
    journal.append(
        case=case,
        actor=actor,
        action="complaint.received",
        payload={
            "record": record.pk,
            "form": record.form,
            "discipline_case": record.case_id,
            "decision_received_on": complaint.decision_received_on,
            "announced_on": complaint.announced_on,
            "sent_on": complaint.sent_on,
            "received_on": complaint.received_on,
            "filing_due_on": complaint.filing_due_on,
            "filing_rule": {"code": filing.limit.code, "version": filing.limit.version, "source": filing.limit.source},
            "due_on": case.due_on,
            "about": sorted(about),
            "imposed_by": {"kind": complaint.imposed_by_kind, "organisation": complaint.imposed_by_organisation_id},
            "resolving_body": complaint.resolving_body_id,
        },
    )


def _form_team(*, actor, case: Case, leader, members, director) -> None:
    """The team and the committee member in charge, who decides admissibility: a member of
    the committee, never the clerk who registered the complaint (four eyes)."""
    if director is None:
        raise RuleViolation(_("Cần chọn ủy viên phụ trách giải quyết khiếu nại."))
    if director.pk == actor.pk:
        raise RuleViolation(_("Cán bộ tiếp nhận đơn không được đồng thời là ủy viên phụ trách xem xét thụ lý."))
    if not selectors.is_committee_member(director, [case.committee_id], timezone.localdate()):
        raise RuleViolation(_("Ủy viên phụ trách phải là ủy viên Ủy ban kiểm tra."))
    team_form(actor=actor, case=case, leader=leader, members=members, director=director)


@transaction.atomic
def complaint_open(*, actor, committee: Committee, record: DisciplineRecord | None, **intake) -> Case:
    """Committee staff register a complaint received against a discipline record; the case
    is opened for the record's subject, linked to the discipline case."""
    if record is None:
        raise RuleViolation(_("Chọn quyết định kỷ luật bị khiếu nại."))
    number = f" {_('số')} {record.decision_number}" if record.decision_number else ""
    case = case_create(
        actor=actor,
        committee=committee,
        kind=CaseKind.DISCIPLINE_COMPLAINT,
        title=_("Giải quyết khiếu nại đối với quyết định kỷ luật %(form)s%(number)s ngày %(day)s")
        % {"form": record.get_form_display(), "number": number, "day": record.decided_on.strftime("%d/%m/%Y")},
        grounds=_("Điều lệ Đảng, Điều 39; đơn khiếu nại của người bị kỷ luật."),
        subject_member=record.member,
        subject_organisation=record.organisation,
        key_areas=list(record.case.key_areas.all()),
        confidentiality=record.case.confidentiality,
    )
    _intake(actor=actor, case=case, record=record, **intake)
    return case


@transaction.atomic
def complaint_spawn(*, actor, origin: Case, committee: Committee | None = None, note: str = "") -> Case:
    """Open a complaint case from the discipline case it is about (the flow's `spawned`
    start; the caller then starts the flow with workflow.spawn.start_flow_for). The staff
    set-up task registers the complaint and forms the team."""
    if not access.can(actor, "view", origin):
        raise AccessDenied
    if origin.kind != CaseKind.DISCIPLINE:
        raise RuleViolation(_("Hồ sơ khiếu nại kỷ luật chỉ mở từ hồ sơ thi hành kỷ luật."))
    if not selectors.subject_records(origin).filter(case=origin).exists():
        raise RuleViolation(_("Hồ sơ thi hành kỷ luật chưa có quyết định kỷ luật đang có hiệu lực."))
    if selectors.complaint_pending_from(origin):
        raise RuleViolation(_("Đã có hồ sơ khiếu nại đối với quyết định kỷ luật này đang được giải quyết."))
    return case_spawn(
        actor=actor,
        origin=origin,
        kind=CaseKind.DISCIPLINE_COMPLAINT,
        relation=CaseLink.Relation.COMPLAINT,
        title=_("Giải quyết khiếu nại kỷ luật (hồ sơ %(number)s)") % {"number": origin.number},
        grounds=_("Điều lệ Đảng, Điều 39; đơn khiếu nại của người bị kỷ luật."),
        committee=committee,
        note=note,
    )


@transaction.atomic
def complaint_intake(*, actor, case: Case, **intake) -> Complaint:
    """The staff set-up task of a spawned complaint case: register the complaint and form
    the team."""
    access.require(actor, "work", case)
    if current_status(case) != CaseStatus.DRAFT:
        raise RuleViolation(_("Đơn khiếu nại đã được vào sổ."))
    return _intake(actor=actor, case=case, **intake)


def complaint_row(case: Case) -> Complaint:
    complaint = Complaint.objects.select_for_update().filter(case=case).first()
    if complaint is None:
        raise RuleViolation(_("Hồ sơ chưa có đơn khiếu nại."))
    return complaint


@transaction.atomic
def complaint_admissibility_decide(
    *, actor, case: Case, admissible: bool, reasons: list[str], note: str = ""
) -> Complaint:
    """A committee member (the member in charge) decides whether the complaint is handled (Reg.
    296 Art. 23; Charter Art. 39.7). Out of time is computed from the dates (sent after
    the last day of the rule "F.file"); the other criteria of the rule book are judged.
    The clerk who registered it never decides alone."""
    # Four-eyes (design.md decision 7): access weighs the drafter with the role.
    access.require(
        actor,
        "direct",
        case,
        author=drafter_of(case),
        own_work=_("Cán bộ tiếp nhận đơn không được tự quyết định thụ lý đơn khiếu nại."),
    )
    complaint = complaint_row(case)
    if not selectors.is_committee_member(actor, [case.committee_id, complaint.resolving_body_id], timezone.localdate()):
        raise RuleViolation(_("Việc thụ lý đơn khiếu nại do ủy viên Ủy ban kiểm tra hoặc Chủ nhiệm quyết định."))
    if current_status(case) != CaseStatus.RECEIVED:
        raise RuleViolation(_("Đơn khiếu nại không ở bước xem xét thụ lý."))
    allowed = {c.code for c in selectors.manual_criteria(case)}
    reasons = sorted(set(reasons))
    unknown = [r for r in reasons if r not in allowed]
    if unknown:
        raise RuleViolation(_("Lý do không giải quyết không hợp lệ: %(codes)s.") % {"codes": ", ".join(unknown)})
    # Out of time (Reg. 296 Art. 23) is computed from the announcement and the sending day
    # (postmark), never the arrival: the rule "F.file" (domain.md §11b.1).
    filing = complaint_filing_time(complaint)
    if not filing.in_time:
        reasons = ["out_of_time", *reasons]
    if admissible and reasons:
        raise RuleViolation(
            _("Đơn khiếu nại thuộc trường hợp không giải quyết: %(reasons)s.")
            % {"reasons": "; ".join(selectors.criteria_labels(case, reasons))}
            + ("" if filing.in_time else " " + filing.summary())
            + " "
            + _("Chọn “Không giải quyết (lưu đơn)” và gửi thông báo cho người khiếu nại.")
        )
    if not admissible and not reasons:
        raise RuleViolation(_("Khi không giải quyết đơn khiếu nại, cần chọn ít nhất một lý do."))
    complaint.admissible = admissible
    complaint.not_handled_reasons = reasons
    complaint.admissibility_note = note.strip()
    complaint.admissibility_by = actor
    complaint.admissibility_on = timezone.localdate()
    complaint.save(
        update_fields=[
            "admissible",
            "not_handled_reasons",
            "admissibility_note",
            "admissibility_by",
            "admissibility_on",
        ]
    )
    set_status(case=case, actor=actor, target=CaseStatus.VERIFYING if admissible else CaseStatus.NOT_HANDLED)
    journal.append(
        case=case,
        actor=actor,
        action="complaint.admitted" if admissible else "complaint.not_handled",
        payload={
            "reasons": reasons,
            "note": complaint.admissibility_note,
            "filing": {"due_on": filing.due_on, "sent_on": filing.sent_on, "in_time": filing.in_time},
        },
    )
    return complaint


@transaction.atomic
def complaint_refusal_notify(*, actor, case: Case, sent_on: datetime.date, upload) -> Complaint:
    """Staff send the complainant the notice that the complaint is not handled, with the
    reasons; the case ends."""
    access.require(actor, "work", case)
    complaint = complaint_row(case)
    if current_status(case) != CaseStatus.NOT_HANDLED or complaint.refusal_notified_on is not None:
        raise RuleViolation(_("Không có thông báo không giải quyết nào cần gửi."))
    check_day(sent_on, _("Ngày thông báo"), not_before=complaint.admissibility_on, before_label=_("ngày quyết định"))
    if upload is None:
        raise RuleViolation(_("Cần tải lên thông báo gửi người khiếu nại."))
    document_add(
        actor=actor,
        case=case,
        kind=DocumentKind.COMPLAINT_REFUSAL,
        title=_("Thông báo không giải quyết đơn khiếu nại"),
        upload=upload,
    )
    complaint.refusal_notified_on = sent_on
    complaint.save(update_fields=["refusal_notified_on"])
    case_ended(case)
    journal.append(case=case, actor=actor, action="complaint.refusal_notified", payload={"sent_on": sent_on})
    return complaint
