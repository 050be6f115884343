"""Who may see, enter and endorse needs, built on the roles of `permissions_for`.

- **Read**: everyone with a role in a consortium the need's municipality is a member of
  (coordinators, steering representatives, viewers, and the contacts of every member
  municipality), the municipality's own contacts, and administrators.
- **Drafts** are the municipality's own until shared: only its own contacts and the coordinators
  of its consortia see them.
- **Create and edit**: the municipality's own contacts, and the coordinators of its consortia.
- **Endorse** ("vi har också detta behov"): the contacts and steering representatives of another
  municipality that shares a consortium with the need's, once per municipality.
"""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from navet.core.models import User
from navet.core.permissions import ALLOWED, Decision
from navet.core.text import genitive
from navet.needs.models import Endorsement, Need
from navet.organisations.models import ConsortiumMembership, Municipality
from navet.organisations.permissions import Permissions, permissions_for

NOT_SHARED = Need.Status.DRAFT
CLOSED = (Need.Status.MET, Need.Status.DROPPED)


def _consortia_of(municipality_id: int) -> set[int]:
    return set(
        ConsortiumMembership.objects.filter(municipality_id=municipality_id).values_list(
            "consortium_id", flat=True
        )
    )


def needs_for(user: User) -> QuerySet[Need]:
    """The needs the user may see: every list of needs starts here."""
    permissions = permissions_for(user)
    if permissions.user_id is None:
        return Need.objects.none()
    own = Q(municipality_id__in=permissions.contact_for)
    coordinated = permissions.coordinated_ids()
    if coordinated:
        own |= Q(municipality_id__in=_members_of(coordinated))
    visible = permissions.visible_consortium_ids()
    if visible is None:
        shared = ~Q(status=NOT_SHARED)
    else:
        shared = Q(municipality_id__in=_members_of(visible)) & ~Q(status=NOT_SHARED)
    return Need.objects.filter(own | shared)


def _members_of(consortium_ids: set[int]) -> QuerySet[ConsortiumMembership, int]:
    """The member municipalities' ids, as a subquery."""
    return ConsortiumMembership.objects.filter(consortium_id__in=consortium_ids).values_list(
        "municipality_id", flat=True
    )


def can_view_need(user: User, need: Need) -> Decision:
    permissions = permissions_for(user)
    refused = Decision(False, _("You have no role in a consortium this need is shared with."))
    if permissions.user_id is None:
        return refused
    if permissions.is_contact_of(need.municipality_id):
        return ALLOWED
    consortia = _consortia_of(need.municipality_id)
    if need.status == NOT_SHARED:
        if consortia & permissions.coordinated_ids():
            return ALLOWED
        return Decision(False, _("A municipality's drafts are its own until shared."))
    visible = permissions.visible_consortium_ids()
    if visible is None or consortia & visible:
        return ALLOWED
    return refused


def can_edit_needs_of(user: User, municipality: Municipality) -> Decision:
    """Enter and change a municipality's needs: its own contacts and its coordinators."""
    permissions = permissions_for(user)
    if permissions.is_contact_of(municipality.pk):
        return ALLOWED
    if _consortia_of(municipality.pk) & permissions.coordinated_ids():
        return ALLOWED
    return Decision(
        False,
        _("Only %(whose)s own contacts and the coordinators of its consortia may change its needs.")
        % {"whose": genitive(municipality.name)},
    )


def can_enter_needs(user: User) -> Decision:
    """Enter needs for some municipality: a contact, or a coordinator of a consortium."""
    permissions = permissions_for(user)
    if permissions.contact_for or permissions.coordinated_ids():
        return ALLOWED
    return Decision(
        False,
        _("Only municipal contacts and coordinators may enter needs."),
    )


def can_edit_need(user: User, need: Need) -> Decision:
    return can_edit_needs_of(user, need.municipality)


def editable_municipalities(user: User) -> QuerySet[Municipality]:
    """The municipalities whose needs the user may enter (for the form's choice)."""
    permissions = permissions_for(user)
    if permissions.user_id is None:
        return Municipality.objects.none()
    condition = Q(pk__in=permissions.contact_for)
    coordinated = permissions.coordinated_ids()
    if coordinated:
        condition |= Q(pk__in=_members_of(coordinated))
    return Municipality.objects.filter(condition)


def _speaks_for(permissions: Permissions, shared_with: set[int]) -> set[int]:
    """The municipalities the user speaks for in any of these consortia: as its contact (a
    contact speaks wherever the municipality is a member), or as its steering representative."""
    speaking = set(permissions.contact_for)
    speaking |= {m for c, m in permissions.steering_for if c in shared_with}
    return speaking


def endorsing_municipalities(user: User, need: Need) -> list[Municipality]:
    """The municipalities the user may endorse this need for (usually one, or none)."""
    permissions = permissions_for(user)
    if permissions.user_id is None or need.status == NOT_SHARED or need.status in CLOSED:
        return []
    consortia = _consortia_of(need.municipality_id)
    candidates = _speaks_for(permissions, consortia) - {need.municipality_id}
    if not candidates:
        return []
    return list(
        Municipality.objects.filter(
            pk__in=candidates, memberships__consortium_id__in=consortia
        ).distinct()
    )


def can_endorse(user: User, need: Need, municipality: Municipality | None = None) -> Decision:
    """Say "vi har också detta behov" for `municipality` (or for any the user speaks for)."""
    if need.status == NOT_SHARED:
        return Decision(False, _("A draft cannot be endorsed until it is shared."))
    if need.status in CLOSED:
        return Decision(False, _("The need is closed and can no longer be endorsed."))
    if municipality is not None and municipality.pk == need.municipality_id:
        return Decision(False, _("A municipality cannot endorse its own need."))
    allowed = endorsing_municipalities(user, need)
    if municipality is None and allowed:
        return ALLOWED
    if municipality is not None and municipality in allowed:
        return ALLOWED
    if municipality is None and need.municipality_id in permissions_for(user).contact_for:
        return Decision(False, _("A municipality cannot endorse its own need."))
    return Decision(
        False,
        _(
            "Only the contacts and steering representatives of another municipality in the "
            "same consortium may endorse this need."
        ),
    )


def can_withdraw_endorsement(user: User, endorsement: Endorsement) -> Decision:
    """Take back an endorsement: the endorsing municipality's own contacts and steering
    representatives, and the coordinators of a consortium both municipalities belong to (who
    correct endorsements recorded at a meeting or by an import)."""
    if endorsement.municipality_id in withdrawable(user, endorsement.need, [endorsement]):
        return ALLOWED
    return Decision(
        False,
        _("Only %(whose)s own contacts and steering representatives may withdraw its endorsement.")
        % {"whose": genitive(endorsement.municipality.name)},
    )


def withdrawable(user: User, need: Need, endorsements: list[Endorsement]) -> set[int]:
    """The municipalities (ids) among these endorsements whose endorsement the user may
    withdraw; two queries, however many endorsements (for the need's page)."""
    permissions = permissions_for(user)
    if permissions.user_id is None or not endorsements:
        return set()
    need_consortia = _consortia_of(need.municipality_id)
    consortia: dict[int, set[int]] = {}
    for consortium_id, municipality_id in ConsortiumMembership.objects.filter(
        municipality_id__in=[e.municipality_id for e in endorsements]
    ).values_list("consortium_id", "municipality_id"):
        consortia.setdefault(municipality_id, set()).add(consortium_id)
    coordinated = permissions.coordinated_ids()
    allowed = set()
    for endorsement in endorsements:
        shared = need_consortia & consortia.get(endorsement.municipality_id, set())
        speaks = endorsement.municipality_id in _speaks_for(permissions, shared)
        if speaks or shared & coordinated:
            allowed.add(endorsement.municipality_id)
    return allowed
