"""Motions (beslutsärenden) of a consortium's steering group, and the votes of its members: one
row per motion and member municipality, so a municipality can never have two votes."""

from fractions import Fraction

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from navet.core.limits import text_limit
from navet.core.search import SearchTermsField
from navet.decisions import tally
from navet.needs.models import Need
from navet.organisations.models import Consortium, Municipality, Role, RoleAssignment
from navet.projects.models import Project


class Motion(models.Model):
    """What the steering group is asked to decide, with its voting window and rule."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    class Majority(models.TextChoices):
        SIMPLE = tally.Majority.SIMPLE.value, _("Simple majority (more than half)")
        TWO_THIRDS = tally.Majority.TWO_THIRDS.value, _("Qualified majority (two thirds)")
        THREE_QUARTERS = (
            tally.Majority.THREE_QUARTERS.value,
            _("Qualified majority (three quarters)"),
        )

    class Base(models.TextChoices):
        CAST = tally.Base.CAST.value, _("Of the votes cast")
        MEMBERS = tally.Base.MEMBERS.value, _("Of all members")

    class Tie(models.TextChoices):
        FAILS = tally.Tie.FAILS.value, _("The motion fails")
        NO_DECISION = tally.Tie.NO_DECISION.value, _("No decision is made")

    class Outcome(models.TextChoices):
        PASSED = tally.Outcome.PASSED.value, _("Passed")
        FAILED = tally.Outcome.FAILED.value, _("Failed")
        NO_QUORUM = tally.Outcome.NO_QUORUM.value, _("No quorum")
        TIE = tally.Outcome.TIE.value, _("Tie, no decision")

    consortium = models.ForeignKey(
        Consortium, on_delete=models.PROTECT, related_name="motions", verbose_name=_("consortium")
    )
    number = models.CharField(_("registration number"), max_length=40)
    title = models.CharField(_("title"), max_length=300)
    proposal = models.TextField(_("proposal"), **text_limit())
    background = models.TextField(_("background"), blank=True, **text_limit())
    project = models.ForeignKey(
        Project,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="motions",
        verbose_name=_("project"),
    )
    opens_at = models.DateTimeField(_("voting opens"))
    closes_at = models.DateTimeField(_("voting closes"))
    quorum_percent = models.PositiveSmallIntegerField(
        _("quorum (per cent of members)"), default=50, validators=[MaxValueValidator(100)]
    )
    majority = models.CharField(
        _("majority"), max_length=16, choices=Majority.choices, default=Majority.SIMPLE
    )
    base = models.CharField(_("majority of"), max_length=8, choices=Base.choices, default=Base.CAST)
    abstentions_count = models.BooleanField(_("abstentions count as votes cast"), default=False)
    tie = models.CharField(_("on a tie"), max_length=12, choices=Tie.choices, default=Tie.FAILS)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default="open")
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, blank=True)
    # The tally frozen at close: counts, reasons and every municipality's vote.
    result = models.JSONField(_("result"), default=dict, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # The meeting where the motion was decided, if it was treated at one.
    meeting = models.ForeignKey(
        "Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="motions",
        verbose_name=_("decided at meeting"),
    )
    # The minutes: the paragraph (§) the decision has there, and whether it is adjusted at once
    # ("paragrafen justeras omedelbart") so that it takes effect before the minutes are approved.
    paragraph = models.CharField(_("paragraph in the minutes"), max_length=20, blank=True)
    adjusted_immediately = models.BooleanField(
        _("the paragraph is adjusted at once"), default=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("motion")
        verbose_name_plural = _("motions")
        ordering = ["-opens_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["consortium", "number"],
                name="motion_number_unique_in_consortium",
                violation_error_message=_("The registration number is already taken."),
            ),
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")),
                name="motion_closes_after_it_opens",
                violation_error_message=_("Voting must close after it opens."),
            ),
            models.CheckConstraint(
                condition=Q(quorum_percent__lte=100), name="motion_quorum_is_a_percentage"
            ),
            models.CheckConstraint(
                condition=Q(status="open", outcome="") | Q(status="closed") & ~Q(outcome=""),
                name="motion_outcome_only_when_closed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def rule(self) -> tally.Rule:
        return tally.Rule(
            quorum=Fraction(self.quorum_percent, 100),
            majority=tally.Majority(self.majority),
            base=tally.Base(self.base),
            abstentions_count=self.abstentions_count,
            tie=tally.Tie(self.tie),
        )


class Vote(models.Model):
    """A member municipality's vote on a motion. The row exists from the motion's start – the
    municipalities entitled to vote – and `choice` stays empty until someone votes."""

    class Choice(models.TextChoices):
        YES = tally.Choice.YES.value, _("Yes")
        NO = tally.Choice.NO.value, _("No")
        ABSTAIN = tally.Choice.ABSTAIN.value, _("Abstain")

    class CastAs(models.TextChoices):
        REPRESENTATIVE = "representative", _("Representative")
        DEPUTY = "deputy", _("Deputy")
        # Recorded by the coordinator as the minutes of a steering group meeting say.
        MEETING = "meeting", _("Recorded at the meeting")

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="votes")
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    choice = models.CharField(_("vote"), max_length=8, choices=Choice.choices, blank=True)
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cast by"),
    )
    cast_as = models.CharField(_("cast as"), max_length=16, choices=CastAs.choices, blank=True)
    cast_at = models.DateTimeField(_("cast at"), null=True, blank=True)
    # The meeting whose minutes the vote was recorded from (`cast_as` meeting).
    meeting = models.ForeignKey(
        "Meeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="votes",
        verbose_name=_("recorded at meeting"),
    )

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(
                fields=["motion", "municipality"], name="vote_once_per_municipality"
            ),
            models.CheckConstraint(
                condition=Q(choice="", cast_by__isnull=True, cast_as="")
                | ~Q(choice="") & Q(cast_by__isnull=False) & ~Q(cast_as=""),
                name="vote_cast_with_voter",
            ),
            models.CheckConstraint(
                condition=Q(cast_as="meeting", meeting__isnull=False)
                | ~Q(cast_as="meeting") & Q(meeting__isnull=True),
                name="vote_recorded_at_a_meeting_names_it",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.get_choice_display() or '–'}"

    def get_additional_data(self) -> dict[str, int]:
        """Kept with each audit entry, so the motion's history shows every vote."""
        return {"motion": self.motion_id}


class Deputy(models.Model):
    """Marks a steering role as a deputy's (ersättare): the holder votes for the municipality
    only while its ordinary representative has not. Removing the role removes the mark."""

    assignment = models.OneToOneField(
        RoleAssignment,
        on_delete=models.CASCADE,
        related_name="deputy",
        limit_choices_to={"role": Role.STEERING},
        verbose_name=_("steering role"),
    )
    appointed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("deputy")
        verbose_name_plural = _("deputies")

    def __str__(self) -> str:
        return str(self.assignment)


def _document_path(instance: "MotionDocument", filename: str) -> str:
    return f"decisions/{filename}"


class MotionDocument(models.Model):
    """A document attached to a motion (the application draft, a budget, a memo)."""

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(_("file"), upload_to=_document_path, max_length=300)
    name = models.CharField(_("name"), max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict[str, int]:
        return {"motion": self.motion_id}


class Meeting(models.Model):
    """A meeting of a consortium: the steering group, a network meeting, a workshop or a
    conference, with its agenda, each member's attendance, the minutes, and the needs raised and
    motions decided there. `sequence` counts the changes the invited calendars must follow."""

    class Kind(models.TextChoices):
        STEERING = "steering", _("Steering group meeting")
        NETWORK = "network", _("Network meeting")
        WORKSHOP = "workshop", _("Workshop")
        CONFERENCE = "conference", _("Conference")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")

    consortium = models.ForeignKey(
        Consortium, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("consortium")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.STEERING)
    title = models.CharField(_("title"), max_length=300)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    link = models.URLField(_("link to the online meeting"), max_length=500, blank=True)
    minutes = models.TextField(_("minutes"), blank=True, **text_limit())
    # Their search terms (navet.core.search), kept by every save.
    search_title = SearchTermsField(sources=("title",))
    search_body = SearchTermsField(sources=("place", "minutes"))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.PLANNED
    )
    needs = models.ManyToManyField(
        Need, blank=True, related_name="+", verbose_name=_("needs raised")
    )
    sequence = models.PositiveIntegerField(_("invitation version"), default=0)
    invited_at = models.DateTimeField(_("invitation sent"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="meeting_ends_after_it_starts",
                violation_error_message=_("The meeting must end after it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.starts_at:%Y-%m-%d}"


class AgendaItem(models.Model):
    """One item of a meeting's agenda (dagordning), in order; it may name the motion it treats."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("item"), max_length=300)
    motion = models.ForeignKey(
        Motion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("motion"),
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="agenda_item_position")
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"

    def get_additional_data(self) -> dict[str, int]:
        return {"meeting": self.meeting_id}


class Attendance(models.Model):
    """A member municipality's attendance at a meeting. The row exists from the meeting's start
    (the members invited); `status` stays empty until the coordinator records it."""

    class Status(models.TextChoices):
        PRESENT = "present", pgettext_lazy("attendance", "Present")
        ABSENT = "absent", _("Absent")
        EXCUSED = "excused", _("Excused")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    status = models.CharField(_("attendance"), max_length=8, choices=Status.choices, blank=True)
    attended_by = models.CharField(_("who attended"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "municipality"], name="attendance_once_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.get_status_display() or '–'}"

    def get_additional_data(self) -> dict[str, int]:
        return {"meeting": self.meeting_id}


# The agreement's models live beside the motions' and meetings'.
from navet.decisions.models.agreement import (  # noqa: E402
    ActionItem,
    Agreement,
    Goal,
    Measurement,
    SubGoal,
)
from navet.decisions.models.boards import BoardDecision  # noqa: E402

__all__ = [
    "ActionItem",
    "AgendaItem",
    "Agreement",
    "Attendance",
    "BoardDecision",
    "Deputy",
    "Goal",
    "Measurement",
    "Meeting",
    "Motion",
    "MotionDocument",
    "SubGoal",
    "Vote",
]
