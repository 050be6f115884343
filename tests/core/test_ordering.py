"""Swedish order in the database: the same on SQLite and PostgreSQL, and the same as the sort key
Navet uses in Python."""

import pytest

from navet.core.ordering import swedish
from navet.core.text import swedish_sort_key
from navet.needs.models import Need
from navet.organisations.models import Municipality
from tests.factories import NeedFactory

pytestmark = pytest.mark.django_db

TITLES = [
    "Österåker",
    "Ängby",
    "Åre",
    "Zeta",
    "ål",
    "Éva",
    "Eva",
    "Upplands Väsby",
    "Upplands-Bro",
    "Ärlig",
    "Über",
    "Yxa",
    "Vallentuna",
    "aa",
]


def test_titles_are_ordered_as_a_swedish_reader_expects(county) -> None:
    taby = Municipality.objects.get(code="0160")
    for title in TITLES:
        NeedFactory(municipality=taby, title=title)
    ordered = list(Need.objects.order_by(swedish("title")).values_list("title", flat=True))
    assert ordered == [
        "aa",
        "Eva",
        "Éva",
        "Upplands-Bro",
        "Upplands Väsby",
        "Vallentuna",
        "Über",
        "Yxa",
        "Zeta",
        "ål",
        "Åre",
        "Ängby",
        "Ärlig",
        "Österåker",
    ]
    assert ordered == sorted(TITLES, key=lambda title: (swedish_sort_key(title), title))


def test_the_countys_municipalities_in_the_database_as_in_python(county) -> None:
    names = list(Municipality.objects.order_by(swedish("name")).values_list("name", flat=True))
    assert names == sorted(names, key=swedish_sort_key)
    assert names[-2:] == ["Värmdö", "Österåker"]
    assert names.index("Upplands-Bro") + 1 == names.index("Upplands Väsby")
