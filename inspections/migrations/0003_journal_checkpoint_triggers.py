"""Database triggers that make the journal checkpoints and their recorded heads
append-only on SQLite and PostgreSQL, as 0002 does for the journal itself."""

from django.db import migrations

TABLES = ("inspections_journalcheckpoint", "inspections_journalcheckpointhead")

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION kiemtra_checkpoint_refuse() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'kiemtra: journal checkpoints are append-only (% refused)', TG_OP;
END
$$ LANGUAGE plpgsql;
"""


def _name(table: str, op: str) -> str:
    return f"{table.removeprefix('inspections_')}_no_{op}"


def up(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        # params=None: the "%" of the RAISE format string must reach PostgreSQL as is.
        schema_editor.execute(PG_FUNCTION, params=None)
        for table in TABLES:
            for op in ("update", "delete"):
                schema_editor.execute(
                    f"CREATE TRIGGER {_name(table, op)} BEFORE {op.upper()} ON {table} "
                    "FOR EACH ROW EXECUTE FUNCTION kiemtra_checkpoint_refuse();",
                    params=None,
                )
    elif vendor == "sqlite":
        for table in TABLES:
            for op in ("update", "delete"):
                schema_editor.execute(
                    f"CREATE TRIGGER {_name(table, op)} BEFORE {op.upper()} ON {table} BEGIN "
                    f"SELECT RAISE(ABORT, 'kiemtra: journal checkpoints are append-only ({op.upper()} refused)'); END;"
                )
    else:
        raise RuntimeError(f"No checkpoint triggers for database vendor {vendor}")


def down(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for table in TABLES:
            for op in ("update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {_name(table, op)} ON {table};", params=None)
        schema_editor.execute("DROP FUNCTION IF EXISTS kiemtra_checkpoint_refuse();", params=None)
    elif vendor == "sqlite":
        for table in TABLES:
            for op in ("update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {_name(table, op)};")


class Migration(migrations.Migration):
    dependencies = [("inspections", "0002_journal_triggers")]
    operations = [migrations.RunPython(up, down)]
