"""Input of the budget and follow-up pages. Amounts are written as people write them:
`1 250 000`, `1 250 000 kr`, `1250000,50`."""

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from navet.core.uploads import extension_of, validate_upload
from navet.followup import ledger
from navet.followup.models import BudgetLine, Category, Indicator, ReportDeadline
from navet.organisations.models import Municipality

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


class _DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class AmountField(forms.CharField):
    """An amount in kronor with öre, negative for a correction: `-1 234,50`."""

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        amount = parse_amount(text)
        if amount is None:
            raise forms.ValidationError(_("Write the amount in kronor, e.g. 1 234,50."))
        if abs(amount) >= 10**12:
            raise forms.ValidationError(_("The amount is too large."))
        return amount


class ExpenditureForm(forms.Form):
    budget_line = forms.ModelChoiceField(label=_("Budget line"), queryset=BudgetLine.objects.none())
    spent_on = forms.DateField(label=_("Date"), widget=_DateInput())
    amount = AmountField(
        label=_("Amount (kr)"), help_text=_("Negative for a correction, e.g. -1 200.")
    )
    description = forms.CharField(label=_("Description"), max_length=300, required=False)
    reference = forms.CharField(label=_("Voucher"), max_length=100, required=False)

    def __init__(self, *args: Any, lines: QuerySet[BudgetLine], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["budget_line"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
        field.queryset = lines


class LedgerUploadForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Whose ledger"), queryset=Municipality.objects.none()
    )
    file = forms.FileField(
        label=_("Ledger export"),
        help_text=_("An .xlsx file or a CSV file (semicolons, decimal comma) from the ledger."),
    )

    def __init__(self, *args: Any, municipalities: QuerySet[Municipality], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
        field.queryset = municipalities

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        validate_upload(upload)
        if extension_of(upload.name or "") not in ("xlsx", "csv"):
            raise forms.ValidationError(_("The ledger export must be an .xlsx or a .csv file."))
        return upload


class LedgerMappingForm(forms.Form):
    """Which column is which, among the file's header; and which accounts are which category."""

    date_column = forms.ChoiceField(label=_("Date column"))
    amount_column = forms.ChoiceField(label=_("Amount column"))
    account_column = forms.ChoiceField(label=_("Account column"))
    text_column = forms.ChoiceField(label=_("Text column"), required=False)
    reference_column = forms.ChoiceField(label=_("Voucher column"), required=False)
    credit_column = forms.ChoiceField(
        label=_("Credit column"),
        required=False,
        help_text=_(
            "Only for a ledger with separate debit and credit columns: choose the debit column "
            "as the amount column and the credit column here."
        ),
    )
    accounts = forms.CharField(
        label=_("Accounts and cost categories"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Account prefix = cost category, separated by semicolons, e.g. "
            "5=Personal; 64=Material; 73=Resor. The longest matching prefix decides."
        ),
    )

    def __init__(self, *args: Any, header: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "–"), *((name, name) for name in header if name)]
        for name in (
            "date_column",
            "amount_column",
            "account_column",
            "text_column",
            "reference_column",
            "credit_column",
        ):
            self.fields[name].choices = choices  # type: ignore[attr-defined]

    def clean_accounts(self) -> dict[str, str]:
        accounts, problems = ledger.parse_accounts(self.cleaned_data["accounts"])
        if problems:
            raise forms.ValidationError(problems)
        if not accounts:
            raise forms.ValidationError(_("Name at least one account, e.g. 5=Personal."))
        return accounts


class IndicatorForm(forms.Form):
    name = forms.CharField(label=_("Goal"), max_length=300)
    unit = forms.CharField(label=_("Unit"), max_length=60, required=False)
    baseline = forms.DecimalField(label=_("Baseline"), max_digits=14, decimal_places=2, initial=0)
    target = forms.DecimalField(label=_("Target"), max_digits=14, decimal_places=2)


class MeasurementForm(forms.Form):
    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=Indicator.objects.none())
    measured_on = forms.DateField(label=_("Measured on"), widget=_DateInput())
    value = forms.DecimalField(label=_("Value"), max_digits=14, decimal_places=2)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: Any, indicators: QuerySet[Indicator], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["indicator"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
        field.queryset = indicators


class ReportDeadlineForm(forms.Form):
    kind = forms.ChoiceField(label=_("Report"), choices=ReportDeadline.Kind.choices)
    due_on = forms.DateField(label=_("Due on"), widget=_DateInput())
    submitted_on = forms.DateField(label=_("Submitted on"), widget=_DateInput(), required=False)


class InterventionForm(forms.Form):
    occurred_on = forms.DateField(label=_("Date"), widget=_DateInput())
    reason = forms.CharField(label=_("Reason"), max_length=300)
    action = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}))
