"""Swedish alphabetical order in the database, so that long lists are sorted – and paged – there
rather than in Python (ADR 0016).

PostgreSQL orders by the ICU collation `navet_sv` (migration core 0004). SQLite has no Swedish
collation, so Navet registers one of the same name on every connection, comparing with
`swedish_sort_key`: the same order on both databases.
"""

from functools import lru_cache
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import F
from django.db.models.functions import Collate

from navet.core.text import swedish_sort_key

SWEDISH = "navet_sv"


def swedish(field: str) -> Collate:
    """`field` in Swedish order (Å Ä Ö after Z), for `order_by`."""
    return Collate(F(field), SWEDISH)


@lru_cache(maxsize=65_536)
def _key(text: str) -> tuple[str, str]:
    # The text itself breaks ties, so that the order is total, as ICU's is.
    return swedish_sort_key(text), text


def _compare(left: str, right: str) -> int:
    a, b = _key(left), _key(right)
    return (a > b) - (a < b)


def register_sqlite_collation(connection: BaseDatabaseWrapper, **kwargs: Any) -> None:  # noqa: ARG001
    """Receiver of `connection_created`: give a new SQLite connection the Swedish collation."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(SWEDISH, _compare)
