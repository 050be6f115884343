"""Amounts read from a budget section's Swedish text and compared with the budget (pure)."""

from decimal import Decimal

import pytest

from navet.applications.budget_text import Figure, mismatches, stated_amounts


@pytest.mark.parametrize(
    ("text", "figure", "amount"),
    [
        ("Den totala budgeten är 1 200 000 kr.", Figure.TOTAL, Decimal(1_200_000)),
        ("Totalt 1\u00a0200\u00a0000\u00a0kr", Figure.TOTAL, Decimal(1_200_000)),
        ("Budgeten omsluter 1.200.000 kronor.", Figure.TOTAL, Decimal(1_200_000)),
        ("Sammanlagt 1,2 miljoner kronor.", Figure.TOTAL, Decimal(1_200_000)),
        ("Vi söker 900 tkr från Länsstyrelsen.", Figure.SOUGHT, Decimal(900_000)),
        ("Sökt belopp: 850 000 SEK", Figure.SOUGHT, Decimal(850_000)),
        ("Egen insats 300 000 kr", Figure.COFINANCING, Decimal(300_000)),
        ("Totalt medfinansierar kommunerna 0,3 mkr.", Figure.COFINANCING, Decimal(300_000)),
    ],
)
def test_amounts_are_read_with_what_they_are(text: str, figure: Figure, amount: Decimal) -> None:
    ((stated, _),) = stated_amounts(text)

    assert (stated.figure, stated.amount) == (figure, amount)


def test_amounts_of_a_category_or_a_year_are_left_alone() -> None:
    assert stated_amounts("Personal 2027: 600 000 kr. Resor 100 000 kr.") == []


def test_each_clause_of_a_sentence_is_read_on_its_own() -> None:
    text = (
        "Projektets totala budget är 1 200 000 kr, varav 900 000 kr söks från "
        "Länsstyrelsen och 300 000 kr är egen insats."
    )

    assert [(s.figure, s.amount) for s, _ in stated_amounts(text)] == [
        (Figure.TOTAL, Decimal(1_200_000)),
        (Figure.SOUGHT, Decimal(900_000)),
        (Figure.COFINANCING, Decimal(300_000)),
    ]


def test_a_rounded_amount_agrees_within_what_it_rounded_to() -> None:
    assert (
        mismatches(
            "Totalt 1,2 miljoner kronor.",
            total_sek=1_234_000,
            sought_sek=None,
            cofinancing_sek=None,
        )
        == []
    )
    (found,) = mismatches(
        "Totalt 1,2 miljoner kronor.", total_sek=1_260_000, sought_sek=None, cofinancing_sek=None
    )
    assert (found.figure, found.stated, found.budget_sek) == (
        Figure.TOTAL,
        "1,2 miljoner kronor",
        1_260_000,
    )


def test_an_exact_amount_must_be_exact() -> None:
    (found,) = mismatches(
        "Vi söker 800 001 kr.", total_sek=1_000_000, sought_sek=800_000, cofinancing_sek=None
    )

    assert found.figure == Figure.SOUGHT
    assert found.clause == "Vi söker 800 001 kr."


def test_a_figure_the_budget_lacks_is_not_compared() -> None:
    assert (
        mismatches("Totalt 5 000 000 kr.", total_sek=None, sought_sek=None, cofinancing_sek=None)
        == []
    )
