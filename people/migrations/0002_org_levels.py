"""Seed the organisation levels of both structures (domain.md §2.1).

Levels are configuration: administrators may rename them later; this migration writes the
shipped defaults once. It is idempotent (update_or_create on the code) and its reverse is a
no-op, because removing levels would orphan the organisations that use them.
"""

from django.db import migrations

# (code, structure, rank, name, is_grassroots, may_have_inspection_committee)
LEVELS = [
    # Since 1/7/2025: province -> commune, ward or special-zone committee -> cell.
    ("province", "current", 1, "Đảng bộ tỉnh", False, True),
    ("commune", "current", 2, "Đảng bộ xã, phường, đặc khu", True, True),
    ("cell", "current", 3, "Chi bộ", False, False),
    # Before 1/7/2025: province -> district -> grassroots organisation -> cell under it.
    ("legacy-province", "legacy", 1, "Tỉnh ủy (mô hình cũ)", False, True),
    ("district", "legacy", 2, "Huyện ủy (mô hình cũ)", False, True),
    # Inspection committees exist "from the grassroots party committee upward" (Quy định 296, Điều 7).
    ("grassroots", "legacy", 3, "Tổ chức cơ sở đảng", True, True),
    # Cells and section committees have no inspection committee (domain.md §2.2).
    ("legacy-cell", "legacy", 4, "Chi bộ trực thuộc (mô hình cũ)", False, False),
]


def seed_levels(apps, schema_editor):
    OrgLevel = apps.get_model("people", "OrgLevel")
    for code, structure, rank, name, is_grassroots, has_committee in LEVELS:
        OrgLevel.objects.update_or_create(
            code=code,
            defaults={
                "structure": structure,
                "rank": rank,
                "name": name,
                "is_grassroots": is_grassroots,
                "may_have_inspection_committee": has_committee,
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(seed_levels, migrations.RunPython.noop),
    ]
