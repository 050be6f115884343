"""Projects (projekt): what the consortium does with a need and a call, from idea to final
report."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from navet.calls.models import Call, Funder, Programme
from navet.needs.models import Need
from navet.organisations.models import Consortium, Municipality
from navet.projects import lifecycle


class Project(models.Model):
    """A project of a consortium: it answers at least one need and (once chosen) targets a call."""

    class Status(models.TextChoices):
        IDEA = lifecycle.IDEA, _("Project idea")
        NEEDS_ANALYSIS = lifecycle.NEEDS_ANALYSIS, _("Needs analysis")
        DECISION = lifecycle.DECISION, _("Decision")
        APPLICATION = lifecycle.APPLICATION, _("Application in progress")
        SUBMITTED = lifecycle.SUBMITTED, _("Submitted")
        GRANTED = lifecycle.GRANTED, _("Granted")
        REFUSED = lifecycle.REFUSED, _("Refused")
        RUNNING = lifecycle.RUNNING, _("Running")
        FINISHED = lifecycle.FINISHED, _("Finished")
        FINAL_REPORT_APPROVED = lifecycle.FINAL_REPORT_APPROVED, _("Final report approved")
        REPAYMENT = lifecycle.REPAYMENT, _("Repayment")
        WITHDRAWN = lifecycle.WITHDRAWN, _("Withdrawn")

    class Scope(models.TextChoices):
        MUNICIPALITY = lifecycle.Scope.MUNICIPALITY.value, _("One municipality")
        GROUP = lifecycle.Scope.GROUP.value, _("A group of municipalities")
        CONSORTIUM = lifecycle.Scope.CONSORTIUM.value, _("The whole consortium")

    consortium = models.ForeignKey(
        Consortium,
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("consortium"),
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    scope = models.CharField(
        _("scope"), max_length=12, choices=Scope.choices, default=Scope.MUNICIPALITY
    )
    owner = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="owned_projects",
        verbose_name=_("project owner"),
    )
    participants = models.ManyToManyField(
        Municipality,
        related_name="projects",
        verbose_name=_("participating municipalities"),
    )
    needs = models.ManyToManyField(Need, related_name="projects", verbose_name=_("needs"))
    call = models.ForeignKey(
        Call,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("call"),
    )
    # The call's funder and programme, kept here too: a project brought in from earlier years
    # names its funder and programme without a call in Navet.
    funder = models.ForeignKey(
        Funder,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("funder"),
    )
    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("programme"),
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    requested_sek = models.PositiveBigIntegerField(
        _("requested amount (kr)"), null=True, blank=True
    )
    granted_sek = models.PositiveBigIntegerField(_("granted amount (kr)"), null=True, blank=True)
    repaid_sek = models.PositiveBigIntegerField(_("repaid amount (kr)"), null=True, blank=True)
    # Brought in from a spreadsheet of earlier years: it may answer no need (docs/projects.md).
    imported_history = models.BooleanField(_("imported history"), default=False)
    contacts = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="contact_for_projects",
        verbose_name=_("contact persons"),
    )
    status = models.CharField(
        _("status"), max_length=24, choices=Status.choices, default=Status.IDEA
    )
    # Stands in for the steering group's motion until decisions exist (ADR 0010).
    steering_decision_reference = models.CharField(
        _("steering group decision"), max_length=200, blank=True
    )
    steering_decision_on = models.DateField(_("steering group decision on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="project_ends_after_it_starts",
                violation_error_message=_("A project ends after it starts."),
            ),
        ]
        indexes = [models.Index(fields=["consortium", "status"])]

    def __str__(self) -> str:
        return self.title

    def facts(self, *, needs: int | None = None) -> lifecycle.Facts:
        """What the lifecycle's rules need to know (`needs`: the count, if already known)."""
        return lifecycle.Facts(
            status=self.status,
            scope=lifecycle.Scope(self.scope),
            needs=len(self.needs.all()) if needs is None else needs,
            imported_history=self.imported_history,
            has_call=self.call_id is not None,
            steering_decision_reference=self.steering_decision_reference,
            steering_decision_on=self.steering_decision_on,
            requested_sek=self.requested_sek,
            granted_sek=self.granted_sek,
            starts_on=self.starts_on,
            ends_on=self.ends_on,
        )
