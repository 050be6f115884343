"""Stored suggestions: the best open calls for each need, refreshed in the background."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from navet.calls.models import Call
from navet.matching.engine import fit_label
from navet.needs.models import Need
from navet.organisations.models import Consortium


class Match(models.Model):
    """One of a need's best calls on the day it was computed, with the reasons why."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="matches")
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="matches")
    score = models.FloatField(_("score"))
    rank = models.PositiveSmallIntegerField(_("rank"))
    reasons = models.JSONField(_("reasons"), default=list)
    first_seen_at = models.DateTimeField(_("first suggested"), auto_now_add=True)

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        ordering = ["need", "rank"]
        constraints = [models.UniqueConstraint(fields=["need", "call"], name="match_once")]
        indexes = [models.Index(fields=["first_seen_at"])]

    def __str__(self) -> str:
        return f"{self.need} → {self.call} ({self.score:.2f})"

    @property
    def label(self) -> str | None:
        """The fit in words ("Mycket god", "God", "Möjlig"); None below the cut-off."""
        return fit_label(self.score)


class Refresh(models.Model):
    """When the matches were last brought up to date, and for which day (one row)."""

    finished_at = models.DateTimeField()
    day = models.DateField()

    def __str__(self) -> str:
        return f"{self.day} ({self.finished_at:%Y-%m-%d %H:%M})"


class MatchesVisit(models.Model):
    """Up to when a user has looked through a consortium's good matches: what was first
    suggested later is "new" to them on the matches page."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="matches_visits"
    )
    consortium = models.ForeignKey(
        Consortium, on_delete=models.CASCADE, related_name="matches_visits"
    )
    seen_at = models.DateTimeField(_("seen up to"))

    class Meta:
        verbose_name = _("matches visit")
        verbose_name_plural = _("matches visits")
        constraints = [
            models.UniqueConstraint(fields=["user", "consortium"], name="matches_visit_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.consortium} {self.seen_at:%Y-%m-%d %H:%M}"
