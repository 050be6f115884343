"""Indexes for the Swedish free-text search of calls on PostgreSQL (navet.core.search): a GIN
index on the weighted Swedish text vector – the very expression the search builds, so the planner
uses it – and trigram indexes for the substring half of the search. Without them every search
computes the vector of every row (docs/performance.md). SQLite has neither, and gets nothing."""

from django.db import migrations

VECTOR = (
    "(setweight(to_tsvector('swedish'::regconfig, (COALESCE(title, ''::character varying))::text), "
    "'A'::\"char\") || setweight(to_tsvector('swedish'::regconfig, COALESCE(description, ''::text)), "
    "'B'::\"char\"))"
)
CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"CREATE INDEX IF NOT EXISTS call_search_swedish ON calls_call USING gin (({VECTOR}))",
    "CREATE INDEX IF NOT EXISTS call_title_trigram ON calls_call "
    "USING gin (upper((title)::text) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS call_description_trigram ON calls_call "
    "USING gin (upper(description) gin_trgm_ops)",
]
DROP = [
    "DROP INDEX IF EXISTS call_search_swedish",
    "DROP INDEX IF EXISTS call_title_trigram",
    "DROP INDEX IF EXISTS call_description_trigram",
]


def _run(statements: list[str]):  # noqa: ANN202
    def run(apps, schema_editor):  # noqa: ANN001, ANN202, ARG001
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("calls", "0007_run_progress")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
