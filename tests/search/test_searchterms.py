"""The one rule of search (navet.core.searchterms): words, stems, compounds by their parts, and
the query made of them, without a database."""

import pytest

from navet.core import searchterms


def test_words_are_runs_of_letters_and_digits_in_lower_case() -> None:
    assert searchterms.words("Läxhjälp, e-tjänster & §37a!") == ["läxhjälp", "e", "tjänster", "37a"]


@pytest.mark.parametrize(
    ("forms", "stem"),
    [
        (["föräldrar", "föräldrarna"], "föräldr"),
        (["bibliotek", "biblioteket", "biblioteken"], "bibliotek"),
        (["guide", "guider", "guiderna"], "guid"),
        (["projekt", "projektet"], "projek"),  # a definite "-et" Snowball keeps goes too
    ],
)
def test_every_inflection_has_the_same_stem(forms: list[str], stem: str) -> None:
    assert {searchterms.stem(form) for form in forms} == {stem}


@pytest.mark.parametrize(
    ("compound", "parts"),
    [
        ("språkcafé", ("språk", "café")),
        ("språkcaféet", ("språk", "café")),
        ("biblioteksguider", ("bibliotek", "guid")),  # joined by an "s"
        ("kommunstyrelsen", ("kommun", "styr")),
        ("språkträning", ("språk", "träning")),
    ],
)
def test_a_compound_is_split_into_its_parts(compound: str, parts: tuple[str, ...]) -> None:
    assert searchterms.parts(compound) == parts


@pytest.mark.parametrize(
    "word", ["föräldrar", "digitala", "nyanlända", "inkludering", "mening", "kompetens", "sigtuna"]
)
def test_a_word_that_only_looks_like_a_compound_is_left_whole(word: str) -> None:
    # "för" + "äldrar", "digi" + "tala", "men" + "ing": parts too common, too rare or too
    # short to make the word; a search for "äldre" or "tal" must not find them.
    assert searchterms.parts(word) == ()


def test_a_text_is_indexed_under_its_stems_and_its_compounds_parts() -> None:
    assert searchterms.index_text("Språkcaféet på biblioteket") == (
        "språkcaféet språk café på bibliotek"
    )


def test_a_query_leaves_out_the_most_common_words() -> None:
    assert [w.word for w in searchterms.query("stöd för föräldrar och barn")] == [
        "stöd",
        "föräldrar",
        "barn",
    ]
    assert searchterms.query("för och") == []
    assert searchterms.query("  –!? ") == []


def test_a_compound_in_a_query_is_found_as_itself_or_as_all_its_parts() -> None:
    asked = searchterms.query("språkcafé föräldrar")
    assert searchterms.fts5_match(asked) == ('("språkcafé" OR ("språk" AND "café")) AND "föräldr"')
    assert searchterms.tsquery(asked) == "('språkcafé' | ('språk' & 'café')) & 'föräldr'"


def test_a_word_typed_with_a_minus_is_one_the_rows_must_not_hold() -> None:
    asked = searchterms.query("föräldrar -bibliotek")
    assert [(w.word, w.excluded) for w in asked] == [("föräldrar", False), ("bibliotek", True)]
    assert searchterms.fts5_match(asked) == '("föräldr") NOT "bibliotek"'
    assert searchterms.tsquery(asked) == "'föräldr' & !'bibliotek'"
    assert searchterms.query("-bibliotek") == []  # nothing asked for
