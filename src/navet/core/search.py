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
    if connection.vendor != "postgresql":
        return rows.filter(_substring(text, fields))
    # The rows found are read once, by key: a list pages them with a count and a page, each of
    # which would otherwise search again.
    found = swedish_matches(rows, text, fields).order_by().values_list("pk", flat=True)
    return rows.filter(pk__in=list(found.distinct()))


def swedish_matches(rows: Rows, text: str, fields: Mapping[str, str]) -> Rows:
    """The search on PostgreSQL as one query, which `swedish_search` reads."""
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
    substring = rows.filter(_substring(text, fields)).values("pk")
    return rows.filter(Q(pk__in=found) | Q(pk__in=substring))


def _substring(text: str, fields: Mapping[str, str]) -> Q:
    return reduce(or_, (Q(**{f"{name}__icontains": text}) for name in fields))
