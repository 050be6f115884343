"""Projects (projekt): what the consortium does with a need and a call, from idea to final
report."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from navet.calls.models import Call, Funder, Programme
from navet.core.limits import amount_limit, text_limit
from navet.core.search import SearchTermsField
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
    description = models.TextField(_("description"), blank=True, **text_limit())
    # Their search terms (navet.core.search), kept by every save.
    search_title = SearchTermsField(sources=("title",))
    search_body = SearchTermsField(sources=("description",))
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
        _("requested amount (kr)"), null=True, blank=True, **amount_limit()
    )
    granted_sek = models.PositiveBigIntegerField(
        _("granted amount (kr)"), null=True, blank=True, **amount_limit()
    )
    repaid_sek = models.PositiveBigIntegerField(
        _("repaid amount (kr)"), null=True, blank=True, **amount_limit()
    )
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
    # Why the application goes in without every partner's signed cooperation form (a coordinator
    # records it; the lifecycle then lets the project be submitted).
    confirmations_waiver_reason = models.TextField(
        _("reason to submit without every confirmation"), blank=True, **text_limit()
    )
    confirmations_waived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmations_waived_at = models.DateTimeField(null=True, blank=True)
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

    def get_absolute_url(self) -> str:
        """The project's page, for lower apps' pages that show a project (matching)."""
        return reverse("projects:project-detail", args=[self.pk])

    def clean(self) -> None:
        """A period no longer than the programme allows (when its longest time is known)."""
        longest = self.programme.max_duration_months if self.programme is not None else None
        if longest and self.starts_on and self.ends_on and self.ends_on >= self.starts_on:
            months = lifecycle.months_between(self.starts_on, self.ends_on)
            if months > longest:
                raise ValidationError(
                    {
                        "ends_on": _(
                            "The project runs %(months)d months; %(programme)s allows at most "
                            "%(longest)d."
                        )
                        % {"months": months, "programme": self.programme, "longest": longest}
                    }
                )

    def partners(self) -> list[Municipality]:
        """The participating municipalities other than the owner: each confirms its part with a
        signed cooperation form (the owner signs the application itself)."""
        return [m for m in self.participants.all() if m.pk != self.owner_id]

    def facts(self, *, needs: int | None = None) -> lifecycle.Facts:
        """What the lifecycle's rules need to know (`needs`: the count, if already known)."""
        done = self.needs_analysis_items.filter(done=True).count()
        partners = {m.pk for m in self.partners()}
        signed = set(
            self.confirmations.filter(
                municipality__in=partners, signed_on__isnull=False
            ).values_list("municipality_id", flat=True)
        )
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
            needs_analysis_open=len(lifecycle.NEEDS_ANALYSIS_ITEMS) - done,
            confirmations_missing=len(partners - signed),
            confirmations_waived=bool(self.confirmations_waiver_reason.strip()),
        )


class NeedsAnalysisItem(models.Model):
    """One item of a project's needs analysis checklist: done or not, with notes and files. A
    row exists once someone has written to the item; a missing row is an item not yet done."""

    class Kind(models.TextChoices):
        STUDY_VISITS = lifecycle.STUDY_VISITS, _("Study visits")
        ENVIRONMENT_SCAN = lifecycle.ENVIRONMENT_SCAN, _("Environment scan")
        EARLIER_RESEARCH = lifecycle.EARLIER_RESEARCH, _("Earlier research")
        RISK_ANALYSIS = lifecycle.RISK_ANALYSIS, _("Risk and consequence analysis")
        INTERVIEWS = lifecycle.INTERVIEWS, _("Interviews at every level of the target group")
        TARGET_GROUP_SHAPING = (
            lifecycle.TARGET_GROUP_SHAPING,
            _("How the target group takes part in shaping the project"),
        )

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="needs_analysis_items"
    )
    kind = models.CharField(_("item"), max_length=24, choices=Kind.choices)
    done = models.BooleanField(_("done"), default=False)
    notes = models.TextField(_("notes"), blank=True, **text_limit())
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("needs analysis item")
        verbose_name_plural = _("needs analysis items")
        constraints = [
            models.UniqueConstraint(fields=["project", "kind"], name="needs_analysis_item_once")
        ]

    def __str__(self) -> str:
        return f"{self.project}: {self.get_kind_display()}"

    def get_additional_data(self) -> dict[str, int]:
        return {"project": self.project_id}


def _needs_analysis_path(instance: "NeedsAnalysisFile", filename: str) -> str:
    return f"projects/needs-analysis/{filename}"


class NeedsAnalysisFile(models.Model):
    """A file of a checklist item (interview notes, a study visit's report, a risk analysis);
    stored under a name no user can steer, served only through a permission-checked view."""

    item = models.ForeignKey(NeedsAnalysisItem, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to=_needs_analysis_path, max_length=300)
    name = models.CharField(_("name"), max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("needs analysis file")
        verbose_name_plural = _("needs analysis files")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict[str, int]:
        return {"item": self.item_id}


def _confirmation_path(instance: "PartnerConfirmation", filename: str) -> str:
    return f"projects/confirmations/{filename}"


class PartnerConfirmation(models.Model):
    """A participating municipality's confirmation of its part: its board delegates a
    signatory, who signs the cooperation form (samverkansblankett, intyg samverkanspart)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="confirmations")
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="project_confirmations",
        verbose_name=_("municipality"),
    )
    requested_at = models.DateTimeField(_("requested"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    signed_by_name = models.CharField(_("signed by"), max_length=200, blank=True)
    signed_by_title = models.CharField(_("title of the signatory"), max_length=200, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    board_decision_reference = models.CharField(
        _("the board's decision"), max_length=200, blank=True
    )
    file = models.FileField(
        _("signed form"), upload_to=_confirmation_path, max_length=300, blank=True
    )
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("partner confirmation")
        verbose_name_plural = _("partner confirmations")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "municipality"], name="partner_confirmation_once"
            ),
            # A signature is whole: who, in what capacity, when, and the signed form.
            models.CheckConstraint(
                condition=Q(signed_on__isnull=True)
                | (~Q(signed_by_name="") & ~Q(signed_by_title="") & ~Q(file="")),
                name="partner_confirmation_signature_whole",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project}: {self.municipality}"

    def get_additional_data(self) -> dict[str, int]:
        return {"project": self.project_id}

    @property
    def signed(self) -> bool:
        return self.signed_on is not None
