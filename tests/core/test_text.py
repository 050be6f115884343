from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from navet.core.text import format_sek, genitive, group_thousands, swedish_sort_key


def test_swedish_letters_sort_after_z() -> None:
    names = ["Österåker", "Ekerö", "Älvsbyn", "Åre", "Solna", "Zinkgruvan"]
    assert sorted(names, key=swedish_sort_key) == [
        "Ekerö",
        "Solna",
        "Zinkgruvan",
        "Åre",
        "Älvsbyn",
        "Österåker",
    ]


def test_case_and_hyphens_do_not_change_the_order() -> None:
    names = ["upplands väsby", "Upplands-Bro", "Täby"]
    assert sorted(names, key=swedish_sort_key) == ["Täby", "Upplands-Bro", "upplands väsby"]


def test_money_and_numbers_use_swedish_grouping() -> None:
    assert format_sek(1_250_000) == "1\xa0250\xa0000\xa0kr"
    assert format_sek(Decimal("81524.40")) == "81\xa0524\xa0kr"
    assert group_thousands(999) == "999"


@given(st.integers(min_value=0, max_value=10**12))
def test_grouping_keeps_the_digits(number: int) -> None:
    assert group_thousands(number).replace("\xa0", "") == str(number)


def test_the_swedish_genitive_of_a_name() -> None:
    assert genitive("Täby") == "Täbys"
    assert genitive("Upplands Väsby") == "Upplands Väsbys"
    assert genitive("Nynäshamn") == "Nynäshamns"
    assert genitive("Bollnäs") == "Bollnäs"
    assert genitive("Lax") == "Lax"
