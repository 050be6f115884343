# ruff: noqa: S608  (the SQL names constant tables, never input)
"""Search that finds what people type (ADR 0018): the search terms of projects – stems and the
parts of compounds, from navet.core.searchterms – in two columns, filled here for the rows there
are, and indexed: on SQLite in the FTS5 table projects_project_search, kept by triggers; on PostgreSQL in a
weighted Swedish text vector stored in the table, with a GIN index."""

from django.db import migrations

import navet.core.search

TABLE = "projects_project"
SOURCES = {"search_title": ("title",), "search_body": ("description",)}
INDEX = f"{TABLE}_search"
COLUMNS = "search_title, search_body"
NEW = "new.id, new.search_title, new.search_body"
OLD = "old.id, old.search_title, old.search_body"
SQLITE = [
    f"CREATE VIRTUAL TABLE {INDEX} USING fts5({COLUMNS}, content='{TABLE}', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
    f"CREATE TRIGGER {INDEX}_insert AFTER INSERT ON {TABLE} BEGIN "
    f"INSERT INTO {INDEX}(rowid, {COLUMNS}) VALUES ({NEW}); END",
    f"CREATE TRIGGER {INDEX}_delete AFTER DELETE ON {TABLE} BEGIN "
    f"INSERT INTO {INDEX}({INDEX}, rowid, {COLUMNS}) VALUES ('delete', {OLD}); END",
    f"CREATE TRIGGER {INDEX}_update AFTER UPDATE OF {COLUMNS} ON {TABLE} BEGIN "
    f"INSERT INTO {INDEX}({INDEX}, rowid, {COLUMNS}) VALUES ('delete', {OLD}); "
    f"INSERT INTO {INDEX}(rowid, {COLUMNS}) VALUES ({NEW}); END",
    f"INSERT INTO {INDEX}({INDEX}) VALUES ('rebuild')",
]
SQLITE_UNDO = [
    *(f"DROP TRIGGER IF EXISTS {INDEX}_{event}" for event in ("insert", "delete", "update")),
    f"DROP TABLE IF EXISTS {INDEX}",
]
POSTGRESQL = [
    f"ALTER TABLE {TABLE} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
    "(setweight(to_tsvector('swedish'::regconfig, search_title), 'A') || "
    "setweight(to_tsvector('swedish'::regconfig, search_body), 'B')) STORED",
    f"CREATE INDEX {INDEX} ON {TABLE} USING gin (search_vector)",
]
POSTGRESQL_UNDO = [f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_vector"]


def fill(apps, schema_editor):  # noqa: ARG001
    """The terms of the rows there are, made by the fields' own `pre_save`."""
    model = apps.get_model("projects", "Project")
    fields = [model._meta.get_field(name) for name in SOURCES]
    rows = list(model._default_manager.only("pk", *{s for f in SOURCES.values() for s in f}))
    for row in rows:
        for field in fields:
            field.pre_save(row, False)
    model._default_manager.bulk_update(rows, list(SOURCES), batch_size=500)


def _run(sqlite: list[str], postgresql: list[str]):  # noqa: ANN202
    def run(apps, schema_editor):  # noqa: ARG001
        vendor = schema_editor.connection.vendor
        for statement in {"sqlite": sqlite, "postgresql": postgresql}.get(vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("projects", "0003_preparation")]

    operations = [
        *(
            migrations.AddField(
                model_name="project",
                name=name,
                field=navet.core.search.SearchTermsField(sources=sources),
            )
            for name, sources in SOURCES.items()
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(_run(SQLITE, POSTGRESQL), _run(SQLITE_UNDO, POSTGRESQL_UNDO)),
    ]
