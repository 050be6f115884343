from datetime import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from navet.core import limits
from navet.decisions.models import ActionItem, Attendance, BoardDecision, Meeting, Motion, Vote
from navet.needs.models import Need
from navet.organisations.models import Consortium, Municipality
from navet.projects.models import Project


class _Name(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(getattr(obj, "name", None) or getattr(obj, "title", obj))


class _MeetingChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title}, {timezone.localtime(obj.starts_at):%Y-%m-%d %H:%M}"


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
        max_length=limits.TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the steering group decides, e.g. to apply for a call with a project."),
    )
    background = forms.CharField(
        label=_("Background"), widget=forms.Textarea, required=False, max_length=limits.TEXT
    )
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
    meeting = _MeetingChoice(
        label=_("Put it on the agenda of"),
        queryset=Meeting.objects.none(),
        required=False,
        empty_label=_("No meeting"),
        help_text=_("The motion goes last on the meeting's agenda."),
    )

    def __init__(
        self,
        *args: Any,
        consortia: QuerySet[Consortium] | None,
        projects: QuerySet[Project],
        meetings: QuerySet[Meeting] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if meetings is None:
            del self.fields["meeting"]
        else:
            self.fields["meeting"].queryset = meetings  # type: ignore[attr-defined]
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
        meeting = data.get("meeting")
        consortium = data.get("consortium")
        if meeting and consortium and meeting.consortium_id != consortium.pk:
            self.add_error("meeting", _("Choose a meeting of the motion's consortium."))
        return data


class VoteForm(forms.Form):
    municipality = forms.IntegerField(min_value=1)
    choice = forms.ChoiceField(choices=Vote.Choice.choices)


class MinutesForm(forms.Form):
    paragraph = forms.CharField(
        label=_("Paragraph in the minutes"),
        max_length=20,
        required=False,
        help_text=_("E.g. § 5."),
    )
    adjusted_immediately = forms.BooleanField(
        label=_("The paragraph is adjusted at once (paragrafen justeras omedelbart)"),
        required=False,
    )


class DocumentForm(forms.Form):
    file = forms.FileField(label=_("Document"))


class MeetingForm(forms.Form):
    """A meeting planned or changed. The consortia, motions and needs to choose from come from the
    view; on a new meeting the links to motions and needs are left for later."""

    consortium = _Name(label=_("Consortium"), queryset=Consortium.objects.none(), empty_label=None)
    kind = forms.ChoiceField(label=_("Kind of meeting"), choices=Meeting.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    starts_at = _moment(_("Starts"))
    ends_at = _moment(_("Ends"))
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    link = forms.URLField(
        label=_("Link to the online meeting"), max_length=500, required=False, assume_scheme="https"
    )
    agenda = forms.CharField(
        label=_("Agenda"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_(
            "One item per line. A line that starts with a motion's registration number treats it."
        ),
    )
    minutes = forms.CharField(
        label=_("Minutes"),
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
        max_length=limits.TEXT,
    )
    needs = forms.ModelMultipleChoiceField(
        label=_("Needs raised at the meeting"),
        queryset=Need.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    motions = forms.ModelMultipleChoiceField(
        label=_("Motions decided at the meeting"),
        queryset=Motion.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self,
        *args: Any,
        consortia: QuerySet[Consortium] | None,
        choices: dict[str, QuerySet[Any]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if consortia is None:
            del self.fields["consortium"]
        else:
            self.fields["consortium"].queryset = consortia  # type: ignore[attr-defined]
        if choices is None:
            for name in ("minutes", "needs", "motions"):
                del self.fields[name]
        else:
            for name in ("needs", "motions"):
                self.fields[name].queryset = choices[name]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts: datetime | None = data.get("starts_at")
        ends: datetime | None = data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The meeting must end after it starts."))
        data["agenda"] = str(data.get("agenda", "")).splitlines()
        return data


class AttendanceForm(forms.Form):
    """Every invited member a row: present, absent or excused, and who attended."""

    def __init__(self, *args: Any, rows: list[Attendance], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            self.fields[f"status_{row.municipality_id}"] = forms.ChoiceField(
                label=row.municipality.name,
                choices=Attendance.Status.choices,
                widget=forms.RadioSelect,
                required=False,
                initial=row.status,
            )
            self.fields[f"by_{row.municipality_id}"] = forms.CharField(
                label=_("Who attended for %(name)s") % {"name": row.municipality.name},
                max_length=300,
                required=False,
                initial=row.attended_by,
            )

    def pairs(self) -> list[tuple[Attendance, forms.BoundField, forms.BoundField]]:
        return [
            (row, self[f"status_{row.municipality_id}"], self[f"by_{row.municipality_id}"])
            for row in self.rows
        ]

    def entries(self) -> dict[int, tuple[str, str]]:
        return {
            row.municipality_id: (
                self.cleaned_data[f"status_{row.municipality_id}"],
                self.cleaned_data[f"by_{row.municipality_id}"],
            )
            for row in self.rows
        }


class MeetingVotesForm(forms.Form):
    """The vote of every member present at a meeting, as the minutes say: yes, no, abstain, or
    none; it starts from the vote cast in the window, if any."""

    def __init__(self, *args: Any, present: list[tuple[Attendance, Vote]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.present = present
        for row, vote in present:
            self.fields[f"vote_{row.municipality_id}"] = forms.ChoiceField(
                label=row.municipality.name,
                choices=[*Vote.Choice.choices, ("", _("Did not vote"))],
                widget=forms.RadioSelect,
                required=False,
                initial=vote.choice,
            )

    def rows(self) -> list[tuple[Attendance, Vote, forms.BoundField]]:
        return [(row, vote, self[f"vote_{row.municipality_id}"]) for row, vote in self.present]

    def choices(self) -> dict[int, str]:
        return {
            row.municipality_id: self.cleaned_data[f"vote_{row.municipality_id}"]
            for row, _vote in self.present
        }


def _day(label: Any, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
    )


def _number(label: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, max_digits=14, decimal_places=2, localize=True, widget=forms.TextInput
    )


class AgreementForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    vision = forms.CharField(
        label=_("Vision"), widget=forms.Textarea(attrs={"rows": 4}), max_length=limits.TEXT
    )
    reference = forms.CharField(label=_("Registration number"), max_length=60, required=False)
    adopted_on = _day(_("Adopted on"), required=False)


class GoalForm(forms.Form):
    title = forms.CharField(label=_("Goal"), max_length=300)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=limits.TEXT,
    )


class SubGoalForm(forms.Form):
    title = forms.CharField(label=_("Sub-goal"), max_length=300)
    indicator = forms.CharField(
        label=_("Indicator"),
        max_length=300,
        help_text=_("What is measured, e.g. the number of joint applications a year."),
    )
    unit = forms.CharField(label=_("Unit"), max_length=40, required=False)
    baseline = _number(_("Baseline"))
    baseline_on = _day(_("Baseline measured on"))
    target = _number(_("Target"))
    target_on = _day(_("Target date"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("baseline_on"), data.get("target_on")
        if start and end and end <= start:
            self.add_error("target_on", _("The target date must come after the baseline's date."))
        if data.get("baseline") is not None and data.get("baseline") == data.get("target"):
            self.add_error("target", _("The target must differ from the baseline."))
        return data


class MeasurementForm(forms.Form):
    measured_on = _day(_("Measured on"))
    value = _number(_("Value"))
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class ActionForm(forms.Form):
    """An action of the action plan; the municipalities to choose from are the members."""

    area = forms.CharField(label=_("Area"), max_length=200)
    action = forms.CharField(
        label=_("Action"), widget=forms.Textarea(attrs={"rows": 3}), max_length=limits.TEXT
    )
    responsible_municipality = _Name(
        label=_("Responsible municipality"), queryset=Municipality.objects.none(), required=False
    )
    responsible_body = forms.CharField(
        label=_("Responsible body"),
        max_length=200,
        required=False,
        help_text=_("E.g. the steering group or the coordinator, when no one municipality is."),
    )
    due_on = _day(_("Due date"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=ActionItem.Status.choices)

    def __init__(self, *args: Any, members: QuerySet[Municipality], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible_municipality"].queryset = members  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("responsible_municipality") and not data.get("responsible_body"):
            self.add_error("responsible_body", _("Name the municipality or the body responsible."))
        return data


class SeatForm(forms.Form):
    """Name a member's representative or deputy; the members and people come from the view."""

    municipality = _Name(
        label=_("Municipality"), queryset=Municipality.objects.none(), empty_label=None
    )
    user = forms.TypedChoiceField(label=_("Person"), coerce=int, choices=[])
    deputy = forms.TypedChoiceField(
        label=_("Seat"),
        coerce=lambda v: v == "deputy",
        choices=[("representative", _("Representative")), ("deputy", _("Deputy"))],
        widget=forms.RadioSelect,
        initial="representative",
    )

    def __init__(
        self, *args: Any, members: QuerySet[Municipality], people: list[Any], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = members  # type: ignore[attr-defined]
        self.fields["user"].choices = [  # type: ignore[attr-defined]
            (p.pk, p.get_full_name() or p.username) for p in people
        ]


class BoardDecisionForm(forms.Form):
    """A municipal board's decision on taking part in a project."""

    body = forms.CharField(
        label=_("Board"), max_length=200, help_text=_("E.g. Socialnämnden or Kommunstyrelsen.")
    )
    decided_on = _day(_("Decided on"))
    paragraph = forms.CharField(label=_("Paragraph"), max_length=20, required=False)
    reference = forms.CharField(label=_("Registration number"), max_length=60, required=False)
    outcome = forms.ChoiceField(
        label=_("Decision"), choices=BoardDecision.Outcome.choices, widget=forms.RadioSelect
    )
    adjusted_immediately = forms.BooleanField(
        label=_("The paragraph is adjusted at once (paragrafen justeras omedelbart)"),
        required=False,
    )
