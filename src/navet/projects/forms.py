from collections.abc import Sequence
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from navet.calls.models import Call, Funder, Theme
from navet.core import limits
from navet.core.models import User
from navet.core.uploads import extension_of, validate_upload
from navet.needs.forms import SekField
from navet.needs.models import Need
from navet.organisations.models import Consortium, Municipality
from navet.projects import lifecycle
from navet.projects.models import Project
from navet.projects.selectors import ProjectFilter


class _Names(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        if isinstance(obj, Need):
            return f"{obj.title} ({obj.municipality.name})"
        if isinstance(obj, User):
            return obj.get_full_name() or obj.username
        return str(getattr(obj, "name", obj))


class _Name(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(getattr(obj, "name", obj))


def _date() -> forms.DateField:
    return forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class ProjectForm(forms.Form):
    """A project idea made from a need, or a project's facts changed. The choices come from the
    view: the consortia, municipalities, needs, calls and people this project may link to."""

    consortium = _Name(label=_("Consortium"), queryset=Consortium.objects.none(), empty_label=None)
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea, required=False, max_length=limits.TEXT
    )
    owner = _Name(label=_("Project owner"), queryset=Municipality.objects.none(), empty_label=None)
    participants = _Names(
        label=_("Participating municipalities"),
        queryset=Municipality.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The project owner always participates."),
    )
    scope = forms.ChoiceField(
        label=_("Scope"),
        choices=[("", _("From the participants")), *Project.Scope.choices],
        required=False,
        help_text=_("The whole consortium: every member municipality takes part."),
    )
    needs = _Names(
        label=_("Needs the project answers"),
        queryset=Need.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    call = forms.ModelChoiceField(
        label=_("Call"),
        queryset=Call.objects.none(),
        required=False,
        empty_label=_("No call chosen yet"),
    )
    starts_on = _date()
    ends_on = _date()
    requested_sek = SekField(
        label=_("Requested amount (kr)"),
        min_value=0,
        max_value=limits.AMOUNT_SEK,
        required=False,
        help_text=_("Whole kronor, for example 1 250 000."),
    )
    granted_sek = SekField(
        label=_("Granted amount (kr)"), min_value=0, max_value=limits.AMOUNT_SEK, required=False
    )
    repaid_sek = SekField(
        label=_("Repaid amount (kr)"),
        min_value=0,
        max_value=limits.AMOUNT_SEK,
        required=False,
        help_text=_("Money paid back to the funder."),
    )
    contacts = _Names(
        label=_("Contact persons"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(
        self,
        data: Any = None,
        *,
        initial: dict[str, Any] | None = None,
        consortia: Sequence[Consortium] | None,
        owners: QuerySet[Municipality],
        participants: QuerySet[Municipality],
        needs: QuerySet[Need],
        calls: QuerySet[Call],
        contacts: QuerySet[User] | None,
        granted: bool,
    ) -> None:
        super().__init__(data, initial=initial)
        self.fields["starts_on"].label = _("Starts on")
        self.fields["ends_on"].label = _("Ends on")
        fields = self.fields
        if consortia is None:
            del fields["consortium"]
        else:
            ids = [c.pk for c in consortia]
            consortium_field = fields["consortium"]
            assert isinstance(consortium_field, forms.ModelChoiceField)  # noqa: S101
            consortium_field.queryset = Consortium.objects.filter(pk__in=ids).order_by("name")
        for name, queryset in (
            ("owner", owners),
            ("participants", participants),
            ("needs", needs),
            ("call", calls),
            ("contacts", contacts),
        ):
            field = fields[name]
            assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
            if queryset is None:
                del fields[name]
            else:
                field.queryset = queryset
        if not granted:
            del fields["granted_sek"]
            del fields["repaid_sek"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("A project ends after it starts."))
        return data


class StatusForm(forms.Form):
    to = forms.ChoiceField(choices=Project.Status.choices)


PHASES = [
    ("", _("All")),
    (lifecycle.Phase.PAST.value, _("Past")),
    (lifecycle.Phase.PRESENT.value, _("Present")),
    (lifecycle.Phase.FUTURE.value, _("Future")),
]


class ProjectFilterForm(forms.Form):
    text = forms.CharField(label=_("Search"), max_length=100, required=False)
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    funder = forms.ChoiceField(label=_("Funder"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All")), *Project.Status.choices], required=False
    )
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=1990,
        max_value=2100,
        help_text=_("The projects whose period overlaps the year."),
    )
    phase = forms.ChoiceField(choices=PHASES, required=False, widget=forms.HiddenInput)

    def __init__(
        self,
        data: Any,
        *,
        municipalities: list[tuple[str, str]] | None,
        themes: Sequence[Theme],
        funders: Sequence[Funder],
    ) -> None:
        super().__init__(data)
        fields = self.fields
        if municipalities is None:  # a municipality's own portfolio
            del fields["municipality"]
        else:
            self._choices("municipality", municipalities)
        self._choices("theme", [(t.slug, t.sv) for t in themes])
        self._choices("funder", [(f.slug, f.name) for f in funders])

    def _choices(self, name: str, choices: list[tuple[str, str]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101
        field.choices = [("", _("All")), *choices]

    def criteria(self, *, municipality: str = "") -> ProjectFilter:
        if not self.is_valid():
            return ProjectFilter(municipality=municipality)
        data = self.cleaned_data
        return ProjectFilter(
            municipality=municipality or data.get("municipality", ""),
            status=data["status"],
            theme=data["theme"],
            funder=data["funder"],
            year=data["year"],
            phase=data["phase"],
            text=data["text"].strip(),
        )


class ProjectImportForm(forms.Form):
    """A project list (.xlsx) to bring into a consortium the user coordinates."""

    consortium = _Name(label=_("Consortium"), queryset=Consortium.objects.none(), empty_label=None)
    file = forms.FileField(
        label=_("File"),
        validators=[validate_upload],
        help_text=_("Excel (.xlsx) with the columns of the portfolio's export."),
    )

    def __init__(
        self, data: Any = None, files: Any = None, *, consortia: QuerySet[Consortium]
    ) -> None:
        super().__init__(data, files)
        field = self.fields["consortium"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
        field.queryset = consortia

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if extension_of(upload.name or "") != "xlsx":
            raise forms.ValidationError(_("Choose an .xlsx file."))
        return upload


def _upload(label: Any, *, required: bool, help_text: Any) -> forms.FileField:
    return forms.FileField(
        label=label, required=required, validators=[validate_upload], help_text=help_text
    )


class NeedsAnalysisItemForm(forms.Form):
    """One item of the checklist: done or not, notes, and a file to add."""

    done = forms.BooleanField(label=_("This item is done"), required=False)
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was done, with whom and what came out of it."),
    )
    file = _upload(
        _("Attach a file"),
        required=False,
        help_text=_("PDF, Word, Excel, PowerPoint, OpenDocument, images, CSV or text."),
    )


class ConfirmationForm(forms.Form):
    """A partner's signed cooperation form, as the signatory its board delegated signed it."""

    signed_by_name = forms.CharField(label=_("Signed by"), max_length=200)
    signed_by_title = forms.CharField(
        label=_("Title of the signatory"),
        max_length=200,
        help_text=_("The office the board delegated the signing to, e.g. socialdirektör."),
    )
    signed_on = forms.DateField(
        label=_("Signed on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    board_decision_reference = forms.CharField(
        label=_("The board's decision"),
        max_length=200,
        required=False,
        help_text=_("The decision delegating the signing, e.g. Socialnämnden 2023-09-04 § 5."),
    )
    file = _upload(
        _("The signed form"),
        required=True,
        help_text=_("A PDF or a scan (PDF, JPEG or PNG) of the signed form."),
    )


class WaiverForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason to submit without every signed form"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example: the board meets after the deadline and the funder accepts the form "
            "afterwards. Leave empty to remove the reason."
        ),
    )
