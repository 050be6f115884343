"""The Swedish collation `navet_sv` that long lists are ordered by in the database
(navet.core.ordering, ADR 0016): ICU's Swedish rules on PostgreSQL, with spaces and punctuation
ignored ("ka-shifted"), so that Upplands-Bro comes before Upplands Väsby as in Swedish lists.
SQLite gets the same name from Navet on every connection, so nothing is created there."""

from django.db import migrations

CREATE = "CREATE COLLATION IF NOT EXISTS navet_sv (provider = icu, locale = 'sv-SE-u-ka-shifted')"
DROP = "DROP COLLATION IF EXISTS navet_sv"


def _run(statement: str):  # noqa: ANN202
    def run(apps, schema_editor):  # noqa: ANN001, ANN202, ARG001
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("core", "0003_last_digest")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
