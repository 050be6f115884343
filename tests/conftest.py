from dataclasses import dataclass

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, settings

from navet.calls.services import calls_import, funders_seed
from navet.core.models import User
from navet.demo.content import DEMO_DRAFT, demo_calls, demo_needs
from navet.needs.models import Need
from navet.needs.services import need_set_status, needs_import
from navet.organisations.models import Consortium, Municipality, Role
from navet.organisations.services import county_seed
from tests.factories import RoleAssignmentFactory, UserFactory

# Property tests judge results, never time: a busy machine must not fail them (speed is
# measured by `make bench`).
settings.register_profile("navet", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("navet")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings) -> None:
    """Real hashing costs a second per test user; the hasher itself is not under test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def county(db: None) -> None:
    """Stockholm County as `navet seed county` loads it."""
    county_seed()


@dataclass
class Cast:
    """One user per role, all in Koordination Norrort, as in the demo data."""

    coordinator: User
    steering: User  # Sigtuna's steering representative
    contact: User  # Täby's municipal contact
    solna_contact: User
    viewer: User
    admin: User
    outsider: User  # logged in, no role
    sodertorn_coordinator: User  # coordinator of another consortium

    def by_role(self) -> dict[str, User]:
        return {
            "coordinator": self.coordinator,
            "steering": self.steering,
            "contact": self.contact,
            "viewer": self.viewer,
            "admin": self.admin,
        }


@pytest.fixture
def cast(county: None) -> Cast:
    norrort = Consortium.objects.get(slug="koordination-norrort")
    sodertorn = Consortium.objects.get(slug="etablering-sodertorn")
    sigtuna = Municipality.objects.get(code="0191")
    taby = Municipality.objects.get(code="0160")
    solna = Municipality.objects.get(code="0184")

    def with_role(username: str, role: Role, **scope: object) -> User:
        user = UserFactory(username=username)
        RoleAssignmentFactory(user=user, role=role, **scope)
        return user

    admin = UserFactory(username="admin")
    RoleAssignmentFactory(user=admin, role=Role.ADMIN, consortium=None)
    return Cast(
        coordinator=with_role("samordnare", Role.COORDINATOR, consortium=norrort),
        steering=with_role(
            "styrgrupp.sigtuna", Role.STEERING, consortium=norrort, municipality=sigtuna
        ),
        contact=with_role("kontakt.taby", Role.CONTACT, consortium=None, municipality=taby),
        solna_contact=with_role("kontakt.solna", Role.CONTACT, consortium=None, municipality=solna),
        viewer=with_role("politiker", Role.VIEWER, consortium=norrort),
        admin=admin,
        outsider=UserFactory(username="utan.roll"),
        sodertorn_coordinator=with_role(
            "samordnare.sodertorn", Role.COORDINATOR, consortium=sodertorn
        ),
    )


@pytest.fixture
def calls(db: None) -> None:
    """The funders and programmes, and the demo calls dated around today."""
    funders_seed()
    calls_import(actor=None, records=demo_calls(timezone.localdate()), source="demo")


@pytest.fixture
def needs(cast: Cast) -> None:
    """The demo needs of Sigtuna, Solna and Täby with their endorsements; one of Täby's is a
    draft (Täby's contact made it one)."""
    needs_import(actor=None, records=demo_needs(timezone.localdate()), source="demo")
    need_set_status(
        actor=cast.contact,
        need=Need.objects.get(external_id=DEMO_DRAFT),
        status=Need.Status.DRAFT,
    )
