"""A project list from a spreadsheet: how a coordinator brings years of earlier projects in.

`projects_import_preview` says, row by row, what each project would be and what is wrong with
it; `projects_import` stores every row in one transaction, or nothing when any row is wrong.
Imported projects are marked as imported history and may answer no need (docs/projects.md).
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from navet.calls.models import Call, Funder, Programme
from navet.core.audit import acting_as
from navet.core.errors import DomainError, full_clean
from navet.core.models import User
from navet.needs.models import Need
from navet.needs.permissions import needs_for
from navet.organisations.models import Consortium, Municipality
from navet.projects import lifecycle, sheet
from navet.projects.models import Project
from navet.projects.permissions import can_import_projects
from navet.projects.services.projects import needs_in_project


@dataclass
class ImportRow:
    """A row of the file as the project it would become, with what is wrong with it."""

    row: sheet.Row
    owner: Municipality | None = None
    participants: list[Municipality] = field(default_factory=list)
    needs: list[Need] = field(default_factory=list)
    call: Call | None = None
    funder: Funder | None = None
    programme: Programme | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return str(Project.Status(self.row.status).label) if self.row.status else ""


@dataclass
class ImportPreview:
    consortium: Consortium
    rows: list[ImportRow]

    @property
    def wrong(self) -> int:
        """How many rows are wrong."""
        return sum(1 for row in self.rows if row.errors)


class ImportRefused(DomainError):
    """Some row is wrong, so nothing was imported; `preview` says which and why."""

    def __init__(self, preview: ImportPreview) -> None:
        super().__init__(
            ngettext(
                "Nothing was imported: %(count)s row has errors.",
                "Nothing was imported: %(count)s rows have errors.",
                preview.wrong,
            )
            % {"count": preview.wrong}
        )
        self.preview = preview


class _Lookup:
    """Everything the rows may name, fetched once for the whole file (a few queries)."""

    def __init__(self, actor: User, consortium: Consortium, rows: list[sheet.Row]) -> None:
        self.consortium = consortium
        municipalities = list(Municipality.objects.all())
        self.municipalities = {m.code: m for m in municipalities} | {
            m.name.casefold(): m for m in municipalities
        }
        self.members = set(consortium.memberships.values_list("municipality_id", flat=True))
        wanted_needs = {n for row in rows for n in row.needs}
        self.needs = {
            n.external_id: n
            for n in needs_for(actor)
            .filter(external_id__in=wanted_needs)
            .select_related("municipality")
        }
        self.calls = {
            c.external_id: c
            for c in Call.objects.filter(
                external_id__in={r.call for r in rows if r.call}
            ).select_related("funder", "programme")
        }
        funders = list(Funder.objects.all())
        self.funders = {f.slug: f for f in funders} | {f.name.casefold(): f for f in funders}
        self.programmes = list(Programme.objects.all())
        self.existing = set(
            Project.objects.filter(consortium=consortium).values_list(
                "title", "owner_id", "starts_on"
            )
        )

    def municipality(self, name: str) -> Municipality | None:
        if name.isdigit() and len(name) < 4:
            name = name.zfill(4)  # Excel turned 0160 into 160
        return self.municipalities.get(name) or self.municipalities.get(name.casefold())

    def programme(self, funder: Funder, name: str) -> Programme | None:
        for programme in self.programmes:
            if programme.funder_id == funder.pk and name.casefold() in (
                programme.name.casefold(),
                programme.slug,
            ):
                return programme
        return None


def _resolve(row: sheet.Row, lookup: _Lookup) -> ImportRow:
    """The project a row names, and every reason it cannot be imported."""
    found = ImportRow(row=row, errors=[str(error) for error in row.errors])
    errors = found.errors
    consortium = lookup.consortium

    def member(name: str, what: str) -> Municipality | None:
        municipality = lookup.municipality(name)
        if municipality is None:
            errors.append(
                _("%(what)s “%(name)s” is no municipality.") % {"what": what, "name": name}
            )
        elif municipality.pk not in lookup.members:
            errors.append(
                _("%(name)s is not a member of %(consortium)s.")
                % {"name": municipality.name, "consortium": consortium.name}
            )
        else:
            return municipality
        return None

    if row.owner:
        found.owner = member(row.owner, _("Project owner"))
    participants = {m.pk: m for m in (member(n, _("Participant")) for n in row.participants) if m}
    if found.owner:
        participants.setdefault(found.owner.pk, found.owner)
    found.participants = sorted(participants.values(), key=lambda m: m.name)
    for external_id in row.needs:
        need = lookup.needs.get(external_id)
        if need is None:
            errors.append(
                _("The need “%(id)s” does not exist, or you may not read it.") % {"id": external_id}
            )
        elif need.municipality_id not in lookup.members:
            errors.append(
                _("The need “%(id)s” is not a need of %(consortium)s's members.")
                % {"id": external_id, "consortium": consortium.name}
            )
        else:
            found.needs.append(need)
    if row.call:
        found.call = lookup.calls.get(row.call)
        if found.call is None:
            errors.append(_("The call “%(id)s” does not exist in Navet.") % {"id": row.call})
        else:  # the call's funder and programme, whatever the columns say
            found.funder, found.programme = found.call.funder, found.call.programme
    elif row.funder:
        found.funder = lookup.funders.get(row.funder.casefold())
        if found.funder is None:
            errors.append(
                _("The funder “%(name)s” does not exist in Navet.") % {"name": row.funder}
            )
    if row.programme and not row.call:
        if found.funder is None:
            if not row.funder:
                errors.append(_("Give the programme's funder too."))
        else:
            found.programme = lookup.programme(found.funder, row.programme)
            if found.programme is None:
                errors.append(
                    _("%(funder)s has no programme “%(name)s”.")
                    % {"funder": found.funder.name, "name": row.programme}
                )
    if found.owner and (row.title, found.owner.pk, row.starts_on) in lookup.existing:
        errors.append(
            _("The project is already in %(consortium)s (the same title, owner and start).")
            % {"consortium": consortium.name}
        )
    return found


def projects_import_preview(
    *, actor: User, consortium: Consortium, rows: list[sheet.Row]
) -> ImportPreview:
    """Every row as the project it would become, with its errors; stores nothing."""
    can_import_projects(actor, consortium).require()
    lookup = _Lookup(actor, consortium, rows)
    resolved = [_resolve(row, lookup) for row in rows]
    seen: dict[tuple[str, int, object], int] = {}
    for found in resolved:
        if found.owner is None:
            continue
        key = (found.row.title, found.owner.pk, found.row.starts_on)
        if key in seen:
            found.errors.append(_("The same project as on row %(number)s.") % {"number": seen[key]})
        seen.setdefault(key, found.row.number)
    return ImportPreview(consortium=consortium, rows=resolved)


def projects_import(*, actor: User, consortium: Consortium, rows: list[sheet.Row]) -> list[Project]:
    """Store every row as a project of `consortium`, marked as imported history, in one
    transaction; when any row is wrong, nothing is stored (ImportRefused)."""
    preview = projects_import_preview(actor=actor, consortium=consortium, rows=rows)
    if preview.wrong:
        raise ImportRefused(preview)
    members = consortium.memberships.count()
    projects = []
    with transaction.atomic(), acting_as(actor):
        for found in preview.rows:
            row = found.row
            assert found.owner is not None  # noqa: S101  (a row without an owner is wrong)
            project = Project(
                consortium=consortium,
                title=row.title,
                description=row.description,
                owner=found.owner,
                call=found.call,
                funder=found.funder,
                programme=found.programme,
                status=row.status,
                scope=lifecycle.scope_for(len(found.participants), members).value,
                starts_on=row.starts_on,
                ends_on=row.ends_on,
                requested_sek=row.requested_sek,
                granted_sek=row.granted_sek,
                repaid_sek=row.repaid_sek,
                imported_history=True,
                created_by=actor,
            )
            try:
                full_clean(project)
            except DomainError as error:
                raise DomainError(
                    _("Row %(number)s: %(message)s")
                    % {"number": row.number, "message": error.message}
                ) from error
            project.save()
            project.participants.set(found.participants)
            project.needs.set(found.needs)
            if row.status not in lifecycle.CLOSED:  # history that is over leaves its needs be
                needs_in_project(found.needs)
            projects.append(project)
    return projects
