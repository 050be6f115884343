"""Is an application ready to send? A checklist and a score from plain facts. Pure Python: no
Django; the sentences are `Message`s, read in Swedish where they are shown.

The checklist has one item per section (written, and within the template's word limit where
there is one), one for the budget against the programme's and the call's rules, and one for the
time left until the call closes. The score is the share of items that pass, in whole per cent.
"""

from dataclasses import dataclass, field
from datetime import date

from navet.core.text import Message, format_sek, ngettext_lazy
from navet.core.text import gettext_lazy as _

BUDGET = _("The budget against the programme's and the call's rules")
DEADLINE = _("Last day to apply")


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
    problems: tuple[Message, ...] = field(default_factory=tuple)
    notes: tuple[Message, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Item:
    key: str
    label: Message | str  # a section's heading is the template's own
    ok: bool
    details: tuple[Message, ...]  # what passes or fails, sentence by sentence


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
    key, words, limit = f"section-{section.key}", word_count(section.text), section.word_limit
    if words == 0:
        return Item(key, section.heading, False, (_("The section is not written."),))
    if limit is not None and words > limit:
        too_long = ngettext_lazy(
            "{number} word, the template allows at most {limit}.",
            "{number} words, the template allows at most {limit}.",
            number=words,
            limit=limit,
        )
        return Item(key, section.heading, False, (too_long,))
    if limit is None:
        counted = ngettext_lazy("{number} word.", "{number} words.", number=words)
    else:
        counted = ngettext_lazy(
            "{number} word of at most {limit}.",
            "{number} words of at most {limit}.",
            number=words,
            limit=limit,
        )
    return Item(key, section.heading, True, (counted,))


def _amount_problems(budget: BudgetFacts) -> list[Message]:
    """The requested amount against the call's range, for a project without a budget."""
    problems = []
    requested = budget.requested_sek
    assert requested is not None  # noqa: S101
    if budget.max_sek is not None and requested > budget.max_sek:
        problems.append(
            _(
                "The amount applied for, {requested}, is more than the call's largest amount, "
                "{largest}.",
                requested=format_sek(requested),
                largest=format_sek(budget.max_sek),
            )
        )
    if budget.min_sek is not None and requested < budget.min_sek:
        problems.append(
            _(
                "The amount applied for, {requested}, is less than the call's smallest amount, "
                "{smallest}.",
                requested=format_sek(requested),
                smallest=format_sek(budget.min_sek),
            )
        )
    return problems


def budget_item(budget: BudgetFacts) -> Item:
    """Passes when an amount is requested and the budget exists and breaks no rule."""
    problems: list[Message] = []
    if budget.requested_sek is None:
        problems.append(_("The project has no amount applied for."))
    if budget.total_sek is None:
        problems.append(_("The project has no budget yet."))
        if budget.requested_sek is not None:
            problems.extend(_amount_problems(budget))
    problems.extend(budget.problems)
    if problems:
        return Item("budget", BUDGET, False, tuple(problems))
    assert budget.requested_sek is not None  # noqa: S101
    assert budget.total_sek is not None  # noqa: S101
    follows = _(
        "{requested} applied for of a budget of {total}, which follows the rules.",
        requested=format_sek(budget.requested_sek),
        total=format_sek(budget.total_sek),
    )
    return Item("budget", BUDGET, True, (follows, *budget.notes))


def deadline_item(closes_on: date | None, today: date) -> Item:
    if closes_on is None:
        return Item("deadline", DEADLINE, False, (_("The application has no call."),))
    days = (closes_on - today).days
    when = closes_on.isoformat()
    if days < 0:
        return Item("deadline", DEADLINE, False, (_("The call closed {day}.", day=when),))
    if days == 0:
        return Item("deadline", DEADLINE, True, (_("The call closes today, {day}.", day=when),))
    left = ngettext_lazy(
        "{number} day left, the call closes {day}.",
        "{number} days left, the call closes {day}.",
        number=days,
        day=when,
    )
    return Item("deadline", DEADLINE, True, (left,))


def check(
    sections: list[SectionFacts], budget: BudgetFacts, closes_on: date | None, today: date
) -> Checklist:
    items = [section_item(section) for section in sections]
    items.append(budget_item(budget))
    items.append(deadline_item(closes_on, today))
    return Checklist(tuple(items))
