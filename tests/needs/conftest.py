import pytest

from navet.needs.models import Need
from navet.organisations.models import Municipality
from tests.factories import NeedFactory


@pytest.fixture
def taby(county) -> Municipality:
    return Municipality.objects.get(code="0160")


@pytest.fixture
def solna(county) -> Municipality:
    return Municipality.objects.get(code="0184")


@pytest.fixture
def sigtuna(county) -> Municipality:
    return Municipality.objects.get(code="0191")


@pytest.fixture
def taby_need(taby) -> Need:
    """A need Täby has shared with its consortia."""
    return NeedFactory(municipality=taby, title="Språkstöd i förskolan")


@pytest.fixture
def taby_draft(taby) -> Need:
    return NeedFactory(municipality=taby, title="Ett utkast", status=Need.Status.DRAFT)
