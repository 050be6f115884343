"""Input of the budget and follow-up pages. Amounts are written as people write them:
`1 250 000`, `1 250 000 kr`, `1250000,50`."""

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from navet.followup.models import Category

_MONEY = re.compile(r"^-?\d+(,\d{1,2}|\.\d{1,2})?$")


def parse_amount(text: str) -> Decimal | None:
    """`1 250 000,50 kr` → Decimal('1250000.50'); None when it is not an amount."""
    cleaned = re.sub(r"[\s\u00a0\u202f]", "", str(text)).removesuffix("kr").removesuffix("SEK")
    if not _MONEY.match(cleaned):
        return None
    try:
        return Decimal(cleaned.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        return None


class KronorField(forms.CharField):
    """Whole kronor, 0 or more."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "size": 12})

    def to_python(self, value: Any) -> int | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        amount = parse_amount(text)
        if amount is None or amount != amount.to_integral_value():
            raise forms.ValidationError(_("Write the amount in whole kronor, e.g. 250 000."))
        if amount < 0:
            raise forms.ValidationError(_("The amount cannot be negative."))
        if amount > 10**12:
            raise forms.ValidationError(_("The amount is too large."))
        return int(amount)


class BudgetGridForm(forms.Form):
    """One amount per cost category and year: field `<category>-<year>`."""

    def __init__(
        self,
        *args: Any,
        years: list[int],
        initial_amounts: dict[tuple[str, int], int],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.years = years
        for category in Category:
            for year in years:
                name = f"{category.value}-{year}"
                self.fields[name] = KronorField(
                    label=f"{category.label} {year}",
                    initial=initial_amounts.get((category.value, year)) or "",
                )

    def amounts(self) -> dict[tuple[str, int], int | None]:
        return {
            (category.value, year): self.cleaned_data.get(f"{category.value}-{year}")
            for category in Category
            for year in self.years
        }

    def rows(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The form as table rows: a category and its fields, one per year."""
        return [
            (str(category.label), [self[f"{category.value}-{year}"] for year in self.years])
            for category in Category
        ]


class PlanForm(forms.Form):
    """The planned amount of each quarter of a budget line's year; all empty: spread evenly."""

    q1 = KronorField(label=_("Quarter 1"))
    q2 = KronorField(label=_("Quarter 2"))
    q3 = KronorField(label=_("Quarter 3"))
    q4 = KronorField(label=_("Quarter 4"))

    def profile(self) -> list[int] | None:
        values = [self.cleaned_data.get(f"q{n}") for n in (1, 2, 3, 4)]
        if all(value is None for value in values):
            return None
        return [value or 0 for value in values]
