"""The shared resource's cost per consortium and year, which the evaluation shares out."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from navet.economics import costsharing
from navet.organisations.models import Consortium


class ResourceCost(models.Model):
    """What a consortium's member municipalities pay together for the shared resource in one
    year (after any grants that fund it), and the key that shares it between them."""

    class Key(models.TextChoices):
        EQUAL = costsharing.Key.EQUAL.value, _("Equal shares")
        POPULATION = costsharing.Key.POPULATION.value, _("By population")
        BASE_FEE = costsharing.Key.BASE_FEE.value, _("Base fee plus per capita")

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
