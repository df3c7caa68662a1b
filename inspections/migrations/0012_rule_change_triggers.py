"""Database triggers that make the rule-change log append-only on SQLite and PostgreSQL,
as 0002 does for the case journal."""

from django.db import migrations

TABLE = "inspections_rulechange"

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION kiemtra_rulechange_refuse() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'kiemtra: the rule-change log is append-only (% refused)', TG_OP;
END
$$ LANGUAGE plpgsql;
"""


def up(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        # params=None: the "%" of the RAISE format string must reach PostgreSQL as is.
        schema_editor.execute(PG_FUNCTION, params=None)
        for op in ("update", "delete"):
            schema_editor.execute(
                f"CREATE TRIGGER rulechange_no_{op} BEFORE {op.upper()} ON {TABLE} "
                "FOR EACH ROW EXECUTE FUNCTION kiemtra_rulechange_refuse();",
                params=None,
            )
    elif vendor == "sqlite":
        for op in ("update", "delete"):
            schema_editor.execute(
                f"CREATE TRIGGER rulechange_no_{op} BEFORE {op.upper()} ON {TABLE} BEGIN "
                f"SELECT RAISE(ABORT, 'kiemtra: the rule-change log is append-only ({op.upper()} refused)'); END;"
            )
    else:
        raise RuntimeError(f"No rule-change log triggers for database vendor {vendor}")


def down(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for op in ("update", "delete"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS rulechange_no_{op} ON {TABLE};", params=None)
        schema_editor.execute("DROP FUNCTION IF EXISTS kiemtra_rulechange_refuse();", params=None)
    elif vendor == "sqlite":
        for op in ("update", "delete"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS rulechange_no_{op};")


class Migration(migrations.Migration):
    dependencies = [("inspections", "0011_rule_tables")]
    operations = [migrations.RunPython(up, down)]
