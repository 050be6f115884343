import factory
import pytest
from django.test import Client
from factory.django import DjangoModelFactory

from navet.calls.models import Theme
from navet.calls.services import taxonomy_entry
from navet.calls.taxonomy import theme_label
from navet.knowledge.models import Entry
from navet.organisations.models import Consortium, Municipality
from tests.factories import ConsortiumFactory, MunicipalityFactory


class EntryFactory(DjangoModelFactory):
    """An entry of a consortium; pass an owner that is a member of it."""

    class Meta:
        model = Entry
        skip_postgeneration_save = True

    consortium = factory.SubFactory(ConsortiumFactory)
    owner = factory.SubFactory(MunicipalityFactory)
    kind = Entry.Kind.METHOD
    title = factory.Sequence(lambda n: f"Metod {n}")
    description = "En metod för tester."

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted:
            obj.themes.set([taxonomy_entry(Theme, slug, theme_label) for slug in extracted])


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def norrort(county) -> Consortium:
    return Consortium.objects.get(slug="koordination-norrort")


@pytest.fixture
def sodertorn(county) -> Consortium:
    return Consortium.objects.get(slug="etablering-sodertorn")


@pytest.fixture
def taby(county) -> Municipality:
    return Municipality.objects.get(code="0160")


@pytest.fixture
def sigtuna(county) -> Municipality:
    return Municipality.objects.get(code="0191")


@pytest.fixture
def entry(cast, norrort, sigtuna) -> Entry:
    """Sigtuna's method in Koordination Norrort, about digital inclusion."""
    return EntryFactory(
        consortium=norrort,
        owner=sigtuna,
        title="Digitala guider på biblioteket",
        description="Handledare hjälper nyanlända med **BankID** och e-tjänster.",
        results="Kommunernas besökare klarade e-tjänsterna själva efter tre träffar.",
        themes=["digital-inkludering"],
    )
