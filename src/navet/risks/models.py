"""Risks (risker) of a consortium or of one of its projects, and the consortium's SWOT board."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from navet.core.limits import text_limit
from navet.organisations.models import Consortium
from navet.projects.models import Project
from navet.risks import matrix


class Risk(models.Model):
    """A risk on the study's scales, owned by one person who follows it up by its review date.

    It belongs either to a consortium (a risk to the collaboration itself) or to a project, never
    both (a check constraint)."""

    class Likelihood(models.TextChoices):
        LOW = matrix.Likelihood.LOW.value, pgettext_lazy("likelihood", "Low")
        MEDIUM = matrix.Likelihood.MEDIUM.value, pgettext_lazy("likelihood", "Medium")
        HIGH = matrix.Likelihood.HIGH.value, pgettext_lazy("likelihood", "High")

    class Consequence(models.TextChoices):
        SERIOUS = matrix.Consequence.SERIOUS.value, pgettext_lazy("consequence", "Serious")
        MORE_SERIOUS = (
            matrix.Consequence.MORE_SERIOUS.value,
            pgettext_lazy("consequence", "More serious"),
        )
        VERY_SERIOUS = (
            matrix.Consequence.VERY_SERIOUS.value,
            pgettext_lazy("consequence", "Very serious"),
        )

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("risk", "Open")
        MITIGATED = "mitigated", pgettext_lazy("risk", "Mitigated")
        CLOSED = "closed", pgettext_lazy("risk", "Closed")

    consortium = models.ForeignKey(
        Consortium,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="risks",
        verbose_name=_("consortium"),
    )
    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="risks",
        verbose_name=_("project"),
    )
    title = models.CharField(_("risk"), max_length=300)
    description = models.TextField(_("description"), blank=True, **text_limit())
    likelihood = models.CharField(_("likelihood"), max_length=8, choices=Likelihood.choices)
    consequence = models.CharField(_("consequence"), max_length=14, choices=Consequence.choices)
    # matrix.rank(likelihood, consequence), kept so that lists sort by severity in the database.
    severity = models.PositiveSmallIntegerField(_("severity"), editable=False, default=1)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="owned_risks",
        verbose_name=_("owner"),
    )
    measures = models.TextField(_("preventive measures"), blank=True, **text_limit())
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    review_on = models.DateField(_("review date"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        ordering = ["-severity", "review_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(consortium__isnull=False, project__isnull=True)
                | Q(consortium__isnull=True, project__isnull=False),
                name="risk_of_a_consortium_or_a_project",
                violation_error_message=_("A risk belongs to a consortium or to a project."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: object, **kwargs: object) -> None:
        self.severity = matrix.rank(self.likelihood, self.consequence)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def level(self) -> matrix.Level:
        return matrix.level(self.likelihood, self.consequence)

    @property
    def home_consortium_id(self) -> int:
        """The consortium whose register holds the risk."""
        if self.consortium_id is not None:
            return self.consortium_id
        return self.project.consortium_id  # type: ignore[union-attr]


class SwotItem(models.Model):
    """One line of a consortium's SWOT board."""

    class Quadrant(models.TextChoices):
        STRENGTH = "strength", _("Strengths")
        WEAKNESS = "weakness", _("Weaknesses")
        OPPORTUNITY = "opportunity", _("Opportunities")
        THREAT = "threat", _("Threats")

    consortium = models.ForeignKey(
        Consortium,
        on_delete=models.CASCADE,
        related_name="swot_items",
        verbose_name=_("consortium"),
    )
    quadrant = models.CharField(_("quadrant"), max_length=12, choices=Quadrant.choices)
    text = models.CharField(_("text"), max_length=500)
    position = models.PositiveIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("SWOT item")
        verbose_name_plural = _("SWOT items")
        ordering = ["consortium", "quadrant", "position", "pk"]

    def __str__(self) -> str:
        return self.text
