"""Reading needs in Navet's interchange format (DESIGN.md), without Django.

`parse_needs` turns raw records (the list `needs` of a JSON file, or spreadsheet rows with the
same column names) into validated `NeedRecord`s and a list of problems, each with the record's
position and its reason, a `Message` read in Swedish when shown. A bad record never stops the
others. Text, dates, amounts and lists are read by the same field readers as calls, so both kinds
of record accept the same Swedish notation.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from navet.calls.interchange import (
    Problem,
    RecordError,
    amount_field,
    day_field,
    optional_text,
    parse_records,
    percent_field,
    required_text,
    slug_list,
    taxonomy_slugs,
)
from navet.core.text import Message
from navet.core.text import gettext_lazy as _

# The columns of a needs spreadsheet, in the order Navet writes them.
COLUMNS = [
    "external_id",
    "municipality",
    "title",
    "description",
    "themes",
    "target_groups",
    "endorsed_by",
    "priority",
    "raised_at",
    "source",
    "cofinancing_capacity_percent",
    "estimated_cost_sek",
]
# Where a need was raised: the words people write (Swedish or English) and the stored value.
SOURCES = {
    "workshop": "workshop",
    "intervju": "interview",
    "interview": "interview",
    "nätverksträff": "network_meeting",
    "natverkstraff": "network_meeting",
    "network meeting": "network_meeting",
    "network_meeting": "network_meeting",
    "styrgruppsmöte": "steering_meeting",
    "styrgruppsmote": "steering_meeting",
    "steering meeting": "steering_meeting",
    "steering_meeting": "steering_meeting",
    "steering group meeting": "steering_meeting",
    "enkät": "survey",
    "enkat": "survey",
    "survey": "survey",
    "annat": "other",
    "other": "other",
}
# The word Navet writes for each stored value, so that an export reads as the files people make.
SOURCE_WORDS = {
    "workshop": "workshop",
    "interview": "intervju",
    "network_meeting": "nätverksträff",
    "steering_meeting": "styrgruppsmöte",
    "survey": "enkät",
    "other": "annat",
}
PRIORITIES = (1, 2, 3)  # 1 high, 2 medium, 3 low
_CODE = re.compile(r"\d{4}")


@dataclass
class NeedRecord:
    position: int
    external_id: str
    municipality: str  # SCB code, four digits
    title: str
    description: str = ""
    themes: list[str] = field(default_factory=list)
    target_groups: list[str] = field(default_factory=list)
    endorsed_by: list[str] = field(default_factory=list)  # SCB codes
    priority: int | None = None  # None: not stated (a new need gets medium)
    raised_at: date | None = None
    raised_in: str = ""  # a value of Need.RaisedIn; "" when not stated
    cofinancing_capacity_percent: Decimal | None = None
    estimated_cost_sek: int | None = None


def parse_needs(raw_records: Sequence[Any]) -> tuple[list[NeedRecord], list[Problem]]:
    return parse_records(raw_records, _parse_need)


def _parse_need(position: int, raw: dict[str, Any], warnings: list[Message]) -> NeedRecord:
    external_id = required_text(raw, "external_id", 200)
    municipality = municipality_code(raw.get("municipality"))
    if municipality is None:
        if raw.get("municipality") in (None, ""):
            raise RecordError(
                _("The field municipality (the municipality code) is missing or empty.")
            )
        raise RecordError(
            _(
                "The field municipality must be a municipality code of four digits, not {value}.",
                value=repr(raw.get("municipality")),
            )
        )
    title = required_text(raw, "title", 300)
    themes, groups = taxonomy_slugs(raw, warnings)
    return NeedRecord(
        position=position,
        external_id=external_id,
        municipality=municipality,
        title=title,
        description=optional_text(raw, "description", 20_000),
        themes=themes,
        target_groups=groups,
        endorsed_by=_endorsers(raw.get("endorsed_by"), municipality, warnings),
        priority=_priority(raw.get("priority")),
        raised_at=day_field(raw.get("raised_at"), "raised_at"),
        raised_in=_source(raw.get("source"), warnings),
        cofinancing_capacity_percent=percent_field(
            raw.get("cofinancing_capacity_percent"), "cofinancing_capacity_percent"
        ),
        estimated_cost_sek=amount_field(raw.get("estimated_cost_sek"), "estimated_cost_sek"),
    )


def municipality_code(value: Any) -> str | None:
    """A four-digit SCB code, or None. A spreadsheet may have turned `0163` into the number 163,
    so a number or a string of one to four digits is padded with zeros."""
    if isinstance(value, bool) or value in (None, ""):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if text.isdigit() and len(text) < 4:
        text = text.zfill(4)
    return text if _CODE.fullmatch(text) else None


def _endorsers(value: Any, own: str, warnings: list[Message]) -> list[str]:
    codes: list[str] = []
    wrong: list[str] = []
    raw_items = value if isinstance(value, list) else slug_list(value, "endorsed_by")
    for item in raw_items:
        code = municipality_code(item)
        if code is None:
            wrong.append(str(item))
        elif code != own and code not in codes:
            codes.append(code)
    if wrong:
        warnings.append(
            _(
                "Invalid municipality codes in endorsed_by were ignored: {codes}.",
                codes=", ".join(wrong),
            )
        )
    if own in [municipality_code(item) for item in raw_items]:
        warnings.append(
            _("The municipality itself was ignored in endorsed_by; it already owns the need.")
        )
    return codes


def _priority(value: Any) -> int | None:
    if value in (None, ""):
        return None
    text = str(value).strip().removesuffix(".0")
    if isinstance(value, bool) or not text.isdigit() or int(text) not in PRIORITIES:
        raise RecordError(
            _(
                "The field priority must be 1 (high), 2 (medium) or 3 (low), not {value}.",
                value=repr(value),
            )
        )
    return int(text)


def _source(value: Any, warnings: list[Message]) -> str:
    if value in (None, ""):
        return ""
    word = " ".join(str(value).strip().casefold().split())
    if word in SOURCES:
        return SOURCES[word]
    warnings.append(_("Unknown source {value} was stored as 'annat'.", value=repr(value)))
    return "other"
