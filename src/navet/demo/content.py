"""Demo content: the county's facts and one demo login per role, for trying Navet out."""

from dataclasses import dataclass

from django.db import transaction

from navet.core.audit import acting_as
from navet.core.models import User
from navet.organisations.models import Consortium, Municipality, Role, RoleAssignment
from navet.organisations.services import county_seed

DEMO_PASSWORD = "navet-demo"  # noqa: S105  (demo logins only; refused in production mode)


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: Role
    consortium: str | None = None
    municipality: str | None = None


DEMO_USERS = [
    DemoUser(
        "samordnare", "Sara", "Lindqvist", Role.COORDINATOR, consortium="koordination-norrort"
    ),
    DemoUser(
        "styrgrupp.sigtuna",
        "Johan",
        "Ek",
        Role.STEERING,
        consortium="koordination-norrort",
        municipality="0191",
    ),
    DemoUser("kontakt.taby", "Amira", "Hassan", Role.CONTACT, municipality="0160"),
    DemoUser("politiker", "Karin", "Berg", Role.VIEWER, consortium="koordination-norrort"),
    DemoUser("admin", "Alex", "Drift", Role.ADMIN),
]


def demo_seed() -> list[DemoUser]:
    """Load the county and the demo users. Re-running changes nothing."""
    county_seed()
    with transaction.atomic(), acting_as(None):
        for demo in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=demo.username,
                defaults={
                    "first_name": demo.first_name,
                    "last_name": demo.last_name,
                    "email": f"{demo.username}@example.se",
                    "is_staff": demo.role == Role.ADMIN,
                    "is_superuser": demo.role == Role.ADMIN,
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
            RoleAssignment.objects.get_or_create(
                user=user,
                role=demo.role,
                consortium=(
                    Consortium.objects.get(slug=demo.consortium) if demo.consortium else None
                ),
                municipality=(
                    Municipality.objects.get(code=demo.municipality) if demo.municipality else None
                ),
            )
    return DEMO_USERS
