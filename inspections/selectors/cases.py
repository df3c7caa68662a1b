"""Case reads. Lists are scoped by inspections.access.cases_visible_to."""

import datetime

from django.db.models import Prefetch, QuerySet

from inspections import access
from inspections.models import Case, CaseRole, CaseStatus, Recommendation, ReviewStatus


def case_list(user) -> QuerySet:
    return (
        access.cases_visible_to(user)
        .select_related("committee", "subject_member", "subject_organisation")
        .prefetch_related("key_areas")
        .order_by("-opened_on", "-pk")
    )


def case_detail(user, pk: int) -> Case | None:
    """The case if the user may view it, with what the case page shows, else None."""
    return (
        access.cases_visible_to(user)
        .select_related("committee", "committee__organisation", "subject_member", "subject_organisation", "created_by")
        .prefetch_related(
            "key_areas",
            Prefetch("roles", queryset=CaseRole.objects.filter(revoked_at__isnull=True).select_related("user")),
            "documents",
            "findings",
            "team_reports",
            "conclusions",
            # Only the approved conclusion's recommendations bind; returned drafts' stay history.
            Prefetch(
                "recommendations",
                queryset=Recommendation.objects.filter(conclusion__status=ReviewStatus.ACCEPTED),
                to_attr="binding_recommendations",
            ),
        )
        .filter(pk=pk)
        .first()
    )


def report_accepted(case: Case) -> bool:
    last = case.team_reports.order_by("-version").first()
    return bool(last and last.status == ReviewStatus.ACCEPTED)


def conclusion_approved(case: Case) -> bool:
    last = case.conclusions.order_by("-version").first()
    return bool(last and last.status == ReviewStatus.ACCEPTED)


def is_closed(case: Case) -> bool:
    return Case.objects.filter(pk=case.pk, status=CaseStatus.CLOSED).exists()


def open_recommendations(case: Case) -> QuerySet:
    return case.recommendations.filter(status=Recommendation.Status.OPEN, conclusion__status=ReviewStatus.ACCEPTED)


def deadlines_of(user, *, until: datetime.date) -> QuerySet:
    """The running cases `user` carries — an active role of theirs on it, and still visible
    to them — whose statutory due date falls on or before `until`, overdue ones included,
    soonest first (issue 11 point 1, "my deadlines"). One query when evaluated."""
    carried = CaseRole.objects.filter(user=user, revoked_at__isnull=True).values("case_id")
    return (
        access.cases_visible_to(user)
        .filter(pk__in=carried, closed_on__isnull=True, concluded_on__isnull=True, due_on__isnull=False)
        .filter(due_on__lte=until)
        .select_related("committee")
        .order_by("due_on", "pk")
    )
