"""The indexes of the Swedish free-text search: on PostgreSQL the search of calls and needs is
answered from them (the planner matches the index to the search's own expression); SQLite has none
and searches by substring."""

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from navet.calls.models import Call
from navet.core.search import swedish_matches, swedish_search
from navet.needs.models import Need
from tests.factories import NeedFactory

FIELDS = {"title": "A", "description": "B"}
INDEXES = {
    "calls_call": {"call_search_swedish", "call_title_trigram", "call_description_trigram"},
    "needs_need": {"need_search_swedish", "need_title_trigram", "need_description_trigram"},
}


def indexes_of(table: str) -> set[str]:
    with connection.cursor() as cursor:
        names = connection.introspection.get_constraints(cursor, table)
    return {name for name in names if "search" in name or "trigram" in name}


@pytest.mark.django_db
@pytest.mark.parametrize("table", sorted(INDEXES))
def test_the_search_indexes_exist_on_postgresql_only(table: str) -> None:
    expected = INDEXES[table] if connection.vendor == "postgresql" else set()
    assert indexes_of(table) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "prefix"), [(Call, "call"), (Need, "need")])
def test_the_search_is_answered_from_the_indexes(model: type[Call | Need], prefix: str) -> None:
    search = swedish_matches if connection.vendor == "postgresql" else swedish_search
    query = search(model.objects.all(), "föräldrastöd", FIELDS).query
    sql, params = query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")  # the tables are small in a test
            cursor.execute(f"EXPLAIN {sql}", params)
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = "\n".join(str(row) for row in cursor.fetchall())
    if connection.vendor == "postgresql":
        assert f"{prefix}_search_swedish" in plan
        assert f"{prefix}_title_trigram" in plan
        assert f"{prefix}_description_trigram" in plan
    else:
        assert "SCAN" in plan  # no index can answer a substring search on SQLite


@pytest.mark.django_db
def test_a_paged_search_searches_once_on_postgresql() -> None:
    NeedFactory(title="Föräldrastöd på flera språk")
    with CaptureQueriesContext(connection) as queries:
        rows = swedish_search(Need.objects.order_by("pk"), "föräldrastöd", FIELDS)
        paginator = Paginator(rows, 50)
        list(paginator.get_page(1))  # the count, then the page
    searches = [q for q in queries.captured_queries if "LIKE" in q["sql"]]
    assert len(searches) == (1 if connection.vendor == "postgresql" else 2)
    assert paginator.count == 1
