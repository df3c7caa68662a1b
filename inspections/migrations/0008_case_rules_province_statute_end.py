"""Issue 9 points 4 and 5: `Case.rules_province`, the province whose rules govern a case,
fixed when its clock starts; `DisciplineCase.statute_end_on`, the day the competent body
concluded that the violation requires discipline (the statute's end point).

Rows written before this migration are filled in as their clock and meeting fixed them: a
case whose clock had started gets the province above the jurisdiction it was opened under
(as inspections.deadlines.province_of reads it); a discipline case whose body had already
met keeps the meeting day it was judged by. The reverse drops the two columns."""

import django.db.models.deletion
from django.db import migrations, models

PROVINCE_RANK = 1  # inspections.models.rules.PROVINCE_RANK, frozen here


def backfill(apps, schema_editor):
    Case = apps.get_model("inspections", "Case")
    DisciplineCase = apps.get_model("inspections", "DisciplineCase")
    Organisation = apps.get_model("people", "Organisation")
    for case in Case.objects.filter(clock_started_on__isnull=False, rules_province__isnull=True):
        ids = [int(part) for part in case.jurisdiction_path.split("/") if part.isdigit()]
        province = Organisation.objects.filter(pk__in=ids, level__rank=PROVINCE_RANK).order_by("path").first()
        if province is not None:
            Case.objects.filter(pk=case.pk).update(rules_province=province)
    DisciplineCase.objects.filter(voted_on__isnull=False, statute_end_on__isnull=True).update(
        statute_end_on=models.F("voted_on")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("inspections", "0007_rule_defaults"),
        ("people", "0002_org_levels"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="rules_province",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="people.organisation",
                verbose_name="tỉnh có quy định áp dụng",
            ),
        ),
        migrations.AddField(
            model_name="disciplinecase",
            name="statute_end_on",
            field=models.DateField(
                blank=True, null=True, verbose_name="ngày cấp có thẩm quyền kết luận vi phạm đến mức phải kỷ luật"
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
