"""Each participating municipality's own decision on a joint project: its board (nämnd) decides
on the memo (tjänsteutlåtande) Navet drafts, and the decision is recorded back."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from navet.organisations.models import Municipality
from navet.projects.models import Project


class BoardDecision(models.Model):
    """A municipal board's decision on taking part in a project (one per project and
    municipality; a later decision, e.g. after a referral back, replaces it)."""

    class Outcome(models.TextChoices):
        APPROVED = "approved", pgettext_lazy("board decision", "Approved")
        REJECTED = "rejected", pgettext_lazy("board decision", "Rejected")
        REFERRED_BACK = "referred_back", pgettext_lazy("board decision", "Referred back")
        DEFERRED = "deferred", pgettext_lazy("board decision", "Deferred")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="board_decisions", verbose_name=_("project")
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    body = models.CharField(_("board"), max_length=200)
    decided_on = models.DateField(_("decided on"))
    paragraph = models.CharField(_("paragraph"), max_length=20, blank=True)
    reference = models.CharField(_("registration number"), max_length=60, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    adjusted_immediately = models.BooleanField(
        _("the paragraph is adjusted at once"), default=False
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("board decision")
        verbose_name_plural = _("board decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "municipality"], name="board_decision_once_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.body} {self.decided_on:%Y-%m-%d}"

    def clean(self) -> None:
        if self.decided_on and self.decided_on > timezone.localdate():
            raise ValidationError(
                {"decided_on": _("A board's decision cannot be dated in the future.")}
            )

    def get_additional_data(self) -> dict[str, int]:
        return {"project": self.project_id}
