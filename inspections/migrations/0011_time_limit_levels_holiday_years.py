"""Issue 9 point 6: time limits by the level of the acting body, provisional marks, and the
holiday calendar's confirmation per year.

- `TimeLimitRule.level` (blank: every level) joins the rule's key; `Case.rules_level`, the
  acting body's level fixed when the clock starts. Cases whose clock had started keep a
  blank level: they were judged by the rules for every level, and keep them.
- The thematic-supervision rows per level are seeded (inspections.rulebook
  DEFAULT_LEVEL_TIME_LIMITS; HD 02-HD/UBKTTW 2017, domain.md §5(C), §11b.7: 20/25/30/45
  working days, the commune level provisionally as grassroots, one extension of up to a
  third), as national versions from 01/01/2000 like migration 0007, each logged.
- The seeded national rows of the numbers domain.md marks unconfirmed (denunciation
  D.resolve, thematic supervision C2.resolve, archive; §11.1, §7.12) are marked
  provisional (a field a version in force may still correct), each change logged.
- `Holiday.seeded` (rows already in the table count as the administrator's: a seed never
  overwrites them) and `HolidayYear`, the administrator's confirmation of a year.
The reverse keeps the seeded rows and marks (the log that records them is append-only)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# The shipped sources of the rows marked provisional (inspections.rulebook, frozen here):
# only the seeded versions are marked, not one an administrator added from a confirmed text.
PROVISIONAL = {
    "C2.resolve": "HD 02-HD/UBKTTW (2017)",
    "D.resolve": "QĐ 30-QĐ/TW, mục 5 (hướng dẫn cũ)",
    "archive": "Quy định 01-QĐi/UBKTTW",
}


def seed_levels(apps, schema_editor):
    from inspections.services.rules import seed_defaults

    seed_defaults(
        get_model=lambda name: apps.get_model("inspections", name),
        log_model=apps.get_model("inspections", "RuleChange"),
    )


def mark_provisional(apps, schema_editor):
    from inspections import rule_log
    from inspections.services.rules import SEED_ACTOR_NAME

    TimeLimitRule = apps.get_model("inspections", "TimeLimitRule")
    RuleChange = apps.get_model("inspections", "RuleChange")
    for code, source in PROVISIONAL.items():
        rows = TimeLimitRule.objects.filter(code=code, source=source, province__isnull=True, provisional=False)
        for row in rows.order_by("pk"):
            before = rule_log.snapshot(row)
            row.provisional = True
            row.save(update_fields=["provisional"])
            rule_log.append(
                actor=None,
                actor_name=SEED_ACTOR_NAME,
                row=row,
                action="update",
                before=before,
                after=rule_log.snapshot(row),
                log_model=RuleChange,
            )


class Migration(migrations.Migration):
    dependencies = [
        ("inspections", "0010_separation_enabled_source"),
        ("people", "0002_org_levels"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HolidayYear",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("year", models.PositiveSmallIntegerField(unique=True, verbose_name="năm")),
                ("confirmed_on", models.DateField(verbose_name="ngày xác nhận")),
                (
                    "note",
                    models.CharField(
                        blank=True,
                        help_text="Ví dụ: văn bản quy định lịch nghỉ, nghỉ bù của năm.",
                        max_length=300,
                        verbose_name="ghi chú",
                    ),
                ),
            ],
            options={
                "verbose_name": "xác nhận lịch nghỉ năm",
                "verbose_name_plural": "xác nhận lịch nghỉ năm",
                "ordering": ["-year"],
            },
        ),
        migrations.RemoveConstraint(
            model_name="timelimitrule",
            name="time_limit_one_national_version_per_day",
        ),
        migrations.RemoveConstraint(
            model_name="timelimitrule",
            name="time_limit_one_provincial_version_per_day",
        ),
        migrations.AddField(
            model_name="case",
            name="rules_level",
            field=models.CharField(
                blank=True,
                default="",
                editable=False,
                max_length=16,
                verbose_name="cấp tiến hành khi bắt đầu tính thời hạn",
            ),
        ),
        migrations.AddField(
            model_name="holiday",
            name="seeded",
            field=models.BooleanField(
                default=False,
                editable=False,
                help_text="Bỏ chọn khi quản trị viên sửa: lần nạp sau không ghi đè.",
                verbose_name="nạp từ thư viện holidays",
            ),
        ),
        migrations.AddField(
            model_name="timelimitrule",
            name="level",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "Mọi cấp"),
                    ("grassroots", "Cơ sở"),
                    ("commune", "Cấp xã (xã, phường, đặc khu)"),
                    ("district", "Cấp huyện (mô hình cũ)"),
                    ("province", "Cấp tỉnh"),
                    ("central", "Trung ương"),
                ],
                default="",
                help_text="Để trống: áp dụng cho mọi cấp. Quy định riêng của một cấp được ưu tiên.",
                max_length=16,
                verbose_name="cấp tiến hành",
            ),
        ),
        migrations.AddConstraint(
            model_name="timelimitrule",
            constraint=models.UniqueConstraint(
                condition=models.Q(("province__isnull", True)),
                fields=("code", "level", "effective_from"),
                name="time_limit_one_national_version_per_day",
                violation_error_message="Đã có một phiên bản toàn quốc của quy định này có hiệu lực từ cùng ngày.",
            ),
        ),
        migrations.AddConstraint(
            model_name="timelimitrule",
            constraint=models.UniqueConstraint(
                condition=models.Q(("province__isnull", False)),
                fields=("code", "level", "province", "effective_from"),
                name="time_limit_one_provincial_version_per_day",
                violation_error_message="Tỉnh này đã có một phiên bản của quy định này có hiệu lực từ cùng ngày.",
            ),
        ),
        migrations.AddField(
            model_name="holidayyear",
            name="confirmed_by",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="người xác nhận",
            ),
        ),
        migrations.RunPython(seed_levels, migrations.RunPython.noop),
        migrations.RunPython(mark_provisional, migrations.RunPython.noop),
    ]
