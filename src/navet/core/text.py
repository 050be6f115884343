"""Swedish text conventions: alphabetical order, money and how urgent a date is."""

from decimal import Decimal

# Swedish alphabetical order: å, ä, ö come after z; é sorts as e and ü as y (SAOL).
# The three letters map to the characters just after "z" in code-point order.
_SWEDISH_ORDER = {"å": "{", "ä": "|", "ö": "}", "æ": "|", "ø": "}"}
_FOLD = str.maketrans({"é": "e", "è": "e", "à": "a", "ü": "y", "-": " "})


def swedish_sort_key(text: str) -> str:
    """A key that orders strings as a Swedish reader expects (Å Ä Ö last)."""
    folded = text.casefold().translate(_FOLD)
    return "".join(_SWEDISH_ORDER.get(char, char) for char in folded)


def group_thousands(number: int | Decimal) -> str:
    """`114 304`: a no-break space between groups of three digits, as Swedish style prescribes."""
    return f"{round(number):,}".replace(",", "\u00a0")


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
