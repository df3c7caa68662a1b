"""Regular supervision (giám sát thường xuyên, C1) as a continuous log, and the proposals
to open an inspection upon signs of violation that supervision gives rise to (domain.md
§5(C) C1 [I]: "a continuous log (observations, meetings attended, reminders issued,
escalations), not a bounded case. A reminder may lead to a written notice, or escalate
to a C2/B case").

The log is a Case of kind C1 in status MONITORING with no viewflow process: nobody owes
the next step of a log, its named people write entries in any order, so the case's roles
(access), its journal (history) and these services carry it.
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inspections import access, journal
from inspections.exceptions import AccessDenied, RuleViolation
from inspections.models import (
    Case,
    CaseKind,
    CaseLink,
    CaseStatus,
    DocumentKind,
    KeyArea,
    SignsProposal,
    SupervisionEntry,
    SupervisionLog,
    ThematicSupervision,
)
from inspections.services.cases import case_create, case_spawn, team_form
from inspections.services.documents import document_add
from inspections.services.status import current_status
from people.models import Committee, Organisation, PartyMember

# The kind of document an entry's attachments are filed under.
ENTRY_DOCUMENT_KINDS = {
    SupervisionEntry.Kind.OBSERVATION: DocumentKind.EVIDENCE,
    SupervisionEntry.Kind.MEETING: DocumentKind.MINUTES,
    SupervisionEntry.Kind.REMINDER: DocumentKind.SUPERVISION_REMINDER,
}


def _require_log(case: Case) -> None:
    if case.kind != CaseKind.REGULAR_SUPERVISION:
        raise RuleViolation(_("Hồ sơ này không phải sổ theo dõi giám sát thường xuyên."))


def _require_open_log(case: Case) -> None:
    _require_log(case)
    if current_status(case) != CaseStatus.MONITORING:
        raise RuleViolation(_("Sổ theo dõi giám sát thường xuyên đã đóng."))


@transaction.atomic
def log_open(
    *,
    actor,
    committee: Committee,
    title: str,
    grounds: str,
    keeper,
    co_keepers=(),
    subject_member: PartyMember | None = None,
    subject_organisation: Organisation | None = None,
    key_areas: list[KeyArea] | tuple = (),
    confidentiality: str = "normal",
) -> Case:
    """Committee staff open the log of one organisation or member. The keeper (the committee
    member following the subject) and the co-keepers are its named people: they write the
    entries; the chair reads it. One log per committee and subject."""
    if not title.strip() or not grounds.strip():
        raise RuleViolation(_("Cần ghi nội dung theo dõi và căn cứ."))
    # Lock the committee row first, so two clerks opening the same subject's log at once
    # are serialised and the second gets the message below, not a database error.
    Committee.objects.select_for_update().filter(pk=committee.pk).exists()
    existing = SupervisionLog.objects.filter(committee=committee)
    if subject_member is not None and existing.filter(subject_member=subject_member).exists():
        raise RuleViolation(_("Ủy ban đã mở sổ theo dõi giám sát thường xuyên đối với đảng viên này."))
    if subject_organisation is not None and existing.filter(subject_organisation=subject_organisation).exists():
        raise RuleViolation(_("Ủy ban đã mở sổ theo dõi giám sát thường xuyên đối với tổ chức đảng này."))
    case = case_create(
        actor=actor,
        committee=committee,
        kind=CaseKind.REGULAR_SUPERVISION,
        title=title.strip(),
        grounds=grounds.strip(),
        subject_member=subject_member,
        subject_organisation=subject_organisation,
        key_areas=key_areas,
        confidentiality=confidentiality,
        status=CaseStatus.MONITORING,
        journal_payload={"leader": keeper.pk, "members": sorted({u.pk for u in co_keepers} - {keeper.pk})},
    )
    team_form(actor=actor, case=case, leader=keeper, members=list(co_keepers))
    try:
        with transaction.atomic():
            SupervisionLog.objects.create(
                case=case,
                committee=committee,
                subject_member=subject_member,
                subject_organisation=subject_organisation,
            )
    except IntegrityError as error:
        raise RuleViolation(_("Ủy ban đã mở sổ theo dõi giám sát thường xuyên đối với đối tượng này.")) from error
    return case


@transaction.atomic
def entry_add(
    *,
    actor,
    case: Case,
    kind: str,
    occurred_on: datetime.date,
    text: str,
    source: str = "",
    uploads=(),
) -> SupervisionEntry:
    """Add a dated entry to the log: an observation (with its source; direct or indirect
    follows from the source), a meeting attended, or a reminder issued (a written notice is
    attached as a document)."""
    access.require(actor, "work", case)
    _require_open_log(case)
    text = text.strip()
    if kind not in SupervisionEntry.Kind.values:
        raise RuleViolation(_("Loại ghi nhận không hợp lệ."))
    if not text:
        raise RuleViolation(_("Nội dung ghi nhận không được để trống."))
    if occurred_on > timezone.localdate():
        raise RuleViolation(_("Ngày ghi nhận không được sau ngày hôm nay."))
    if occurred_on < case.committee.term_start:
        raise RuleViolation(_("Ngày ghi nhận không được trước nhiệm kỳ của Ủy ban kiểm tra."))
    method = ""
    if kind == SupervisionEntry.Kind.OBSERVATION:
        if source not in SupervisionEntry.Source.values:
            raise RuleViolation(_("Cần chọn nguồn thông tin của nội dung theo dõi."))
        direct = source in SupervisionEntry.DIRECT_SOURCES
        method = SupervisionEntry.Method.DIRECT if direct else SupervisionEntry.Method.INDIRECT
    elif source:
        raise RuleViolation(_("Chỉ nội dung ghi nhận qua theo dõi mới có nguồn thông tin."))
    entry = SupervisionEntry.objects.create(
        case=case, kind=kind, occurred_on=occurred_on, method=method, source=source, text=text, recorded_by=actor
    )
    title = f"{SupervisionEntry.Kind(kind).label} ({occurred_on:%d/%m/%Y})"
    documents = [
        document_add(actor=actor, case=case, kind=ENTRY_DOCUMENT_KINDS[kind], title=title, upload=upload)
        for upload in uploads
    ]
    if documents:
        entry.documents.add(*documents)
    journal.append(
        case=case,
        actor=actor,
        action="supervision.entry_added",
        payload={
            "entry": entry.pk,
            "kind": kind,
            "method": method,
            "source": source,
            "occurred_on": occurred_on,
            "text": text,
            "documents": [d.pk for d in documents],
        },
    )
    return entry


@transaction.atomic
def log_escalate_to_thematic(*, actor, case: Case, title: str, grounds: str, reason: str) -> Case:
    """What the log shows calls for a thematic supervision (C2): open it, linked both ways.
    The caller starts the new case's flow (workflow.spawn.start_flow_for) in the same
    transaction; its first task lets staff form the supervision group."""
    access.require(actor, "work", case)
    _require_open_log(case)
    title, grounds, reason = title.strip(), grounds.strip(), reason.strip()
    if not title or not grounds:
        raise RuleViolation(_("Cần ghi nội dung giám sát chuyên đề và căn cứ."))
    if not reason:
        raise RuleViolation(_("Cần ghi rõ lý do chuyển giám sát chuyên đề."))
    thematic = case_spawn(
        actor=actor,
        origin=case,
        kind=CaseKind.THEMATIC_SUPERVISION,
        relation=CaseLink.Relation.ESCALATED,
        title=title,
        grounds=grounds,
        note=reason[:300],
    )
    ThematicSupervision.objects.create(case=thematic)
    journal.append(
        case=case,
        actor=actor,
        action="supervision.escalated",
        payload={"kind": CaseKind.THEMATIC_SUPERVISION, "case": thematic.pk, "reason": reason},
    )
    return thematic


def proposal_record(*, actor, origin: Case, content: str, proposed_by=None) -> SignsProposal:
    """Record a proposal to open an inspection upon signs (case B) on `origin`, made by
    `proposed_by` (default: the actor). Callers check the actor's right; call inside their
    transaction."""
    content = content.strip()
    if not content:
        raise RuleViolation(_("Cần ghi rõ dấu hiệu vi phạm và nội dung đề nghị kiểm tra."))
    proposed_by = proposed_by or actor
    proposal = SignsProposal.objects.create(
        origin=origin, content=content, proposed_by=proposed_by, proposed_on=timezone.localdate()
    )
    journal.append(
        case=origin,
        actor=actor,
        action="supervision.signs_proposed",
        payload={"proposal": proposal.pk, "content": content, "proposed_by": proposed_by.pk},
    )
    return proposal


@transaction.atomic
def log_propose_signs_inspection(*, actor, case: Case, content: str) -> SignsProposal:
    """A log's named person asks for an inspection upon signs of violation (case B) of the
    log's subject. The request is recorded; the committee opens the B case from it
    (signs_proposal_spawn)."""
    access.require(actor, "work", case)
    _require_open_log(case)
    return proposal_record(actor=actor, origin=case, content=content)


@transaction.atomic
def signs_proposal_spawn(*, actor, proposal: SignsProposal, title: str, grounds: str) -> Case:
    """Integration hook: open the inspection upon signs of violation (case B) that a
    supervision proposal asks for, linked to the supervision case both ways (relation
    "escalated"), and mark the proposal as acted on. The chair of the supervising
    committee decides. The caller then starts the B flow with
    `workflow.spawn.start_flow_for(case)` in the same transaction, as for any spawned case.
    """
    proposal = SignsProposal.objects.select_for_update().select_related("origin").get(pk=proposal.pk)
    origin = proposal.origin
    if not access.can(actor, "approve", origin):
        raise AccessDenied
    if proposal.spawned_case_id is not None:
        raise RuleViolation(_("Đã mở hồ sơ kiểm tra theo đề nghị này."))
    title, grounds = title.strip(), grounds.strip()
    if not title or not grounds:
        raise RuleViolation(_("Cần ghi nội dung kiểm tra và căn cứ."))
    case = case_spawn(
        actor=actor,
        origin=origin,
        kind=CaseKind.SIGNS_INSPECTION,
        relation=CaseLink.Relation.ESCALATED,
        title=title,
        grounds=grounds,
        note=proposal.content[:300],
    )
    proposal.spawned_case = case
    proposal.spawned_by = actor
    proposal.spawned_at = timezone.now()
    proposal.save(update_fields=["spawned_case", "spawned_by", "spawned_at"])
    journal.append(
        case=origin,
        actor=actor,
        action="supervision.signs_case_opened",
        payload={"proposal": proposal.pk, "case": case.pk},
    )
    return case
