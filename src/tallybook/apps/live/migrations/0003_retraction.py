"""Retractions: a live event may withdraw an earlier one (rows stay append-only)."""

from importlib import import_module

import django.db.models.deletion
from django.db import migrations, models

# SQLite adds a unique column by rebuilding the table, which drops its triggers.
_append_only = import_module("tallybook.apps.live.migrations.0002_append_only")


def keep_append_only(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(_append_only.SQLITE_UNDO)
        schema_editor.execute(_append_only.SQLITE)


class Migration(migrations.Migration):
    dependencies = [("live", "0002_append_only")]

    operations = [
        # reversed, this runs last: after the column is dropped (another table rebuild)
        migrations.RunPython(migrations.RunPython.noop, keep_append_only),
        migrations.AddField(
            model_name="liveevent",
            name="retracts",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="retraction",
                to="live.liveevent",
            ),
        ),
        migrations.AlterField(
            model_name="liveevent",
            name="kind",
            field=models.CharField(
                choices=[
                    ("report", "Report"),
                    ("checkin", "check-in"),
                    ("claim", "Claim"),
                    ("retraction", "Retraction"),
                ],
                max_length=10,
            ),
        ),
        migrations.RunPython(keep_append_only, migrations.RunPython.noop),
    ]
