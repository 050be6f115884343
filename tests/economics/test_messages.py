"""The cost-sharing model's refusals and `navet economics` read in the reader's language:
Swedish by default, English when asked."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from navet.economics.costsharing import (
    Key,
    Member,
    Scenario,
    ScenarioError,
    compute,
    numbered_members,
)
from navet.economics.management.commands.economics import Command


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("sv", "Resursens årskostnad ska vara större än noll."),
        ("en", "The resource's yearly cost must be greater than zero."),
    ],
)
def test_a_refusal_reads_in_the_language_active_when_it_is_shown(language, expected) -> None:
    with pytest.raises(ScenarioError) as refused:
        compute(Scenario(0, 1, 0, numbered_members(1)))
    with translation.override(language):
        assert refused.value.message == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "sv",
            "Fördelning per invånare kräver ett invånarantal för varje kommun; "
            "det saknas för Utan.",
        ),
        (
            "en",
            "Sharing per inhabitant needs a population for every municipality; "
            "it is missing for Utan.",
        ),
    ],
)
def test_a_refusal_names_its_values_in_either_language(language, expected) -> None:
    with pytest.raises(ScenarioError) as refused:
        compute(Scenario(1, 1, 0, (Member("Utan"),), Key.POPULATION))
    with translation.override(language):
        assert refused.value.message == expected


@pytest.mark.parametrize(
    ("installation", "expected"),
    [
        ("sv", ["Bidrag som finansierar administrationen:", "Totalt", "Per kommun (avrundat)"]),
        ("en", ["Grants that fund the administration:", "Total", "Per municipality (rounded)"]),
    ],
)
def test_the_command_s_table_reads_in_the_installation_s_language(
    settings, installation, expected
) -> None:
    settings.LANGUAGE_CODE = installation
    out = StringIO()
    # The caller's active language does not matter: a command speaks the installation's.
    with translation.override("sv" if installation == "en" else "en"):
        call_command(
            "economics",
            "--cost",
            "700000",
            "--grants",
            "1000000",
            "--municipalities",
            "3",
            stdout=out,
        )
    assert all(part in out.getvalue() for part in expected)


def test_the_command_s_help_is_text_argparse_can_print() -> None:
    parser = Command().create_parser("navet", "economics")
    assert "Räkna ut vad den gemensamma resursen kostar varje kommun" in parser.format_help()
