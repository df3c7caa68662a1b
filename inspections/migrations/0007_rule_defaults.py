"""Seed the rule tables with the shipped defaults of inspections.rulebook (its DEFAULT_*
constants stay the seed source): national versions in force from 01/01/2000, each logged
in the rule-change log. Idempotent: a rule that already has a national version is skipped.
The reverse keeps the rows (the log that records them is append-only); reversing 0001
drops the tables."""

from django.db import migrations


def seed(apps, schema_editor):
    from inspections.services.rules import seed_defaults

    seed_defaults(
        get_model=lambda name: apps.get_model("inspections", name),
        log_model=apps.get_model("inspections", "RuleChange"),
    )


class Migration(migrations.Migration):
    dependencies = [("inspections", "0006_step_separations")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
