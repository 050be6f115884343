"""A municipality's needs (behov) and other municipalities' endorsements of them."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from navet.calls.models import TargetGroup, Theme
from navet.core.limits import amount_limit, text_limit
from navet.core.search import SearchTermsField
from navet.organisations.models import Municipality


class Need(models.Model):
    """A need raised by a municipality; the start of every project idea (§3: need-driven work)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")  # the municipality's own until shared
        OPEN = "open", _("Open")
        IN_PROJECT = "in_project", _("In a project")
        MET = "met", _("Met")
        DROPPED = "dropped", _("Dropped")

    class Priority(models.IntegerChoices):
        HIGH = 1, _("High")
        MEDIUM = 2, _("Medium")
        LOW = 3, _("Low")

    class RaisedIn(models.TextChoices):
        NETWORK_MEETING = "network_meeting", _("Network meeting")
        STEERING_MEETING = "steering_meeting", _("Steering group meeting")
        WORKSHOP = "workshop", _("Workshop")
        INTERVIEW = "interview", _("Interview")
        SURVEY = "survey", _("Survey")
        OTHER = "other", _("Other")

    external_id = models.CharField(_("external id"), max_length=200, unique=True)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="needs", verbose_name=_("municipality")
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True, **text_limit())
    # Their search terms (navet.core.search), kept by every save.
    search_title = SearchTermsField(sources=("title",))
    search_body = SearchTermsField(sources=("description",))
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="needs", verbose_name=_("themes")
    )
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="needs", verbose_name=_("target groups")
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.MEDIUM
    )
    raised_in = models.CharField(
        _("raised in"), max_length=20, choices=RaisedIn.choices, default=RaisedIn.OTHER
    )
    raised_at = models.DateField(_("raised on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    cofinancing_capacity_percent = models.DecimalField(
        _("co-financing capacity (%)"),
        max_digits=5,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("The largest share of a project's cost the municipality can pay itself."),
    )
    estimated_cost_sek = models.PositiveBigIntegerField(
        _("estimated cost (kr)"), null=True, blank=True, **amount_limit()
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["priority", "-raised_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cofinancing_capacity_percent__gte=0)
                & Q(cofinancing_capacity_percent__lte=100),
                name="need_cofinancing_capacity_is_a_percentage",
            ),
        ]
        indexes = [models.Index(fields=["municipality", "status"])]

    def __str__(self) -> str:
        return self.title


class Endorsement(models.Model):
    """Another municipality says "vi har också detta behov" (we have this need too)."""

    need = models.ForeignKey(
        Need, on_delete=models.CASCADE, related_name="endorsements", verbose_name=_("need")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="endorsements",
        verbose_name=_("municipality"),
    )
    comment = models.TextField(_("comment"), blank=True, **text_limit())
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["need", "municipality"], name="endorsement_once_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.need}"

    def get_additional_data(self) -> dict[str, int]:
        """Kept with each audit entry, so the need's history shows endorsements given and
        withdrawn."""
        return {"need": self.need_id}
