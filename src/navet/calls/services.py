"""Writes to funders, programmes and calls: atomic, audited, permission-checked for users."""

import json
import logging
import re
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.db import DatabaseError, IntegrityError, connection, models, transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from navet.calls import tasks
from navet.calls.bulk import History, create, insert
from navet.calls.expected import expected_calls_refresh
from navet.calls.fetch import FetchError, fetch
from navet.calls.inference import infer
from navet.calls.interchange import CallRecord, Problem, parse_calls
from navet.calls.models import (
    SOURCE_SETTINGS,
    CalendarFeed,
    Call,
    CallFollow,
    Funder,
    ImportRun,
    Programme,
    Source,
    TargetGroup,
    Theme,
    ThemeFollow,
    new_feed_token,
)
from navet.calls.permissions import can_manage_calls
from navet.calls.sources import PARSERS, Parsed, SourceDefaults
from navet.calls.sources.page import Region, changed_lines, digest, page_text
from navet.calls.sources.sedia import search_parts
from navet.calls.sources.vinnova import call_numbers, calls_address, parse_vinnova, rounds_address
from navet.calls.spreadsheets import SpreadsheetError, read_rows
from navet.calls.taxonomy import target_group_label, theme_label, validate_slugs
from navet.core.audit import acting_as
from navet.core.errors import DomainError, PermissionDenied, full_clean
from navet.core.models import User
from navet.core.notifications import notify
from navet.organisations.models import Municipality, Role
from navet.organisations.permissions import permissions_for

M = TypeVar("M", bound=models.Model)
E = TypeVar("E", Theme, TargetGroup)
INFERRED_LANGUAGES = ("sv", "en")  # the languages the lexicon of navet.calls.inference knows
logger = logging.getLogger(__name__)
BATCH = 500  # records stored together: one query to look them up, one transaction
SUGGESTIONS = 5  # at most this many suggested themes, and target groups, per call
FUNDERS_FILE = Path(__file__).resolve().parent / "data" / "funders.json"
SOURCES_FILE = Path(__file__).resolve().parent / "data" / "sources.json"


def funders_seed() -> dict[str, int]:
    """Load the verified funders and programmes (data/funders.json); facts in the file win."""
    data = json.loads(FUNDERS_FILE.read_text(encoding="utf-8"))
    counts = {"funders": 0, "programmes": 0}
    with transaction.atomic():
        funders = {}
        for item in data["funders"]:
            # A funder an import created under the same name is adopted, not created twice.
            same = _adoptable(Funder, item["slug"], item["name"])
            funder, created = _update_or_create(Funder, {"pk": same}, item)
            funders[item["slug"]] = funder
            counts["funders"] += created
        for item in data["programmes"]:
            values = {**item, "funder": funders[item["funder"]]}
            if values["cofinancing_percent"] is not None:
                values["cofinancing_percent"] = Decimal(values["cofinancing_percent"])
            same = _adoptable(Programme, item["slug"], item["name"], funder=values["funder"])
            _, created = _update_or_create(Programme, {"pk": same}, values)
            counts["programmes"] += created
    return counts


def sources_seed() -> dict[str, int]:
    """Install the catalogue of real sources (data/sources.json), as the system. Run it again and
    a source still as the catalogue left it is brought up to date; one a user changed
    (`customised`), or a user's own source of the same name, is left alone."""
    catalogue = json.loads(SOURCES_FILE.read_text(encoding="utf-8"))["sources"]
    counts = {"created": 0, "updated": 0, "kept": 0}
    with transaction.atomic():
        wanted = {item["funder"] for item in catalogue}
        if Funder.objects.filter(slug__in=wanted).count() < len(wanted):
            funders_seed()
        funders = Funder.objects.in_bulk(field_name="slug")
        programmes = Programme.objects.in_bulk(field_name="slug")
        stored = {s.catalogue_key: s for s in Source.objects.exclude(catalogue_key="")}
        for item in catalogue:
            values = {
                "name": item["name"],
                "format": item["format"],
                "url": item["url"],
                "schedule": item["schedule"],
                "default_funder": funders[item["funder"]],
                "default_programme": programmes.get(item["programme"] or ""),
                "active": item["active"],
                "region_selector": item.get("region_selector", ""),
                "topic_prefixes": item.get("topic_prefixes", ""),
            }
            source = stored.get(item["key"])
            if source is None and not Source.objects.filter(name=item["name"]).exists():
                _source_write(None, Source(catalogue_key=item["key"]), values)
                counts["created"] += 1
            elif source is None or source.customised:
                counts["kept"] += 1
            elif any(getattr(source, name) != value for name, value in values.items()):
                _source_write(None, source, values)
                counts["updated"] += 1
    return counts


def _adoptable(model: type[M], slug: str, name: str, **scope: Any) -> int | None:
    """The stored row of this slug, else the one of this name however it is spelt, or None."""
    rows = model._default_manager
    by_slug = rows.filter(slug=slug).values_list("pk", flat=True).first()
    if by_slug is not None:
        return by_slug
    wanted = spelling_key(name)
    named = rows.filter(**scope).values_list("pk", "name")
    return next((pk for pk, other in named if spelling_key(other) == wanted), None)


def _update_or_create(
    model: type[M], lookup: dict[str, Any], values: dict[str, Any]
) -> tuple[M, bool]:
    """Like update_or_create, but saves only when something changed (no empty audit entries)."""
    instance = model._default_manager.filter(**lookup).first()
    if instance is None:
        return model._default_manager.create(**values), True
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if changed:
        for name in changed:
            setattr(instance, name, values[name])
        instance.save(update_fields=changed)
    return instance, False


@dataclass
class ImportReport:
    source: str
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return sum(1 for p in self.problems if p.fatal)


def calls_import(
    *,
    actor: User | None,
    records: Sequence[Any],
    source: str,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import calls from interchange records. Idempotent by external_id; bad records are reported
    with their position and reason, and the good ones are still imported.

    Every record is checked before anything is stored. Then the records go in batches: the batch's
    stored calls are looked up in one query, its new calls inserted together (with their themes,
    target groups and history) in one transaction, and each stored call updated in its own. A batch
    the database refuses is stored again call by call, so that one bad record stops no other.

    `actor` is None when an operator runs `navet import` (the audit log then says "the system").
    `progress(done, total)` is told how far the import has come, before every batch.
    """
    if actor is not None:
        can_manage_calls(actor).require()
    parsed, problems = parse_calls(records)
    report = ImportReport(source=source, problems=list(problems))
    with acting_as(actor):
        for start in range(0, len(parsed), BATCH):
            if progress is not None:
                progress(start, len(parsed))
            _import_batch(parsed[start : start + BATCH], source, report)
    report.problems.sort(key=lambda p: p.position)
    return report


def _import_batch(batch: list[CallRecord], source: str, report: ImportReport) -> None:
    stored = Call.objects.in_bulk([r.external_id for r in batch], field_name="external_id")
    new = [record for record in batch if record.external_id not in stored]
    if new and not connection.features.can_return_rows_from_bulk_insert:
        _store_each(new, source, report)  # a database that cannot tell the new calls' keys
    elif new:
        try:
            with transaction.atomic():
                warnings = _create_in_bulk(new, source)
        except DatabaseError:
            # Another import stored one of them meanwhile, or a value the checks let through:
            # one by one, so that only the bad record is left out.
            logger.info("Utlysningarna sparas en i taget efter ett fel i en större mängd.")
            _store_each(new, source, report)
        else:
            for record, warning in zip(new, warnings, strict=True):
                _reported(report, record, "created", warning)
    known = [record for record in batch if record.external_id in stored]
    unchanged = _unchanged(known, stored)
    for record in known:
        if record.external_id in unchanged:
            _reported(report, record, "unchanged", unchanged[record.external_id])
    _store_each([record for record in known if record.external_id not in unchanged], source, report)


def _unchanged(records: list[CallRecord], stored: dict[str, Call]) -> dict[str, str]:
    """The records that would change nothing of their stored calls (a source fetched again), by
    external id with their warnings, found with a few queries for the whole batch; `_store`
    decides for the others, one by one."""
    if not records:
        return {}
    funders = _Funders()
    pks = [stored[record.external_id].pk for record in records]
    taxonomy: dict[int, tuple[set[str], set[str]]] = {pk: (set(), set()) for pk in pks}
    for call_id, slug in Call.themes.through.objects.filter(call_id__in=pks).values_list(
        "call_id", "theme_id"
    ):
        taxonomy[call_id][0].add(slug)
    for call_id, slug in Call.target_groups.through.objects.filter(call_id__in=pks).values_list(
        "call_id", "targetgroup_id"
    ):
        taxonomy[call_id][1].add(slug)
    unchanged = {}
    for record in records:
        call = stored[record.external_id]
        if record.funder and not funders.known(record.funder):
            continue  # a new funder: `_store` creates it
        funder, programme = funders.resolve(record)
        values = call_values(record, funder, programme)
        if any(
            value not in (None, "", []) and _stored_value(call, name) != _key(value)
            for name, value in values.items()
        ):
            continue
        if not _classification_unchanged(call, record, taxonomy[call.pk]):
            continue
        unchanged[record.external_id] = programme_warning(record, funder, programme)
    return unchanged


def _stored_value(call: Call, name: str) -> Any:
    """A field of a stored call as `_store` compares it, a funder or programme by its key."""
    return getattr(call, f"{name}_id") if name in ("funder", "programme") else getattr(call, name)


def _key(value: Any) -> Any:
    return value.pk if isinstance(value, models.Model) else value


def _classification_unchanged(
    call: Call, record: CallRecord, taxonomy: tuple[set[str], set[str]]
) -> bool:
    """Whether `_classify_from_source` would leave the call as it is."""
    if call.classification == Call.Classification.CONFIRMED:
        return True
    given = (set(record.themes), set(record.target_groups))
    inferred = call.classification == Call.Classification.INFERRED
    if (record.themes or record.target_groups) and inferred and taxonomy == given:
        return True  # Navet's own suggestions, exported and read back
    themes, groups, how, evidence = _suggested(record)
    return (set(themes), set(groups)) == taxonomy and (how, evidence) == (
        call.classification,
        call.evidence,
    )


def _create_in_bulk(records: list[CallRecord], source: str) -> list[str]:
    """Insert new calls with their themes, target groups and history, just as `_store` stores
    them one by one (the same rows, the same history); returns each record's warning (or "")."""
    funders = _Funders()
    resolved = [funders.resolve(record) for record in records]  # may store a new funder
    warnings = [
        programme_warning(record, *funder) for record, funder in zip(records, resolved, strict=True)
    ]
    classifications: list[Classification] = []

    def new_call(number: int) -> Call:
        # Classified here, as the call is stored: on PostgreSQL the database stores the calls
        # before while this one's text is read.
        record = records[number]
        classifications.append(_suggested(record))
        return Call(
            external_id=record.external_id,
            source=source,
            classification=classifications[-1][2],
            evidence=classifications[-1][3],
            **call_values(record, *resolved[number]),
        )

    calls = create(Call, range(len(records)), new_call)
    history = History()
    rows = {
        "themes": _taxonomy_rows(Theme, [c[0] for c in classifications], theme_label),
        "target_groups": _taxonomy_rows(
            TargetGroup, [c[1] for c in classifications], target_group_label
        ),
    }
    links: dict[str, list[tuple[int, str]]] = {"themes": [], "target_groups": []}
    given = Call(classification=Call.Classification.GIVEN)  # as each call was first stored
    for call, (themes, groups, how, evidence) in zip(calls, classifications, strict=True):
        # The history of `_store`: created as given, then the themes, the target groups and
        # how they were chosen (`_classify`).
        call.classification, call.evidence = Call.Classification.GIVEN, {}
        history.created(call)
        for name, slugs in (("themes", themes), ("target_groups", groups)):
            chosen = sorted({rows[name][slug] for slug in slugs}, key=lambda row: row[0])
            links[name].extend((call.pk, pk) for _, pk, _ in chosen)
            history.added(call, name, [entry for _, _, entry in chosen])
        if (how, evidence) != (call.classification, call.evidence):
            call.classification, call.evidence = how, evidence
            history.changed(given, call, ["classification", "evidence", "updated_at"])
    insert(Call.themes.through, ["call", "theme"], links["themes"])
    insert(Call.target_groups.through, ["call", "targetgroup"], links["target_groups"])
    history.save()
    return warnings


def _taxonomy_rows(
    model: type[Theme] | type[TargetGroup],
    slug_lists: list[list[str]],
    label: Callable[[str, str], str],
) -> dict[str, tuple[int, str, models.Model]]:
    """The rows of these slugs (created on first use) by slug, each with its place in the order
    the database lists them, which is the order of a `set()`'s history."""
    wanted = {slug for slugs in slug_lists for slug in slugs}
    found: list[models.Model] = list(model.objects.filter(pk__in=wanted))
    missing = wanted - {row.pk for row in found}
    if missing:
        for slug in sorted(missing):
            taxonomy_entry(model, slug, label)  # type: ignore[type-var]
        found = list(model.objects.filter(pk__in=wanted))
    return {row.pk: (n, row.pk, row) for n, row in enumerate(found)}


class _Funders:
    """Funders by name and their programmes, read once (on first need) for many records.

    Funder names compare in Python: SQLite ignores case only for A–Z, and names have Å, Ä and Ö.
    A funder the records name that is not stored is created."""

    def __init__(self) -> None:
        self.programmes: dict[int, list[Programme]] = {}

    @cached_property
    def by_name(self) -> dict[str, Funder]:
        by_name: dict[str, Funder] = {}
        for funder in Funder.objects.all():
            by_name.setdefault(funder.name.casefold(), funder)
        for programme in Programme.objects.select_related("funder"):
            self.programmes.setdefault(programme.funder_id, []).append(programme)
        return by_name

    def resolve(self, record: CallRecord) -> tuple[Funder | None, Programme | None]:
        if not record.funder:
            return None, None
        funder = self.funder(record.funder)
        return funder, self.programme(funder, record.programme) if record.programme else None

    def known(self, name: str) -> bool:
        """Whether a funder of this name is stored."""
        return name.casefold() in self.by_name

    def funder(self, name: str) -> Funder:
        wanted = name.casefold()
        if wanted not in self.by_name:
            self.by_name[wanted] = Funder.objects.create(
                name=name, slug=_free_slug(name), kind=Funder.Kind.OTHER
            )
        return self.by_name[wanted]

    def programme(self, funder: Funder, name: str) -> Programme | None:
        wanted = spelling_key(name)
        for programme in self.programmes.get(funder.pk, []):
            if spelling_key(programme.name) == wanted or programme.slug == name:
                return programme
        return None


def _store_each(records: list[CallRecord], source: str, report: ImportReport) -> None:
    """Each record in its own transaction: a refused record leaves the others stored."""
    for record in records:
        try:
            with transaction.atomic():
                outcome, warning = _store(record, source)
        except DatabaseError as error:
            report.problems.append(
                Problem(
                    record.position,
                    record.external_id,
                    _("Could not be stored: %(error)s") % {"error": error},
                    True,
                )
            )
            continue
        _reported(report, record, outcome, warning)


def _reported(report: ImportReport, record: CallRecord, outcome: str, warning: str) -> None:
    getattr(report, outcome).append(record.external_id)
    if warning:
        report.problems.append(Problem(record.position, record.external_id, warning, False))


def _store(record: CallRecord, source: str) -> tuple[str, str]:
    """Create or update one call; returns the outcome and a warning (or "")."""
    funder, programme = _Funders().resolve(record)
    warning = programme_warning(record, funder, programme)
    values = call_values(record, funder, programme)
    existing = Call.objects.filter(external_id=record.external_id).first()
    if existing is None:
        call = Call.objects.create(external_id=record.external_id, source=source, **values)
        outcome = "created"
    else:
        call = existing
        # A source that says nothing about a field keeps what is stored (an RSS item has no
        # amounts; a coordinator may have added them by hand).
        changed = [
            name
            for name, value in values.items()
            if value not in (None, "", []) and getattr(call, name) != value
        ]
        for name in changed:
            setattr(call, name, values[name])
        if changed:
            call.save()
        if "closes" in changed:
            _notify_moved_deadline(call)
        outcome = "updated" if changed else "unchanged"
    if _classify_from_source(call, record):
        outcome = "updated" if outcome == "unchanged" else outcome
    return outcome, warning


def programme_warning(
    record: CallRecord, funder: Funder | None, programme: Programme | None
) -> str:
    if record.programme and programme is None:
        values = {"programme": repr(record.programme), "funder": funder}
        if funder is None:
            return (
                _("No funder has the programme %(programme)s; the call was stored without one.")
                % values
            )
        return (
            _("%(funder)s has no programme %(programme)s; the call was stored without one.")
            % values
        )
    return ""


def call_values(
    record: CallRecord, funder: Funder | None, programme: Programme | None
) -> dict[str, Any]:
    """The fields of a call that its record gives."""
    return {
        "funder": funder,
        "programme": programme,
        "title": record.title,
        "description": record.description,
        "url": record.url,
        "opens": record.opens,
        "closes": record.closes,
        "decision_date": record.decision_date,
        "min_amount_sek": record.min_amount_sek,
        "max_amount_sek": record.max_amount_sek,
        "cofinancing_percent": record.cofinancing_percent,
        "eligible_applicants": record.eligible_applicants,
        "language": record.language,
    }


def _classify_from_source(call: Call, record: CallRecord) -> bool:
    """Themes and target groups from the source, else suggested from the text; a coordinator's
    own choice is never overwritten by a later import. True when anything changed."""
    if call.classification == Call.Classification.CONFIRMED:
        return False
    if (
        (record.themes or record.target_groups)
        and call.classification == Call.Classification.INFERRED
        and _taxonomy_of(call) == (set(record.themes), set(record.target_groups))
    ):
        return False  # Navet's own suggestions, exported and read back: still suggestions
    return _classify(call, *_suggested(record))


Classification = tuple[list[str], list[str], str, dict[str, Any]]


def _suggested(record: CallRecord) -> Classification:
    """What a record classifies its call as: the source's themes and target groups, else the
    suggestions from its text."""
    if record.themes or record.target_groups:
        return record.themes, record.target_groups, Call.Classification.GIVEN, {}
    return _by_text(f"{record.title}\n{record.description}", record.language)


def _taxonomy_of(call: Call) -> tuple[set[str], set[str]]:
    return (
        set(call.themes.values_list("slug", flat=True)),
        set(call.target_groups.values_list("slug", flat=True)),
    )


def _classify_by_text(call: Call, text: str, language: str) -> bool:
    return _classify(call, *_by_text(text, language))


def _by_text(text: str, language: str) -> Classification:
    """Suggestions from Swedish or English text, with the words behind each; none otherwise."""
    if language not in INFERRED_LANGUAGES:
        return [], [], Call.Classification.GIVEN, {}
    inference = infer(text, language)
    themes, groups = inference.themes[:SUGGESTIONS], inference.target_groups[:SUGGESTIONS]
    evidence = {
        "themes": {s.slug: list(s.evidence) for s in themes},
        "target_groups": {s.slug: list(s.evidence) for s in groups},
    }
    return (
        [s.slug for s in themes],
        [s.slug for s in groups],
        Call.Classification.INFERRED,
        evidence,
    )


def _classify(
    call: Call, themes: list[str], groups: list[str], how: str, evidence: dict[str, Any]
) -> bool:
    """Set themes, target groups and how they were chosen (audited); True when changed.

    A change moves `updated_at`, so that matching ranks the call again."""
    changed = set_taxonomy(call.themes, Theme, themes, theme_label)
    changed |= set_taxonomy(call.target_groups, TargetGroup, groups, target_group_label)
    if (call.classification, call.evidence) != (how, evidence):
        call.classification, call.evidence = how, evidence
        changed = True
    if changed:
        call.save(update_fields=["classification", "evidence", "updated_at"])
    return changed


def set_taxonomy(
    manager: Any, model: type[E], slugs: list[str], label: Callable[[str, str], str]
) -> bool:
    """Point a call's or a need's themes (or target groups) at these slugs; True when changed."""
    # One query for the rows that exist (the slug is the key); only a new slug costs more.
    found = model.objects.in_bulk(slugs)
    wanted = [found.get(slug) or taxonomy_entry(model, slug, label) for slug in slugs]
    if set(manager.values_list("pk", flat=True)) == {entry.pk for entry in wanted}:
        return False
    manager.set(wanted)
    return True


def taxonomy_entry(model: type[E], slug: str, label: Callable[[str, str], str]) -> E:
    """The row of a taxonomy slug, created with its labels on first use."""
    entry, _ = model.objects.get_or_create(
        slug=slug, defaults={"sv": label(slug, "sv"), "en": label(slug, "en")}
    )
    return entry


def spelling_key(name: str) -> str:
    """A name as people spell it: "§ 37 a", "37 a §", "§37a" and "paragraf 37 a" are one
    programme; case, spaces and the paragraph sign or word do not count."""
    squashed = "".join(name.split()).casefold()
    return re.sub(r"§|paragrafen|paragraf", "", squashed)


def _free_slug(name: str) -> str:
    base = slugify(name)[:50] or "finansiar"
    slug, n = base, 1
    while Funder.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def call_follow(*, actor: User, call: Call) -> bool:
    """Follow a call, or stop following it; returns whether the actor now follows it."""
    with transaction.atomic():
        deleted, _ = CallFollow.objects.filter(user=actor, call=call).delete()
        if deleted:
            return False
        try:
            with transaction.atomic():
                CallFollow.objects.create(user=actor, call=call)
        except IntegrityError:
            pass  # a second click that raced the first: already followed
    return True


def calendar_feed_get_or_create(
    *, actor: User, municipality: Municipality | None = None
) -> CalendarFeed:
    """The actor's own feed, or a municipality's feed (for that municipality's contacts)."""
    if municipality is not None:
        permissions_for(actor).can_edit_for_municipality(municipality).require()
        feed, _ = CalendarFeed.objects.get_or_create(municipality=municipality)
    else:
        feed, _ = CalendarFeed.objects.get_or_create(user=actor)
    return feed


def calendar_feed_renew(*, actor: User, feed: CalendarFeed) -> CalendarFeed:
    """A new secret address; the old one stops working (after it has been shared by mistake)."""
    if feed.user_id != actor.pk:
        if feed.municipality is None:
            raise PermissionDenied(_("This is not your calendar."))
        permissions_for(actor).can_edit_for_municipality(feed.municipality).require()
    feed.token = new_feed_token()
    feed.save(update_fields=["token"])
    return feed


def call_classify(*, actor: User, call: Call, themes: list[str], target_groups: list[str]) -> Call:
    """The coordinator sets (or confirms) a call's themes and target groups."""
    can_manage_calls(actor).require()
    known_themes, unknown_themes = validate_slugs(themes, "theme")
    known_groups, unknown_groups = validate_slugs(target_groups, "target_group")
    if unknown_themes or unknown_groups:
        raise DomainError(
            _("Unknown themes or target groups: %(slugs)s.")
            % {"slugs": ", ".join(unknown_themes + unknown_groups)}
        )
    with transaction.atomic(), acting_as(actor):
        _classify(call, known_themes, known_groups, Call.Classification.CONFIRMED, {})
    return call


def calls_import_file(*, actor: User | None, filename: str, content: bytes) -> ImportReport:
    """Import calls from an interchange file: JSON, `.xlsx` or Swedish CSV."""
    if filename.lower().endswith(".json"):
        try:
            data = json.loads(content.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise DomainError(
                _("The file is not valid JSON in UTF-8: %(error)s") % {"error": error}
            ) from error
        if not isinstance(data, dict) or not isinstance(data.get("calls", []), list):
            raise DomainError(_('The file must be a JSON object with the list "calls".'))
        records = data.get("calls", [])
    else:
        try:
            records = read_rows(filename, content)
        except SpreadsheetError as error:
            raise DomainError(str(error)) from error
    report = calls_import(actor=actor, records=records, source=f"fil:{filename}")
    expected_calls_refresh()
    return report


def source_save(
    *,
    actor: User,
    source: Source | None = None,
    name: str,
    format: str,  # noqa: A002  (the field's name)
    url: str,
    schedule: str,
    default_funder: Funder | None = None,
    default_programme: Programme | None = None,
    active: bool = True,
    region_selector: str = "",
    region_start: str = "",
    region_end: str = "",
    topic_prefixes: str = "",
) -> Source:
    """Create a source, or change every setting of one (the form)."""
    settings_ = {
        "name": name,
        "format": format,
        "url": url,
        "schedule": schedule,
        "default_funder": default_funder,
        "default_programme": default_programme,
        "active": active,
        "region_selector": region_selector,
        "region_start": region_start,
        "region_end": region_end,
        "topic_prefixes": topic_prefixes,
    }
    if source is not None:
        return source_update(actor=actor, source=source, **settings_)
    can_manage_calls(actor).require()
    return _source_write(actor, Source(), settings_)


def source_update(*, actor: User, source: Source, **changes: Any) -> Source:
    """Change some settings of a source (SOURCE_SETTINGS), the others as they are. A source of
    the catalogue that a user changed is theirs: `navet seed sources` leaves it alone after."""
    can_manage_calls(actor).require()
    unknown = sorted(set(changes) - set(SOURCE_SETTINGS))
    if unknown:
        raise DomainError(_("A source has no setting %(names)s.") % {"names": ", ".join(unknown)})
    if any(getattr(source, name) != value for name, value in changes.items()):
        source.customised = True
    if any(
        getattr(source, name) != changes[name]
        for name in ("url", "region_selector", "region_start", "region_end")
        if name in changes
    ):
        # Another page or another part of it: the next fetch starts watching afresh, rather
        # than report the whole difference as a change.
        source.page_text, source.page_digest = "", ""
    return _source_write(actor, source, changes)


def _source_write(actor: User | None, source: Source, values: dict[str, Any]) -> Source:
    for name, value in values.items():
        setattr(source, name, value)
    with transaction.atomic(), acting_as(actor):
        full_clean(source)
        source.save()
    return source


def source_delete(*, actor: User, source: Source) -> None:
    """Remove a source and its runs; the calls it brought stay (with their history)."""
    can_manage_calls(actor).require()
    with transaction.atomic(), acting_as(actor):
        source.delete()


def source_run_start(*, actor: User | None, source: Source) -> ImportRun:
    """Queue a fetch of the source; the task worker runs it and the run page shows progress."""
    if actor is not None:
        can_manage_calls(actor).require()
    with transaction.atomic():
        run = ImportRun.objects.create(source=source, started_by=actor)
        transaction.on_commit(lambda: tasks.run_source.enqueue(run.pk))
    return run


def import_run_execute(run_id: int) -> ImportRun:
    """Fetch, parse and import one source. Safe to repeat: a finished run is left as it is,
    and the import itself is idempotent. A failure leaves every stored call intact."""
    run = ImportRun.objects.select_related(
        "source", "source__default_funder", "source__default_programme"
    ).get(pk=run_id)
    if run.finished or run.source is None:
        return run
    source = run.source
    run.status, run.started_at = ImportRun.Status.RUNNING, timezone.now()
    run.save(update_fields=["status", "started_at"])
    try:
        if source.format == Source.Format.PAGE:
            return _page_watched(run, source, _fetch(source.url))
        parsed = _parsed(source)
        report = calls_import(
            actor=None,
            records=parsed.records,
            source=f"källa:{source.name}",
            progress=lambda done, total: _progress(run, done, total),
        )
        _mark_expected(parsed)
        expected_calls_refresh()
    except FetchError as error:
        return _failed(run, str(error))
    except Exception:
        # Never leave a run "running" for ever; the stored calls are untouched (atomic per call).
        logger.exception("Hämtningen av källan %s misslyckades", source.pk)
        return _failed(run, _("An unexpected error stopped the fetch; it has been logged."))
    run.total = run.processed = len(parsed.records)
    run.created, run.updated = len(report.created), len(report.updated)
    run.unchanged = len(report.unchanged)
    run.failed = report.failed + sum(1 for p in parsed.problems if p.fatal and p.position)
    run.problems = [_stored(p) for p in [*parsed.problems, *report.problems]]
    if not parsed.records and any(p.position == 0 for p in parsed.problems):
        return _failed(run, str(parsed.problems[0].message))
    return _finish(run, ImportRun.Status.DONE)


def _stored(problem: Problem) -> dict[str, Any]:
    """A problem as the run keeps it: its reason as text in the installation's language (the run
    is a task's), so that the report reads the same whenever it is opened, also after the
    catalogue has changed."""
    return {**asdict(problem), "message": str(problem.message)}


FETCH_ATTEMPTS = 3  # a passing failure is tried again twice, after 2 and 4 seconds
FETCH_BACKOFF_SECONDS = 2.0
FAILURES_TOLD = 3  # failed runs in a row after which the coordinators are told, once


def _fetch(url: str, **options: Any) -> bytes:
    return fetch(
        url,
        allow_private=settings.NAVET_FETCH_ALLOW_PRIVATE_ADDRESSES,
        attempts=FETCH_ATTEMPTS,
        backoff=FETCH_BACKOFF_SECONDS,
        pause=_pause,
        **options,
    )


def _pause(seconds: float) -> None:
    time.sleep(seconds)


def _parsed(source: Source) -> Parsed:
    """Fetch a source and read it into interchange records."""
    defaults = _defaults(source)
    if source.format == Source.Format.VINNOVA:
        # Only the rounds changed since the last successful fetch; then the calls they belong to.
        rounds = _fetch(rounds_address(source.url, _changed_since(source)))
        numbers = call_numbers(rounds)
        calls = _fetch(calls_address(source.url, numbers)) if numbers else b"[]"
        return parse_vinnova(rounds, calls, defaults)
    if source.format == Source.Format.SEDIA:
        content = _fetch(source.url, method="POST", files=search_parts())
    else:
        content = _fetch(source.url)
    return PARSERS[source.format](content, defaults)


FIRST_FETCH_DAYS = 365  # how far back a source's first fetch asks for changes


def _changed_since(source: Source) -> date:
    """The day of the source's last successful fetch (the whole day is asked for again, so
    nothing changed later that day is missed); a year back for the first."""
    last = source.runs.filter(status=ImportRun.Status.DONE).aggregate(last=Max("started_at"))[
        "last"
    ]
    if last is None:
        return timezone.localdate() - timedelta(days=FIRST_FETCH_DAYS)
    return timezone.localtime(last).date()


def _mark_expected(parsed: Parsed) -> None:
    """Calls a source announces without dates are expected; once it gives dates, they are not."""
    for external_id, why in parsed.expected.items():
        note = str(why)  # stored as text, in the installation's language (the run is a task's)
        Call.objects.filter(external_id=external_id).exclude(
            expected=True, expected_note=note
        ).update(expected=True, expected_note=note)
    dated = [r["external_id"] for r in parsed.records if r["external_id"] not in parsed.expected]
    Call.objects.filter(external_id__in=dated, expected=True).update(
        expected=False, expected_note=""
    )


def _failed(run: ImportRun, message: str) -> ImportRun:
    """End a run as failed; the coordinators hear of a source that failed three times in a row
    once, not again for every later failure until it has worked."""
    run = _finish(run, ImportRun.Status.FAILED, message=message)
    source = run.source
    assert source is not None  # noqa: S101  (only a source's runs are executed)
    last_done = source.runs.filter(status=ImportRun.Status.DONE).aggregate(last=Max("created_at"))[
        "last"
    ]
    streak = source.runs.filter(status=ImportRun.Status.FAILED)
    if last_done is not None:
        streak = streak.filter(created_at__gt=last_done)
    failures = list(streak.order_by("created_at").values_list("pk", flat=True)[:FAILURES_TOLD])
    if len(failures) < FAILURES_TOLD:
        return run
    title = _("The source %(source)s has failed %(times)d times in a row: %(error)s") % {
        "source": source.name,
        "times": FAILURES_TOLD,
        "error": message,
    }
    for user in _call_managers():
        notify(
            user=user,
            key=f"source-failing:{source.pk}:{failures[0]}",
            title=title[:300],
            url=reverse("calls:source-detail", args=[source.pk]),
        )
    return run


def _progress(run: ImportRun, done: int, total: int) -> None:
    """Saved at once, outside any transaction, so the run page sees it while the run goes on."""
    ImportRun.objects.filter(pk=run.pk).update(processed=done, total=total)


def _page_watched(run: ImportRun, source: Source, content: bytes) -> ImportRun:
    """Compare the page with last time; a change becomes a review task for the coordinators."""
    region = Region(source.region_selector, source.region_start, source.region_end)
    text, found = page_text(content, region)
    new_digest = digest(text)
    if not source.page_digest:
        message = _("First fetch: the page is now watched for changes.")
    elif new_digest == source.page_digest:
        message = _("The page has not changed.")
    else:
        run.page_changes, run.page_removed = changed_lines(source.page_text, text)
        message = _("The page has changed: review it and register any new call.")
        title = _("The page %(source)s has changed: review it") % {"source": source.name}
        for user in _call_managers():
            notify(
                user=user,
                key=f"page:{source.pk}:{new_digest}",
                title=title,
                url=reverse("calls:run-detail", args=[run.pk]),
            )
    if not found:
        message = " ".join(
            [
                _("The content region was not found on the page; the whole page is compared."),
                message,
            ]
        )
    source.page_text, source.page_digest = text, new_digest
    source.save(update_fields=["page_text", "page_digest"])
    return _finish(run, ImportRun.Status.DONE, message=message)


def page_review_done(*, actor: User, run: ImportRun, call: Call | None = None) -> ImportRun:
    """A coordinator has reviewed a changed page, and registered the call it told of, if any."""
    can_manage_calls(actor).require()
    if run.reviewed_at is not None:
        raise DomainError(_("This change has already been reviewed."))
    run.reviewed_at, run.reviewed_by, run.registered_call = timezone.now(), actor, call
    run.save(update_fields=["reviewed_at", "reviewed_by", "registered_call"])
    return run


def page_review_register(
    *, actor: User, run: ImportRun, themes: list[str], target_groups: list[str], **fields: Any
) -> Call:
    """Register the call a changed page tells of, as the coordinator confirmed it, and close
    the review: one step."""
    with transaction.atomic():
        call = call_save(actor=actor, themes=themes, target_groups=target_groups, **fields)
        page_review_done(actor=actor, run=run, call=call)
    return call


def _call_managers() -> list[User]:
    """Who reviews changed pages: coordinators of any consortium, and administrators."""
    return list(
        User.objects.filter(
            Q(role_assignments__role__in=[Role.COORDINATOR, Role.ADMIN]) | Q(is_superuser=True),
            is_active=True,
        ).distinct()
    )


def _finish(run: ImportRun, status: str, *, message: str = "") -> ImportRun:
    run.status, run.message, run.finished_at = status, message, timezone.now()
    run.save()
    return run


def _defaults(source: Source) -> SourceDefaults:
    return SourceDefaults(
        today=timezone.localdate(),
        funder=source.default_funder.name if source.default_funder else "",
        programme=source.default_programme.name if source.default_programme else "",
        id_prefix=f"{source.format}-{source.pk}-",
        topic_prefixes=tuple(
            prefix.strip() for prefix in source.topic_prefixes.replace(",", ";").split(";")
        ),
    )


SCHEDULE_INTERVALS = {Source.Schedule.DAILY: 1, Source.Schedule.WEEKLY: 7}


def sources_due(now: datetime) -> list[Source]:
    """Active scheduled sources whose last run began longer ago than their interval."""
    due: list[Source] = []
    sources = Source.objects.filter(active=True).exclude(schedule=Source.Schedule.MANUAL)
    for source in sources.annotate(last_run=Max("runs__created_at")):
        days = SCHEDULE_INTERVALS[Source.Schedule(source.schedule)]
        if source.last_run is None or source.last_run <= now - timedelta(days=days, minutes=-5):
            due.append(source)
    return due


REMINDER_DAYS = (14, 7, 2)


def reminders_generate(now: datetime) -> int:
    """Deadline reminders for followed calls (14, 7 and 2 days ahead) and news of calls with a
    watched theme. Run as often as you like: each event is notified once. Returns how many."""
    created = 0
    today = timezone.localtime(now).date()
    follows = CallFollow.objects.filter(
        call__closes__gte=now, call__closes__lte=now + timedelta(days=max(REMINDER_DAYS) + 1)
    ).select_related("user", "call")
    for follow in follows:
        days = (timezone.localtime(follow.call.closes).date() - today).days
        due = [n for n in REMINDER_DAYS if days <= n]
        if not due:
            continue
        created += notify(
            user=follow.user,
            key=f"deadline:{follow.call.pk}:{min(due)}",
            title=_("%(days)d days left: %(title)s") % {"days": days, "title": follow.call.title},
            url=reverse("calls:call-detail", args=[follow.call.pk]),
        )
    watchers: dict[str, list[User]] = {}
    for watch in ThemeFollow.objects.filter(user__is_active=True).select_related("user"):
        watchers.setdefault(watch.theme_id, []).append(watch.user)
    new_calls = Call.objects.filter(
        created_at__gte=now - timedelta(days=7), closes__gte=now
    ).prefetch_related("themes")
    for call in new_calls:
        users = {user for theme in call.themes.all() for user in watchers.get(theme.pk, [])}
        for user in users:
            created += notify(
                user=user,
                key=f"new-call:{call.pk}",
                title=_("New call: %(title)s") % {"title": call.title},
                url=reverse("calls:call-detail", args=[call.pk]),
            )
    return created


def _notify_moved_deadline(call: Call) -> None:
    when = timezone.localtime(call.closes)
    for follow in call.follows.select_related("user"):
        notify(
            user=follow.user,
            key=f"moved:{call.pk}:{call.closes.isoformat()}",
            title=_("Deadline moved to %(when)s: %(title)s")
            % {"when": f"{when:%Y-%m-%d %H:%M}", "title": call.title},
            url=reverse("calls:call-detail", args=[call.pk]),
        )


def themes_watch(*, actor: User, slugs: list[str]) -> None:
    """Set the themes the actor watches."""
    known, _unknown = validate_slugs(slugs, "theme")
    with transaction.atomic():
        ThemeFollow.objects.filter(user=actor).exclude(theme_id__in=known).delete()
        for slug in known:
            ThemeFollow.objects.get_or_create(
                user=actor, theme=taxonomy_entry(Theme, slug, theme_label)
            )


def call_save(
    *,
    actor: User,
    call: Call | None = None,
    themes: list[str],
    target_groups: list[str],
    **fields: Any,
) -> Call:
    """Register a call by hand, or correct one. Chosen themes are the coordinator's own;
    without any, Navet suggests them from the text."""
    can_manage_calls(actor).require()
    if call is None:
        call = Call(external_id=f"manuell-{uuid.uuid4().hex[:12]}", source="manuell")
    # Read from the database: a model form has already copied its values onto `call`.
    closes_before = Call.objects.filter(pk=call.pk).values_list("closes", flat=True).first()
    for name, value in fields.items():
        setattr(call, name, value)
    with transaction.atomic(), acting_as(actor):
        full_clean(call)
        call.save()
        if closes_before is not None and closes_before != call.closes:
            _notify_moved_deadline(call)
        if themes or target_groups:
            call_classify(actor=actor, call=call, themes=themes, target_groups=target_groups)
        else:
            _classify_by_text(call, f"{call.title}\n{call.description}", call.language)
        expected_calls_refresh()
    return call
