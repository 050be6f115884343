from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from navet.core.text import (
    format_day,
    format_decimal,
    format_moment,
    format_sek,
    genitive,
    group_thousands,
    swedish_sort_key,
)


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


def test_a_message_fills_in_its_values_and_chooses_its_plural_form() -> None:
    from navet.core.text import gettext_lazy, ngettext_lazy  # noqa: PLC0415

    with translation.override("en"):
        assert str(gettext_lazy("{title} is due", title="Rapport")) == "Rapport is due"
        assert str(ngettext_lazy("{number} day", "{number} days", number=1)) == "1 day"
        assert str(ngettext_lazy("{number} day", "{number} days", number=3)) == "3 days"


def test_a_negative_amount_has_a_real_minus_sign() -> None:
    assert format_sek(-2500) == "\u22122\xa0500\xa0kr"


def test_a_number_has_swedish_grouping_a_decimal_comma_and_no_trailing_zeros() -> None:
    assert format_decimal(Decimal("1250000")) == "1\xa0250\xa0000"
    assert format_decimal(Decimal("2.50")) == "2,5"
    assert format_decimal(Decimal("-0.25")) == "\u22120,25"
    assert format_decimal(40) == "40"


def test_a_day_and_a_moment_read_as_swedish_style_writes_them() -> None:
    moment = datetime(2026, 12, 7, 9, 5, tzinfo=ZoneInfo("Europe/Stockholm"))
    assert format_day(moment.date()) == "2026-12-07"
    assert format_moment(moment) == "2026-12-07 09:05"
