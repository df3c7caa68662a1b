"""Writing the versioned rule tables (issue 3 point 1): the only writer of their rows, used
by the Django admin and by `manage.py rules_seed`.

Versioning discipline. A version whose `effective_from` is today or earlier may already
have been used for a case (a due date computed, a ballot counted, a letter triaged), so
its numbers are never rewritten in place:
- its rule fields (the numbers, the unit, the clock start, the code, the scope, the start
  day...) are refused with a message asking for a new version; only the citation, the
  note and (time limits) the "provisional" marker may still be corrected;
- it may be given an end (`effective_to`) of today or later, never one already past, and an
  end already past is not moved;
- it cannot be deleted (end it, or add a new version).
A version that starts after today has been used by nothing yet: it may be changed or
deleted freely. A new version may start on any day, even a past one (a regulation entered
late): cases that already have a due date keep it (the date is stored on the case), and
later lookups for those days use the new version.

Every create, change and delete is appended to the rule-change log (inspections.rule_log)
in the same transaction.
"""

import datetime
from collections.abc import Callable, Iterator

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from inspections import rule_log, rulebook
from inspections.exceptions import RuleViolation
from inspections.models import RuleChange

# The shipped defaults are seeded as national versions in force from this day: early
# enough that a lookup for an old event (e.g. the statute of a violation years ago) finds a
# rule rather than RuleNotFound.
SEED_EFFECTIVE_FROM = datetime.date(2000, 1, 1)
SEED_ACTOR_NAME = "seed: inspections.rulebook DEFAULT_*"


def locked_fields(model) -> list:
    """The fields a version in force keeps: all but the correctable ones and its end."""
    free = {*model.EDITABLE_IN_FORCE, "effective_to"}
    return [f for f in model._meta.concrete_fields if not f.primary_key and f.name not in free]


def check_version_edit(*, old, new, today: datetime.date) -> None:
    """Refuse an edit that would rewrite a version already in force (see the module doc)."""
    if old.effective_from > today:
        return
    changed = [f for f in locked_fields(type(old)) if getattr(old, f.attname) != getattr(new, f.attname)]
    errors = []
    if changed:
        errors.append(
            _(
                "Phiên bản này có hiệu lực từ ngày %(day)s và có thể đã được dùng cho hồ sơ, nên không sửa "
                "được: %(fields)s. Hãy thêm một phiên bản mới với ngày có hiệu lực mới (nút “%(button)s”); "
                "phiên bản cũ vẫn áp dụng cho các hồ sơ bắt đầu tính thời hạn trước ngày đó."
            )
            % {
                "day": old.effective_from.strftime("%d/%m/%Y"),
                "fields": ", ".join(str(f.verbose_name) for f in changed),
                # The admin's own label of its "Save as new" button, in the user's language.
                "button": _("Save as new"),
            }
        )
    if old.effective_to != new.effective_to:
        if old.effective_to is not None and old.effective_to < today:
            errors.append(
                _("Phiên bản này đã hết hiệu lực từ sau ngày %(day)s; không sửa được ngày hết hiệu lực.")
                % {"day": old.effective_to.strftime("%d/%m/%Y")}
            )
        elif new.effective_to is not None and new.effective_to < today:
            errors.append(
                _(
                    "Không được cho phiên bản đang áp dụng hết hiệu lực trước ngày hôm nay (%(today)s): "
                    "hồ sơ có thể đã dùng nó trong những ngày đó."
                )
                % {"today": today.strftime("%d/%m/%Y")}
            )
    if errors:
        raise RuleViolation(errors)


def check_version_delete(*, row, today: datetime.date) -> None:
    if row.effective_from <= today:
        raise RuleViolation(
            _(
                "Phiên bản này có hiệu lực từ ngày %(day)s và có thể đã được dùng cho hồ sơ, nên không xóa được. "
                "Hãy ghi ngày hết hiệu lực hoặc thêm một phiên bản mới."
            )
            % {"day": row.effective_from.strftime("%d/%m/%Y")}
        )


def _validated(row) -> None:
    try:
        row.full_clean()
    except ValidationError as error:
        raise RuleViolation(error.messages) from error


@transaction.atomic
def rule_version_save(*, actor, row):
    """Add a version (row without pk) or change one, within the versioning discipline."""
    _validated(row)
    model = type(row)
    if row.pk is None:
        row.save()
        row.refresh_from_db()
        rule_log.append(
            actor=actor, row=row, action=RuleChange.Action.CREATE, before=None, after=rule_log.snapshot(row)
        )
        return row
    old = model.objects.select_for_update().get(pk=row.pk)
    check_version_edit(old=old, new=row, today=timezone.localdate())
    before = rule_log.snapshot(old)
    row.save()
    row.refresh_from_db()
    after = rule_log.snapshot(row)
    if rule_log.canonical(after) != rule_log.canonical(before):
        rule_log.append(actor=actor, row=row, action=RuleChange.Action.UPDATE, before=before, after=after)
    return row


@transaction.atomic
def rule_version_delete(*, actor, row) -> None:
    """Delete a version that is not in force yet."""
    old = type(row).objects.select_for_update().get(pk=row.pk)
    check_version_delete(row=old, today=timezone.localdate())
    rule_log.append(actor=actor, row=old, action=RuleChange.Action.DELETE, before=rule_log.snapshot(old), after=None)
    old.delete()


# --- the shipped defaults ------------------------------------------------------------------


def default_rows() -> Iterator[tuple[str, dict]]:
    """(model name, field values) of every shipped default in inspections.rulebook."""
    for limit in (*rulebook.DEFAULT_TIME_LIMITS.values(), *rulebook.DEFAULT_LEVEL_TIME_LIMITS.values()):
        yield (
            "TimeLimitRule",
            {
                "code": limit.code,
                "level": limit.level,
                "amount": limit.amount,
                "unit": str(limit.unit),
                "clock_starts": limit.clock_starts,
                "source": limit.source,
                "extension_amount": limit.extension_amount,
                "extension_unit": str(limit.extension_unit) if limit.extension_unit else "",
                "extension_times": limit.extension_times,
                "provisional": limit.provisional,
            },
        )
    for rule in rulebook.DEFAULT_THRESHOLDS.values():
        yield (
            "VoteThresholdRule",
            {
                "code": rule.code,
                "numerator": rule.fraction.numerator,
                "denominator": rule.fraction.denominator,
                "strict": rule.strict,
                "source": rule.source,
            },
        )
    for category, years in rulebook.DEFAULT_STATUTE_YEARS.items():
        yield ("StatuteRule", {"category": category, "years": years, "source": rulebook.DEFAULT_STATUTE_SOURCE})
    for rule in rulebook.DEFAULT_AUTHORITY:
        for form in sorted(rule.forms):
            values = {
                "body_kind": rule.body_kind,
                "subject_kind": rule.subject_kind,
                "form": form,
                "allowed": True,
                "source": rule.source,
                "provisional": rule.provisional,
                "requires_admission_delegation": rule.requires_admission_delegation,
            }
            if rule.effective_from is not None:
                values["effective_from"] = rule.effective_from
            yield ("SanctionAuthorityRule", values)
    # The stored label is the msgid (not today's translation), so it can be translated back.
    with translation.override(None):
        for letter_kind, criteria in rulebook.DEFAULT_NOT_HANDLED.items():
            for position, criterion in enumerate(criteria, start=1):
                yield (
                    "NotHandledCriterion",
                    {
                        "letter_kind": letter_kind,
                        "code": criterion.code,
                        "label": str(criterion.label),
                        "source": criterion.source,
                        "order": 10 * position,
                        "active": True,
                    },
                )


def _known_fields(model, values: dict) -> dict | None:
    """`values` for the columns `model` has. An earlier migration's historical model lacks
    the later columns: a default that needs one (e.g. a time limit for one level, issue 9
    point 6) is left to the migration that adds it (None)."""
    fields = {field.name: field for field in model._meta.fields}
    if any(name not in fields and value not in ("", None, False) for name, value in values.items()):
        return None
    # A value longer than the historical column (a subject kind the column was widened for,
    # issue 9 point 2) is left to the migration that widens it: PostgreSQL would refuse it.
    for name, value in values.items():
        limit = getattr(fields.get(name), "max_length", None)
        if limit is not None and isinstance(value, str) and len(value) > limit:
            return None
    return {name: value for name, value in values.items() if name in fields}


def seed_defaults(
    *,
    actor=None,
    get_model: Callable | None = None,
    log_model=None,
    effective_from: datetime.date = SEED_EFFECTIVE_FROM,
) -> list:
    """Add a national version of every shipped default that has no national version at all
    (idempotent), each journaled. The seeding migration passes its historical models."""
    get_model = get_model or (lambda name: apps.get_model("inspections", name))
    log_model = log_model or RuleChange
    created = []
    with transaction.atomic():
        for model_name, values in default_rows():
            model = get_model(model_name)
            values = _known_fields(model, values)
            if values is None:
                continue
            key = {name: values[name] for name in apps.get_model("inspections", model_name).KEY if name in values}
            if model.objects.filter(province__isnull=True, **key).exists():
                continue
            values.setdefault("effective_from", effective_from)
            row = model.objects.create(province=None, **values)
            rule_log.append(
                actor=actor,
                actor_name=SEED_ACTOR_NAME if actor is None else None,
                row=row,
                action=RuleChange.Action.CREATE,
                before=None,
                after=rule_log.snapshot(row),
                log_model=log_model,
            )
            created.append(row)
    return created


def seed_deciding_bodies(*, get_model: Callable, log_model, level_model) -> list:
    """Add a national version of every shipped deciding-body kind
    (rulebook.DEFAULT_DECIDING_BODIES) whose level exists and that has no national version
    yet (idempotent), each logged (issue 9 point 2). The seeding migration passes its
    historical models."""
    model = get_model("DecidingBodyKind")
    levels = {level.code: level for level in level_model.objects.all()}
    created = []
    with transaction.atomic():
        for body in rulebook.DEFAULT_DECIDING_BODIES:
            level = levels.get(body.level_code)
            if level is None:
                continue
            if model.objects.filter(province__isnull=True, level=level, committee_kind=body.committee_kind).exists():
                continue
            row = model.objects.create(
                level=level,
                committee_kind=body.committee_kind,
                code=body.code,
                label=body.label,
                source=body.source,
                provisional=body.provisional,
                effective_from=body.effective_from or SEED_EFFECTIVE_FROM,
                province=None,
            )
            rule_log.append(
                actor=None,
                actor_name=SEED_ACTOR_NAME,
                row=row,
                action=RuleChange.Action.CREATE,
                before=None,
                after=rule_log.snapshot(row),
                log_model=log_model,
            )
            created.append(row)
    return created
