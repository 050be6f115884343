"""The scenario's parameters from the query string, and the yearly cost form."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from navet.economics import costsharing
from navet.economics.models import ResourceCost
from navet.needs.forms import MunicipalityChoiceField, SekField
from navet.organisations.models import Municipality
from navet.projects.models import Project

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
    # A scenario has no logged time to share by.
    key = forms.ChoiceField(
        label=_("Cost key"),
        choices=[c for c in ResourceCost.Key.choices if c[0] != ResourceCost.Key.USAGE],
    )
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


class ProjectChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Project) -> str:
        return f"{obj.title} ({obj.owner.name})"


class TimeEntryForm(forms.Form):
    worked_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    hours = forms.DecimalField(
        label=_("Hours"),
        decimal_places=2,
        localize=True,
        help_text=_("For example 1,5 for an hour and a half."),
    )
    municipality = MunicipalityChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.none()
    )
    project = ProjectChoiceField(
        label=_("Project"), queryset=Project.objects.none(), required=False
    )
    note = forms.CharField(label=_("What was done"), max_length=300, required=False)

    def __init__(
        self,
        data: object,
        *,
        initial: dict[str, object],
        municipalities: list[Municipality],
        projects: list[Project],
    ) -> None:
        super().__init__(data, initial=initial)  # type: ignore[arg-type]
        municipality = self.fields["municipality"]
        project = self.fields["project"]
        assert isinstance(municipality, forms.ModelChoiceField)  # noqa: S101
        assert isinstance(project, forms.ModelChoiceField)  # noqa: S101
        municipality.queryset = Municipality.objects.filter(pk__in=[m.pk for m in municipalities])
        project.queryset = Project.objects.filter(pk__in=[p.pk for p in projects]).select_related(
            "owner"
        )

    def clean_hours(self) -> Decimal:
        hours: Decimal = self.cleaned_data["hours"]
        if not Decimal("0.25") <= hours <= 24:
            raise forms.ValidationError(_("Give between 0,25 and 24 hours."))
        return hours
