"""Writes to organisations. Each: keyword-only, permission-checked, validated, atomic, audited."""

from collections.abc import Iterable

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from navet.core.audit import acting_as
from navet.core.errors import DomainError, full_clean
from navet.core.models import User
from navet.organisations.county import (
    CONSORTIA,
    COUNTY_CODE,
    WHOLE_COUNTY,
    ConsortiumFact,
    MunicipalityFact,
    read_borders,
    read_municipalities,
)
from navet.organisations.models import (
    Consortium,
    Municipality,
    Role,
    RoleAssignment,
)
from navet.organisations.permissions import forget_permissions, permissions_for


def _set_members(consortium: Consortium, members: Iterable[Municipality]) -> None:
    # add/remove (not .set on the through model) so the consortium's audit log records them.
    wanted = {m.pk: m for m in members}
    current = {m.pk: m for m in consortium.members.all()}
    consortium.members.remove(*[m for pk, m in current.items() if pk not in wanted])
    consortium.members.add(*[m for pk, m in wanted.items() if pk not in current])


def consortium_create(
    *, actor: User, name: str, slug: str, description: str = "", members: Iterable[Municipality]
) -> Consortium:
    permissions_for(actor).can_manage_organisations().require()
    consortium = Consortium(name=name, slug=slug, description=description)
    with transaction.atomic(), acting_as(actor):
        full_clean(consortium)
        consortium.save()
        _set_members(consortium, members)
    return consortium


def consortium_update(
    *,
    actor: User,
    consortium: Consortium,
    name: str,
    slug: str,
    description: str,
    members: Iterable[Municipality],
) -> Consortium:
    permissions_for(actor).can_manage_organisations().require()
    consortium.name, consortium.slug, consortium.description = name, slug, description
    with transaction.atomic(), acting_as(actor):
        full_clean(consortium)
        consortium.save()
        _set_members(consortium, members)
    return consortium


def municipality_update(
    *,
    actor: User,
    municipality: Municipality,
    name: str,
    population: int,
    population_year: int,
    neighbours: Iterable[Municipality],
) -> Municipality:
    permissions_for(actor).can_manage_organisations().require()
    municipality.name = name
    municipality.population = population
    municipality.population_year = population_year
    with transaction.atomic(), acting_as(actor):
        full_clean(municipality)
        municipality.save()
        municipality.neighbours.set([n for n in neighbours if n.pk != municipality.pk])
    return municipality


def municipality_create(
    *,
    actor: User,
    code: str,
    name: str,
    county_code: str,
    county_name: str,
    population: int,
    population_year: int,
) -> Municipality:
    """Add a municipality (for consortia beyond Stockholm County), by its SCB code."""
    permissions_for(actor).can_manage_organisations().require()
    municipality = Municipality(
        code=code,
        name=name,
        county_code=county_code,
        county_name=county_name,
        population=population,
        population_year=population_year,
    )
    with transaction.atomic(), acting_as(actor):
        full_clean(municipality)
        municipality.save()
    return municipality


def user_create(
    *,
    actor: User,
    username: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    password: str | None = None,
) -> User:
    """Create a login. Without a password the user signs in through their municipality's OIDC."""
    permissions_for(actor).can_manage_organisations().require()
    user = User(username=username, first_name=first_name, last_name=last_name, email=email)
    with transaction.atomic(), acting_as(actor):
        try:
            user.full_clean(exclude=["password"])
            if password:
                validate_password(password, user)
        except ValidationError as error:
            raise DomainError.from_validation(error) from error
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
    return user


def role_assign(
    *,
    actor: User,
    user: User,
    role: Role,
    consortium: Consortium | None = None,
    municipality: Municipality | None = None,
) -> RoleAssignment:
    permissions_for(actor).can_manage_organisations().require()
    if role == Role.STEERING:
        # Seats have rules of their own (deputies, one ordinary representative per member).
        raise DomainError(
            _("Steering representatives and deputies are named on the steering group's page.")
        )
    assignment = RoleAssignment(
        user=user, role=role, consortium=consortium, municipality=municipality
    )
    _check_scope(assignment)
    try:
        with transaction.atomic(), acting_as(actor):
            assignment.save()
            if assignment.consortium is not None:
                check_coordinator_holds_no_seat(user, assignment.consortium)
    except IntegrityError as error:
        raise DomainError(_("The user already has this role.")) from error
    forget_permissions(user)
    return assignment


def check_coordinator_holds_no_seat(user: User, consortium: Consortium) -> None:
    """A coordinator holds no seat in the steering group of the consortium he coordinates: he
    would vote on the motions he puts and closes. Asked inside the transaction that writes a
    coordinator role or a seat, after the write, so the two cannot meet."""
    roles = set(
        RoleAssignment.objects.filter(
            user=user, consortium=consortium, role__in=[Role.COORDINATOR, Role.STEERING]
        ).values_list("role", flat=True)
    )
    if roles == {Role.COORDINATOR, Role.STEERING}:
        raise DomainError(
            _("%(user)s coordinates %(consortium)s and cannot hold a seat in its steering group.")
            % {"user": user.get_full_name() or user.username, "consortium": consortium.name}
        )


def _check_scope(assignment: RoleAssignment) -> None:
    role = Role(assignment.role)
    consortium, municipality = assignment.consortium, assignment.municipality
    if role in (Role.COORDINATOR, Role.VIEWER) and consortium is None:
        raise DomainError(_("The role %(role)s needs a consortium.") % {"role": role.label})
    if role == Role.CONTACT and municipality is None:
        raise DomainError(_("The role %(role)s needs a municipality.") % {"role": role.label})
    if role in (Role.CONTACT, Role.ADMIN):
        assignment.consortium = None
    if role in (Role.COORDINATOR, Role.VIEWER, Role.ADMIN):
        assignment.municipality = None


def role_revoke(*, actor: User, assignment: RoleAssignment) -> None:
    permissions_for(actor).can_manage_organisations().require()
    with transaction.atomic(), acting_as(actor):
        assignment.delete()
    forget_permissions(assignment.user)


def county_seed() -> dict[str, int]:
    """Load Stockholm County's municipalities, consortia and borders. Re-running changes nothing.

    Run by operators (`navet seed county`), so it has no acting user: the audit log says
    "the system".
    """
    facts = read_municipalities()
    created = {"municipalities": 0, "consortia": 0, "memberships": 0, "borders": 0}
    with transaction.atomic():
        by_code = {}
        for fact in facts:
            municipality, was_created = Municipality.objects.get_or_create(
                code=fact.code,
                defaults={
                    "name": fact.name,
                    "organisation_number": fact.organisation_number,
                    "county_code": COUNTY_CODE,
                    "county_name": fact.county_name,
                    "population": fact.population,
                    "population_year": fact.population_year,
                },
            )
            created["municipalities"] += was_created
            if fact.organisation_number and not municipality.organisation_number:
                # A public fact Navet lacked: filled in, never written over.
                municipality.organisation_number = fact.organisation_number
                municipality.save(update_fields=["organisation_number"])
            by_code[fact.code] = municipality
        for consortium_fact, member_codes in _consortium_members(facts):
            consortium, was_created = Consortium.objects.get_or_create(
                slug=consortium_fact.slug,
                defaults={"name": consortium_fact.name, "description": consortium_fact.description},
            )
            created["consortia"] += was_created
            current = set(consortium.members.values_list("code", flat=True))
            new_members = [by_code[code] for code in member_codes if code not in current]
            consortium.members.add(*new_members)
            created["memberships"] += len(new_members)
        for code_a, code_b in read_borders():
            a, b = by_code[code_a], by_code[code_b]
            if not a.neighbours.filter(pk=b.pk).exists():
                a.neighbours.add(b)
                created["borders"] += 1
    return created


def _consortium_members(
    facts: list[MunicipalityFact],
) -> list[tuple[ConsortiumFact, list[str]]]:
    regional = [
        (consortium, [f.code for f in facts if f.consortium == consortium.name])
        for consortium in CONSORTIA
    ]
    return [*regional, (WHOLE_COUNTY, [f.code for f in facts])]
