"""Reads of denunciation cases (domain.md §5(D)): the register ("sổ") of letters, the case
page panel, the gateways of the flow, and what later steps need (the escalation flags of
a conclusion, the complaint part split off a mixed letter).

Every list starts from access.cases_visible_to. Nothing here reads a sealed column: the
denouncers are counted, never named (inspections.selectors.parties reveals them, journaled).
"""

import datetime
from dataclasses import dataclass

import django_filters
from django import forms
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspections import access, deadlines, rulebook
from inspections.kinds.registry import pipeline_of
from inspections.models import (
    Allegation,
    Case,
    CaseKind,
    CaseLink,
    CaseParty,
    CaseStatus,
    Conclusion,
    DeadlineExtension,
    DenouncerMeeting,
    Denunciation,
    DenunciationNotice,
    DenunciationOutcome,
    DenunciationPause,
    ReviewStatus,
    Withdrawal,
)

# The rule code of the whole resolution's time limit (rulebook, deadlines).
RULE = "D.resolve"

# Statuses before the conclusion: the denouncer may still withdraw, the chair may still
# extend (domain.md §5(D) "Special cases", "Time limits").
BEFORE_CONCLUSION = (
    CaseStatus.RECEIVED,
    CaseStatus.DENUNCIATION_ACCEPTED,
    CaseStatus.DRAFT,
    CaseStatus.DECIDED,
    CaseStatus.NOTIFIED,
    CaseStatus.DENUNCIATION_EXPLAINED,
    CaseStatus.VERIFYING,
    CaseStatus.REPORTED,
    CaseStatus.CONCLUDING,
)
# The denouncer may withdraw while the clock is stopped too.
WITHDRAWABLE = (*BEFORE_CONCLUSION, CaseStatus.SUSPENDED)
# Where a letter's handling ends; the flow has nothing left to do.
ENDED = tuple(status for status, moves in pipeline_of(CaseKind.DENUNCIATION).items() if not moves)


def criteria_in_force(case: Case, received_on: datetime.date | None = None):
    """The "not handled" criteria in force on the day the competent body received the letter."""
    if received_on is None:
        received_on = Denunciation.objects.values_list("received_on", flat=True).get(case=case)
    return rulebook.not_handled_criteria("denunciation", on=received_on, province=deadlines.governing_province(case))


def triage_handled(case: Case) -> bool:
    """Flow gateway: the chair accepted the letter for resolution."""
    return Denunciation.objects.filter(case=case, triage=Denunciation.Triage.HANDLED).exists()


def all_verdicts_given(case: Case) -> bool:
    """Flow gateway: every allegation has its verdict (the result report may be written)."""
    return not Allegation.objects.filter(case=case, verdict="").exists()


def denouncers_of(case: Case) -> QuerySet:
    """The denouncer parties, without their sealed columns."""
    return CaseParty.objects.filter(case=case, role=CaseParty.Role.DENOUNCER).only("pk", "role", "case").order_by("pk")


def escalation_flags(case: Case) -> dict | None:
    """What the approved conclusion says for the cases that may follow (domain.md §5(D)
    step 5): `discipline` — the violation reaches the discipline threshold (a discipline
    case, E); `other_signs` — other signs of violation emerged (an inspection upon signs,
    B). None until a conclusion is approved. A later integration spawns those cases from
    these flags (inspections.services.cases.case_spawn)."""
    row = (
        DenunciationOutcome.objects.filter(conclusion__case=case, conclusion__status=ReviewStatus.ACCEPTED)
        .order_by("-conclusion__version")
        .values("discipline_threshold", "other_signs", "other_signs_note", "conclusion__violation_found")
        .first()
    )
    if row is None:
        return None
    return {
        "violation_found": row["conclusion__violation_found"],
        "discipline": row["discipline_threshold"],
        "other_signs": row["other_signs"],
        "other_signs_note": row["other_signs_note"],
    }


def awaiting_escalation(user) -> QuerySet:
    """Denunciation cases `user` may see whose approved conclusion calls for a discipline
    or an inspection-upon-signs case that has not been opened (linked) yet."""
    flagged = DenunciationOutcome.objects.filter(
        Q(discipline_threshold=True) | Q(other_signs=True),
        conclusion__case=OuterRef("pk"),
        conclusion__status=ReviewStatus.ACCEPTED,
    )
    linked = CaseLink.objects.filter(
        source=OuterRef("pk"), relation__in=[CaseLink.Relation.DISCIPLINE, CaseLink.Relation.ESCALATED]
    )
    return (
        access.cases_visible_to(user)
        .filter(kind=CaseKind.DENUNCIATION)
        .filter(Exists(flagged))
        .exclude(Exists(linked))
        .order_by("concluded_on", "pk")
    )


def complaint_split(case: Case) -> dict | None:
    """The complaint part of a mixed letter (domain.md §5(D) "Special cases"; §7.5), as a
    later step needs it to open the complaint case: None unless the letter was split."""
    den = Denunciation.objects.filter(case=case, triage=Denunciation.Triage.SPLIT).first()
    if den is None:
        return None
    return {
        "case": case.pk,
        "register_number": den.register_number,
        "received_on": den.received_on,
        "complaint_part": den.complaint_part,
        "reason": den.triage_reason,
        "subject_member": case.subject_member_id,
        "subject_organisation": case.subject_organisation_id,
        "split_on": den.triaged_on,
    }


def awaiting_complaint_case(user) -> QuerySet:
    """Split letters `user` may see whose complaint case has not been opened (linked) yet."""
    linked = CaseLink.objects.filter(source=OuterRef("pk"), relation=CaseLink.Relation.SPLIT)
    return (
        access.cases_visible_to(user)
        .filter(kind=CaseKind.DENUNCIATION, status=CaseStatus.COMPLAINT_SPLIT)
        .exclude(Exists(linked))
        .order_by("pk")
    )


# --- The register ("sổ") --------------------------------------------------------------

DATE_FORMATS = ["%d/%m/%Y"]


class RegisterFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Trạng thái"),
        field_name="case__status",
        choices=[(s, label) for s, label in CaseStatus.choices if s in pipeline_of(CaseKind.DENUNCIATION)],
    )
    triage = django_filters.ChoiceFilter(label=_("Phân loại, xử lý đơn"), choices=Denunciation.Triage.choices)
    received_from = django_filters.DateFilter(
        label=_("Nhận đơn từ ngày (dd/mm/yyyy)"),
        field_name="received_on",
        lookup_expr="gte",
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y"),
    )
    received_to = django_filters.DateFilter(
        label=_("Đến ngày (dd/mm/yyyy)"),
        field_name="received_on",
        lookup_expr="lte",
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y"),
    )


@dataclass
class Register:
    form: forms.Form
    rows: QuerySet


def register(user, params, *, today: datetime.date | None = None) -> Register:
    """The denunciation letters `user` may see, filtered by `params` (a QueryDict), newest
    received first, in a constant number of queries. Invalid filters find nothing and leave
    their errors on the form. Each row carries its allegation count and `is_overdue`."""
    today = today or timezone.localdate()
    visible = access.cases_visible_to(user).filter(kind=CaseKind.DENUNCIATION)
    rows = (
        Denunciation.objects.filter(case__in=visible.values("pk"))
        .select_related("case", "case__subject_member", "case__subject_organisation", "committee", "transfer_committee")
        .annotate(
            allegation_count=Count("case__allegations", distinct=True),
            denouncer_count=Count(
                "case__parties", filter=Q(case__parties__role=CaseParty.Role.DENOUNCER), distinct=True
            ),
        )
        .order_by("-received_on", "-register_year", "-pk")
    )
    found = RegisterFilter(params or None, queryset=rows)
    if found.is_bound and not found.is_valid():
        return Register(form=found.form, rows=rows.none())
    return Register(form=found.form, rows=found.qs)


def is_overdue(den: Denunciation, today: datetime.date) -> bool:
    case = den.case
    return bool(case.due_on and case.due_on < today and case.status in BEFORE_CONCLUSION)


# --- The case page panel ----------------------------------------------------------------


def extension_allowance(case: Case) -> tuple[int, int]:
    """(extensions allowed by the rule in force when the clock started, extensions made)."""
    limit = deadlines.case_time_limit(RULE, case)
    allowed = limit.extension_times if limit.extension_amount and limit.extension_unit else 0
    return allowed, DeadlineExtension.objects.filter(case=case, rule_code=RULE).count()


def panel(user, case: Case) -> dict:
    """What the denunciation panel shows `user` (who may view the case), in a constant number
    of queries. Never a denouncer's identity: their number, and whether the viewer may open
    the (journaled) reveal on the parties page."""
    den = (
        Denunciation.objects.select_related("committee", "transfer_committee", "triaged_by", "registered_by")
        .filter(case=case)
        .first()
    )
    if den is None:
        return {"missing": True}
    actions = access.actions_on(user, case)
    today = timezone.localdate()
    status = case.status
    withdrawals = list(Withdrawal.objects.filter(case=case).select_related("recorded_by", "decided_by"))
    pending = next((w for w in withdrawals if w.outcome == Withdrawal.Outcome.PENDING), None)
    allowed, made = extension_allowance(case) if case.clock_started_on else (0, 0)
    conclusion = (
        Conclusion.objects.filter(case=case).order_by("-version").select_related("denunciation_outcome").first()
    )
    outcome = getattr(conclusion, "denunciation_outcome", None) if conclusion else None
    return {
        "den": den,
        "criteria": list(den.criteria.all()),
        "allegations": list(Allegation.objects.filter(case=case).order_by("number")),
        "verdict_missing": Allegation.objects.filter(case=case, verdict="").count(),
        "meetings": list(DenouncerMeeting.objects.filter(case=case).select_related("recorded_by")),
        "withdrawals": withdrawals,
        "extensions": list(DeadlineExtension.objects.filter(case=case, rule_code=RULE).select_related("granted_by")),
        "notices": list(DenunciationNotice.objects.filter(case=case).order_by("issued_on", "pk")),
        "denouncer_count": CaseParty.objects.filter(case=case, role=CaseParty.Role.DENOUNCER).count(),
        "outcome": outcome,
        "outcome_approved": bool(conclusion and conclusion.status == ReviewStatus.ACCEPTED),
        "may_reveal": "view_sealed" in actions,
        "may_record_withdrawal": "work" in actions and status in WITHDRAWABLE and pending is None,
        "pending_withdrawal": pending,
        "may_decide_withdrawal": "approve" in actions and pending is not None and status in WITHDRAWABLE,
        "pauses": list(DenunciationPause.objects.filter(case=case).select_related("paused_by", "resumed_by")),
        "may_pause": "approve" in actions and status in BEFORE_CONCLUSION,
        "may_resume": "approve" in actions and status == CaseStatus.SUSPENDED,
        "may_extend": "approve" in actions
        and status in BEFORE_CONCLUSION
        and case.due_on is not None
        and today <= case.due_on
        and made < allowed,
        "extensions_allowed": allowed,
        "is_overdue": bool(case.due_on and case.due_on < today and status in BEFORE_CONCLUSION),
    }
