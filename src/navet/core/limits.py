"""How much a field may hold: one rule for every text and amount Navet stores.

A limit is kept by the model (forms and `full_clean` in every service, so pages and the API
alike) and shown beside the field on the page. Text longer than its limit is refused with a
message and stays in the field; it is never cut.
"""

from typing import Any

from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator

TEXT = 20_000  # a description, notes, minutes, a comment: about ten pages
SECTION = 60_000  # a section of an application: longer than funders allow
AMOUNT_SEK = 1_000_000_000  # a milliard kronor: more than any municipal project applies for


def text_limit(limit: int = TEXT) -> dict[str, Any]:
    """The arguments of a TextField that holds at most `limit` characters."""
    return {"max_length": limit, "validators": [MaxLengthValidator(limit)]}


def amount_limit() -> dict[str, Any]:
    """The arguments of a field of whole kronor, at most AMOUNT_SEK."""
    return {"validators": [MaxValueValidator(AMOUNT_SEK)]}


def signed_amount_limit() -> dict[str, Any]:
    """The arguments of an amount that may be negative (a correction), within AMOUNT_SEK."""
    return {"validators": [MinValueValidator(-AMOUNT_SEK), MaxValueValidator(AMOUNT_SEK)]}
