"""factory_boy factories for reference data and rule tables: key areas, holidays and the
versioned rules (time limits, vote thresholds, statutes, sanction authority, grounds for
not handling a letter).

Each default row has a key of its own (a test of a seeded rule passes the seeded code).
Rule rows are written directly, as the existing tests always did: a factory row has no
rule-log entry (rule_log.unlogged_rows reports it), which is what a test of the rulebook
lookup wants. Tests of the rule log write through inspections.services.rules.
"""

import datetime

import factory

from inspections.models import (
    DecidingBodyKind,
    Holiday,
    KeyArea,
    NotHandledCriterion,
    SanctionAuthorityRule,
    StatuteRule,
    TimeLimitRule,
    VoteThresholdRule,
)

RULE_START = datetime.date(2026, 1, 1)


class KeyAreaFactory(factory.django.DjangoModelFactory):
    """Returns the key area with `code` if it exists (the seeded ones do)."""

    class Meta:
        model = KeyArea
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"linh-vuc-thu-{n}")
    name = factory.Sequence(lambda n: f"Lĩnh vực thử {n}")
    order = 90


class HolidayFactory(factory.django.DjangoModelFactory):
    """Returns the holiday on `day` if the calendar already has one (the seed does)."""

    class Meta:
        model = Holiday
        django_get_or_create = ("day",)

    day = factory.Sequence(lambda n: datetime.date(2040, 1, 2) + datetime.timedelta(days=n))
    name = "Ngày nghỉ thử"


class RuleVersionFactory(factory.django.DjangoModelFactory):
    """Period, scope and source shared by every rule family: national, from RULE_START."""

    class Meta:
        abstract = True

    effective_from = RULE_START
    effective_to = None
    province = None
    source = "Thử"


class TimeLimitRuleFactory(RuleVersionFactory):
    class Meta:
        model = TimeLimitRule

    code = factory.Sequence(lambda n: f"T.test{n}")
    amount = 30
    unit = "working_days"
    clock_starts = "decision_signed"


class VoteThresholdRuleFactory(RuleVersionFactory):
    class Meta:
        model = VoteThresholdRule

    code = factory.Sequence(lambda n: f"test.vote{n}")
    numerator = 1
    denominator = 2
    strict = True


class StatuteRuleFactory(RuleVersionFactory):
    class Meta:
        model = StatuteRule

    category = factory.Sequence(lambda n: f"test.statute{n}")
    years = 5


class DecidingBodyKindFactory(RuleVersionFactory):
    """A deciding-body kind for a level (issue 9 point 2): pass `level` and `committee_kind`."""

    class Meta:
        model = DecidingBodyKind

    committee_kind = "inspection"
    code = factory.LazyAttribute(lambda o: f"{o.level.code}.{o.committee_kind}")
    label = factory.LazyAttribute(lambda o: f"{o.committee_kind} {o.level.name}")


class SanctionAuthorityRuleFactory(RuleVersionFactory):
    class Meta:
        model = SanctionAuthorityRule

    body_kind = factory.Sequence(lambda n: f"test.body{n}")
    subject_kind = "member"
    form = "reprimand"
    allowed = True


class NotHandledCriterionFactory(RuleVersionFactory):
    class Meta:
        model = NotHandledCriterion

    letter_kind = "denunciation"
    code = factory.Sequence(lambda n: f"test_{n}")
    label = factory.Sequence(lambda n: f"Tiêu chí thử {n}")
    order = 0
    active = True
