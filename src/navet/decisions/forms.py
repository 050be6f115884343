from datetime import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from navet.decisions.models import Motion, Vote
from navet.organisations.models import Consortium
from navet.projects.models import Project


class _Name(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(getattr(obj, "name", None) or getattr(obj, "title", obj))


def _moment(label: Any, required: bool = True) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )


class MotionForm(forms.Form):
    """A motion put to the steering group, or changed before the first vote. The consortia and
    projects to choose from come from the view."""

    consortium = _Name(label=_("Consortium"), queryset=Consortium.objects.none(), empty_label=None)
    title = forms.CharField(label=_("Title"), max_length=300)
    proposal = forms.CharField(
        label=_("Proposal"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the steering group decides, e.g. to apply for a call with a project."),
    )
    background = forms.CharField(label=_("Background"), widget=forms.Textarea, required=False)
    project = _Name(label=_("Project"), queryset=Project.objects.none(), required=False)
    number = forms.CharField(
        label=_("Registration number"),
        max_length=40,
        required=False,
        help_text=_("Leave empty to get the next number of the year."),
    )
    opens_at = _moment(_("Voting opens"), required=False)
    closes_at = _moment(_("Voting closes"))
    quorum_percent = forms.IntegerField(
        label=_("Quorum (per cent of members who must vote)"), min_value=0, max_value=100
    )
    majority = forms.ChoiceField(label=_("Majority"), choices=Motion.Majority.choices)
    base = forms.ChoiceField(label=_("Majority of"), choices=Motion.Base.choices)
    abstentions_count = forms.BooleanField(
        label=_("Abstentions count as votes cast"), required=False
    )
    tie = forms.ChoiceField(label=_("On a tie"), choices=Motion.Tie.choices)

    def __init__(
        self,
        *args: Any,
        consortia: QuerySet[Consortium] | None,
        projects: QuerySet[Project],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if consortia is None:
            del self.fields["consortium"]
            del self.fields["number"]
        else:
            self.fields["consortium"].queryset = consortia  # type: ignore[attr-defined]
        self.fields["project"].queryset = projects  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens: datetime | None = data.get("opens_at")
        closes: datetime | None = data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("Voting must close after it opens."))
        return data


class VoteForm(forms.Form):
    municipality = forms.IntegerField(min_value=1)
    choice = forms.ChoiceField(choices=Vote.Choice.choices)


class DocumentForm(forms.Form):
    file = forms.FileField(label=_("Document"))
