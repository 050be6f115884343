"""Shared pieces of the REST API: the problem document (RFC 9457) every error answers with, the
text type of query strings, and the paged list every list operation answers with."""

from collections.abc import Callable, Sequence
from typing import Annotated, Any, Generic, TypeVar

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext, gettext_noop
from ninja import Field, Schema

from navet.core import paging


class Problem(Schema):
    type: str = "about:blank"
    title: str
    status: int
    detail: str


# Documented on every operation: no or a bad token (401); with parameters also invalid values
# (422); on lookups also "not found" (404).
UNAUTHENTICATED = {401: Problem}
INVALID = {401: Problem, 422: Problem}
NOT_FOUND = {401: Problem, 404: Problem, 422: Problem}

# Writes may also be refused (403) or break a rule of the domain (400).
WRITE = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem}

# PostgreSQL can neither store nor compare text with NUL characters: a query string that holds
# one is refused as invalid (422) instead of failing in the database.
Text = Annotated[str, Field(pattern=r"^[^\x00]*$")]

Item = TypeVar("Item")


def not_a_boolean(value: Any) -> Any:
    """A number's validator (`BeforeValidator`): Python's lenient coercion would take true as 1;
    the API does not."""
    if isinstance(value, bool):
        raise ValueError(gettext("a number, not true or false"))  # noqa: TRY004  (pydantic wants it)
    return value


class PageQuery(Schema):
    """Which rows of a list: at most `limit` from `offset`."""

    limit: int = Field(
        paging.API_PAGE_SIZE,
        ge=1,
        le=paging.API_MAX_PAGE_SIZE,
        description=gettext_noop("At most so many rows"),
    )
    offset: int = Field(0, ge=0, le=2**31 - 1, description=gettext_noop("Skip so many rows"))


class Page(Schema, Generic[Item]):
    """One page of a list. Follow `next` until it is empty to read the whole list; the order is
    stable, so every row comes once."""

    count: int = Field(description=gettext_noop("The rows of the whole list, on every page"))
    limit: int
    offset: int
    next: str | None = Field(
        description=gettext_noop("The address of the next page; empty on the last")
    )
    previous: str | None = Field(
        description=gettext_noop("The address of the previous page; empty on the first")
    )
    items: list[Item]


def paged(
    request: HttpRequest,
    rows: QuerySet[Any] | Sequence[Any],
    page: PageQuery,
    convert: Callable[[Any], Item],
) -> Page[Item]:
    """The rows the page asks for, each converted to its output schema, with the links to the
    pages beside it (the request's other parameters kept)."""
    cut = paging.slice_of(rows, limit=page.limit, offset=page.offset)
    return Page(
        count=cut.count,
        limit=cut.limit,
        offset=cut.offset,
        next=_link(request, cut.offset + cut.limit, cut.limit) if cut.has_next else None,
        previous=_link(request, max(cut.offset - cut.limit, 0), cut.limit)
        if cut.has_previous
        else None,
        items=[convert(row) for row in cut.rows],
    )


def _link(request: HttpRequest, offset: int, limit: int) -> str:
    query = request.GET.copy()
    query["limit"] = str(limit)
    query["offset"] = str(offset)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
