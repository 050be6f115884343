"""The indexes of the Swedish free-text search (ADR 0018): on SQLite an FTS5 table beside each
searched table, kept by triggers; on PostgreSQL a stored Swedish text vector with a GIN index, from
which the planner answers the search."""

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from navet.calls.models import Call
from navet.core.search import ensure_sqlite_indexes, swedish_matches, swedish_search
from navet.knowledge.models import Entry
from navet.needs.models import Need
from tests.factories import NeedFactory

SEARCHED = ["calls_call", "needs_need", "knowledge_entry"]
MODELS = [Call, Need, Entry]


def _objects(kind: str) -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE %s", [kind])
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE name LIKE %s", [kind])
        return {row[0] for row in cursor.fetchall()}


@pytest.mark.django_db
@pytest.mark.parametrize("table", SEARCHED)
def test_every_searched_table_has_its_index(table: str) -> None:
    names = _objects(f"{table}_search%")
    if connection.vendor == "postgresql":
        assert names == {f"{table}_search"}
    else:  # the FTS5 table and its three triggers, which a table rebuilt by a migration loses
        assert {f"{table}_search_{event}" for event in ("insert", "delete", "update")} <= names
        assert f"{table}_search" in names


@pytest.mark.django_db
def test_the_earlier_substring_indexes_are_gone() -> None:
    assert _objects("%trigram") == set()


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS)
def test_the_search_is_answered_from_the_index(model: type[Call | Need | Entry]) -> None:
    table = model._meta.db_table
    sql, params = swedish_matches(model.objects.all(), "föräldrastöd").query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The tables are small in a test: only a bitmap scan, which GIN answers, is left.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = "\n".join(str(row) for row in cursor.fetchall())
    if connection.vendor == "postgresql":
        assert f"{table}_search" in plan
    else:
        assert "VIRTUAL TABLE INDEX" in plan
        assert f"{table}_search" in plan


@pytest.mark.django_db
def test_a_paged_search_searches_once_on_postgresql() -> None:
    NeedFactory(title="Föräldrastöd på flera språk")
    with CaptureQueriesContext(connection) as queries:
        rows = swedish_search(Need.objects.order_by("pk"), "föräldrastödet")
        paginator = Paginator(rows, 50)
        list(paginator.get_page(1))  # the count, then the page
    searches = [q for q in queries.captured_queries if "MATCH" in q["sql"] or "@@" in q["sql"]]
    assert len(searches) == (1 if connection.vendor == "postgresql" else 2)
    assert paginator.count == 1


@pytest.mark.django_db
def test_a_table_copied_by_a_later_migration_gets_its_index_back() -> None:
    # SQLite copies a table to change a column, and the copy has no triggers: what is written
    # then is missing from the index until `migrate` ends and puts the triggers back.
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            for event in ("insert", "delete", "update"):
                cursor.execute(f"DROP TRIGGER needs_need_search_{event}")
    NeedFactory(title="Språkcafé i Vallentuna")
    ensure_sqlite_indexes()
    expected = {f"needs_need_search_{event}" for event in ("insert", "delete", "update")}
    assert connection.vendor == "postgresql" or expected <= _objects("needs_need_search%")
    found = swedish_search(Need.objects.all(), "café")
    assert [need.title for need in found] == ["Språkcafé i Vallentuna"]
