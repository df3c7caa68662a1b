"""Database triggers that make the rule-change log append-only on SQLite and PostgreSQL,
as 0002 does for the case journal.

Unlike the journal, this table holds rows from the start (the seeded defaults, 0013). A test
with serialized rollback reloads those rows by saving them again, an UPDATE that changes
nothing; so the UPDATE trigger fires only when a value changes, which is all that matters:
any real rewrite, and every DELETE, is refused."""

from django.db import migrations

TABLE = "inspections_rulechange"
COLUMNS = (
    "id", "seq", "at", "actor_id", "actor_name", "table", "row_id", "action", "before", "after", "prev_hash", "hash"
)
SQLITE_CHANGED = " OR ".join(f'OLD."{c}" IS NOT NEW."{c}"' for c in COLUMNS)

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
        schema_editor.execute(
            f"CREATE TRIGGER rulechange_no_update BEFORE UPDATE ON {TABLE} "
            "FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION kiemtra_rulechange_refuse();",
            params=None,
        )
        schema_editor.execute(
            f"CREATE TRIGGER rulechange_no_delete BEFORE DELETE ON {TABLE} "
            "FOR EACH ROW EXECUTE FUNCTION kiemtra_rulechange_refuse();",
            params=None,
        )
    elif vendor == "sqlite":
        schema_editor.execute(
            f"CREATE TRIGGER rulechange_no_update BEFORE UPDATE ON {TABLE} FOR EACH ROW WHEN {SQLITE_CHANGED} "
            "BEGIN SELECT RAISE(ABORT, 'kiemtra: the rule-change log is append-only (UPDATE refused)'); END;"
        )
        schema_editor.execute(
            f"CREATE TRIGGER rulechange_no_delete BEFORE DELETE ON {TABLE} "
            "BEGIN SELECT RAISE(ABORT, 'kiemtra: the rule-change log is append-only (DELETE refused)'); END;"
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
    dependencies = [("inspections", "0003_journal_checkpoint_triggers")]
    operations = [migrations.RunPython(up, down)]
