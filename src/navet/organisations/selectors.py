"""Reads of organisations, each scoped by the permission layer and bounded in queries."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, Q, QuerySet, prefetch_related_objects
from django.utils.translation import gettext as _

from navet.core.audit import HistoryRow, history_for
from navet.core.errors import NotFound
from navet.core.models import User
from navet.core.ordering import swedish
from navet.core.text import swedish_sort_key
from navet.organisations.models import (
    Consortium,
    ConsortiumMembership,
    Municipality,
    Role,
    RoleAssignment,
)
from navet.organisations.permissions import permissions_for


def consortia_for(actor: User) -> QuerySet[Consortium]:
    """The consortia the actor may see, with their member count, in Swedish order."""
    visible = permissions_for(actor).visible_consortium_ids()
    consortia = Consortium.objects.annotate(member_count=Count("memberships"))
    if visible is not None:
        consortia = consortia.filter(pk__in=visible)
    return consortia.order_by(swedish("name"), "pk")


def consortium_for(actor: User, slug: str) -> Consortium:
    """The consortium with this short name, if the actor may see it: every page, service and
    API operation that takes a consortium's slug fetches it here. "Not found" answers alike
    for a missing and a forbidden consortium, so nobody can probe which ones exist."""
    consortium = Consortium.objects.filter(slug=slug).first() if slug else None
    if consortium is None or not permissions_for(actor).can_view_consortium(consortium):
        raise NotFound(_("No such consortium."))
    return consortium


def consortium_chosen(actor: User, slug: str) -> Consortium | None:
    """The consortium a page shows: the one asked for (`?samverkan=`, fetched by
    `consortium_for`), or else the first the actor may see, or None when there is none."""
    if slug:
        return consortium_for(actor, slug)
    return consortia_for(actor).first()


def consortium_get(actor: User, slug: str) -> Consortium:
    """A consortium for its own page, with its members and roles."""
    consortium = consortium_for(actor, slug)
    prefetch_related_objects(
        [consortium],
        Prefetch("members", queryset=Municipality.objects.order_by("name")),
        Prefetch(
            "role_assignments",
            queryset=RoleAssignment.objects.select_related("user", "municipality"),
        ),
    )
    return consortium


def municipalities_sorted() -> QuerySet[Municipality]:
    """All municipalities in Swedish alphabetical order, with their consortia and neighbours."""
    return Municipality.objects.prefetch_related("consortia", "neighbours").order_by(
        swedish("name"), "code"
    )


def municipality_get(code: str) -> Municipality:
    municipality = (
        Municipality.objects.prefetch_related("consortia", "neighbours").filter(code=code).first()
    )
    if municipality is None:
        raise NotFound(_("No such municipality."))
    return municipality


def users_with_roles() -> list[User]:
    users = User.objects.prefetch_related(
        Prefetch(
            "role_assignments",
            queryset=RoleAssignment.objects.select_related("consortium", "municipality"),
        )
    )
    return sorted(users, key=lambda u: swedish_sort_key(u.get_full_name() or u.username))


def user_get(user_id: int) -> User:
    user = (
        User.objects.prefetch_related(
            Prefetch(
                "role_assignments",
                queryset=RoleAssignment.objects.select_related("consortium", "municipality"),
            )
        )
        .filter(pk=user_id)
        .first()
    )
    if user is None:
        raise NotFound(_("No such user."))
    return user


def role_assignment_get(user_id: int, assignment_id: int) -> RoleAssignment:
    assignment = (
        RoleAssignment.objects.select_related("user")
        .filter(pk=assignment_id, user_id=user_id)
        .first()
    )
    if assignment is None:
        raise NotFound(_("No such role."))
    return assignment


def role_assignments_of(user: User) -> list[RoleAssignment]:
    return list(
        RoleAssignment.objects.filter(user=user)
        .select_related("consortium", "municipality")
        .order_by("role", "consortium__name", "municipality__name")
    )


def user_history(user: User) -> list[HistoryRow]:
    """The user's own changes and every role given to or removed from them."""
    roles = Q(
        content_type=ContentType.objects.get_for_model(RoleAssignment),
        additional_data__user=user.pk,
    )
    return history_for(user, also=roles)


def own_municipalities(user: User) -> list[Municipality]:
    """The municipalities the user is a contact for, with their neighbours."""
    municipalities = Municipality.objects.filter(
        role_assignments__user=user, role_assignments__role=Role.CONTACT
    ).prefetch_related("neighbours", "consortia")
    return sorted(municipalities, key=lambda m: swedish_sort_key(m.name))


def contacts_of(municipality: Municipality) -> list[User]:
    """The active municipal contacts of a municipality."""
    return list(
        User.objects.filter(
            role_assignments__role=Role.CONTACT,
            role_assignments__municipality=municipality,
            is_active=True,
        ).distinct()
    )


def members_without_steering(consortium_ids: set[int]) -> dict[int, list[Municipality]]:
    """Per consortium, the member municipalities that have no steering representative yet."""
    if not consortium_ids:
        return {}
    represented = set(
        RoleAssignment.objects.filter(
            role=Role.STEERING, consortium_id__in=consortium_ids
        ).values_list("consortium_id", "municipality_id")
    )
    gaps: dict[int, list[Municipality]] = {pk: [] for pk in consortium_ids}
    memberships = ConsortiumMembership.objects.filter(
        consortium_id__in=consortium_ids
    ).select_related("municipality")
    for membership in memberships:
        if (membership.consortium_id, membership.municipality_id) not in represented:
            gaps[membership.consortium_id].append(membership.municipality)
    for municipalities in gaps.values():
        municipalities.sort(key=lambda m: swedish_sort_key(m.name))
    return gaps
