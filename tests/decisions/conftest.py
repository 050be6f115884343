from datetime import timedelta

import pytest
from django.utils import timezone

from navet.core.models import User
from navet.decisions.models import Motion
from navet.decisions.services import meeting_create
from navet.organisations.models import Consortium, Municipality, Role
from tests.factories import DeputyFactory, MotionFactory, RoleAssignmentFactory, UserFactory


@pytest.fixture
def norrort(county) -> Consortium:
    return Consortium.objects.get(slug="koordination-norrort")


@pytest.fixture
def sigtuna(county) -> Municipality:
    return Municipality.objects.get(code="0191")


@pytest.fixture
def taby(county) -> Municipality:
    return Municipality.objects.get(code="0160")


def steering(username: str, consortium: Consortium, municipality: Municipality, *, deputy=False):
    user = UserFactory(username=username)
    assignment = RoleAssignmentFactory(
        user=user, role=Role.STEERING, consortium=consortium, municipality=municipality
    )
    if deputy:
        DeputyFactory(assignment=assignment)
    return user


@pytest.fixture
def deputies(cast, norrort, sigtuna) -> tuple[User, User]:
    """Sigtuna's two deputies (ersättare); `cast.steering` is its ordinary representative."""
    return (
        steering("ersattare1.sigtuna", norrort, sigtuna, deputy=True),
        steering("ersattare2.sigtuna", norrort, sigtuna, deputy=True),
    )


@pytest.fixture
def taby_steering(cast, norrort, taby) -> User:
    return steering("styrgrupp.taby", norrort, taby)


@pytest.fixture
def motion(cast, norrort) -> Motion:
    """An open motion in Koordination Norrort (15 members), voting until a week from now."""
    return MotionFactory(consortium=norrort, title="Ansöka om § 37-medel för språkstöd")


@pytest.fixture
def meeting(cast, norrort):
    """A steering group meeting of Koordination Norrort next week, every member invited."""
    starts = timezone.now() + timedelta(days=7)
    return meeting_create(
        actor=cast.coordinator,
        consortium=norrort,
        kind="steering",
        title="Styrgruppsmöte december",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        place="Sollentuna kommunhus",
        agenda=["Mötets öppnande", "Behov från nätverksträffen", "Övriga frågor"],
    )


@pytest.fixture
def held(cast, norrort):
    """A steering group meeting of Koordination Norrort that began an hour ago."""
    starts = timezone.now() - timedelta(hours=1)
    return meeting_create(
        actor=cast.coordinator,
        consortium=norrort,
        kind="steering",
        title="Styrgruppsmöte november",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )
