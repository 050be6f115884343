# ruff: noqa: S608, S611  (the SQL names tables of the models; what was typed goes as a parameter)
"""Free-text search in Swedish, the same for every list of Navet and on both databases
(ADR 0018).

A searched model keeps the terms of its texts – stems and the parts of compounds, from
`navet.core.searchterms` – in two columns of `SearchTermsField`: the title's, and the rest's.
The database indexes those columns: SQLite in an FTS5 table beside the model's own
(`<table>_search`, kept by triggers), PostgreSQL in a weighted Swedish text vector stored in the
table (`search_vector`, with a GIN index). A query is made of the same terms, so the two databases
find the same rows: all the words, in any order and inflection, compounds by their parts, the best
first (`search_rank`).
"""

from typing import Any, TypeVar

from django.apps import apps
from django.db import connection, connections, models
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from navet.core import searchterms

Rows = TypeVar("Rows", bound=QuerySet[Any])

TITLE_WEIGHT = 4.0  # a word in the title counts as much as four in the text (SQLite's bm25)


class SearchTermsField(models.TextField):
    """The search terms of some text fields of the row, made whenever the row is saved or
    inserted in bulk (`pre_save`, which `bulk_create` and `navet.calls.bulk` call as well)."""

    def __init__(self, *args: Any, sources: tuple[str, ...] = (), **kwargs: Any) -> None:
        self.sources = tuple(sources)
        kwargs.update(editable=False, blank=True, default="")
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        for fixed in ("editable", "blank", "default"):
            kwargs.pop(fixed, None)
        return name, path, args, {**kwargs, "sources": self.sources}

    def pre_save(self, model_instance: models.Model, add: bool) -> str:
        text = " ".join(str(getattr(model_instance, source) or "") for source in self.sources)
        terms = searchterms.index_text(text)
        setattr(model_instance, self.attname, terms)
        return terms


def ensure_sqlite_indexes(using: str = "default", **kwargs: Any) -> None:  # noqa: ARG001
    """Receiver of `post_migrate`: give every searched table on SQLite its FTS5 index and the
    triggers that keep it, if it lacks them, and fill the index again if a trigger was missing.
    A migration that changes a column makes SQLite copy the table, and the copy has no triggers
    (PostgreSQL keeps its generated column and index through such changes)."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        present = {name for (name,) in cursor.fetchall()}
        for model in apps.get_models():
            if not any(isinstance(f, SearchTermsField) for f in model._meta.concrete_fields):
                continue
            table = model._meta.db_table
            if table not in present:
                continue  # not migrated this far
            statements = _sqlite_index(table, model._meta.pk.column)  # type: ignore[union-attr]
            if all(name in present for name in statements):
                continue
            for statement in statements.values():
                cursor.execute(statement)
            cursor.execute(f"INSERT INTO {table}_search({table}_search) VALUES ('rebuild')")


def _sqlite_index(table: str, key: str) -> dict[str, str]:
    """The FTS5 table of a searched table (its terms stored once, in the table itself; å, ä and ö
    letters of their own) and the triggers that keep it, by name."""
    index, columns = f"{table}_search", "search_title, search_body"
    new = f"new.{key}, new.search_title, new.search_body"
    old = f"old.{key}, old.search_title, old.search_body"
    add = f"INSERT INTO {index}(rowid, {columns}) VALUES ({new});"
    remove = f"INSERT INTO {index}({index}, rowid, {columns}) VALUES ('delete', {old});"
    return {
        index: f"CREATE VIRTUAL TABLE IF NOT EXISTS {index} USING fts5({columns}, "
        f"content='{table}', content_rowid='{key}', tokenize='unicode61 remove_diacritics 0')",
        f"{index}_insert": f"CREATE TRIGGER IF NOT EXISTS {index}_insert AFTER INSERT ON {table} "
        f"BEGIN {add} END",
        f"{index}_delete": f"CREATE TRIGGER IF NOT EXISTS {index}_delete AFTER DELETE ON {table} "
        f"BEGIN {remove} END",
        f"{index}_update": f"CREATE TRIGGER IF NOT EXISTS {index}_update AFTER UPDATE OF "
        f"{columns} ON {table} BEGIN {remove} {add} END",
    }


def swedish_search(rows: Rows, text: str) -> Rows:
    """The rows holding every word of `text`, with their `search_rank` (higher is better)."""
    asked = searchterms.query(text)
    if not asked:  # nothing searchable typed: no rows, still ordered by rank like any search
        return rows.annotate(search_rank=models.Value(0.0)).none()
    found, rank = _found_and_rank(rows.model, asked)
    if connection.vendor == "postgresql":
        # The rows found are read once, by key: a list pages them with a count and a page, each
        # of which would otherwise search again.
        keys = rows.filter(found).order_by().values_list("pk", flat=True)
        return rows.filter(pk__in=list(keys)).annotate(search_rank=rank)
    return rows.filter(found).annotate(search_rank=rank)


def swedish_matches(rows: Rows, text: str) -> Rows:
    """The same search as one query, without its rank, as `swedish_search` runs it first."""
    found, _rank = _found_and_rank(rows.model, searchterms.query(text))
    return rows.filter(found)


def _found_and_rank(
    model: type[models.Model], asked: list[searchterms.QueryWord]
) -> tuple[Q | RawSQL, RawSQL]:
    """The condition on the rows holding the words asked for, and the rank of a row."""
    quote = connection.ops.quote_name
    table, key = quote(model._meta.db_table), quote(model._meta.pk.column)  # type: ignore[union-attr]
    if connection.vendor == "postgresql":
        # On the table itself, not a subquery of keys: the planner then reads the rows the index
        # finds and checks whether the user may see them there, instead of joining them with
        # every row the user may see (40 000 needs at national scale: 97 → 30 ms).
        query = [searchterms.tsquery(asked)]
        return (
            RawSQL(
                f"{table}.search_vector @@ to_tsquery('swedish', %s)",
                query,
                output_field=models.BooleanField(),
            ),
            RawSQL(
                f"ts_rank({table}.search_vector, to_tsquery('swedish', %s))",
                query,
                output_field=models.FloatField(),
            ),
        )
    index = quote(f"{model._meta.db_table}_search")
    match = searchterms.fts5_match(asked)
    return (
        Q(pk__in=RawSQL(f"SELECT rowid FROM {index} WHERE {index} MATCH %s", [match])),
        RawSQL(
            f"SELECT -bm25({index}, {TITLE_WEIGHT}, 1.0) FROM {index} "
            f"WHERE {index} MATCH %s AND rowid = {table}.{key}",
            [match],
            output_field=models.FloatField(),
        ),
    )
