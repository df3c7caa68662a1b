"""Reads for discipline complaints (domain.md §5(F)): the records a complaint may be
lodged against, the bodies that may resolve it, the complaint of a case and the case-page
panel. Callers have checked access to the case; lists of records are scoped to the
jurisdiction of the committees the person may open cases for."""

import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from inspections import rulebook
from inspections.models import (
    Case,
    CaseKind,
    CaseLink,
    CaseStatus,
    Complaint,
    ComplaintAspect,
    ComplaintOutcome,
    ComplaintReview,
    DisciplineRecord,
)
from people.models import Committee, CommitteeSeat, Organisation, OrganisationSuccession, PartyMember, Position
from people.selectors import jurisdiction_paths_of, paths_q

# Complaints that are still being dealt with: the record cannot take a second one meanwhile.
PENDING_STATUSES = (
    CaseStatus.DRAFT,
    CaseStatus.RECEIVED,
    CaseStatus.VERIFYING,
    CaseStatus.REPORTED,
    CaseStatus.VOTING,
    CaseStatus.VOTED,
    CaseStatus.DECIDED,
)
# Seats on the committee whose holders are "committee members" (domain.md §3): they may
# direct a complaint and decide whether it is admissible; staff of the agency may not.
MEMBER_SEATS = (CommitteeSeat.Role.CHAIR, CommitteeSeat.Role.DEPUTY, CommitteeSeat.Role.MEMBER)


def _jurisdiction_of(committees: QuerySet) -> list[str]:
    """The committees' jurisdiction, following successor links (people.selectors)."""
    return jurisdiction_paths_of(c.organisation for c in committees.select_related("organisation"))


def records_open_to_complaint(committees: QuerySet) -> QuerySet:
    """In-force discipline records of members and organisations within the jurisdiction of
    `committees` (the committees the clerk may open cases for)."""
    paths = _jurisdiction_of(committees)
    return (
        DisciplineRecord.objects.filter(state=DisciplineRecord.State.IN_FORCE)
        .filter(paths_q(paths, "member__organisation__path") | paths_q(paths, "organisation__path"))
        .select_related("member", "organisation")
        .order_by("-decided_on", "-pk")
    )


def subject_records(case: Case) -> QuerySet:
    """In-force records of the case's subject (the complainant)."""
    records = DisciplineRecord.objects.filter(state=DisciplineRecord.State.IN_FORCE)
    if case.subject_member_id:
        records = records.filter(member_id=case.subject_member_id)
    else:
        records = records.filter(organisation_id=case.subject_organisation_id)
    return records.select_related("member", "organisation").order_by("-decided_on", "-pk")


def organisations_within(committees: QuerySet) -> QuerySet:
    """Organisations whose bodies' decisions the committees may take complaints against:
    the active ones within their jurisdiction, and those merged into it (a decision taken
    before the merge stays in force; domain.md §2)."""
    paths = _jurisdiction_of(committees)
    merged = Exists(
        OrganisationSuccession.objects.filter(predecessor=OuterRef("pk"), kind=OrganisationSuccession.Kind.MERGE)
    )
    return Organisation.objects.filter(paths_q(paths, "path")).filter(Q(is_active=True) | merged).order_by("path")


def resolving_bodies(committees: QuerySet, on: datetime.date | None = None) -> QuerySet:
    """The bodies of the committees' own organisations in their current term: the
    inspection committee itself, the standing committee, the executive committee."""
    on = on or timezone.localdate()
    orgs = committees.values("organisation_id")
    return (
        Committee.objects.filter(organisation_id__in=orgs, term_start__lte=on)
        .filter(Q(term_end__isnull=True) | Q(term_end__gte=on))
        .select_related("organisation")
        .order_by("organisation__path", "kind")
    )


def is_committee_member(user, committees, on: datetime.date) -> bool:
    return (
        CommitteeSeat.objects.filter(user=user, committee__in=committees, role__in=MEMBER_SEATS, started_on__lte=on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=on))
        .exists()
    )


def holds_post(member: PartyMember, on: datetime.date) -> bool:
    """Dismissal from post applies only to a member who holds a post (domain.md §6.1)."""
    return (
        Position.objects.filter(member=member, started_on__lte=on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=on))
        .exists()
    )


def holds_committee_post(member: PartyMember, organisation: Organisation, on: datetime.date) -> bool:
    """A member of the party committee of `organisation` (its secretary, deputy or a
    committee member): the "committee_member" subject kind of the authority matrix."""
    kinds = (Position.Kind.SECRETARY, Position.Kind.DEPUTY_SECRETARY, Position.Kind.COMMITTEE_MEMBER)
    return (
        Position.objects.filter(member=member, organisation=organisation, kind__in=kinds, started_on__lte=on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=on))
        .exists()
    )


def complaint_of(case: Case) -> Complaint | None:
    return (
        Complaint.objects.select_related(
            "record",
            "record__case",
            "record__member__organisation",
            "record__organisation__parent",
            "resolving_body",
            "imposed_by_organisation",
            "new_record",
        )
        .filter(case=case)
        .first()
    )


def pending_complaint_exists(record: DisciplineRecord, *, exclude_case: Case | None = None) -> bool:
    pending = Complaint.objects.filter(record=record, case__status__in=PENDING_STATUSES)
    if exclude_case is not None:
        pending = pending.exclude(case=exclude_case)
    return pending.exists()


def is_first_complaint(record: DisciplineRecord, *, exclude_case: Case | None = None) -> bool:
    """No earlier complaint against this decision was taken up for resolution."""
    earlier = Complaint.objects.filter(record=record, admissible=True)
    if exclude_case is not None:
        earlier = earlier.exclude(case=exclude_case)
    return not earlier.exists()


def is_admissible(case: Case) -> bool:
    return Complaint.objects.filter(case=case, admissible=True).exists()


def outcome_decided(case: Case) -> bool:
    """The competent body's ballot decided an outcome and it was applied (flow gateway)."""
    return Complaint.objects.filter(case=case).exclude(outcome="").exists()


def complaint_pending_from(origin: Case) -> bool:
    """A complaint case opened from (or registered against a record of) the discipline case
    `origin` is still being dealt with: a second one waits for it (Reg. 22 Art. 23)."""
    return CaseLink.objects.filter(
        source=origin,
        relation=CaseLink.Relation.COMPLAINT,
        target__kind=CaseKind.DISCIPLINE_COMPLAINT,
        target__status__in=PENDING_STATUSES,
    ).exists()


def complaint_openable(origin: Case) -> bool:
    """A complaint may be opened from the discipline case `origin`: its decision is in force
    (announced, the record written) and no complaint from it is pending. Three queries at
    most; the caller checks who may open it."""
    return (
        origin.kind == CaseKind.DISCIPLINE
        and subject_records(origin).filter(case=origin).exists()
        and not complaint_pending_from(origin)
    )


def origin_announced_on(case: Case):
    """The announcement day the discipline case a complaint case was opened from recorded
    for its in-force record (domain.md §11b.1), to propose at intake; None when it has none
    or the case was not opened from one. One query."""
    origins = CaseLink.objects.filter(target=case, relation=CaseLink.Relation.COMPLAINT).values("source_id")
    days = set(
        subject_records(case)
        .filter(case_id__in=origins, announced_on__isnull=False)
        .values_list("announced_on", flat=True)
    )
    return days.pop() if len(days) == 1 else None


def manual_criteria(case: Case):
    """The "not handled" criteria the admissibility checker judges (the rule in force when
    the case's clock started); "out of time" is computed from the dates, not ticked."""
    on = case.clock_started_on or case.opened_on
    return [c for c in rulebook.not_handled_criteria("complaint", on=on) if c.code != "out_of_time"]


def criteria_labels(case: Case, codes: list[str]) -> list[str]:
    on = case.clock_started_on or case.opened_on
    labels = {c.code: str(c.label) for c in rulebook.not_handled_criteria("complaint", on=on)}
    return [labels.get(code, code) for code in codes]


def managing_organisation(record: DisciplineRecord) -> Organisation | None:
    """The organisation that manages the disciplined member (their cell), or the superior
    of a disciplined organisation: it is told of the complaint decision (§5(F) step 4)."""
    if record.member_id:
        return record.member.organisation
    return record.organisation.parent


def complaint_panel(case: Case) -> dict:
    """What the case page shows of a complaint, in two queries: the complaint with its
    record, the bodies and the managing organisation; and its aspect reviews."""
    complaint = complaint_of(case)
    if complaint is None:
        return {"complaint": None}
    reviews = {r.aspect: r for r in ComplaintReview.objects.filter(complaint=complaint)}
    record = complaint.record
    pending = case.status in PENDING_STATUSES and not complaint.outcome
    return {
        "complaint": complaint,
        "record": record,
        "discipline_case": record.case,
        "in_time": complaint.sent_on <= complaint.filing_due_on,
        "stays_in_force": pending and record.state == DisciplineRecord.State.IN_FORCE,
        "reasons": criteria_labels(case, complaint.not_handled_reasons),
        "reviews": [(label, reviews.get(aspect)) for aspect, label in ComplaintAspect.choices],
        "managing_organisation": managing_organisation(record),
        "removed": complaint.outcome == ComplaintOutcome.REMOVE,
    }
