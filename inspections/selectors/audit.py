"""The auditor search across cases (issue 4 point 5): a django-filter FilterSet applied
inside `audit_search`, which starts from access.cases_visible_to like every other list.

Anyone signed in may search, but only ever among the cases they may see (deny by
default): an auditor finds the cases of their mandates, a team member their own cases,
an outsider nothing. The filters narrow that set; they never widen it.
"""

import datetime
from dataclasses import dataclass

import django_filters
from django import forms
from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspections import access
from inspections.models import CaseKind, CaseStatus, Conclusion, KeyArea, ReviewStatus
from people import selectors as people_selectors
from people.models import Organisation

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class Outcome:
    VIOLATION = "violation"
    NO_VIOLATION = "no_violation"
    PENDING = "pending"
    CHOICES = [
        (VIOLATION, _("Có vi phạm")),
        (NO_VIOLATION, _("Không có vi phạm")),
        (PENDING, _("Chưa có kết luận được duyệt")),
    ]


def _approved_conclusion(**extra) -> Exists:
    return Exists(Conclusion.objects.filter(case=OuterRef("pk"), status=ReviewStatus.ACCEPTED, **extra))


def _overdue(today: datetime.date) -> Q:
    """Past the statutory due date and not closed."""
    return Q(due_on__lt=today) & ~Q(status=CaseStatus.CLOSED)


class AuditCaseFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Loại việc"), choices=CaseKind.choices)
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=CaseStatus.choices)
    organisation = django_filters.ModelChoiceFilter(
        label=_("Tổ chức (gồm cấp dưới)"),
        queryset=Organisation.objects.order_by("path"),
        method="filter_organisation",
    )
    key_area = django_filters.ModelChoiceFilter(
        label=_("Lĩnh vực trọng tâm"), queryset=KeyArea.objects.all(), field_name="key_areas"
    )
    opened_from = django_filters.DateFilter(
        label=_("Lập từ ngày (dd/mm/yyyy)"),
        field_name="opened_on",
        lookup_expr="gte",
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y"),
    )
    opened_to = django_filters.DateFilter(
        label=_("Lập đến ngày (dd/mm/yyyy)"),
        field_name="opened_on",
        lookup_expr="lte",
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y"),
    )
    overdue = django_filters.BooleanFilter(
        label=_("Quá hạn"),
        method="filter_overdue",
        widget=forms.Select(choices=[("", _("Tất cả")), ("true", _("Quá hạn")), ("false", _("Không quá hạn"))]),
    )
    outcome = django_filters.ChoiceFilter(label=_("Kết quả"), choices=Outcome.CHOICES, method="filter_outcome")

    def filter_organisation(self, queryset: QuerySet, name: str, value: Organisation) -> QuerySet:
        """Cases whose subject (an organisation, or a member's organisation) or whose
        committee lies in the organisation's subtree, following successor links: the
        organisations merged into it or into its sub-organisations count as its own
        (people.selectors.jurisdiction_paths). Materialised paths end with "/", so a prefix
        never matches a sibling whose id merely starts the same."""
        paths = people_selectors.jurisdiction_paths(value)
        return queryset.filter(
            people_selectors.paths_q(paths, "subject_organisation__path")
            | people_selectors.paths_q(paths, "subject_member__organisation__path")
            | people_selectors.paths_q(paths, "jurisdiction_path")
        )

    def __init__(self, *args, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def filter_overdue(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        overdue = _overdue(self.today)
        return queryset.filter(overdue) if value else queryset.exclude(overdue)

    def filter_outcome(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == Outcome.VIOLATION:
            return queryset.filter(_approved_conclusion(violation_found=True))
        if value == Outcome.NO_VIOLATION:
            return queryset.filter(_approved_conclusion(violation_found=False))
        return queryset.exclude(_approved_conclusion())


@dataclass
class AuditSearch:
    form: forms.Form
    cases: QuerySet


def audit_search(user, params, *, today: datetime.date | None = None) -> AuditSearch:
    """Filter the cases `user` may see by `params` (a QueryDict). Invalid input finds
    nothing and leaves the errors on the form. Each case carries `is_overdue` (as of
    `today`, by default the local date); the rows show in a constant number of queries."""
    today = today or timezone.localdate()
    visible = (
        access.cases_visible_to(user)
        .select_related("committee", "subject_member", "subject_organisation")
        .annotate(
            is_overdue=models.Case(
                models.When(_overdue(today), then=models.Value(True)),
                default=models.Value(False),
                output_field=models.BooleanField(),
            )
        )
        .order_by("-opened_on", "-pk")
    )
    found = AuditCaseFilter(params or None, queryset=visible, today=today)
    if found.is_bound and not found.is_valid():
        return AuditSearch(form=found.form, cases=visible.none())
    # No join here repeats a case: a case holds a key area at most once, and the
    # organisation filter follows foreign keys only.
    return AuditSearch(form=found.form, cases=found.qs)
