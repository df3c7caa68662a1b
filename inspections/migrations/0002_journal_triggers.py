"""Database triggers that make the journal append-only on SQLite and PostgreSQL."""

from django.db import migrations

PG_UP = """
CREATE OR REPLACE FUNCTION kiemtra_journal_refuse() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'kiemtra: the case journal is append-only (% refused)', TG_OP;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER journal_no_update BEFORE UPDATE ON inspections_journalentry
    FOR EACH ROW EXECUTE FUNCTION kiemtra_journal_refuse();
CREATE TRIGGER journal_no_delete BEFORE DELETE ON inspections_journalentry
    FOR EACH ROW EXECUTE FUNCTION kiemtra_journal_refuse();
"""
PG_DOWN = """
DROP TRIGGER IF EXISTS journal_no_update ON inspections_journalentry;
DROP TRIGGER IF EXISTS journal_no_delete ON inspections_journalentry;
DROP FUNCTION IF EXISTS kiemtra_journal_refuse();
"""
SQLITE_UP = [
    """CREATE TRIGGER journal_no_update BEFORE UPDATE ON inspections_journalentry
       BEGIN SELECT RAISE(ABORT, 'kiemtra: the case journal is append-only (UPDATE refused)'); END;""",
    """CREATE TRIGGER journal_no_delete BEFORE DELETE ON inspections_journalentry
       BEGIN SELECT RAISE(ABORT, 'kiemtra: the case journal is append-only (DELETE refused)'); END;""",
]
SQLITE_DOWN = ["DROP TRIGGER IF EXISTS journal_no_update;", "DROP TRIGGER IF EXISTS journal_no_delete;"]


def up(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        # params=None: the SQL goes to the driver as is; with the default () psycopg would
        # read the "%" of the RAISE format string as a query placeholder and fail.
        schema_editor.execute(PG_UP, params=None)
    elif vendor == "sqlite":
        for sql in SQLITE_UP:
            schema_editor.execute(sql)
    else:
        raise RuntimeError(f"No journal triggers for database vendor {vendor}")


def down(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_DOWN, params=None)
    elif vendor == "sqlite":
        for sql in SQLITE_DOWN:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("inspections", "0001_initial")]
    operations = [migrations.RunPython(up, down)]
