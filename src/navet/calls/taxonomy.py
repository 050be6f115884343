"""The shared taxonomy: themes and target groups of calls and needs (pure Python, no Django).

The slugs and their Swedish and English labels live in `data/themes.csv` and
`data/target_groups.csv` (columns `slug,sv,en`), read once per process. Slugs are the stable
identifiers of the interchange format; an unknown slug is reported and ignored, never stored.
Themes are not independent of each other: `data/theme_relations.csv` lists the pairs that are
closely related (föreningsliv and civilsamhälle), each with why, so matching can give partial
credit. `data/programme_purposes.csv` holds what a programme funds by its rules (the purpose of
§ 37 in förordningen (2010:1122), ESF+'s programme areas), and `data/stopwords.txt` the words that
say nothing of what a text is about.
"""

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal, TypeVar

Kind = Literal["theme", "target_group"]
LANGUAGES = ("sv", "en")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_COLUMNS = ["slug", "sv", "en"]


@dataclass(frozen=True, slots=True)
class _Entry:
    slug: str
    sv: str
    en: str

    def label(self, language: str = "sv") -> str:
        """The label in Swedish (`sv`, the default) or English (`en`)."""
        if language not in LANGUAGES:
            raise ValueError(f"Okänt språk: {language!r} (sv eller en).")
        return self.sv if language == "sv" else self.en


@dataclass(frozen=True, slots=True)
class Theme(_Entry):
    """A theme, e.g. `sprak` – Språk (svenska) – Language (Swedish)."""


@dataclass(frozen=True, slots=True)
class TargetGroup(_Entry):
    """A target group, e.g. `ensamkommande` – Ensamkommande barn och unga."""


E = TypeVar("E", Theme, TargetGroup)


def _load(filename: str, entry: type[E]) -> tuple[E, ...]:
    """Read one data file, refusing a file that would give a slug two meanings."""
    source = resources.files("navet.calls").joinpath("data", filename)
    with io.StringIO(source.read_text(encoding="utf-8"), newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != _COLUMNS:
            raise ValueError(f"{filename}: columns must be {','.join(_COLUMNS)}.")
        entries: list[E] = []
        seen: set[str] = set()
        for line, row in enumerate(reader, start=2):
            slug, sv, en = (row[column].strip() for column in _COLUMNS)
            if not _SLUG.fullmatch(slug) or slug in seen or not sv or not en:
                raise ValueError(f"{filename}, line {line}: bad or repeated row {slug!r}.")
            seen.add(slug)
            entries.append(entry(slug=slug, sv=sv, en=en))
    return tuple(entries)


@cache
def themes() -> tuple[Theme, ...]:
    """Every theme, in the order of the taxonomy."""
    return _load("themes.csv", Theme)


@cache
def target_groups() -> tuple[TargetGroup, ...]:
    """Every target group, in the order of the taxonomy."""
    return _load("target_groups.csv", TargetGroup)


@cache
def _by_slug(kind: Kind) -> dict[str, Theme | TargetGroup]:
    entries: tuple[Theme | TargetGroup, ...]
    if kind == "theme":
        entries = themes()
    elif kind == "target_group":
        entries = target_groups()
    else:
        raise ValueError(f"Okänd sorts slug: {kind!r} (theme eller target_group).")
    return {entry.slug: entry for entry in entries}


@cache
def related_themes() -> dict[str, frozenset[str]]:
    """Each theme's closely related themes (the relation goes both ways)."""
    source = resources.files("navet.calls").joinpath("data", "theme_relations.csv")
    known = {theme.slug for theme in themes()}
    related: dict[str, set[str]] = {}
    with io.StringIO(source.read_text(encoding="utf-8"), newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            first, second = row["theme"].strip(), row["related"].strip()
            if {first, second} - known or first == second or not row["why"].strip():
                raise ValueError(f"theme_relations.csv, line {line}: bad row {first}/{second}.")
            related.setdefault(first, set()).add(second)
            related.setdefault(second, set()).add(first)
    return {slug: frozenset(others) for slug, others in related.items()}


@dataclass(frozen=True, slots=True)
class ProgrammePurpose:
    """What a programme funds by its rules, for every call under it."""

    programme: str  # the seeded programme's slug ("" when only citations find it)
    cites: tuple[str, ...]  # codes a call's text cites to say it is under the programme (§37)
    purpose: str  # in Swedish, from the rules (shared/data/funders.md)


@cache
def programme_purposes() -> tuple[ProgrammePurpose, ...]:
    """The programmes whose purpose is stated in their rules."""
    source = resources.files("navet.calls").joinpath("data", "programme_purposes.csv")
    purposes = []
    with io.StringIO(source.read_text(encoding="utf-8"), newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            programme, cites = row["programme"].strip(), tuple(row["cites"].split())
            if not (programme or cites) or not row["purpose"].strip() or not row["source"]:
                raise ValueError(f"programme_purposes.csv, line {line}: bad row.")
            purposes.append(ProgrammePurpose(programme, cites, row["purpose"].strip()))
    return tuple(purposes)


@cache
def stopwords(language: str) -> frozenset[str]:
    """Words of the language (sv or en) that say nothing of what a text is about."""
    if language not in LANGUAGES:
        raise ValueError(f"Okänt språk: {language!r} (sv eller en).")
    source = resources.files("navet.calls").joinpath("data", "stopwords.txt")
    words: dict[str, set[str]] = {"sv": set(), "en": set()}
    current = "sv"
    for line in source.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        if line.strip() == "[en]":
            current = "en"
            continue
        words[current].update(line.split())
    return frozenset(words[language])


def theme_label(slug: str, language: str = "sv") -> str:
    """The label of a theme; KeyError for a slug the taxonomy does not know."""
    return _by_slug("theme")[slug].label(language)


def target_group_label(slug: str, language: str = "sv") -> str:
    """The label of a target group; KeyError for a slug the taxonomy does not know."""
    return _by_slug("target_group")[slug].label(language)


def validate_slugs(slugs: Iterable[str], kind: Kind) -> tuple[list[str], list[str]]:
    """Split slugs into (known, unknown), each in the given order and without repeats.

    Surrounding blanks are ignored and case does not matter (`" Sprak"` is `sprak`), since slugs
    often come from spreadsheets; an empty value is skipped. Unknown slugs are returned as written
    (stripped) so that the caller can report them and go on without them.
    """
    known_slugs = _by_slug(kind)
    known: list[str] = []
    unknown: list[str] = []
    seen: set[str] = set()
    for raw in slugs:
        written = raw.strip()
        slug = written.lower()
        if not slug or slug in seen:
            continue
        seen.add(slug)
        if slug in known_slugs:
            known.append(slug)
        else:
            unknown.append(written)
    return known, unknown
