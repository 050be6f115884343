"""The budget builder's arithmetic and the programme's rules. No Django here.

A budget is a list of lines: a cost category, a year, optionally a participating municipality,
an amount in whole kronor and a planned spending profile over the four quarters of its year.
`check` adds them up and applies the rules of the programme and the call. A rule whose value is
not verified (None) is not checked: the answer says so in `notes` instead, so nobody mistakes an
unchecked rule for a passed one.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from navet.core.text import Message, format_sek, ngettext_lazy
from navet.core.text import gettext_lazy as _
from navet.projects.lifecycle import months_between

# The cost categories of a budget, in the order budgets list them, with their labels.
CATEGORIES: dict[str, Message] = {
    "staff": _("Staff"),
    "services": _("Purchased services"),
    "premises": _("Premises"),
    "travel": _("Travel"),
    "materials": _("Materials"),
    "indirect": _("Indirect costs"),
}
INDIRECT = "indirect"
QUARTERS = (1, 2, 3, 4)
MAX_AMOUNT_SEK = 10**12


@dataclass(frozen=True)
class Quarter:
    year: int
    quarter: int

    @classmethod
    def of(cls, day: date) -> "Quarter":
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def starts_on(self) -> date:
        return date(self.year, 3 * self.quarter - 2, 1)

    @property
    def ends_on(self) -> date:
        if self.quarter == 4:  # noqa: PLR2004
            return date(self.year, 12, 31)
        return date(self.year, 3 * self.quarter + 1, 1) - timedelta(days=1)

    def next(self) -> "Quarter":
        if self.quarter == 4:  # noqa: PLR2004
            return Quarter(self.year + 1, 1)
        return Quarter(self.year, self.quarter + 1)

    def __lt__(self, other: "Quarter") -> bool:
        return (self.year, self.quarter) < (other.year, other.quarter)

    def __le__(self, other: "Quarter") -> bool:
        return (self.year, self.quarter) <= (other.year, other.quarter)

    def __str__(self) -> str:
        return f"{self.year} kv{self.quarter}"


def line_name(key: tuple[str, int, str]) -> Message:
    """A budget line as sentences name it, by its category, year and municipality:
    `Staff 2026 (Täby)`."""
    category, year, municipality = key
    label = CATEGORIES.get(category, category)
    if municipality:
        return _(
            "{category} {year} ({municipality})",
            category=label,
            year=year,
            municipality=municipality,
        )
    return _("{category} {year}", category=label, year=year)


@dataclass(frozen=True)
class Line:
    """One budget line. `profile` holds the planned amounts of the year's four quarters; empty
    means "spread evenly over the quarters of the year inside the project's period"."""

    category: str
    year: int
    amount_sek: int
    municipality: str | None = None
    profile: tuple[int, ...] = ()

    @property
    def label(self) -> Message | str:
        return CATEGORIES.get(self.category, self.category)

    @property
    def name(self) -> Message:
        return line_name(self.key)

    @property
    def key(self) -> tuple[str, int, str]:
        return (self.category, self.year, self.municipality or "")


@dataclass(frozen=True)
class Rules:
    """The programme's and the call's rules; None is "not verified" (or not stated)."""

    programme: str = ""
    cofinancing_percent: Decimal | None = None
    indirect_cost_cap_percent: Decimal | None = None
    max_duration_months: int | None = None
    min_amount_sek: int | None = None
    max_amount_sek: int | None = None


@dataclass(frozen=True)
class Summary:
    total_sek: int
    by_category: dict[str, int]
    by_year: dict[int, int]
    by_municipality: dict[str, int]  # "" for the lines of the project as a whole
    direct_sek: int
    indirect_sek: int
    cofinancing_sek: int | None  # what the applicants must pay themselves, when known
    grant_sek: int  # what is sought from the funder: the total less the co-financing
    plan: dict[tuple[str, int, str], dict[Quarter, int]]
    problems: list[Message] = field(default_factory=list)
    notes: list[Message] = field(default_factory=list)


def round_kronor(value: Decimal) -> int:
    """To the nearest whole krona, 50 öre and above rounded up (öresavrundning)."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def quarters_between(starts_on: date, ends_on: date) -> list[Quarter]:
    first, last = Quarter.of(starts_on), Quarter.of(ends_on)
    found = [first]
    while found[-1] < last:
        found.append(found[-1].next())
    return found


def spread(amount: int, parts: int) -> list[int]:
    """`amount` in `parts` whole-krona parts that add up, the larger parts first."""
    if parts <= 0:
        return []
    base, extra = divmod(amount, parts)
    return [base + (1 if n < extra else 0) for n in range(parts)]


def planned_quarters(
    line: Line, starts_on: date | None, ends_on: date | None
) -> dict[Quarter, int]:
    """The planned amount of each quarter of the line's year."""
    if line.profile:
        return {
            Quarter(line.year, q): amount
            for q, amount in zip(QUARTERS, line.profile, strict=False)
            if amount
        }
    quarters = [Quarter(line.year, q) for q in QUARTERS]
    if starts_on is not None and ends_on is not None:
        inside = [q for q in quarters if Quarter.of(starts_on) <= q <= Quarter.of(ends_on)]
        quarters = inside or quarters
    return dict(zip(quarters, spread(line.amount_sek, len(quarters)), strict=True))


def _percent(value: Decimal) -> str:
    text = f"{value.normalize():f}".replace(".", ",")
    return f"{text} %"


def _line_problems(
    lines: Sequence[Line], starts_on: date | None, ends_on: date | None
) -> list[Message]:
    problems: list[Message] = []
    seen: set[tuple[str, int, str]] = set()
    for line in lines:
        where = line.name
        if line.category not in CATEGORIES:
            problems.append(_("{line}: unknown cost category.", line=where))
        if line.key in seen:
            problems.append(_("{line} is in the budget twice.", line=where))
        seen.add(line.key)
        if line.amount_sek < 0:
            problems.append(_("{line}: the amount cannot be negative.", line=where))
        if line.profile:
            if len(line.profile) != len(QUARTERS):
                problems.append(
                    _("{line}: the plan must have one amount per quarter (four).", line=where)
                )
            elif sum(line.profile) != line.amount_sek:
                problems.append(
                    _(
                        "{line}: the plan per quarter comes to {planned}, but the line is "
                        "{amount}.",
                        line=where,
                        planned=format_sek(sum(line.profile)),
                        amount=format_sek(line.amount_sek),
                    )
                )
            if any(amount < 0 for amount in line.profile):
                problems.append(_("{line}: the plan has a negative amount.", line=where))
        if starts_on is not None and ends_on is not None:
            if not starts_on.year <= line.year <= ends_on.year:
                problems.append(
                    _(
                        "{line}: the year lies outside the project period {starts_on} – {ends_on}.",
                        line=where,
                        starts_on=starts_on.isoformat(),
                        ends_on=ends_on.isoformat(),
                    )
                )
            elif line.profile:
                first, last = Quarter.of(starts_on), Quarter.of(ends_on)
                outside = [
                    str(Quarter(line.year, q))
                    for q, amount in zip(QUARTERS, line.profile, strict=False)
                    if amount and not first <= Quarter(line.year, q) <= last
                ]
                if outside:
                    problems.append(
                        _(
                            "{line}: the plan puts money outside the project period ({quarters}).",
                            line=where,
                            quarters=", ".join(outside),
                        )
                    )
    return problems


def check(
    lines: Iterable[Line],
    rules: Rules,
    *,
    starts_on: date | None = None,
    ends_on: date | None = None,
    requested_sek: int | None = None,
) -> Summary:
    """Totals of the budget and what breaks the rules, as sentences for the reader."""
    lines = list(lines)
    problems = _line_problems(lines, starts_on, ends_on)
    notes: list[Message] = []
    by_category = dict.fromkeys(CATEGORIES, 0)
    by_year: dict[int, int] = {}
    by_municipality: dict[str, int] = {}
    for line in lines:
        by_category[line.category] = by_category.get(line.category, 0) + line.amount_sek
        by_year[line.year] = by_year.get(line.year, 0) + line.amount_sek
        name = line.municipality or ""
        by_municipality[name] = by_municipality.get(name, 0) + line.amount_sek
    total = sum(line.amount_sek for line in lines)
    indirect = by_category.get(INDIRECT, 0)
    direct = total - indirect
    if total > MAX_AMOUNT_SEK:
        problems.append(_("The budget is unreasonably large (over 10¹² kr)."))
    if not lines:
        problems.append(_("The budget has no lines."))
    programme = rules.programme or _("the programme")

    if rules.indirect_cost_cap_percent is None:
        notes.append(
            _(
                "The cap on indirect costs in {programme} is not verified; it is not checked. "
                "See the call's conditions.",
                programme=programme,
            )
        )
    else:
        cap = round_kronor(Decimal(direct) * rules.indirect_cost_cap_percent / 100)
        if indirect > cap:
            problems.append(
                _(
                    "The indirect costs ({indirect}) are more than {percent} of the direct "
                    "costs ({direct}): at most {cap} is allowed.",
                    indirect=format_sek(indirect),
                    percent=_percent(rules.indirect_cost_cap_percent),
                    direct=format_sek(direct),
                    cap=format_sek(cap),
                )
            )

    cofinancing: int | None = None
    if rules.cofinancing_percent is None:
        notes.append(
            _(
                "The co-financing requirement of {programme} is not verified; it is not checked.",
                programme=programme,
            )
        )
        grant = total
    else:
        cofinancing = round_kronor(Decimal(total) * rules.cofinancing_percent / 100)
        grant = total - cofinancing
        if requested_sek is not None and requested_sek > grant:
            problems.append(
                _(
                    "The amount sought ({requested}) is more than {share} of the budget: with "
                    "{cofinancing} co-financing at most {grant} can be sought.",
                    requested=format_sek(requested_sek),
                    share=_percent(100 - rules.cofinancing_percent),
                    cofinancing=_percent(rules.cofinancing_percent),
                    grant=format_sek(grant),
                )
            )
    sought = requested_sek if requested_sek is not None else grant

    if rules.max_amount_sek is not None and sought > rules.max_amount_sek:
        problems.append(
            _(
                "The amount sought ({sought}) is larger than the call's highest amount, {highest}.",
                sought=format_sek(sought),
                highest=format_sek(rules.max_amount_sek),
            )
        )
    if rules.min_amount_sek is not None and lines and sought < rules.min_amount_sek:
        problems.append(
            _(
                "The amount sought ({sought}) is smaller than the call's lowest amount, {lowest}.",
                sought=format_sek(sought),
                lowest=format_sek(rules.min_amount_sek),
            )
        )
    if rules.min_amount_sek is None and rules.max_amount_sek is None:
        notes.append(_("The call states no lowest or highest amount in Navet."))

    if rules.max_duration_months is None:
        notes.append(
            _(
                "The longest project duration of {programme} is not verified; it is not checked.",
                programme=programme,
            )
        )
    elif starts_on is not None and ends_on is not None:
        months = months_between(starts_on, ends_on)
        if months > rules.max_duration_months:
            problems.append(
                ngettext_lazy(
                    "The project runs for {number} month; {programme} allows at most {most}.",
                    "The project runs for {number} months; {programme} allows at most {most}.",
                    number=months,
                    programme=programme,
                    most=rules.max_duration_months,
                )
            )
    if starts_on is None or ends_on is None:
        notes.append(
            _("The project has no period yet; the plan per quarter follows the calendar year.")
        )

    plan = {line.key: planned_quarters(line, starts_on, ends_on) for line in lines}
    return Summary(
        total_sek=total,
        by_category=by_category,
        by_year=dict(sorted(by_year.items())),
        by_municipality=by_municipality,
        direct_sek=direct,
        indirect_sek=indirect,
        cofinancing_sek=cofinancing,
        grant_sek=grant,
        plan=plan,
        problems=problems,
        notes=notes,
    )
