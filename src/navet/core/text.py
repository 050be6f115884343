"""Swedish text conventions: alphabetical order and money."""

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
