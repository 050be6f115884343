"""Where a call's money may go: Sweden's counties and what a funder's name or a call's text says.

Pure Python, no Django. A county board (länsstyrelse) or a region funds its own county's
municipalities; a call may also say so itself ("kommuner i Uppsala län"), or say that it is
national ("nationella medel", "minst två län"). County codes are SCB's two-digit codes, the first
two digits of every municipality code.
"""

import re
from typing import Final

# SCB's county codes and the names a text uses for each county (genitive -s included by the regex).
COUNTIES: Final = {
    "01": ("Stockholm",),
    "03": ("Uppsala",),
    "04": ("Södermanland", "Sörmland"),
    "05": ("Östergötland",),
    "06": ("Jönköping",),
    "07": ("Kronoberg",),
    "08": ("Kalmar",),
    "09": ("Gotland",),
    "10": ("Blekinge",),
    "12": ("Skåne",),
    "13": ("Halland",),
    "14": ("Västra Götaland",),
    "17": ("Värmland",),
    "18": ("Örebro",),
    "19": ("Västmanland",),
    "20": ("Dalarna",),
    "21": ("Gävleborg",),
    "22": ("Västernorrland",),
    "23": ("Jämtland",),
    "24": ("Västerbotten",),
    "25": ("Norrbotten",),
}
_NAME_TO_CODE: Final = {name.casefold(): code for code, names in COUNTIES.items() for name in names}
_NAMES: Final = "|".join(
    sorted(
        (re.escape(name) for names in COUNTIES.values() for name in names), key=len, reverse=True
    )
)
_FUNDER: Final = re.compile(rf"^\s*(?:länsstyrelsen|region)\s+(?:i\s+)?({_NAMES})s?\b", re.I)
_COUNTY_IN_TEXT: Final = re.compile(rf"\b({_NAMES})s?\s+län\b|\b({_NAMES})sregionen\b", re.I)
_NATIONAL: Final = re.compile(
    r"\bnationell\w*\s+(?:medel|utlysning|projektmedel|satsning)|\bhela landet\b|"
    r"\bminst (?:två|2|tre|3) län\b|\bflera län\b|\brikstäckande\b",
    re.I,
)


def county_of_funder(name: str) -> str:
    """The county a funder serves by its name ("Länsstyrelsen Uppsala län" → "03"), or ""."""
    found = _FUNDER.match(name)
    return _NAME_TO_CODE[found.group(1).casefold()] if found else ""


def counties_named(text: str) -> frozenset[str]:
    """The counties a text names as places ("i Stockholms län", "Stockholmsregionen")."""
    return frozenset(
        _NAME_TO_CODE[(found.group(1) or found.group(2)).casefold()]
        for found in _COUNTY_IN_TEXT.finditer(text)
    )


def says_national(text: str) -> bool:
    """Whether a text says that money is national or spans several counties."""
    return _NATIONAL.search(text) is not None


def call_scope(funder_county: str, text: str) -> frozenset[str] | None:
    """The counties whose municipalities a call serves; None means anywhere in Sweden.

    A call that says it is national is national, whoever publishes it; otherwise a county board's
    or region's call serves its county, and any other call the counties it names.
    """
    if says_national(text):
        return None
    if funder_county:
        return frozenset({funder_county})
    return counties_named(text) or None
