"""Input for the knowledge pages: the filters, the entry form and the choice of a need to reuse
an entry for."""

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from navet.calls.forms import target_group_choices, taxonomy_checkboxes, theme_choices
from navet.core.uploads import validate_upload
from navet.knowledge.models import Entry
from navet.needs.models import Need
from navet.organisations.models import Consortium, Municipality


class EntryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Type"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)

    def __init__(
        self,
        data: Any,
        *,
        themes: list[tuple[str, str]],
        municipalities: list[tuple[str, str]],
    ) -> None:
        super().__init__(data)
        everything = [("", _("All"))]
        self.fields["kind"].choices = everything + list(Entry.Kind.choices)  # type: ignore[attr-defined]
        self.fields["theme"].choices = everything + themes  # type: ignore[attr-defined]
        self.fields["municipality"].choices = everything + municipalities  # type: ignore[attr-defined]

    def criteria(self) -> dict[str, str]:
        if not self.is_bound or not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "text": data["q"].replace("\x00", "").strip(),
            "kind": data["kind"],
            "theme": data["theme"],
            "municipality": data["municipality"],
        }


class NamedChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class EntryForm(forms.Form):
    consortium = NamedChoiceField(
        label=_("Consortium"), queryset=Consortium.objects.none(), empty_label=None
    )
    owner = NamedChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.none(), empty_label=None
    )
    kind = forms.ChoiceField(label=_("Type"), choices=Entry.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Markdown: **bold**, *italic*, lists with -, links as [text](https://…)."),
    )
    results = forms.CharField(
        label=_("Results"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What it achieved and what others should know. Markdown too."),
    )
    themes = taxonomy_checkboxes(_("Themes"), theme_choices)
    target_groups = taxonomy_checkboxes(_("Target groups"), target_group_choices)
    contact_name = forms.CharField(label=_("Contact person"), required=False, max_length=200)
    contact_email = forms.EmailField(label=_("Contact person's e-mail"), required=False)
    links = forms.CharField(
        label=_("Links"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One web address per line."),
    )
    file = forms.FileField(
        label=_("Attach a file"),
        required=False,
        validators=[validate_upload],
        help_text=_("PDF, Word, Excel, PowerPoint, OpenDocument, images, CSV or text."),
    )

    def __init__(
        self,
        *args: Any,
        consortia: QuerySet[Consortium] | None,
        owners: QuerySet[Municipality],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if consortia is None:
            del self.fields["consortium"]  # an entry stays in its consortium
        else:
            self.fields["consortium"].queryset = consortia  # type: ignore[attr-defined]
        self.fields["owner"].queryset = owners  # type: ignore[attr-defined]

    def clean_file(self) -> UploadedFile | None:
        return self.cleaned_data.get("file") or None


class ReuseForm(forms.Form):
    need = forms.ModelChoiceField(
        label=_("The need the project idea answers"), queryset=Need.objects.none()
    )

    def __init__(self, *args: Any, needs: QuerySet[Need], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["need"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
        field.queryset = needs
        field.label_from_instance = lambda need: f"{need.municipality.name}: {need.title}"  # type: ignore[method-assign,assignment]
