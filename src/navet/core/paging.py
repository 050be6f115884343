"""Long lists are read a page at a time, on the pages and in the API alike: the pages' number
travels in `?sida=`, the API's rows in `limit` and `offset`. Either way the rows are put in a
stable order first – the list's own order with the key as the last tiebreaker – so that following
the pages gives every row once, none twice and none missing."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

PAGE_SIZE = 50  # rows on a page of a list
API_PAGE_SIZE = 100  # rows the API gives when no limit is asked for
API_MAX_PAGE_SIZE = 500  # the largest limit the API takes

Row = TypeVar("Row")


def in_stable_order(rows: QuerySet[Any]) -> QuerySet[Any]:
    """The rows in their own order, ties broken by the key: without a unique last term a database
    may return rows of equal rank in a different order for each page."""
    if rows.query.is_sliced or rows.query.combinator:
        return rows  # already cut or combined: its order is the caller's
    ordering = list(rows.query.order_by) or list(rows.query.get_meta().ordering or ())
    if any(term in ("pk", "-pk", "id", "-id") for term in ordering):
        return rows
    return rows.order_by(*ordering, "pk")


def page_of(
    request: HttpRequest,
    rows: QuerySet[Any] | Sequence[Any],
    per_page: int = PAGE_SIZE,
    count: int | None = None,
) -> Page:
    """The page the request asks for; a missing or wrong number gives the first or last page.
    `page.numbers` holds the page links to show, with "…" for the ones left out. `count`, when
    the caller has already counted the rows, saves the paginator counting them again."""
    if isinstance(rows, QuerySet):
        rows = in_stable_order(rows)
    paginator = Paginator(rows, per_page)
    if count is not None:
        paginator.count = count  # a cached property: the paginator's own count is not run
    page = paginator.get_page(request.GET.get("sida"))
    page.numbers = list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))  # type: ignore[attr-defined]
    return page


@dataclass(frozen=True)
class Slice:
    """The rows from `offset`, at most `limit` of them, and how many rows the list has in all."""

    rows: list[Any]
    count: int
    offset: int
    limit: int

    @property
    def has_next(self) -> bool:
        return self.offset + self.limit < self.count

    @property
    def has_previous(self) -> bool:
        return self.offset > 0


def slice_of(rows: QuerySet[Any] | Sequence[Any], *, limit: int, offset: int) -> Slice:
    """At most `limit` rows from `offset` in a stable order, with the count of the whole list."""
    limit = max(1, min(limit, API_MAX_PAGE_SIZE))
    if isinstance(rows, QuerySet):
        ordered = in_stable_order(rows)
        return Slice(list(ordered[offset : offset + limit]), ordered.count(), offset, limit)
    return Slice(list(rows[offset : offset + limit]), len(rows), offset, limit)
