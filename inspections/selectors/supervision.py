"""Reads of supervision cases (C1 logs, C2 thematic supervision), scoped by case access."""

from django.db.models import Count, Prefetch, QuerySet

from inspections import access
from inspections.deadlines import case_time_limit
from inspections.models import (
    AdditionRequest,
    Case,
    CaseKind,
    CaseRole,
    DeadlineExtension,
    Document,
    SignsProposal,
    SupervisionEntry,
    SupervisionMeeting,
    ThematicSupervision,
)


def log_of(user, pk: int) -> Case | None:
    """The C1 log `pk` if the user may view it, else None."""
    return (
        access.cases_visible_to(user)
        .filter(pk=pk, kind=CaseKind.REGULAR_SUPERVISION)
        .select_related("committee", "subject_member", "subject_organisation")
        .first()
    )


def supervision_case_of(user, pk: int, kind: str) -> Case | None:
    return access.cases_visible_to(user).filter(pk=pk, kind=kind).select_related("committee").first()


def group_ids(case: Case) -> set[int]:
    """Ids of a supervision group (leader and members) as it stands."""
    return set(
        CaseRole.objects.filter(
            case=case, role__in=(CaseRole.Role.LEADER, CaseRole.Role.MEMBER), revoked_at__isnull=True
        ).values_list("user_id", flat=True)
    )


def log_entries(case: Case) -> QuerySet:
    """The log's entries, newest first, with who recorded them and their documents: a
    constant number of queries per page however many entries and documents there are."""
    return (
        SupervisionEntry.objects.filter(case=case)
        .select_related("recorded_by")
        .prefetch_related(Prefetch("documents", queryset=Document.objects.order_by("pk")))
        .order_by("-occurred_on", "-pk")
    )


def entry_counts(case: Case) -> dict[str, int]:
    """How many entries of each kind the log holds (one query)."""
    rows = SupervisionEntry.objects.filter(case=case).values("kind").annotate(n=Count("pk")).order_by()
    counts = {kind: 0 for kind in SupervisionEntry.Kind.values}
    counts.update({row["kind"]: row["n"] for row in rows})
    return counts


def signs_proposals_of(case: Case) -> list[SignsProposal]:
    return list(SignsProposal.objects.filter(origin=case).select_related("proposed_by").order_by("pk"))


def signs_proposals_pending(user) -> QuerySet:
    """Integration hook: proposals to open an inspection upon signs (case B) that no B case
    has been opened for yet, on the supervision cases `user` may see. A later integration
    lists them for the chair and calls
    inspections.services.regular_supervision.signs_proposal_spawn."""
    return (
        SignsProposal.objects.filter(spawned_case__isnull=True, origin__in=access.cases_visible_to(user))
        .select_related("origin", "proposed_by")
        .order_by("created_at", "pk")
    )


def thematic_of(case: Case) -> ThematicSupervision | None:
    return ThematicSupervision.objects.filter(case=case).first()


def additions_pending(case: Case) -> bool:
    return AdditionRequest.objects.filter(case=case, received_on__isnull=True).exists()


def addition_requests(case: Case) -> list[AdditionRequest]:
    return list(AdditionRequest.objects.filter(case=case).order_by("requested_on", "pk"))


def meetings_of(case: Case) -> list[SupervisionMeeting]:
    return list(
        SupervisionMeeting.objects.filter(case=case)
        .select_related("minutes")
        .prefetch_related("group_present")
        .order_by("held_on", "pk")
    )


def extensions_of(case: Case) -> list[DeadlineExtension]:
    return list(
        DeadlineExtension.objects.filter(case=case, rule_code=THEMATIC_LIMIT)
        .select_related("granted_by")
        .order_by("number")
    )


THEMATIC_LIMIT = "C2.resolve"  # rule-book code of the thematic supervision's time limit


def extension_allowance(case: Case):
    """(the time limit in force when the clock started, how many extensions are left);
    (None, 0) before the clock starts."""
    if case.clock_started_on is None:
        return None, 0
    limit = case_time_limit(THEMATIC_LIMIT, case)
    allowed = limit.extension_times if limit.extension_amount and limit.extension_unit else 0
    used = DeadlineExtension.objects.filter(case=case, rule_code=THEMATIC_LIMIT).count()
    return limit, max(allowed - used, 0)
