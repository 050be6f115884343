from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from navet.core.models import User
from navet.projects.models import Project
from navet.risks.models import Risk, SwotItem
from navet.risks.selectors import ACTIVE, ALL, CONSORTIUM_ONLY


class _Person(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.username)


class RiskForm(forms.Form):
    """A risk on the study's scales; the owners to choose from come from the view."""

    title = forms.CharField(label=_("Risk"), max_length=300)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    likelihood = forms.ChoiceField(
        label=_("Likelihood"),
        choices=Risk.Likelihood.choices,
        widget=forms.RadioSelect,
        help_text=_("How likely the risk is to occur."),
    )
    consequence = forms.ChoiceField(
        label=_("Consequence"),
        choices=Risk.Consequence.choices,
        widget=forms.RadioSelect,
        help_text=_("How grave its consequences would be."),
    )
    measures = forms.CharField(
        label=_("Preventive measures"), widget=forms.Textarea, required=False
    )
    owner = _Person(label=_("Owner"), queryset=User.objects.none())
    status = forms.ChoiceField(label=_("Status"), choices=Risk.Status.choices)
    review_on = forms.DateField(
        label=_("Review date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The owner is reminded when the date has passed."),
    )

    def __init__(self, *args: Any, owners: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["owner"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
        field.queryset = owners


class RiskFilterForm(forms.Form):
    """The register's filters: whose risks, and which status."""

    projekt = forms.ChoiceField(label=_("Belongs to"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    sannolikhet = forms.ChoiceField(
        label=_("Likelihood"),
        required=False,
        choices=[("", _("Any likelihood")), *Risk.Likelihood.choices],
    )
    konsekvens = forms.ChoiceField(
        label=_("Consequence"),
        required=False,
        choices=[("", _("Any consequence")), *Risk.Consequence.choices],
    )

    def __init__(self, *args: Any, projects: list[Project], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["projekt"].choices = [  # type: ignore[attr-defined]
            ("", _("The consortium and its projects")),
            (CONSORTIUM_ONLY, _("The consortium only")),
            *[(str(p.pk), p.title) for p in projects],
        ]
        self.fields["status"].choices = [  # type: ignore[attr-defined]
            (ACTIVE, _("Open and mitigated")),
            *Risk.Status.choices,
            (ALL, _("All")),
        ]


class SwotItemForm(forms.Form):
    quadrant = forms.ChoiceField(label=_("Quadrant"), choices=SwotItem.Quadrant.choices)
    text = forms.CharField(label=_("Text"), max_length=500)
