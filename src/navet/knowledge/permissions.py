"""Who may read, add and change knowledge entries, built on the roles of `permissions_for`.

- **Read**: everyone with a role in the entry's consortium (coordinators, steering
  representatives, viewers, and the contacts of its member municipalities), and administrators.
  An entry belongs to one consortium; to share it wider, record it in a wider consortium too
  (e.g. the whole county's). docs/knowledge.md explains why.
- **Add and change**: the contacts of the owner municipality (in a consortium it is a member of),
  and the consortium's coordinators. Administrators read only.
- **Reuse** (start a project idea from an entry): whoever reads the entry and may start project
  ideas; the project itself is checked by `project_create`.
"""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from navet.core.models import User
from navet.core.permissions import ALLOWED, Decision
from navet.core.text import genitive
from navet.knowledge.models import Attachment, Entry
from navet.organisations.models import Consortium, ConsortiumMembership, Municipality
from navet.organisations.permissions import permissions_for


def entries_for(user: User) -> QuerySet[Entry]:
    """The entries the user may see: every list of entries starts here."""
    permissions = permissions_for(user)
    if permissions.user_id is None:
        return Entry.objects.none()
    visible = permissions.visible_consortium_ids()
    if visible is None:
        return Entry.objects.all()
    return Entry.objects.filter(consortium_id__in=visible)


def attachments_for(user: User) -> QuerySet[Attachment]:
    return Attachment.objects.filter(entry__in=entries_for(user))


def can_view_entry(user: User, entry: Entry) -> Decision:
    if permissions_for(user).can_view_consortium(entry.consortium):
        return ALLOWED
    return Decision(False, _("You have no role in this entry's consortium."))


def can_create_entry(user: User, consortium: Consortium, owner: Municipality) -> Decision:
    """Add an entry owned by `owner` to `consortium`: its contacts and the coordinators."""
    permissions = permissions_for(user)
    member = ConsortiumMembership.objects.filter(consortium=consortium, municipality=owner).exists()
    if member and (permissions.coordinates(consortium.pk) or permissions.is_contact_of(owner.pk)):
        return ALLOWED
    return Decision(
        False,
        _(
            "Only %(whose)s own contacts and the coordinators of %(consortium)s may add "
            "knowledge for it."
        )
        % {"whose": genitive(owner.name), "consortium": consortium.name},
    )


def can_add_entries(user: User) -> Decision:
    """Add entries for some municipality: a contact, or a coordinator."""
    permissions = permissions_for(user)
    if permissions.contact_for or permissions.coordinated_ids():
        return ALLOWED
    return Decision(False, _("Only municipal contacts and coordinators add to the knowledge bank."))


def can_edit_entry(user: User, entry: Entry) -> Decision:
    permissions = permissions_for(user)
    if permissions.coordinates(entry.consortium_id) or permissions.is_contact_of(entry.owner_id):
        return ALLOWED
    return Decision(
        False,
        _("Only %(whose)s own contacts and the consortium's coordinators may change this entry.")
        % {"whose": genitive(entry.owner.name)},
    )


def creatable_consortia(user: User) -> QuerySet[Consortium]:
    """The consortia the user may add entries to: those coordinated, and those the user's
    municipalities are members of."""
    permissions = permissions_for(user)
    member_of = ConsortiumMembership.objects.filter(
        municipality_id__in=permissions.contact_for
    ).values("consortium_id")
    return Consortium.objects.filter(
        Q(pk__in=permissions.coordinated_ids()) | Q(pk__in=member_of)
    ).order_by("name")


def creatable_owners(user: User) -> QuerySet[Municipality]:
    """The municipalities the user may add entries for."""
    permissions = permissions_for(user)
    coordinated = ConsortiumMembership.objects.filter(
        consortium_id__in=permissions.coordinated_ids()
    ).values("municipality_id")
    return Municipality.objects.filter(
        Q(pk__in=permissions.contact_for) | Q(pk__in=coordinated)
    ).order_by("name")
