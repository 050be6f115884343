"""Reasons are stored as message ids and values from now on (read in each reader's language).
The sentences stored before are cleared, and the next refresh ranks every need again and
writes them anew."""

from django.db import migrations


def clear_reasons(apps, schema_editor):
    apps.get_model("matching", "Match").objects.update(reasons=[])
    apps.get_model("matching", "Refresh").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("matching", "0003_dismissal")]

    operations = [migrations.RunPython(clear_reasons, migrations.RunPython.noop)]
