"""Swedish text conventions: alphabetical order, money, how urgent a date is, and the sentences
of pure modules, put into the reader's language only when they are shown."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

# Swedish alphabetical order: å, ä, ö come after z; é sorts as e and ü as y (SAOL).
# The three letters map to the characters just after "z" in code-point order.
_SWEDISH_ORDER = {"å": "{", "ä": "|", "ö": "}", "æ": "|", "ø": "}"}
_FOLD = str.maketrans({"é": "e", "è": "e", "à": "a", "ü": "y", "-": " "})


def swedish_sort_key(text: str) -> str:
    """A key that orders strings as a Swedish reader expects (Å Ä Ö last)."""
    folded = text.casefold().translate(_FOLD)
    return "".join(_SWEDISH_ORDER.get(char, char) for char in folded)


# Python's `-1,250.5` as Swedish style writes it: `−1 250,5` (no-break space, real minus sign).
_SWEDISH_DIGITS = str.maketrans({",": "\u00a0", ".": ",", "-": "\u2212"})


def group_thousands(number: int | Decimal) -> str:
    """`114 304`, `−2 500`: a no-break space between groups of three digits and a real minus
    sign, as Swedish style prescribes."""
    return f"{round(number):,}".translate(_SWEDISH_DIGITS)


def format_decimal(value: int | Decimal) -> str:
    """`1 250 000`, `2,5`, `−0,25`: Swedish digit grouping, a decimal comma and at most two
    decimals, without trailing zeros."""
    return f"{value:,.2f}".rstrip("0").rstrip(".").translate(_SWEDISH_DIGITS)


def format_day(day: date) -> str:
    """`2026-12-07`: the date as Swedish style (and ISO 8601) writes it."""
    return day.isoformat()


def format_moment(moment: datetime) -> str:
    """`2026-12-07 14:30`, in the time zone the moment carries."""
    return f"{format_day(moment.date())} {moment:%H:%M}"


def format_sek(amount: int | Decimal) -> str:
    """`1 250 000 kr`, rounded to whole kronor."""
    return f"{group_thousands(amount)}\u00a0kr"


URGENT_DAYS = 2  # due within this many days: urgent
SOON_DAYS = 7  # within this many: soon


def urgency(days_left: int) -> str:
    """ "overdue", "urgent", "soon" or "later": one scale for every deadline Navet shows."""
    if days_left < 0:
        return "overdue"
    if days_left <= URGENT_DAYS:
        return "urgent"
    if days_left <= SOON_DAYS:
        return "soon"
    return "later"


def genitive(name: str) -> str:
    """The Swedish genitive of a name: `Täbys`, `Solnas`; a name ending in s, x or z takes no
    further s (`Nynäshamns` but `Bollnäs`)."""
    return name if not name or name[-1].lower() in "sxz" else f"{name}s"


# Pure modules cannot import Django's translation, so their sentences are `Message`s: an English
# message id of Navet's catalogue and its values. The core app installs Django's gettext at start;
# until then (a pure module run alone) a message reads as its English id.
_translations: dict[str, Callable[..., str]] = {
    "gettext": lambda msgid: msgid,
    "ngettext": lambda singular, plural, number: singular if number == 1 else plural,
}


def install_translations(*, gettext: Callable[[str], str], ngettext: Callable[..., str]) -> None:
    _translations.update(gettext=gettext, ngettext=ngettext)


@dataclass(frozen=True)
class Message:
    """A user-visible sentence: `str(message)` translates `msgid` (or, with `plural`, chooses
    the form for `values["number"]`) in the active language and fills in `{name}`s."""

    msgid: str
    values: Mapping[str, object] = field(default_factory=dict)
    plural: str = ""

    def __str__(self) -> str:
        if self.plural:
            number = self.values["number"]
            text = _translations["ngettext"](self.msgid, self.plural, number)
        else:
            text = _translations["gettext"](self.msgid)
        return text.format_map({name: str(value) for name, value in self.values.items()})


def gettext_lazy(msgid: str, /, **values: object) -> Message:
    """Mark a sentence for the catalogue (`_("Closes in {days} days", days=3)`); the name is
    Django's, so that `makemessages` finds the id in pure modules too."""
    return Message(msgid, values)


def ngettext_lazy(singular: str, plural: str, /, number: int, **values: object) -> Message:
    """A sentence with singular and plural forms, chosen by `number` when shown."""
    return Message(singular, {"number": number, **values}, plural)
