"""Feed formats Navet reads calls from: one module per format, all behind one interface.

A parser takes the bytes a source delivered and the source's defaults, and returns records in the
interchange format (navet.calls.interchange) plus the problems it met. Everything after parsing –
validation, storing, history, the report – is shared (navet.calls.services.calls_import).
No Django here.
"""

from collections.abc import Callable

from navet.calls.sources.base import Parsed, SourceDefaults
from navet.calls.sources.ical import parse_ical
from navet.calls.sources.rss import parse_rss
from navet.calls.sources.sedia import parse_sedia

Parser = Callable[[bytes, SourceDefaults], Parsed]

PARSERS: dict[str, Parser] = {
    "rss": parse_rss,
    "ical": parse_ical,
    "sedia": parse_sedia,
}

__all__ = ["PARSERS", "Parsed", "Parser", "SourceDefaults"]
