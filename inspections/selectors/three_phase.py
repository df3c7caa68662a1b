"""Reads of three-phase inspections (B, G, H): the flows' gateways, the case-page panel, and
what a discipline case needs from an inspection's conclusion."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch

from inspections.models import (
    Case,
    CaseKind,
    CaseLink,
    ChecklistFinding,
    ChecklistItem,
    InspectionRecord,
    ReviewStatus,
    SignsSource,
    ViolationAssessment,
)

# The managing organisation's review meeting (hội nghị kiểm điểm, xem xét) is a step of
# inspections upon signs (domain.md §5(B) B.1 step 6) and of finance inspections, whose
# execution is "as in (B) steps 4–7" (§5(G) step 4); H's steps do not include it (§5(H)).
REVIEW_MEETING_KINDS = (CaseKind.SIGNS_INSPECTION, CaseKind.FINANCE_INSPECTION)

# A case opened from another one: where its signs of violation most likely came from.
SOURCE_BY_RELATION = {
    CaseLink.Relation.ESCALATED: SignsSource.SUPERVISION,
    CaseLink.Relation.FOLLOW_UP: SignsSource.FOLLOW_UP,
}


def review_meeting_due(case: Case) -> bool:
    """Gateway after verification: the review meeting is still to be held."""
    if case.kind not in REVIEW_MEETING_KINDS:
        return False
    return not InspectionRecord.objects.filter(case=case, review_met_on__isnull=False).exists()


def scope_items(case: Case):
    """The content items the case's plan covers (G, H); none for B."""
    return ChecklistItem.objects.filter(inspectionrecord__case=case).order_by("order", "pk")


def uncovered_items(case: Case) -> list[ChecklistItem]:
    """Content items in scope with no finding yet: G and H need a finding per item before
    the team reports (also the gateway that sends verification round again)."""
    covered = ChecklistFinding.objects.filter(finding__case=case).values("item_id")
    return list(scope_items(case).exclude(pk__in=covered))


def proposed_source(case: Case) -> str:
    """The likely source of signs for a case opened from another (the proposal form's initial value)."""
    relation = CaseLink.objects.filter(target=case).order_by("pk").values_list("relation", flat=True).first()
    return SOURCE_BY_RELATION.get(relation, "")


@dataclass(frozen=True)
class ItemCoverage:
    item: ChecklistItem
    findings: int


def panel(case: Case) -> dict:
    """What the case page shows of a three-phase inspection, in four queries whatever the
    number of content items and conclusion drafts."""
    record = (
        InspectionRecord.objects.filter(case=case)
        .prefetch_related(Prefetch("content_items", queryset=ChecklistItem.objects.order_by("order", "pk")))
        .first()
    )
    counts = dict(
        ChecklistFinding.objects.filter(finding__case=case)
        .values("item_id")
        .annotate(n=Count("pk"))
        .values_list("item_id", "n")
    )
    assessments = list(
        ViolationAssessment.objects.filter(conclusion__case=case)
        .select_related("conclusion")
        .order_by("-conclusion__version")
    )
    return {
        "record": record,
        "coverage": [ItemCoverage(item, counts.get(item.pk, 0)) for item in record.content_items.all()]
        if record
        else [],
        "assessment": assessments[0] if assessments else None,
        "grounds": _grounds(case, assessments),
    }


@dataclass(frozen=True)
class DisciplineGrounds:
    """What the approved conclusion of an inspection (B, G, H) found, for the case that
    considers discipline (domain.md §5(B) B.1 step 8 and the "dual process")."""

    case_id: int
    violation_found: bool
    content: str
    nature: str
    extent: str
    harm: str
    causes: str
    responsibility: str
    discipline_required: bool
    subject_admits: bool
    self_proposed_form: str

    @property
    def merged_path(self) -> bool:
        """The violation is clear and reaches discipline, and the subject admits it and
        proposes a form for itself: the committee may merge the inspection and discipline
        procedures (quy trình kép; domain.md §5(B) "Dual process", §5(G) step 6)."""
        return bool(
            self.violation_found and self.discipline_required and self.subject_admits and self.self_proposed_form
        )


ASSESSMENT_FIELDS = (
    "content",
    "nature",
    "extent",
    "harm",
    "causes",
    "responsibility",
    "discipline_required",
    "subject_admits",
    "self_proposed_form",
)


def _grounds(case: Case, assessments: list[ViolationAssessment]) -> DisciplineGrounds | None:
    approved = [a for a in assessments if a.conclusion.status == ReviewStatus.ACCEPTED]
    if not approved:
        return None
    latest = approved[0]
    return DisciplineGrounds(
        case_id=case.pk,
        violation_found=latest.conclusion.violation_found,
        **{name: getattr(latest, name) for name in ASSESSMENT_FIELDS},
    )


def discipline_grounds(case: Case) -> DisciplineGrounds | None:
    """The approved conclusion's findings on the violation, or None while the conclusion is
    not approved (or the case kind records none). A discipline case opened from this one
    reads the self-proposed form and `merged_path` here."""
    assessments = list(
        ViolationAssessment.objects.filter(conclusion__case=case, conclusion__status=ReviewStatus.ACCEPTED)
        .select_related("conclusion")
        .order_by("-conclusion__version")
    )
    return _grounds(case, assessments)
