"""Writes to the knowledge bank: atomic, audited, permission-checked. Reusing an entry starts a
project idea through `projects.services.project_create`, which checks the project's own rules."""

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from navet.calls.models import TargetGroup, Theme
from navet.calls.services import set_taxonomy
from navet.calls.taxonomy import target_group_label, theme_label, validate_slugs
from navet.core.audit import acting_as
from navet.core.errors import DomainError, full_clean
from navet.core.models import User
from navet.core.uploads import safe_upload_name, validate_upload
from navet.knowledge.models import Attachment, Entry, Reuse
from navet.knowledge.permissions import can_create_entry, can_edit_entry, can_view_entry
from navet.needs.models import Need
from navet.organisations.models import Consortium, Municipality
from navet.projects.models import Project
from navet.projects.permissions import can_view_project, creatable_consortia
from navet.projects.services import project_create

# The fields the form and the API may change.
EDITABLE = (
    "owner",
    "kind",
    "title",
    "description",
    "results",
    "contact_name",
    "contact_email",
    "links",
    "themes",
    "target_groups",
)
_url = URLValidator(schemes=["http", "https"])


def entry_create(
    *,
    actor: User,
    consortium: Consortium,
    owner: Municipality,
    kind: str,
    title: str,
    description: str = "",
    results: str = "",
    themes: Sequence[str] = (),
    target_groups: Sequence[str] = (),
    contact_name: str = "",
    contact_email: str = "",
    links: str = "",
    project: Project | None = None,
) -> Entry:
    """Add an entry owned by `owner` to `consortium`; `project` is the finished project it
    comes from, if any."""
    can_create_entry(actor, consortium, owner).require()
    if project is not None:
        can_view_project(actor, project).require()
        if project.consortium_id != consortium.pk:
            raise DomainError(_("The project belongs to another consortium."))
    known_themes, known_groups = _known_slugs(themes, target_groups)
    entry = Entry(
        consortium=consortium,
        owner=owner,
        kind=kind,
        title=title.strip(),
        description=description,
        results=results,
        contact_name=contact_name.strip(),
        contact_email=contact_email.strip(),
        links=_clean_links(links),
        project=project,
        created_by=actor,
    )
    with transaction.atomic(), acting_as(actor):
        full_clean(entry)
        entry.save()
        set_taxonomy(entry.themes, Theme, known_themes, theme_label)
        set_taxonomy(entry.target_groups, TargetGroup, known_groups, target_group_label)
    return entry


def entry_update(*, actor: User, entry: Entry, **fields: Any) -> Entry:
    """Change an entry; fields left out keep their values. A new owner must be a member of the
    entry's consortium that the actor may add knowledge for."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"entry_update() cannot set {', '.join(sorted(unknown))}")
    stored = Entry.objects.select_related("consortium", "owner").get(pk=entry.pk)
    can_edit_entry(actor, stored).require()
    owner = fields.get("owner", stored.owner)
    if owner.pk != stored.owner_id:
        can_create_entry(actor, stored.consortium, owner).require()
    themes, groups = fields.pop("themes", None), fields.pop("target_groups", None)
    known_themes, known_groups = _known_slugs(themes or (), groups or ())
    for name, value in fields.items():
        setattr(entry, name, value)
    entry.title = entry.title.strip()
    entry.links = _clean_links(entry.links)
    with transaction.atomic(), acting_as(actor):
        full_clean(entry)
        entry.save()
        if themes is not None:
            set_taxonomy(entry.themes, Theme, known_themes, theme_label)
        if groups is not None:
            set_taxonomy(entry.target_groups, TargetGroup, known_groups, target_group_label)
    return entry


def attachment_add(*, actor: User, entry: Entry, upload: Any) -> Attachment:
    """Attach a file; the upload is checked like every other (type, content, size)."""
    can_edit_entry(actor, entry).require()
    try:
        validate_upload(upload)
    except ValidationError as error:
        raise DomainError.from_validation(error) from error
    attachment = Attachment(entry=entry, name=str(upload.name)[:200], uploaded_by=actor)
    with transaction.atomic(), acting_as(actor):
        attachment.file.save(safe_upload_name(upload.name), upload, save=False)
        attachment.save()
    return attachment


def entry_reuse(*, actor: User, entry: Entry, need: Need) -> Project:
    """Start a project idea from an entry for the municipality of `need`, which it answers;
    the link is kept, so the entry lists who reused it."""
    can_view_entry(actor, entry).require()
    municipality = need.municipality
    consortia = list(creatable_consortia(actor, municipality))
    if not consortia:
        raise DomainError(
            _("You may not start a project idea for %(name)s.") % {"name": municipality.name}
        )
    # The entry's own consortium if the municipality is one of its members.
    consortium = next((c for c in consortia if c.pk == entry.consortium_id), consortia[0])
    description = _("Reuses the knowledge entry “%(title)s” of %(owner)s.") % {
        "title": entry.title,
        "owner": entry.owner.name,
    }
    with transaction.atomic(), acting_as(actor):
        project = project_create(
            actor=actor,
            consortium=consortium,
            title=entry.title,
            owner=municipality,
            needs=[need],
            description=description,
        )
        Reuse.objects.create(
            entry=entry, project=project, municipality=municipality, created_by=actor
        )
    return project


def _known_slugs(
    themes: Sequence[str], target_groups: Sequence[str]
) -> tuple[list[str], list[str]]:
    known_themes, unknown_themes = validate_slugs(themes, "theme")
    known_groups, unknown_groups = validate_slugs(target_groups, "target_group")
    if unknown_themes or unknown_groups:
        raise DomainError(
            _("Unknown themes or target groups: %(slugs)s.")
            % {"slugs": ", ".join(unknown_themes + unknown_groups)}
        )
    return known_themes, known_groups


def _clean_links(links: str) -> str:
    """One http(s) address per line; anything else is refused with its line."""
    lines = [line.strip() for line in (links or "").splitlines() if line.strip()]
    for line in lines:
        try:
            _url(line)
        except ValidationError as error:
            raise DomainError(
                _("Not a web address (http or https): %(line)s") % {"line": line[:200]}
            ) from error
    return "\n".join(lines)
