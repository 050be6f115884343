"""Reads of calls: the call list with its filters, one call, funders and programmes."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from navet.calls.models import Call, Funder, Programme, TargetGroup, Theme
from navet.core.errors import NotFound


@dataclass(frozen=True)
class CallFilter:
    """What the calls page was asked for; every field optional."""

    state: str = "open"  # open | soon | closing | closed | all
    text: str = ""
    funder: str = ""  # slug
    programme: str = ""  # slug
    theme: str = ""  # slug
    target_group: str = ""  # slug
    no_cofinancing: bool = False
    min_amount: int | None = None
    closing_within_days: int = 30


def calls_matching(criteria: CallFilter, now: datetime) -> QuerySet[Call]:
    calls = Call.objects.select_related("funder", "programme").prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("sv"))
    )
    if criteria.state == "open":
        calls = calls.open_on(now)
    elif criteria.state == "soon":
        calls = calls.coming_on(now)
    elif criteria.state == "closing":
        calls = calls.open_on(now).filter(
            closes__lte=now + timedelta(days=criteria.closing_within_days)
        )
    elif criteria.state == "closed":
        calls = calls.closed_on(now)
    if criteria.text:
        calls = calls.filter(
            Q(title__icontains=criteria.text) | Q(description__icontains=criteria.text)
        )
    if criteria.funder:
        calls = calls.filter(funder__slug=criteria.funder)
    if criteria.programme:
        calls = calls.filter(programme__slug=criteria.programme)
    if criteria.theme:
        calls = calls.filter(themes__slug=criteria.theme)
    if criteria.target_group:
        calls = calls.filter(target_groups__slug=criteria.target_group)
    if criteria.no_cofinancing:
        calls = calls.filter(
            Q(cofinancing_percent=0)
            | Q(cofinancing_percent__isnull=True, programme__cofinancing_percent=0)
        )
    if criteria.min_amount is not None:
        calls = calls.filter(
            Q(max_amount_sek__gte=criteria.min_amount) | Q(max_amount_sek__isnull=True)
        )
    ordering = ["-closes"] if criteria.state == "closed" else ["closes"]
    return calls.order_by(*ordering, "title").distinct()


def call_get(pk: int) -> Call:
    call = (
        Call.objects.select_related("funder", "programme")
        .prefetch_related("themes", "target_groups")
        .filter(pk=pk)
        .first()
    )
    if call is None:
        raise NotFound(_("No such call."))
    return call


Choices = list[tuple[str, str]]


def filter_choices() -> dict[str, Choices]:
    """(value, label) for each filter of the calls page; themes only where some call has them."""
    return {
        "funder": [(f.slug, f.name) for f in Funder.objects.order_by("name")],
        "programme": [
            (p.slug, str(p))
            for p in Programme.objects.select_related("funder").order_by("funder__name", "name")
        ],
        "theme": [
            (t.slug, t.sv)
            for t in Theme.objects.filter(calls__isnull=False).distinct().order_by("sv")
        ],
        "target_group": [
            (g.slug, g.sv)
            for g in TargetGroup.objects.filter(calls__isnull=False).distinct().order_by("sv")
        ],
    }


def funders_with_programmes() -> QuerySet[Funder]:
    return Funder.objects.prefetch_related("programmes").order_by("name")
