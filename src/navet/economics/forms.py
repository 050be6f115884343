"""The scenario's parameters from the query string, and the yearly cost form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from navet.economics import costsharing
from navet.economics.models import ResourceCost
from navet.needs.forms import SekField

# The feasibility study's figures (§7): the page opens with its example.
STUDY = {
    "cost_sek": 700_000,
    "grants_sek": 1_000_000,
    "admin_share_percent": 20,
    "key": costsharing.Key.EQUAL.value,
    "base_share_percent": 0,
    "municipalities": 15,
    "consortium": "",
}


class ScenarioForm(forms.Form):
    cost_sek = SekField(
        label=_("Yearly cost of the resource (kr)"), min_value=1, max_value=costsharing.MAX_SEK
    )
    grants_sek = SekField(
        label=_("Expected grants per year (kr)"), min_value=0, max_value=costsharing.MAX_SEK
    )
    admin_share_percent = forms.IntegerField(
        label=_("Share of the grants that may fund administration (%)"), min_value=0, max_value=100
    )
    key = forms.ChoiceField(label=_("Cost key"), choices=ResourceCost.Key.choices)
    base_share_percent = forms.IntegerField(
        label=_("Base fee share of the cost (%)"),
        min_value=0,
        max_value=100,
        required=False,
        help_text=_("With a base fee plus per capita: the part shared equally."),
    )
    consortium = forms.ChoiceField(label=_("Municipalities"), required=False)
    municipalities = forms.IntegerField(
        label=_("Number of municipalities"),
        min_value=1,
        max_value=costsharing.MAX_MUNICIPALITIES,
        required=False,
        help_text=_("Used when no consortium is chosen (equal shares only)."),
    )

    def __init__(self, data: object, *, consortia: list[tuple[str, str]]) -> None:
        super().__init__(data or STUDY)  # type: ignore[arg-type]
        field = self.fields["consortium"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101
        field.choices = [("", _("A number of municipalities")), *consortia]

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        if not cleaned.get("consortium"):
            if not cleaned.get("municipalities"):
                self.add_error("municipalities", _("Give the number of municipalities."))
            if cleaned.get("key") != costsharing.Key.EQUAL:
                self.add_error("key", _("Sharing by population needs a consortium's real members."))
        return cleaned


class ResourceCostForm(forms.Form):
    cost_sek = SekField(label=_("Yearly cost (kr)"), min_value=0, max_value=costsharing.MAX_SEK)
    key = forms.ChoiceField(label=_("Cost key"), choices=ResourceCost.Key.choices)
    base_share_percent = forms.IntegerField(
        label=_("Base fee share of the cost (%)"), min_value=0, max_value=100, required=False
    )
