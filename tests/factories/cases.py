"""factory_boy factories for rows that hang off a case: conclusions, recommendations and
discipline records.

There is no case factory: a case is opened through inspections.services.cases, which
numbers it, grants the roles and journals the opening. These factories take that case
(`case=` is required) and add a row the way a test that cannot reach it through the
services needs it (a record announced months ago, a conclusion already reviewed); they
journal nothing and move no status.
"""

import datetime

import factory
from django.utils import timezone

from inspections.models import Conclusion, DisciplineRecord, Recommendation


class ConclusionFactory(factory.django.DjangoModelFactory):
    """Version 1 of a conclusion, submitted by `drafted_by` (required with `case`)."""

    class Meta:
        model = Conclusion

    version = 1
    text = "Nội dung kết luận kiểm tra."
    violation_found = False
    status = "submitted"


class RecommendationFactory(factory.django.DjangoModelFactory):
    """An open requirement of `conclusion`, on its case, due in thirty days."""

    class Meta:
        model = Recommendation

    case = factory.SelfAttribute("conclusion.case")
    text = factory.Sequence(lambda n: f"Yêu cầu khắc phục số {n}")
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    status = "open"


class DisciplineRecordFactory(factory.django.DjangoModelFactory):
    """An in-force warning on `case`'s subject member, decided, announced and in effect on
    `decided_on` (forty days ago by default)."""

    class Meta:
        model = DisciplineRecord

    member = factory.LazyAttribute(lambda o: o.case.subject_member)
    organisation = None
    form = "warning"
    deciding_body = "Chi bộ"
    decision_number = "1"
    decided_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=40))
    announced_on = factory.SelfAttribute("decided_on")
    effective_on = factory.SelfAttribute("decided_on")
