from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from navet.calls import taxonomy
from navet.calls.models import SOURCE_SETTINGS, Applicant, Call, Source
from navet.calls.selectors import CallFilter
from navet.core import calendar
from navet.core.text import swedish_sort_key
from navet.core.uploads import extension_of, validate_upload

STATES = [
    ("open", _("Open now")),
    ("closing", _("Closing within 30 days")),
    ("soon", _("Opening soon")),
    ("closed", _("Already closed")),
    ("all", _("All")),
]


class CallFilterForm(forms.Form):
    """The filters of the calls page, read from the query string."""

    state = forms.ChoiceField(label=_("Show"), choices=STATES, required=False)
    text = forms.CharField(label=_("Search"), max_length=100, required=False)
    funder = forms.ChoiceField(label=_("Funder"), required=False)
    programme = forms.ChoiceField(label=_("Programme"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    target_group = forms.ChoiceField(label=_("Target group"), required=False)
    no_cofinancing = forms.BooleanField(label=_("No co-financing required"), required=False)
    min_amount = forms.IntegerField(label=_("At least (SEK)"), min_value=0, required=False)

    def __init__(self, data: object, *, choices: dict[str, list[tuple[str, str]]]) -> None:
        super().__init__(data)  # type: ignore[arg-type]
        for name, options in choices.items():
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)  # noqa: S101
            field.choices = [("", _("All")), *options]

    def criteria(self) -> CallFilter:
        if not self.is_valid():
            return CallFilter()
        data = self.cleaned_data
        return CallFilter(
            state=data["state"] or "open",
            text=data["text"].strip(),
            funder=data["funder"],
            programme=data["programme"],
            theme=data["theme"],
            target_group=data["target_group"],
            no_cofinancing=data["no_cofinancing"],
            min_amount=data["min_amount"],
        )


if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _alphabetical(choices: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    return sorted(choices, key=lambda choice: swedish_sort_key(choice[1]))


def theme_choices() -> list[tuple[str, str]]:
    return _alphabetical((t.slug, t.sv) for t in taxonomy.themes())


def target_group_choices() -> list[tuple[str, str]]:
    return _alphabetical((g.slug, g.sv) for g in taxonomy.target_groups())


def taxonomy_checkboxes(
    label: "StrOrPromise", choices: Callable[[], list[tuple[str, str]]], **kwargs: Any
) -> forms.MultipleChoiceField:
    """Taxonomy slugs as checkboxes, in Swedish order."""
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        **kwargs,
    )


class CallClassifyForm(forms.Form):
    """The coordinator's choice of a call's themes and target groups, from the taxonomy."""

    themes = taxonomy_checkboxes(_("Themes"), theme_choices)
    target_groups = taxonomy_checkboxes(_("Target groups"), target_group_choices)


class CallImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        validators=[validate_upload],
        help_text=_(
            "JSON, Excel (.xlsx) or CSV with the columns of Navet's interchange format. "
            "Importing the same file again changes nothing."
        ),
    )

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        if extension_of(upload.name or "") not in ("json", "xlsx", "csv"):
            raise forms.ValidationError(_("Choose a .json, .xlsx or .csv file."))
        return upload


class SourceForm(forms.ModelForm):
    url = forms.URLField(label=_("Address"), max_length=500, assume_scheme="https")

    class Meta:
        model = Source
        fields = list(SOURCE_SETTINGS)


class WatchForm(forms.Form):
    themes = taxonomy_checkboxes(_("Themes"), theme_choices)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M")


class CallForm(forms.ModelForm):
    """A call registered by hand, e.g. one found on a watched page."""

    url = forms.URLField(label=_("Address"), max_length=500, required=False, assume_scheme="https")
    eligible_applicants = forms.MultipleChoiceField(
        label=_("Who may apply"),
        choices=Applicant.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    themes = taxonomy_checkboxes(
        _("Themes"),
        theme_choices,
        help_text=_("Leave empty and Navet suggests themes from the text."),
    )
    target_groups = taxonomy_checkboxes(_("Target groups"), target_group_choices)

    class Meta:
        model = Call
        fields = [
            "title",
            "funder",
            "programme",
            "url",
            "opens",
            "closes",
            "decision_date",
            "min_amount_sek",
            "max_amount_sek",
            "cofinancing_percent",
            "description",
        ]
        widgets = {
            "opens": DateTimeInput(),
            "closes": DateTimeInput(),
            "decision_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["eligible_applicants"] = self.instance.eligible_applicants
            self.initial["themes"] = [t.slug for t in self.instance.themes.all()]
            self.initial["target_groups"] = [g.slug for g in self.instance.target_groups.all()]


CALENDAR_KINDS = {
    calendar.CALL: _("Call deadlines"),
    calendar.MEETING: _("Meetings"),
    calendar.MOTION: _("Voting windows"),
    calendar.REPORT: _("Reports to funders"),
    calendar.PROJECT: _("Project periods"),
}


class CalendarFilterForm(forms.Form):
    """The calendar's filters, read from the query string: the kinds of entry and, for a user
    of several consortia, one consortium."""

    typ = forms.MultipleChoiceField(
        label=_("Show"), widget=forms.CheckboxSelectMultiple, required=False
    )
    samverkan = forms.ChoiceField(label=_("Consortium"), required=False)

    def __init__(
        self, data: object, *, kinds: Iterable[str], consortia: list[tuple[str, str]]
    ) -> None:
        super().__init__(data)  # type: ignore[arg-type]
        self.every_kind = list(kinds)
        kind_field = self.fields["typ"]
        assert isinstance(kind_field, forms.MultipleChoiceField)  # noqa: S101
        kind_field.choices = [(kind, CALENDAR_KINDS[kind]) for kind in self.every_kind]
        if len(consortia) > 1:
            consortium_field = self.fields["samverkan"]
            assert isinstance(consortium_field, forms.ChoiceField)  # noqa: S101
            consortium_field.choices = [("", _("All")), *consortia]
        else:
            del self.fields["samverkan"]

    def kinds(self) -> list[str]:
        """The kinds asked for; none ticked (or a wrong one) shows every kind."""
        return (self.is_valid() and self.cleaned_data["typ"]) or self.every_kind

    def consortium(self) -> str:
        """The short name of the consortium asked for, or empty for all of them."""
        return (self.is_valid() and self.cleaned_data.get("samverkan")) or ""
