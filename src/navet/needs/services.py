"""Writes to needs and endorsements: atomic, audited, permission-checked for users."""

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from navet.calls.interchange import Problem
from navet.calls.models import TargetGroup, Theme
from navet.calls.services import ImportReport, calls_import, set_taxonomy
from navet.calls.spreadsheets import SpreadsheetError, read_rows
from navet.calls.taxonomy import target_group_label, theme_label, validate_slugs
from navet.core.audit import acting_as
from navet.core.errors import DomainError, full_clean
from navet.core.models import User
from navet.core.permissions import ALLOWED, Decision
from navet.needs.interchange import NeedRecord, parse_needs
from navet.needs.models import Endorsement, Need
from navet.needs.permissions import (
    can_edit_need,
    can_edit_needs_of,
    can_endorse,
    can_enter_needs,
    can_withdraw_endorsement,
    endorsing_municipalities,
)
from navet.organisations.models import ConsortiumMembership, Municipality

# The fields a need's form, the API and an import may set (status has a service of its own).
EDITABLE = (
    "municipality",
    "title",
    "description",
    "priority",
    "raised_in",
    "raised_at",
    "cofinancing_capacity_percent",
    "estimated_cost_sek",
)


def need_create(
    *,
    actor: User,
    municipality: Municipality,
    title: str,
    description: str = "",
    themes: Sequence[str] = (),
    target_groups: Sequence[str] = (),
    priority: int = Need.Priority.MEDIUM,
    raised_in: str = Need.RaisedIn.OTHER,
    raised_at: date | None = None,
    status: str = Need.Status.OPEN,
    cofinancing_capacity_percent: Decimal = Decimal(0),
    estimated_cost_sek: int | None = None,
    external_id: str = "",
) -> Need:
    """Enter a need for a municipality; without an external id it gets `n-<code>-<number>`."""
    can_edit_needs_of(actor, municipality).require()
    known_themes, known_groups = _known_slugs(themes, target_groups)
    need = Need(
        municipality=municipality,
        title=title,
        description=description,
        priority=priority,
        raised_in=raised_in,
        raised_at=raised_at,
        status=status,
        cofinancing_capacity_percent=cofinancing_capacity_percent,
        estimated_cost_sek=estimated_cost_sek,
        external_id=external_id or _next_external_id(municipality),
        created_by=actor,
    )
    with transaction.atomic(), acting_as(actor):
        full_clean(need)
        try:
            with transaction.atomic():
                need.save()
        except IntegrityError:
            if external_id:
                raise
            # Another need of the municipality was entered at the same moment: take the next.
            need.external_id = _next_external_id(municipality)
            need.save()
        _set_taxonomy(need, known_themes, known_groups)
    return need


def _next_external_id(municipality: Municipality) -> str:
    prefix = f"n-{municipality.code}-"
    taken = Need.objects.filter(external_id__startswith=prefix).values_list(
        "external_id", flat=True
    )
    numbers = [int(rest) for rest in (e.removeprefix(prefix) for e in taken) if rest.isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


def need_update(
    *,
    actor: User,
    need: Need,
    themes: Sequence[str] | None = None,
    target_groups: Sequence[str] | None = None,
    **fields: Any,
) -> Need:
    """Change a need. Fields left out keep their values; so do themes and target groups given
    as None. Moving a need to another municipality needs the right to edit for both."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"need_update() cannot set {', '.join(sorted(unknown))}")
    # Asked of the stored need: a model form has already copied what was typed onto `need`.
    stored = Need.objects.select_related("municipality").get(pk=need.pk)
    can_edit_need(actor, stored).require()
    municipality = fields.get("municipality", stored.municipality)
    if municipality.pk != stored.municipality_id:
        can_edit_needs_of(actor, municipality).require()
        if need.endorsements.filter(municipality=municipality).exists():
            raise DomainError(
                _("%(name)s has endorsed this need and cannot also own it.")
                % {"name": municipality.name}
            )
    known_themes, known_groups = _known_slugs(themes or (), target_groups or ())
    for name, value in fields.items():
        setattr(need, name, value)
    with transaction.atomic(), acting_as(actor):
        full_clean(need)
        need.save()
        _set_taxonomy(
            need,
            known_themes if themes is not None else None,
            known_groups if target_groups is not None else None,
        )
    return need


def need_set_status(*, actor: User, need: Need, status: str) -> Need:
    """Share a draft, mark a need as in a project, met or dropped, or open it again."""
    can_edit_need(actor, need).require()
    unsharing = status == Need.Status.DRAFT and need.status != Need.Status.DRAFT
    if unsharing and need.endorsements.exists():
        raise DomainError(
            _("Other municipalities have endorsed this need, so it cannot be a draft again.")
        )
    need.status = status
    with transaction.atomic(), acting_as(actor):
        full_clean(need)
        need.save(update_fields=["status", "updated_at"])
    return need


def need_endorse(
    *, actor: User, need: Need, municipality: Municipality | None = None, comment: str = ""
) -> Endorsement:
    """ "Vi har också detta behov": the actor's municipality endorses the need, once. Without a
    municipality, the one the actor speaks for is taken (and asked for when there are several)."""
    if municipality is None:
        choices = endorsing_municipalities(actor, need)
        if len(choices) > 1:
            raise DomainError(_("Choose which municipality endorses the need."))
        municipality = choices[0] if choices else None
    can_endorse(actor, need, municipality).require()
    assert municipality is not None  # noqa: S101  (can_endorse refuses None without a choice)
    already = DomainError(
        _("%(name)s has already endorsed this need.") % {"name": municipality.name}
    )
    if need.endorsements.filter(municipality=municipality).exists():
        raise already
    endorsement = Endorsement(
        need=need, municipality=municipality, comment=comment.strip(), created_by=actor
    )
    try:
        with transaction.atomic(), acting_as(actor):
            full_clean(endorsement)
            endorsement.save()
    except IntegrityError as error:
        # A second click that raced the first: the unique constraint keeps one endorsement.
        raise already from error
    return endorsement


def need_endorsement_withdraw(*, actor: User, endorsement: Endorsement) -> None:
    """Take back a municipality's endorsement."""
    can_withdraw_endorsement(actor, endorsement).require()
    with transaction.atomic(), acting_as(actor):
        endorsement.delete()


def _known_slugs(
    themes: Iterable[str], target_groups: Iterable[str]
) -> tuple[list[str], list[str]]:
    known_themes, unknown_themes = validate_slugs(themes, "theme")
    known_groups, unknown_groups = validate_slugs(target_groups, "target_group")
    if unknown_themes or unknown_groups:
        raise DomainError(
            _("Unknown themes or target groups: %(slugs)s.")
            % {"slugs": ", ".join(unknown_themes + unknown_groups)}
        )
    return known_themes, known_groups


def _set_taxonomy(need: Need, themes: list[str] | None, groups: list[str] | None) -> bool:
    """Set the need's themes and target groups (None: leave as they are); True when changed."""
    changed = False
    if themes is not None:
        changed |= set_taxonomy(need.themes, Theme, themes, theme_label)
    if groups is not None:
        changed |= set_taxonomy(need.target_groups, TargetGroup, groups, target_group_label)
    return changed


# --- import ------------------------------------------------------------------------------------


@dataclass
class _ImportContext:
    """What one import run looks up once: municipalities by code, their consortia, and the
    actor's answer per municipality."""

    actor: User | None
    municipalities: dict[str, Municipality]
    consortia: dict[int, set[int]] = field(default_factory=dict)
    decisions: dict[int, Decision] = field(default_factory=dict)

    def may_edit(self, municipality: Municipality) -> Decision:
        if self.actor is None:
            return ALLOWED
        if municipality.pk not in self.decisions:
            self.decisions[municipality.pk] = can_edit_needs_of(self.actor, municipality)
        return self.decisions[municipality.pk]

    def share_a_consortium(self, a: Municipality, b: Municipality) -> bool:
        return bool(self.consortia.get(a.pk, set()) & self.consortia.get(b.pk, set()))


def needs_import(*, actor: User | None, records: Sequence[Any], source: str) -> ImportReport:
    """Import needs from interchange records. Idempotent by external_id; bad records are reported
    with their position and reason, and the good ones are still imported.

    With an actor, each record is checked: the actor must be allowed to enter needs for its
    municipality. `actor` is None when an operator runs `navet import` ("the system").
    `endorsed_by` adds endorsements; an import never removes one.
    """
    if actor is not None:
        can_enter_needs(actor).require()
    parsed, problems = parse_needs(records)
    report = ImportReport(source=source, problems=list(problems))
    context = _ImportContext(
        actor=actor, municipalities=Municipality.objects.in_bulk(field_name="code")
    )
    for consortium_id, municipality_id in ConsortiumMembership.objects.values_list(
        "consortium_id", "municipality_id"
    ):
        context.consortia.setdefault(municipality_id, set()).add(consortium_id)
    with acting_as(actor):
        for record in parsed:
            try:
                with transaction.atomic():
                    outcome, warnings = _store(record, context)
            except DomainError as error:
                report.problems.append(
                    Problem(record.position, record.external_id, error.message, True)
                )
                continue
            except IntegrityError as error:
                report.problems.append(
                    Problem(
                        record.position,
                        record.external_id,
                        _("Could not be stored: %(error)s") % {"error": error},
                        True,
                    )
                )
                continue
            getattr(report, outcome).append(record.external_id)
            report.problems.extend(
                Problem(record.position, record.external_id, warning, False) for warning in warnings
            )
    report.problems.sort(key=lambda p: p.position)
    return report


def _store(record: NeedRecord, context: _ImportContext) -> tuple[str, list[str]]:
    """Create or update one need and add its endorsements; the outcome and any warnings."""
    municipality = context.municipalities.get(record.municipality)
    if municipality is None:
        raise DomainError(
            _("The municipality code %(code)s is not in Navet.") % {"code": record.municipality}
        )
    allowed = context.may_edit(municipality)
    if not allowed:  # a row the actor may not write is reported with the others, not a 403
        raise DomainError(allowed.reason)
    values: dict[str, Any] = {
        "title": record.title,
        "description": record.description,
        "priority": record.priority,
        "raised_in": record.raised_in,
        "raised_at": record.raised_at,
        "cofinancing_capacity_percent": record.cofinancing_capacity_percent,
        "estimated_cost_sek": record.estimated_cost_sek,
    }
    stated = {name: value for name, value in values.items() if value not in (None, "")}
    need = Need.objects.filter(external_id=record.external_id).first()
    if need is None:
        need = Need(
            external_id=record.external_id,
            municipality=municipality,
            created_by=context.actor,
            **stated,
        )
        full_clean(need)
        need.save()
        outcome = "created"
    else:
        if need.municipality_id != municipality.pk:
            raise DomainError(
                _("external_id %(external_id)s is already a need of another municipality.")
                % {"external_id": record.external_id}
            )
        # A record that says nothing about a field keeps what is stored (a hand-entered
        # estimate survives a later import of a sheet without that column).
        changed = [name for name, value in stated.items() if getattr(need, name) != value]
        for name in changed:
            setattr(need, name, stated[name])
        if changed:
            full_clean(need)
            need.save()
        outcome = "updated" if changed else "unchanged"
    if _set_taxonomy(need, record.themes or None, record.target_groups or None):
        outcome = "updated" if outcome == "unchanged" else outcome
    warnings: list[str] = []
    if _add_endorsements(need, municipality, record.endorsed_by, context, warnings):
        outcome = "updated" if outcome == "unchanged" else outcome
    return outcome, warnings


def _add_endorsements(
    need: Need,
    municipality: Municipality,
    codes: list[str],
    context: _ImportContext,
    warnings: list[str],
) -> bool:
    """Endorsements for the codes not yet endorsing; True when any was added."""
    unknown = [code for code in codes if code not in context.municipalities]
    if unknown:
        warnings.append(
            _("Unknown municipality codes in endorsed_by were ignored: %(codes)s.")
            % {"codes": ", ".join(unknown)}
        )
    endorsers = [context.municipalities[code] for code in codes if code not in unknown]
    outside = [m for m in endorsers if not context.share_a_consortium(m, municipality)]
    if outside:
        warnings.append(
            _(
                "Municipalities that share no consortium with the need's municipality were "
                "ignored in endorsed_by: %(names)s."
            )
            % {"names": ", ".join(m.name for m in outside)}
        )
    already = set(need.endorsements.values_list("municipality_id", flat=True))
    added = False
    for endorser in endorsers:
        if endorser in outside or endorser.pk in already:
            continue
        endorsement = Endorsement(need=need, municipality=endorser, created_by=context.actor)
        full_clean(endorsement)
        endorsement.save()
        added = True
    return added


def needs_import_file(*, actor: User | None, filename: str, content: bytes) -> ImportReport:
    """Import needs from an interchange file: JSON (the list `needs`), `.xlsx` or Swedish CSV."""
    if filename.lower().endswith(".json"):
        data = _json_object(content)
        if not isinstance(data.get("needs", []), list):
            raise DomainError(_('The file must be a JSON object with the list "needs".'))
        records = data.get("needs", [])
    else:
        records = _rows(filename, content)
    return needs_import(actor=actor, records=records, source=f"fil:{filename}")


def interchange_import_file(
    *, actor: User | None, filename: str, content: bytes
) -> dict[str, ImportReport]:
    """Import whatever an interchange file holds: a JSON file's lists `calls` and `needs`, or a
    spreadsheet of calls – of needs when it has the column `municipality`. Returns a report per
    kind found ("calls", "needs"); each kind is checked against the actor's rights."""
    if filename.lower().endswith(".json"):
        data = _json_object(content)
        kinds: dict[str, Any] = {kind: data[kind] for kind in ("calls", "needs") if kind in data}
        if not all(isinstance(records, list) for records in kinds.values()):
            raise DomainError(
                _('The file must be a JSON object with the lists "calls" and "needs".')
            )
    else:
        rows = _rows(filename, content)
        kinds = {"needs" if any("municipality" in row for row in rows) else "calls": rows}
    source = f"fil:{filename}"
    reports: dict[str, ImportReport] = {}
    if "calls" in kinds:
        reports["calls"] = calls_import(actor=actor, records=kinds["calls"], source=source)
    if "needs" in kinds:
        reports["needs"] = needs_import(actor=actor, records=kinds["needs"], source=source)
    return reports


def _json_object(content: bytes) -> dict[str, Any]:
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DomainError(
            _("The file is not valid JSON in UTF-8: %(error)s") % {"error": error}
        ) from error
    if not isinstance(data, dict):
        raise DomainError(_('The file must be a JSON object with the lists "calls" and "needs".'))
    return data


def _rows(filename: str, content: bytes) -> list[dict[str, Any]]:
    try:
        return read_rows(filename, content)
    except SpreadsheetError as error:
        raise DomainError(str(error)) from error
