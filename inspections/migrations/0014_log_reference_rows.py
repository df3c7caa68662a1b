"""The rule-change log now covers the reference tables that decide who may do what and
when (segregation options, deferral and exemption grounds, case-opening rules, holidays and
their yearly confirmations; inspections.rule_log.LOGGED_MODELS). Their rows written before
this migration — seeded by earlier migrations or entered by an administrator — enter the log
once here, as they stand, so `verify_rule_log` can tell any later change made behind the
log's back. Rows that already have an entry (case-opening rules changed through the admin)
are left alone."""

from django.db import migrations

TABLES = ("StepSeparation", "DisciplineGround", "CaseOpeningRule", "Holiday", "HolidayYear")
ACTOR_NAME = "migration inspections 0014: rows present before the log covered their table"


def log_existing_rows(apps, schema_editor):
    from inspections import rule_log

    RuleChange = apps.get_model("inspections", "RuleChange")
    for name in TABLES:
        model = apps.get_model("inspections", name)
        table = model._meta.model_name
        logged = set(RuleChange.objects.filter(table=table).values_list("row_id", flat=True))
        for row in model.objects.order_by("pk"):
            if row.pk in logged:
                continue
            rule_log.append(
                actor=None,
                actor_name=ACTOR_NAME,
                row=row,
                action="create",
                before=None,
                after=rule_log.snapshot(row),
                log_model=RuleChange,
            )


class Migration(migrations.Migration):
    dependencies = [
        ("inspections", "0013_case_opening_rules"),
    ]

    operations = [
        migrations.RunPython(log_existing_rows, migrations.RunPython.noop),
    ]
