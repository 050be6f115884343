import re
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from navet.calls.forms import (
    CallImportForm,
    target_group_choices,
    taxonomy_checkboxes,
    theme_choices,
)
from navet.core.text import swedish_sort_key
from navet.needs.models import Need
from navet.needs.selectors import NeedFilter
from navet.organisations.models import Municipality

SORTS = [
    ("municipality", _("Municipality")),
    ("priority", _("Priority")),
    ("endorsements", _("Most endorsed")),
    ("raised", _("Newest first")),
]


class NeedFilterForm(forms.Form):
    """The filters of the needs page, read from the query string."""

    text = forms.CharField(label=_("Search"), max_length=100, required=False)
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    target_group = forms.ChoiceField(label=_("Target group"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All")), *Need.Status.choices], required=False
    )
    priority = forms.TypedChoiceField(
        label=_("Priority"),
        choices=[("", _("All")), *Need.Priority.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORTS, required=False)

    def __init__(self, data: object, *, municipalities: list[tuple[str, str]]) -> None:
        super().__init__(data)  # type: ignore[arg-type]
        choices = {
            "municipality": municipalities,
            "theme": theme_choices(),
            "target_group": target_group_choices(),
        }
        for name, options in choices.items():
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)  # noqa: S101
            field.choices = [("", _("All")), *options]

    def criteria(self) -> NeedFilter:
        if not self.is_valid():
            return NeedFilter()
        data = self.cleaned_data
        return NeedFilter(
            municipality=data["municipality"],
            theme=data["theme"],
            target_group=data["target_group"],
            status=data["status"],
            priority=data["priority"],
            text=data["text"].strip(),
            sort=data["sort"] or "municipality",
        )


class SekField(forms.IntegerField):
    """Whole kronor as people write them: `1 250 000`, `1 250 000 kr` (a number field would
    refuse the spaces)."""

    widget = forms.TextInput(attrs={"inputmode": "numeric"})

    def to_python(self, value: Any) -> int | None:
        if isinstance(value, str):
            value = re.sub(r"[\s\u00a0]", "", value).removesuffix("kr")
        return super().to_python(value)


class MunicipalityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Municipality) -> str:
        return obj.name


class NeedForm(forms.ModelForm):
    """A need entered or changed by hand; the municipality among those the user may enter for."""

    municipality = MunicipalityChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.none(), empty_label=None
    )
    themes = taxonomy_checkboxes(_("Themes"), theme_choices)
    target_groups = taxonomy_checkboxes(_("Target groups"), target_group_choices)
    cofinancing_capacity_percent = forms.DecimalField(
        label=_("Co-financing capacity (%)"),
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        localize=True,  # a decimal comma: 12,5
        initial=0,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text=_("The largest share of a project's cost the municipality can pay itself."),
    )
    estimated_cost_sek = SekField(
        label=_("Estimated cost (kr)"),
        min_value=0,
        required=False,
        help_text=_("Whole kronor, for example 1 250 000."),
    )
    status = forms.ChoiceField(
        label=_("Share with the consortium"),
        choices=[
            (Need.Status.OPEN, _("Yes, share the need now")),
            (Need.Status.DRAFT, _("No, keep it as our draft for now")),
        ],
        widget=forms.RadioSelect,
        initial=Need.Status.OPEN,
        help_text=_("A draft is seen only by the municipality's contacts and its coordinators."),
    )

    field_order = [
        "municipality",
        "title",
        "description",
        "themes",
        "target_groups",
        "priority",
        "raised_in",
        "raised_at",
        "cofinancing_capacity_percent",
        "estimated_cost_sek",
        "status",
    ]

    class Meta:
        model = Need
        fields = [
            "municipality",
            "title",
            "description",
            "priority",
            "raised_in",
            "raised_at",
            "cofinancing_capacity_percent",
            "estimated_cost_sek",
        ]
        widgets = {
            "raised_at": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args: Any, municipalities: QuerySet[Municipality], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
        field.queryset = municipalities
        # Swedish order (Å Ä Ö last), which the database cannot give on SQLite.
        ordered = sorted(municipalities, key=lambda m: swedish_sort_key(m.name))
        field.choices = [(m.pk, m.name) for m in ordered]
        if len(ordered) > 1 and not self.instance.pk:
            field.empty_label = _("Choose a municipality")
            field.choices = [("", _("Choose a municipality")), *field.choices]
        if self.instance.pk:
            del self.fields["status"]  # changed on the need's page
            self.initial["themes"] = [t.slug for t in self.instance.themes.all()]
            self.initial["target_groups"] = [g.slug for g in self.instance.target_groups.all()]


class EndorseForm(forms.Form):
    """ "Vi har också detta behov", with an optional comment."""

    municipality = MunicipalityChoiceField(
        label=_("For the municipality"), queryset=Municipality.objects.none(), empty_label=None
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("How the need shows in your municipality, or what you could contribute."),
    )

    def __init__(self, data: object, *, municipalities: list[Municipality]) -> None:
        super().__init__(data)  # type: ignore[arg-type]
        field = self.fields["municipality"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
        field.queryset = Municipality.objects.filter(pk__in=[m.pk for m in municipalities])
        self.speaks_for = municipalities[0] if len(municipalities) == 1 else None
        if len(municipalities) < 2:
            del self.fields["municipality"]  # the service takes the one the user speaks for


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Need.Status.choices)


class NeedImportForm(CallImportForm):
    """The same upload as for calls: JSON, .xlsx or CSV, checked by `validate_upload`."""
