"""A consortium's collaboration agreement (samverkansöverenskommelse): its vision, goals with
measurable sub-goals and their measurements over time, and the action plan (handlingsplan)
with who is responsible for each action."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from navet.core.limits import text_limit
from navet.organisations.models import Consortium, Municipality


class Agreement(models.Model):
    """The agreement of one consortium, followed up yearly by its steering group."""

    consortium = models.OneToOneField(
        Consortium,
        on_delete=models.PROTECT,
        related_name="agreement",
        verbose_name=_("consortium"),
    )
    title = models.CharField(_("title"), max_length=300)
    vision = models.TextField(_("vision"), **text_limit())
    reference = models.CharField(_("registration number"), max_length=60, blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self) -> str:
        return self.title


class Goal(models.Model):
    """A goal (mål) of the agreement; measured through its sub-goals."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="goals")
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    title = models.CharField(_("goal"), max_length=300)
    description = models.TextField(_("description"), blank=True, **text_limit())

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["agreement", "position", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_additional_data(self) -> dict[str, int]:
        return {"agreement": self.agreement_id}


class SubGoal(models.Model):
    """A measurable sub-goal (delmål): an indicator moving from a baseline to a target by a date."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="subgoals")
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    title = models.CharField(_("sub-goal"), max_length=300)
    indicator = models.CharField(_("indicator"), max_length=300)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2)
    baseline_on = models.DateField(_("baseline measured on"))
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    target_on = models.DateField(_("target date"))

    class Meta:
        verbose_name = _("sub-goal")
        verbose_name_plural = _("sub-goals")
        ordering = ["goal", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_on__gt=F("baseline_on")),
                name="subgoal_target_after_baseline",
                violation_error_message=_("The target date must come after the baseline's date."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_additional_data(self) -> dict[str, int]:
        return {"agreement": self.goal.agreement_id}


class Measurement(models.Model):
    """A value of a sub-goal's indicator on a day (one per day)."""

    subgoal = models.ForeignKey(SubGoal, on_delete=models.CASCADE, related_name="measurements")
    measured_on = models.DateField(_("measured on"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["subgoal", "measured_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["subgoal", "measured_on"],
                name="measurement_once_a_day",
                violation_error_message=_("The sub-goal already has a value for that day."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.measured_on:%Y-%m-%d}: {self.value}"

    def get_additional_data(self) -> dict[str, int]:
        return {"agreement": self.subgoal.goal.agreement_id}


class ActionItem(models.Model):
    """An action of the agreement's action plan, with the municipality or body responsible."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ONGOING = "ongoing", _("Ongoing")
        DONE = "done", _("Done")
        POSTPONED = "postponed", _("Postponed")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="actions")
    area = models.CharField(_("area"), max_length=200)
    action = models.TextField(_("action"), **text_limit())
    responsible_municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible municipality"),
    )
    responsible_body = models.CharField(_("responsible body"), max_length=200, blank=True)
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["agreement", "area", "due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(responsible_municipality__isnull=False) | ~Q(responsible_body=""),
                name="action_has_someone_responsible",
                violation_error_message=_("Name the municipality or the body responsible."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area}: {self.action[:60]}"

    def get_additional_data(self) -> dict[str, int]:
        return {"agreement": self.agreement_id}

    @property
    def responsible(self) -> str:
        names = [self.responsible_municipality.name] if self.responsible_municipality else []
        if self.responsible_body:
            names.append(self.responsible_body)
        return ", ".join(names)
