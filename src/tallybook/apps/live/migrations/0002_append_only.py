"""Refuse UPDATE of published live events in the database itself.

Readers replay from these rows by id (Last-Event-ID): a row changed after it was sent
would tell late readers something other than what early readers saw. Deleting is left
to the database's owner (test flushes need it).
"""

from django.db import migrations

SQLITE = """
CREATE TRIGGER live_event_no_update BEFORE UPDATE ON live_liveevent
BEGIN SELECT RAISE(ABORT, 'live events are append-only'); END;
"""
SQLITE_UNDO = "DROP TRIGGER IF EXISTS live_event_no_update;"

POSTGRES = """
CREATE OR REPLACE FUNCTION live_event_no_update() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'live events are append-only'; END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER live_event_no_update BEFORE UPDATE ON live_liveevent
FOR EACH ROW EXECUTE FUNCTION live_event_no_update();
"""
POSTGRES_UNDO = """
DROP TRIGGER IF EXISTS live_event_no_update ON live_liveevent;
DROP FUNCTION IF EXISTS live_event_no_update();
"""


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_UNDO)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_UNDO)


class Migration(migrations.Migration):
    dependencies = [("live", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
