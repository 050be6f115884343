from django import forms
from django.utils.translation import gettext_lazy as _

from navet.core.text import swedish_sort_key
from navet.organisations.models import Consortium, Municipality, Role


class MunicipalityChoiceField(forms.ModelMultipleChoiceField):
    """Municipalities as checkboxes, in Swedish alphabetical order."""

    widget = forms.CheckboxSelectMultiple


def _sorted_municipalities() -> list[tuple[int, str]]:
    municipalities = sorted(Municipality.objects.all(), key=lambda m: swedish_sort_key(m.name))
    return [(m.pk, f"{m.name} ({m.code})") for m in municipalities]


class ConsortiumForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    slug = forms.SlugField(
        label=_("Short name"), max_length=60, help_text=_("Used in addresses, e.g. norrort.")
    )
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    members = MunicipalityChoiceField(
        label=_("Member municipalities"), queryset=Municipality.objects.all(), required=False
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["members"].choices = _sorted_municipalities()  # type: ignore[attr-defined]


class MunicipalityForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    population = forms.IntegerField(label=_("Population"), min_value=0)
    population_year = forms.IntegerField(label=_("Population year"), min_value=1971, max_value=2100)
    neighbours = MunicipalityChoiceField(
        label=_("Neighbours (land border)"), queryset=Municipality.objects.all(), required=False
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["neighbours"].choices = _sorted_municipalities()  # type: ignore[attr-defined]


class MunicipalityCreateForm(forms.Form):
    code = forms.RegexField(
        label=_("SCB code"),
        regex=r"^\d{4}$",
        error_messages={"invalid": _("A municipality code has four digits.")},
        help_text=_("The municipality's four-digit code from Statistics Sweden, e.g. 0380."),
    )
    name = forms.CharField(label=_("Name"), max_length=100)
    county_code = forms.RegexField(
        label=_("County code"),
        regex=r"^\d{2}$",
        error_messages={"invalid": _("A county code has two digits.")},
    )
    county_name = forms.CharField(label=_("County"), max_length=100)
    population = forms.IntegerField(label=_("Population"), min_value=0)
    population_year = forms.IntegerField(label=_("Population year"), min_value=1971, max_value=2100)


class UserCreateForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(render_value=False),
        required=False,
        help_text=_("Leave empty for users who log in with their municipality's account."),
    )


class RoleAssignForm(forms.Form):
    # Steering seats are named on the steering group's page, where their rules are.
    role = forms.ChoiceField(
        label=_("Role"), choices=[c for c in Role.choices if c[0] != Role.STEERING]
    )
    consortium = forms.ModelChoiceField(
        label=_("Consortium"),
        queryset=Consortium.objects.order_by("name"),
        required=False,
        help_text=_("For coordinators and viewers."),
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.all(),
        required=False,
        help_text=_("For municipal contacts."),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["municipality"].choices = [  # type: ignore[attr-defined]
            ("", "—"),
            *_sorted_municipalities(),
        ]
