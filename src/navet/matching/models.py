"""Stored suggestions: the best open calls for each need, refreshed in the background."""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from navet.calls.models import Call
from navet.core.limits import text_limit
from navet.core.text import Message
from navet.matching.engine import fit_label
from navet.needs.models import Need
from navet.organisations.models import Consortium


# A reason is stored as its message id and values, not as a sentence, so that each reader reads
# it in their own language (docs/matching.md). A value may itself be a message ("för en annan
# åldersgrupp (6–15 år)").
def reason_json(message: Message) -> dict[str, Any]:
    values = {
        name: reason_json(value) if isinstance(value, Message) else value
        for name, value in message.values.items()
    }
    return {"msgid": message.msgid, "values": values, "plural": message.plural}


def reason_message(stored: dict[str, Any]) -> Message:
    values = {
        name: reason_message(value) if isinstance(value, dict) else value
        for name, value in stored["values"].items()
    }
    return Message(stored["msgid"], values, stored["plural"])


class MatchQuerySet(models.QuerySet["Match"]):
    def undismissed(self) -> "MatchQuerySet":
        """Without the suggestions someone has dismissed for the need."""
        dismissed = Dismissal.objects.filter(need=OuterRef("need"), call=OuterRef("call"))
        return self.filter(~Exists(dismissed))


class Match(models.Model):
    """One of a need's best calls on the day it was computed, with the reasons why."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="matches")
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="matches")
    score = models.FloatField(_("score"))
    rank = models.PositiveSmallIntegerField(_("rank"))
    reasons = models.JSONField(_("reasons"), default=list)
    first_seen_at = models.DateTimeField(_("first suggested"), auto_now_add=True)

    objects = MatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        ordering = ["need", "rank"]
        constraints = [models.UniqueConstraint(fields=["need", "call"], name="match_once")]
        indexes = [models.Index(fields=["first_seen_at"])]

    def __str__(self) -> str:
        return f"{self.need} → {self.call} ({self.score:.2f})"

    @property
    def label(self) -> Message | None:
        """The fit in words ("Mycket god", "God", "Möjlig"); None below the cut-off."""
        return fit_label(self.score)

    @property
    def reason_messages(self) -> list[Message]:
        return [reason_message(stored) for stored in self.reasons]


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


class Dismissal(models.Model):
    """A suggested call someone has judged not worth pursuing for a need, and why. Kept apart
    from `Match`, which a refresh writes again: the judgement outlives every ranking."""

    class Reason(models.TextChoices):
        NOT_RELEVANT = "not-relevant", _("Not relevant for the need")
        NO_COFINANCING = "no-cofinancing", _("We cannot co-finance it")
        NO_CAPACITY = "no-capacity", _("No capacity to apply now")
        APPLIED_ELSEWHERE = "applied-elsewhere", _("Already applied for elsewhere")
        OTHER = "other", _("Other reason")

    NOTE_LIMIT = 1_000  # a sentence or two; what needs more belongs in the need's description

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="dismissals")
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="dismissals")
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    note = models.TextField(_("note"), blank=True, **text_limit(NOTE_LIMIT))
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dismissed by"),
    )
    dismissed_at = models.DateTimeField(_("dismissed"), auto_now_add=True)

    class Meta:
        verbose_name = _("dismissed suggestion")
        verbose_name_plural = _("dismissed suggestions")
        constraints = [
            models.UniqueConstraint(fields=["need", "call"], name="dismissal_once"),
            models.CheckConstraint(
                condition=~models.Q(reason="other") | ~models.Q(note=""),
                name="dismissal_other_says_why",
                violation_error_message=_("Say in a few words why, when the reason is other."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.need} ✕ {self.call} ({self.reason})"
