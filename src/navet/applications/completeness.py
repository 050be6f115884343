"""Is an application ready to send? A checklist and a score from plain facts. Pure Python: no
Django; the texts are Swedish, as the study's own words are.

The checklist has one item per section (written, and within the template's word limit where
there is one), one for the budget against the programme's and the call's rules, and one for the
time left until the call closes. The score is the share of items that pass, in whole per cent.
"""

from dataclasses import dataclass, field
from datetime import date

from navet.core.text import format_sek

BUDGET = "Budgeten mot stödformens och utlysningens regler"
DEADLINE = "Sista ansökningsdag"


@dataclass(frozen=True)
class SectionFacts:
    key: str
    heading: str
    text: str
    word_limit: int | None = None


@dataclass(frozen=True)
class BudgetFacts:
    """What the application asks for and the call allows. `total_sek`, `problems` and `notes`
    come from the project's budget (`navet.followup`), which applies the programme's and the
    call's rules itself; `total_sek` is None while the project has no budget lines."""

    requested_sek: int | None
    min_sek: int | None = None
    max_sek: int | None = None
    total_sek: int | None = None
    problems: tuple[str, ...] = field(default_factory=tuple)
    notes: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Item:
    key: str
    label: str
    ok: bool
    detail: str


@dataclass(frozen=True)
class Checklist:
    items: tuple[Item, ...]

    @property
    def score(self) -> int:
        if not self.items:
            return 0
        return round(100 * sum(item.ok for item in self.items) / len(self.items))

    @property
    def complete(self) -> bool:
        return all(item.ok for item in self.items)

    @property
    def missing(self) -> tuple[Item, ...]:
        return tuple(item for item in self.items if not item.ok)


def word_count(text: str) -> int:
    return len(text.split())


def section_item(section: SectionFacts) -> Item:
    words = word_count(section.text)
    if words == 0:
        return Item(f"section-{section.key}", section.heading, False, "Avsnittet är inte skrivet.")
    if section.word_limit is not None and words > section.word_limit:
        return Item(
            f"section-{section.key}",
            section.heading,
            False,
            f"{words} ord, mallen tillåter högst {section.word_limit}.",
        )
    limit = f" av högst {section.word_limit}" if section.word_limit is not None else ""
    return Item(f"section-{section.key}", section.heading, True, f"{words} ord{limit}.")


def _amount_problems(budget: BudgetFacts) -> list[str]:
    """The requested amount against the call's range, for a project without a budget."""
    problems = []
    requested = budget.requested_sek
    assert requested is not None  # noqa: S101
    if budget.max_sek is not None and requested > budget.max_sek:
        problems.append(
            f"Det sökta beloppet {format_sek(requested)} är mer än utlysningens högsta "
            f"belopp {format_sek(budget.max_sek)}."
        )
    if budget.min_sek is not None and requested < budget.min_sek:
        problems.append(
            f"Det sökta beloppet {format_sek(requested)} är mindre än utlysningens minsta "
            f"belopp {format_sek(budget.min_sek)}."
        )
    return problems


def budget_item(budget: BudgetFacts) -> Item:
    """Passes when an amount is requested and the budget exists and breaks no rule."""
    problems: list[str] = []
    if budget.requested_sek is None:
        problems.append("Projektet har inget sökt belopp.")
    if budget.total_sek is None:
        problems.append("Projektet har ingen budget än.")
        if budget.requested_sek is not None:
            problems.extend(_amount_problems(budget))
    problems.extend(budget.problems)
    if problems:
        return Item("budget", BUDGET, False, " ".join(problems))
    assert budget.requested_sek is not None  # noqa: S101
    assert budget.total_sek is not None  # noqa: S101
    detail = (
        f"{format_sek(budget.requested_sek)} sökt av en budget på "
        f"{format_sek(budget.total_sek)}, som följer reglerna."
    )
    if budget.notes:
        detail += " " + " ".join(budget.notes)
    return Item("budget", BUDGET, True, detail)


def deadline_item(closes_on: date | None, today: date) -> Item:
    if closes_on is None:
        return Item("deadline", DEADLINE, False, "Ansökan har ingen utlysning.")
    days = (closes_on - today).days
    when = closes_on.isoformat()
    if days < 0:
        return Item("deadline", DEADLINE, False, f"Utlysningen stängde {when}.")
    if days == 0:
        return Item("deadline", DEADLINE, True, f"Utlysningen stänger i dag, {when}.")
    unit = "dag" if days == 1 else "dagar"
    return Item("deadline", DEADLINE, True, f"{days} {unit} kvar, utlysningen stänger {when}.")


def check(
    sections: list[SectionFacts], budget: BudgetFacts, closes_on: date | None, today: date
) -> Checklist:
    items = [section_item(section) for section in sections]
    items.append(budget_item(budget))
    items.append(deadline_item(closes_on, today))
    return Checklist(tuple(items))
