"""The shared resource's cost per consortium and year, which the evaluation shares out."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from navet.economics import costsharing
from navet.organisations.models import Consortium, Municipality
from navet.projects.models import Project


class ResourceCost(models.Model):
    """What a consortium's member municipalities pay together for the shared resource in one
    year (after any grants that fund it), and the key that shares it between them."""

    class Key(models.TextChoices):
        EQUAL = costsharing.Key.EQUAL.value, _("Equal shares")
        POPULATION = costsharing.Key.POPULATION.value, _("By population")
        BASE_FEE = costsharing.Key.BASE_FEE.value, _("Base fee plus per capita")
        USAGE = costsharing.Key.USAGE.value, _("By use of the resource (logged time)")

    consortium = models.ForeignKey(
        Consortium,
        on_delete=models.CASCADE,
        related_name="resource_costs",
        verbose_name=_("consortium"),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    cost_sek = models.PositiveBigIntegerField(
        _("yearly cost (kr)"), validators=[MaxValueValidator(costsharing.MAX_SEK)]
    )
    key = models.CharField(_("cost key"), max_length=12, choices=Key.choices, default=Key.EQUAL)
    base_share_percent = models.PositiveSmallIntegerField(
        _("base fee share (%)"),
        default=0,
        validators=[MaxValueValidator(100)],
        help_text=_("With a base fee plus per capita: the part of the cost shared equally."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("cost of the shared resource")
        verbose_name_plural = _("costs of the shared resource")
        ordering = ["consortium", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["consortium", "year"], name="resource_cost_once_per_consortium_and_year"
            ),
            models.CheckConstraint(
                condition=Q(base_share_percent__lte=100),
                name="resource_cost_base_share_at_most_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.consortium} {self.year}"


class TimeEntry(models.Model):
    """Time the shared resource spent for a municipality, optionally on one of its projects: what
    the usage key shares the cost by, and how the coordinator shows where the time goes."""

    consortium = models.ForeignKey(
        Consortium,
        on_delete=models.CASCADE,
        related_name="time_entries",
        verbose_name=_("consortium"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="time_entries",
        verbose_name=_("municipality"),
    )
    project = models.ForeignKey(
        Project,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="time_entries",
        verbose_name=_("project"),
    )
    worked_on = models.DateField(_("date"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(Decimal(24))],
    )
    note = models.CharField(_("what was done"), max_length=300, blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("time entry")
        verbose_name_plural = _("time log")
        ordering = ["-worked_on", "-pk"]
        indexes = [models.Index(fields=["consortium", "worked_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0) & Q(hours__lte=24), name="time_entry_hours_in_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.worked_on} {self.municipality} {self.hours} h"
