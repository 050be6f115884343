import pytest

from navet.organisations.models import Consortium, Municipality


@pytest.fixture
def norrort(county) -> Consortium:
    return Consortium.objects.get(slug="koordination-norrort")


@pytest.fixture
def taby(county) -> Municipality:
    return Municipality.objects.get(code="0160")


@pytest.fixture
def sigtuna(county) -> Municipality:
    return Municipality.objects.get(code="0191")
