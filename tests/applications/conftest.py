import pytest
from django.test import Client

from navet.applications.models import Application, Section
from navet.applications.services import application_create
from navet.calls.models import Programme
from navet.calls.services import funders_seed
from navet.core.models import User
from navet.organisations.models import Consortium, Municipality, Role
from navet.projects.models import Project
from tests.factories import CallFactory, ProjectFactory, RoleAssignmentFactory, UserFactory


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def section(application: Application, key: str) -> Section:
    return application.sections.get(key=key)


@pytest.fixture
def norrort(county) -> Consortium:
    return Consortium.objects.get(slug="koordination-norrort")


@pytest.fixture
def sigtuna_contact(cast) -> User:
    """A contact of Sigtuna, which takes part in the project below."""
    user = UserFactory(username="kontakt.sigtuna", first_name="Sara", last_name="Sigtuna")
    RoleAssignmentFactory(
        user=user,
        role=Role.CONTACT,
        consortium=None,
        municipality=Municipality.objects.get(code="0191"),
    )
    return user


@pytest.fixture
def project(cast, norrort) -> Project:
    """Täby's project (its contact is `cast.contact`) with Sigtuna taking part, to a § 37 call of
    Länsstyrelsen Stockholm closing in 30 days, applying for 800 000 kr."""
    funders_seed()
    call = CallFactory(
        programme=Programme.objects.get(slug="lst-stockholm-37"),
        title="Utvecklingsmedel § 37 2027",
        max_amount_sek=2_000_000,
    )
    return ProjectFactory(
        consortium=norrort,
        owner=Municipality.objects.get(code="0160"),
        participants=[Municipality.objects.get(code="0191")],
        title="Digital delaktighet för nyanlända",
        description="Digital kunskap för nyanlända i norrort.",
        call=call,
        requested_sek=800_000,
        status=Project.Status.APPLICATION,
    )


@pytest.fixture
def application(project, cast) -> Application:
    return application_create(actor=cast.coordinator, project=project)
