"""Reads of the follow-up of conclusions (every case kind, domain.md §7.11): what is still
followed, the choices of the follow-up step, the case-page card and the overdue flag that
case lists show."""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspections import access
from inspections.models import Case, CaseStatus, Recommendation, RequirementReport, RequirementTracking, ReviewStatus


def binding(case: Case) -> QuerySet:
    """Requirements of the approved conclusion (those of returned drafts stay history)."""
    return Recommendation.objects.filter(case=case, conclusion__status=ReviewStatus.ACCEPTED)


def unsettled(case: Case) -> QuerySet:
    """Requirements still followed: neither met (DONE) nor found unmet by the approver."""
    return binding(case).filter(status=Recommendation.Status.OPEN).exclude(tracking__unmet_on__isnull=False)


def unmet_without_case(case: Case) -> QuerySet:
    """Unmet requirements for which no inspection upon signs was opened yet."""
    return binding(case).filter(tracking__unmet_on__isnull=False, tracking__signs_case__isnull=True)


def overdue_flag():
    """EXISTS for a case queryset: the case has a requirement escalated as overdue and still
    followed (set by the escalate_overdue command, lifted by a new deadline, a report that
    it was met, or the approver finding it unmet)."""
    return Exists(
        RequirementTracking.objects.filter(
            recommendation__case=OuterRef("pk"),
            recommendation__status=Recommendation.Status.OPEN,
            recommendation__conclusion__status=ReviewStatus.ACCEPTED,
            escalated_at__isnull=False,
            unmet_on__isnull=True,
        )
    )


def with_overdue_flag(cases: QuerySet) -> QuerySet:
    return cases.annotate(overdue_requirements=overdue_flag())


STATE_LABELS = {
    "open": _("Đang thực hiện"),
    "overdue": _("Quá hạn"),
    "met": _("Đã thực hiện"),
    "unmet": _("Không thực hiện"),
}


@dataclass
class RequirementRow:
    rec: Recommendation
    state: str
    escalated: bool
    unmet_reason: str
    reports: list = field(default_factory=list)
    signs_case: Case | None = None  # None also when the viewer may not see it
    has_signs_case: bool = False

    @property
    def state_label(self):
        return STATE_LABELS[self.state]

    @property
    def followed(self) -> bool:
        return self.state in ("open", "overdue")


def card(user, case: Case) -> dict:
    """The follow-up card of the case page, in at most four queries whatever the number of
    requirements and reports."""
    recs = list(
        binding(case)
        .select_related("tracking", "tracking__signs_case")
        .prefetch_related(
            Prefetch("reports", queryset=RequirementReport.objects.select_related("document").order_by("reported_on"))
        )
        .order_by("due_on", "pk")
    )
    trackings = {rec.pk: getattr(rec, "tracking", None) for rec in recs}
    linked = {t.signs_case_id for t in trackings.values() if t is not None and t.signs_case_id}
    visible = set(access.cases_visible_to(user).filter(pk__in=linked).values_list("pk", flat=True)) if linked else set()
    today = timezone.localdate()
    rows = []
    for rec in recs:
        tracking = trackings[rec.pk]
        escalated = bool(tracking and tracking.escalated_at)
        if rec.status == Recommendation.Status.DONE:
            state = "met"
        elif tracking is not None and tracking.unmet_on:
            state = "unmet"
        else:
            state = "overdue" if escalated or rec.due_on < today else "open"
        rows.append(
            RequirementRow(
                rec=rec,
                state=state,
                escalated=escalated and state == "overdue",
                unmet_reason=tracking.unmet_reason if tracking else "",
                reports=list(rec.reports.all()),
                signs_case=tracking.signs_case if tracking and tracking.signs_case_id in visible else None,
                has_signs_case=bool(tracking and tracking.signs_case_id),
            )
        )
    return {
        "rows": rows,
        "can_assess": case.status == CaseStatus.FOLLOW_UP
        and any(r.followed for r in rows)
        and access.can(user, "approve", case),
        "any_escalated": any(r.escalated for r in rows),
    }
