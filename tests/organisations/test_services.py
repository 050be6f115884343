import pytest
from auditlog.models import LogEntry

from navet.core.errors import DomainError, PermissionDenied
from navet.organisations import services
from navet.organisations.models import Consortium, Municipality, Role, RoleAssignment
from navet.organisations.permissions import permissions_for

pytestmark = pytest.mark.django_db


def _municipalities(*codes: str) -> list[Municipality]:
    return list(Municipality.objects.filter(code__in=codes))


def test_admin_creates_a_consortium_with_members_and_it_is_audited(cast) -> None:
    consortium = services.consortium_create(
        actor=cast.admin,
        name="Nordost",
        slug="nordost",
        members=_municipalities("0162", "0160", "0117"),
    )

    assert set(consortium.members.values_list("code", flat=True)) == {"0162", "0160", "0117"}
    created, members_added = LogEntry.objects.get_for_object(consortium).order_by("timestamp")
    assert created.action == LogEntry.Action.CREATE
    assert created.actor == cast.admin
    assert members_added.actor == cast.admin
    assert set(members_added.changes_dict["members"]["objects"]) == {
        "Danderyd",
        "Täby",
        "Österåker",
    }


@pytest.mark.parametrize(
    "role", ["coordinator", "steering", "contact", "viewer", "outsider", "sodertorn_coordinator"]
)
def test_only_admins_may_create_consortia(cast, role) -> None:
    with pytest.raises(PermissionDenied, match="administratörer|administrators"):
        services.consortium_create(
            actor=getattr(cast, role), name="Nordost", slug="nordost", members=[]
        )
    assert not Consortium.objects.filter(slug="nordost").exists()


def test_updating_a_consortium_changes_its_members_and_audits_the_removal(cast) -> None:
    norrort = Consortium.objects.get(slug="koordination-norrort")
    members = list(norrort.members.exclude(code="0187"))

    services.consortium_update(
        actor=cast.admin,
        consortium=norrort,
        name="Koordination Norrort",
        slug="koordination-norrort",
        description="Ny beskrivning",
        members=members,
    )

    norrort.refresh_from_db()
    assert norrort.members.count() == 14
    assert norrort.description == "Ny beskrivning"
    (removal,) = [
        entry
        for entry in LogEntry.objects.get_for_object(norrort)
        if entry.changes_dict.get("members", {}).get("operation") == "delete"
    ]
    assert removal.actor == cast.admin
    assert removal.changes_dict["members"]["objects"] == ["Vaxholm"]


def test_an_invalid_consortium_is_refused_with_a_message_and_nothing_changes(cast) -> None:
    with pytest.raises(DomainError):
        services.consortium_create(
            actor=cast.admin, name="Koordination Norrort", slug="ny-norrort", members=[]
        )
    assert Consortium.objects.count() == 3


@pytest.mark.parametrize("role", ["coordinator", "steering", "contact", "viewer", "outsider"])
def test_only_admins_may_edit_municipalities(cast, role) -> None:
    taby = Municipality.objects.get(code="0160")
    with pytest.raises(PermissionDenied):
        services.municipality_update(
            actor=getattr(cast, role),
            municipality=taby,
            name="Täby",
            population=1,
            population_year=2025,
            neighbours=[],
        )
    taby.refresh_from_db()
    assert taby.population == 77744


def test_admin_edits_a_municipality_and_the_history_shows_what_changed(cast) -> None:
    taby = Municipality.objects.get(code="0160")

    services.municipality_update(
        actor=cast.admin,
        municipality=taby,
        name="Täby",
        population=78500,
        population_year=2025,
        neighbours=[*taby.neighbours.all(), taby],
    )

    taby.refresh_from_db()
    assert taby.population == 78500
    assert not taby.neighbours.filter(pk=taby.pk).exists()  # never its own neighbour
    update = LogEntry.objects.get_for_object(taby).filter(action=LogEntry.Action.UPDATE).first()
    assert update.actor == cast.admin
    assert update.changes_dict["population"] == ["77744", "78500"]


def test_admin_creates_a_user_without_password_for_oidc_login(cast) -> None:
    user = services.user_create(actor=cast.admin, username="ny.person", first_name="Ny")
    assert not user.has_usable_password()


def test_user_creation_refuses_duplicates(cast) -> None:
    with pytest.raises(DomainError):
        services.user_create(actor=cast.admin, username="samordnare")


@pytest.mark.parametrize("role", ["coordinator", "steering", "contact", "viewer", "outsider"])
def test_only_admins_may_create_users_or_give_roles(cast, role) -> None:
    actor = getattr(cast, role)
    with pytest.raises(PermissionDenied):
        services.user_create(actor=actor, username="ny.person")
    with pytest.raises(PermissionDenied):
        services.role_assign(
            actor=actor,
            user=actor,
            role=Role.COORDINATOR,
            consortium=Consortium.objects.get(slug="etablering-sodertorn"),
        )
    assert not permissions_for(actor).is_admin


def test_role_assign_gives_access_at_once(cast) -> None:
    sodertorn = Consortium.objects.get(slug="etablering-sodertorn")
    assert not permissions_for(cast.viewer).can_view_consortium(sodertorn)

    services.role_assign(actor=cast.admin, user=cast.viewer, role=Role.VIEWER, consortium=sodertorn)

    assert permissions_for(cast.viewer).can_view_consortium(sodertorn)


@pytest.mark.parametrize(
    ("role", "consortium", "municipality", "message"),
    [
        (Role.COORDINATOR, None, None, "consortium|samverkan"),
        (Role.CONTACT, None, None, "municipality|kommun"),
        (Role.STEERING, "koordination-norrort", "0160", "steering group|styrgrupp"),
    ],
)
def test_role_assign_checks_the_scope(cast, role, consortium, municipality, message) -> None:
    with pytest.raises(DomainError, match=message):
        services.role_assign(
            actor=cast.admin,
            user=cast.outsider,
            role=role,
            consortium=Consortium.objects.filter(slug=consortium).first(),
            municipality=Municipality.objects.filter(code=municipality).first(),
        )
    assert not RoleAssignment.objects.filter(user=cast.outsider).exists()


def test_a_role_cannot_be_given_twice(cast) -> None:
    norrort = Consortium.objects.get(slug="koordination-norrort")
    with pytest.raises(DomainError):
        services.role_assign(
            actor=cast.admin, user=cast.viewer, role=Role.VIEWER, consortium=norrort
        )
    assert RoleAssignment.objects.filter(user=cast.viewer).count() == 1


def test_role_revoke_removes_access_and_is_audited(cast) -> None:
    assignment = RoleAssignment.objects.get(user=cast.viewer)
    norrort = Consortium.objects.get(slug="koordination-norrort")

    services.role_revoke(actor=cast.admin, assignment=assignment)

    assert not permissions_for(cast.viewer).can_view_consortium(norrort)
    assert LogEntry.objects.filter(
        action=LogEntry.Action.DELETE, content_type__model="roleassignment", actor=cast.admin
    ).exists()


def test_role_revoke_is_refused_for_non_admins(cast) -> None:
    assignment = RoleAssignment.objects.get(user=cast.viewer)
    with pytest.raises(PermissionDenied):
        services.role_revoke(actor=cast.coordinator, assignment=assignment)
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()


def test_a_weak_password_is_refused_with_the_reason(cast) -> None:
    with pytest.raises(DomainError, match="8|åtta|short|kort"):
        services.user_create(actor=cast.admin, username="ny.person", password="abc")
    assert not type(cast.admin).objects.filter(username="ny.person").exists()


def test_a_good_password_lets_the_new_user_log_in(cast) -> None:
    user = services.user_create(
        actor=cast.admin, username="ny.person", password="Vallentuna-Vaxholm-2026"
    )
    assert user.check_password("Vallentuna-Vaxholm-2026")
