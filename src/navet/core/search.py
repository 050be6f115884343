"""Free-text search in Swedish, the same for every list of Navet."""

from collections.abc import Mapping
from functools import reduce
from operator import or_
from typing import Any, TypeVar

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet

Rows = TypeVar("Rows", bound=QuerySet[Any])


def swedish_search(rows: Rows, text: str, fields: Mapping[str, str]) -> Rows:
    """The rows whose `fields` (name → weight "A"–"D") hold `text`: Swedish full-text search on
    PostgreSQL (stemmed: "kommunernas" finds "kommuner") or a case-insensitive substring; on
    SQLite, which has no Swedish configuration, the substring alone."""
    substring = reduce(or_, (Q(**{f"{name}__icontains": text}) for name in fields))
    if connection.vendor != "postgresql":
        return rows.filter(substring)
    vector: Any = None  # title A + description B + …
    for name, weight in fields.items():
        field = SearchVector(name, config="swedish", weight=weight)
        vector = field if vector is None else vector + field
    query = SearchQuery(text, config="swedish", search_type="websearch")
    # Each half in its own subquery, so each is answered by its own index: OR-ed in one WHERE,
    # every row the (inexact) trigram indexes find would be rechecked against the whole
    # condition, building its text vector again. The vector is an alias, not an annotation: it
    # stays out of the selected columns, and is the very expression its index is built on. The
    # substring half looks only among the rows asked for: a common word makes the planner read
    # the table rather than the trigram index, and then only the visible rows are read.
    found = rows.model._default_manager.alias(search=vector).filter(search=query).values("pk")
    return rows.filter(Q(pk__in=found) | Q(pk__in=rows.filter(substring).values("pk")))
