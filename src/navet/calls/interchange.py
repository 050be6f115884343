"""Reading calls in Navet's interchange format (DESIGN.md), without Django.

`parse_calls` turns raw records (from JSON, or spreadsheet rows with the same column names) into
validated `CallRecord`s and a list of problems, each with the record's position and its reason,
a `Message` that reads in Swedish when shown. A bad record never stops the others.
"""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from navet.calls.taxonomy import validate_slugs
from navet.core.text import Message
from navet.core.text import gettext_lazy as _

STOCKHOLM = ZoneInfo("Europe/Stockholm")
FIRST_YEAR, LAST_YEAR = 1990, 2100  # outside these a date is a typing error, not a call
LARGEST_AMOUNT = 10**15  # kronor; a larger amount is a typing error (and beyond what is stored)
APPLICANTS = {
    "kommun",
    "kommunalforbund",
    "region",
    "myndighet",
    "ideell",
    "stiftelse",
    "foretag",
    "utbildning",
}
# Other names for the same kinds, as funders and other tools write them.
APPLICANT_ALIASES = {
    "kommuner": "kommun",
    "ideell_forening": "ideell",
    "ideella_foreningar": "ideell",
    "ideell_organisation": "ideell",
    "statlig_myndighet": "myndighet",
    "regioner": "region",
}


@dataclass(frozen=True)
class Problem:
    position: int  # 1-based position of the record in its list
    external_id: str
    message: Message | str  # a Message until shown; text from a service's domain error
    fatal: bool  # True: the record was not imported; False: imported, this part ignored


@dataclass
class CallRecord:
    position: int
    external_id: str
    title: str
    closes: datetime
    funder: str
    programme: str = ""
    description: str = ""
    url: str = ""
    opens: datetime | None = None
    decision_date: date | None = None
    min_amount_sek: int | None = None
    max_amount_sek: int | None = None
    cofinancing_percent: Decimal | None = None
    eligible_applicants: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    target_groups: list[str] = field(default_factory=list)
    language: str = "sv"


class RecordError(ValueError):
    """A field makes the whole record unusable: `message` says why."""

    def __init__(self, message: Message) -> None:
        super().__init__(message)
        self.message = message


def _not_an_amount(name: str, value: object) -> Message:
    return _("The field {name} is not an amount: {value}.", name=name, value=repr(value))


def parse_calls(raw_records: Sequence[Any]) -> tuple[list[CallRecord], list[Problem]]:
    return parse_records(raw_records, _parse_call)


R = TypeVar("R")


def parse_records(
    raw_records: Sequence[Any], parse_one: Callable[[int, dict[str, Any], list[Message]], R]
) -> tuple[list[R], list[Problem]]:
    """Read each record with `parse_one(position, raw, warnings)`; a record that raises
    `RecordError` or repeats an earlier external_id is reported and left out, the rest are kept."""
    records: list[R] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for position, raw in enumerate(raw_records, start=1):
        external_id = str(raw.get("external_id") or "").strip() if isinstance(raw, dict) else ""
        warnings: list[Message] = []
        try:
            if not isinstance(raw, dict):
                raise RecordError(_("The record is not an object with fields."))
            if external_id in seen:
                raise RecordError(_("The same external_id appears earlier in the file."))
            record = parse_one(position, raw, warnings)
        except RecordError as error:
            problems.append(Problem(position, external_id, error.message, fatal=True))
            continue
        seen.add(external_id)
        records.append(record)
        problems.extend(Problem(position, external_id, w, fatal=False) for w in warnings)
    return records, problems


def _parse_call(position: int, raw: dict[str, Any], warnings: list[Message]) -> CallRecord:
    external_id = required_text(raw, "external_id", 200)
    title = required_text(raw, "title", 300)
    closes = _moment(raw.get("closes"), "closes", end_of_day=True)
    if closes is None:
        raise RecordError(_("The field closes (the last day to apply) is missing."))
    opens = _moment(raw.get("opens"), "opens", end_of_day=False)
    if opens is not None and opens > closes:
        raise RecordError(_("The call opens (opens) after it closes (closes)."))
    minimum = amount_field(raw.get("min_amount_sek"), "min_amount_sek")
    maximum = amount_field(raw.get("max_amount_sek"), "max_amount_sek")
    if minimum is not None and maximum is not None and minimum > maximum:
        raise RecordError(_("min_amount_sek is larger than max_amount_sek."))
    applicants = [
        APPLICANT_ALIASES.get(slug, slug)
        for slug in slug_list(raw.get("eligible_applicants"), "eligible_applicants")
    ]
    applicants = list(dict.fromkeys(applicants))
    unknown_applicants = [a for a in applicants if a not in APPLICANTS]
    if unknown_applicants:
        warnings.append(
            _("Unknown applicant types were ignored: {names}.", names=", ".join(unknown_applicants))
        )
    themes, groups = taxonomy_slugs(raw, warnings)
    return CallRecord(
        position=position,
        external_id=external_id,
        title=title,
        closes=closes,
        funder=optional_text(raw, "funder", 150),
        programme=optional_text(raw, "programme", 60),
        description=optional_text(raw, "description", 20_000),
        url=_url(raw.get("url")),
        opens=opens,
        decision_date=day_field(raw.get("decision_date"), "decision_date"),
        min_amount_sek=minimum,
        max_amount_sek=maximum,
        cofinancing_percent=percent_field(raw.get("cofinancing_percent"), "cofinancing_percent"),
        eligible_applicants=[a for a in applicants if a in APPLICANTS],
        themes=themes,
        target_groups=groups,
        language=optional_text(raw, "language", 5) or "sv",
    )


def taxonomy_slugs(raw: dict[str, Any], warnings: list[Message]) -> tuple[list[str], list[str]]:
    """The record's known themes and target groups; unknown slugs become warnings."""
    themes, unknown_themes = validate_slugs(slug_list(raw.get("themes"), "themes"), "theme")
    if unknown_themes:
        warnings.append(_("Unknown themes were ignored: {names}.", names=", ".join(unknown_themes)))
    groups, unknown_groups = validate_slugs(
        slug_list(raw.get("target_groups"), "target_groups"), "target_group"
    )
    if unknown_groups:
        warnings.append(
            _("Unknown target groups were ignored: {names}.", names=", ".join(unknown_groups))
        )
    return themes, groups


def required_text(raw: dict[str, Any], name: str, limit: int) -> str:
    value = optional_text(raw, name, limit)
    if not value:
        raise RecordError(_("The field {name} is missing or empty.", name=name))
    return value


def optional_text(raw: dict[str, Any], name: str, limit: int) -> str:
    value = raw.get(name)
    if value is None:
        return ""
    if not isinstance(value, str | int | float):
        raise RecordError(_("The field {name} must be text.", name=name))
    text = str(value).strip()
    if len(text) > limit:
        raise RecordError(
            _("The field {name} is longer than {limit} characters.", name=name, limit=limit)
        )
    return text


def day_field(value: Any, name: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError as error:
        raise RecordError(
            _("The field {name} is not a date (YYYY-MM-DD): {value}.", name=name, value=repr(value))
        ) from error


def _moment(value: Any, name: str, *, end_of_day: bool) -> datetime | None:
    """A date means the whole day in Stockholm: a call closing 2025-10-15 is open all that day."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime) and value.time() == time(0, 0) and value.tzinfo is None:
        value = value.date()  # a spreadsheet's date cell: the whole day, as a written date
    text = str(value).strip()
    if isinstance(value, datetime) or len(text) > 10:
        try:
            moment = value if isinstance(value, datetime) else datetime.fromisoformat(text)
        except ValueError as error:
            raise RecordError(
                _("The field {name} is not a point in time: {value}.", name=name, value=repr(value))
            ) from error
        moment = moment if moment.tzinfo else moment.replace(tzinfo=STOCKHOLM)
        _check_year(moment.year, name)
        # Stored in UTC: PostgreSQL refuses offsets beyond ±15:59, which ISO 8601 allows.
        return moment.astimezone(UTC)
    day = day_field(value, name)
    assert day is not None  # noqa: S101  (empty values returned above)
    _check_year(day.year, name)
    clock = time(23, 59, 59) if end_of_day else time(0, 0)
    return datetime.combine(day, clock, tzinfo=STOCKHOLM)


def _check_year(year: int, name: str) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise RecordError(_("The field {name} has an unlikely year: {year}.", name=name, year=year))


def amount_field(value: Any, name: str) -> int | None:
    if value in (None, ""):
        return None
    text = re.sub(r"(?i)(kr|sek)$", "", re.sub(r"\s", "", str(value)))
    try:
        amount = Decimal(text.replace(",", "."))
    except InvalidOperation as error:
        raise RecordError(_not_an_amount(name, value)) from error
    if not amount.is_finite():
        raise RecordError(_not_an_amount(name, value))
    if amount < 0 or amount != amount.to_integral_value():
        raise RecordError(
            _(
                "The field {name} must be a whole number of kronor, not {value}.",
                name=name,
                value=repr(value),
            )
        )
    if amount > LARGEST_AMOUNT:
        raise RecordError(
            _("The field {name} is unreasonably large: {value}.", name=name, value=repr(value))
        )
    return int(amount)


def percent_field(value: Any, name: str) -> Decimal | None:
    """A percentage 0–100 ("25", "25 %", "12,5"), to two decimals; None when empty."""
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).strip().removesuffix("%").strip().replace(",", "."))
    except InvalidOperation as error:
        raise RecordError(
            _("{name} is not a percentage: {value}.", name=name, value=repr(value))
        ) from error
    if isinstance(value, bool) or not number.is_finite() or not 0 <= number <= 100:
        raise RecordError(
            _("{name} must be between 0 and 100, not {value}.", name=name, value=repr(value))
        )
    return number.quantize(Decimal("0.01"))


def slug_list(value: Any, name: str) -> list[str]:
    """A list, or (from spreadsheets) text separated by semicolons or commas."""
    if value in (None, ""):
        return []
    if isinstance(value, str):
        value = re.split(r"[;,]", value)
    if not isinstance(value, list):
        raise RecordError(_("The field {name} must be a list.", name=name))
    return [str(item).strip() for item in value if str(item).strip()]


def _url(value: Any) -> str:
    if value in (None, ""):
        return ""
    text = str(value).strip()
    if not re.match(r"^https?://[^\s]+$", text) or len(text) > 500:
        raise RecordError(_("The field url is not a web address: {value}.", value=repr(value)))
    return text
