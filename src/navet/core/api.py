"""Shared pieces of the REST API: the problem document (RFC 9457) every error answers with, and
the text type of query strings."""

from typing import Annotated

from ninja import Field, Schema


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
