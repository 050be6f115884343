"""Long lists are shown a page at a time; the page number travels in `?sida=`."""

from collections.abc import Sequence
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

PAGE_SIZE = 50


def page_of(
    request: HttpRequest,
    rows: QuerySet[Any] | Sequence[Any],
    per_page: int = PAGE_SIZE,
    count: int | None = None,
) -> Page:
    """The page the request asks for; a missing or wrong number gives the first or last page.
    `page.numbers` holds the page links to show, with "…" for the ones left out. `count`, when
    the caller has already counted the rows, saves the paginator counting them again."""
    paginator = Paginator(rows, per_page)
    if count is not None:
        paginator.count = count  # a cached property: the paginator's own count is not run
    page = paginator.get_page(request.GET.get("sida"))
    page.numbers = list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))  # type: ignore[attr-defined]
    return page
