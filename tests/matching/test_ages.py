import pytest

from navet.matching.ages import OLDEST, ages_of, describe, disjoint


@pytest.mark.parametrize(
    ("title", "description", "ages"),
    [
        ("Aktiviteter under loven för barn 6–15 år", "", (6, 15)),
        ("Idrott och friluftsliv för vuxna", "", (18, OLDEST)),
        ("Ensamkommande unga vuxna när stödet tar slut", "", (18, 29)),
        ("Meningsfull fritid för nyanlända barn och unga", "", (0, 25)),
        ("Digital inclusion for older people", "", (65, OLDEST)),
        ("Stöd i övergången", "För ensamkommande unga mellan 16 och 21 år.", (16, 21)),
        # the title says who it is for; people named in passing in the description do not
        ("Språkträning för föräldralediga", "Föräldrar övar svenska med barnen i närheten.", None),
        # a span of years that is no age
        ("Utvecklingsmedel", "Projekten får pågå i 2–3 år.", None),
        ("Projektmedel 2025–2026", "", None),
    ],
)
def test_ages_are_read_from_the_title_or_a_span_of_years(title, description, ages) -> None:
    assert ages_of(title, description) == ages


def test_disjoint_only_when_both_are_known_and_share_no_year() -> None:
    assert disjoint((6, 15), (18, OLDEST))
    assert not disjoint((16, 21), (18, OLDEST))
    assert not disjoint(None, (6, 15))


def test_describe() -> None:
    assert str(describe((6, 15))) == "6–15 år"
    assert str(describe((65, OLDEST))) == "från 65 år"
