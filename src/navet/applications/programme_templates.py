"""The application templates per programme, kept as data (`data/templates.json`).

A template is an ordered list of sections, each with a Swedish heading, guidance drawn from the
feasibility study and, where the programme says more, a note from the verified facts about it.
A word limit is given only where the funder's real limit is known; none is, so all are empty.
Pure Python: no Django.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "templates.json"
FALLBACK = "allman"


@dataclass(frozen=True)
class SectionTemplate:
    key: str
    heading: str
    guidance: str
    word_limit: int | None = None


@dataclass(frozen=True)
class Template:
    key: str
    name: str
    sources: str
    sections: tuple[SectionTemplate, ...]
    programme_slugs: tuple[str, ...] = ()
    programme_names: tuple[str, ...] = ()


def _name_key(name: str) -> str:
    """`§ 37 a` and `§37a` are the same programme name."""
    return "".join(name.split()).casefold()


@cache
def templates() -> dict[str, Template]:
    """Every template by its key, in the order of the file."""
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    common = raw["sections"]
    found: dict[str, Template] = {}
    for item in raw["templates"]:
        sections = []
        for section in item["sections"]:
            base = common[section["key"]]
            guidance = base["guidance"]
            if section.get("note"):
                guidance = f"{guidance} {section['note']}"
            sections.append(
                SectionTemplate(
                    key=section["key"],
                    heading=section.get("heading", base["heading"]),
                    guidance=guidance,
                    word_limit=section.get("word_limit"),
                )
            )
        found[item["key"]] = Template(
            key=item["key"],
            name=item["name"],
            sources=item["sources"],
            sections=tuple(sections),
            programme_slugs=tuple(item["programme_slugs"]),
            programme_names=tuple(_name_key(n) for n in item["programme_names"]),
        )
    return found


def template_for(programme_slug: str = "", programme_name: str = "") -> Template:
    """The template of a programme: by its short name, else by its name (§ 37 of any county
    board), else the generic template."""
    every = templates()
    for template in every.values():
        if programme_slug and programme_slug in template.programme_slugs:
            return template
    name = _name_key(programme_name)
    for template in every.values():
        if name and name in template.programme_names:
            return template
    return every[FALLBACK]
