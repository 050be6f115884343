"""Reads of needs, always through `needs_for(actor)`: the list with its filters, and one need."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from navet.calls.models import TargetGroup, Theme
from navet.core.audit import HistoryRow, history_for
from navet.core.errors import NotFound
from navet.core.models import User
from navet.core.text import swedish_sort_key
from navet.needs.models import Endorsement, Need
from navet.needs.permissions import needs_for
from navet.organisations.models import Municipality

LIST_LIMIT = 500  # rows a page or an export shows at most


@dataclass(frozen=True)
class NeedFilter:
    """What the needs page was asked for; every field optional."""

    municipality: str = ""  # SCB code
    theme: str = ""  # slug
    target_group: str = ""  # slug
    status: str = ""  # a Need.Status value; "" means every status
    priority: int | None = None
    text: str = ""
    sort: str = "municipality"  # municipality | priority | endorsements | raised


def needs_matching(actor: User, criteria: NeedFilter) -> QuerySet[Need]:
    """The actor's visible needs that match the filters, with what the list shows prefetched."""
    needs: QuerySet[Need] = (
        needs_for(actor)
        .select_related("municipality")
        .annotate(endorsement_count=Count("endorsements", distinct=True))
        .prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("sv")),
            Prefetch("target_groups", queryset=TargetGroup.objects.order_by("sv")),
        )
    )
    if criteria.municipality:
        needs = needs.filter(municipality__code=criteria.municipality)
    if criteria.theme:
        needs = needs.filter(themes__slug=criteria.theme)
    if criteria.target_group:
        needs = needs.filter(target_groups__slug=criteria.target_group)
    if criteria.status:
        needs = needs.filter(status=criteria.status)
    if criteria.priority is not None:
        needs = needs.filter(priority=criteria.priority)
    if criteria.text:
        needs = _search(needs, criteria.text)
    return needs.order_by("priority", "-raised_at", "pk")


def _search(needs: QuerySet[Need], text: str) -> QuerySet[Need]:
    """Swedish full-text search on PostgreSQL, a case-insensitive substring match on SQLite
    (as for calls)."""
    substring = Q(title__icontains=text) | Q(description__icontains=text)
    if connection.vendor != "postgresql":
        return needs.filter(substring)
    vector = SearchVector("title", config="swedish", weight="A") + SearchVector(
        "description", config="swedish", weight="B"
    )
    query = SearchQuery(text, config="swedish", search_type="websearch")
    return needs.annotate(search=vector).filter(Q(search=query) | substring)


def sorted_needs(needs: QuerySet[Need], sort: str, limit: int = LIST_LIMIT) -> list[Need]:
    """At most `limit` needs, sorted as asked; names and titles in Swedish order (Å Ä Ö last)."""
    rows = list(needs[:limit])
    rows.sort(key=SORT_KEYS.get(sort, SORT_KEYS["municipality"]))
    return rows


def _by_municipality(need: Need) -> tuple[str, int, str]:
    return swedish_sort_key(need.municipality.name), need.priority, swedish_sort_key(need.title)


def _by_priority(need: Need) -> tuple[int, str, str]:
    return need.priority, swedish_sort_key(need.municipality.name), swedish_sort_key(need.title)


def _by_endorsements(need: Need) -> tuple[int, int, str]:
    return -need.endorsement_count, need.priority, swedish_sort_key(need.title)  # type: ignore[attr-defined]


def _by_raised(need: Need) -> tuple[int, str]:
    newest_first = -need.raised_at.toordinal() if need.raised_at else 0
    return newest_first, swedish_sort_key(need.title)


SORT_KEYS: dict[str, Callable[[Need], tuple[Any, ...]]] = {
    "municipality": _by_municipality,
    "priority": _by_priority,
    "endorsements": _by_endorsements,
    "raised": _by_raised,
}


def need_get(actor: User, pk: int) -> Need:
    """One need with its endorsements; "not found" and "not allowed" answer the same."""
    need = (
        needs_for(actor)
        .select_related("municipality", "created_by")
        .prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("sv")),
            Prefetch("target_groups", queryset=TargetGroup.objects.order_by("sv")),
            Prefetch(
                "endorsements",
                queryset=Endorsement.objects.select_related("municipality", "created_by"),
            ),
        )
        .filter(pk=pk)
        .first()
    )
    if need is None:
        raise NotFound(_("No such need."))
    return need


def need_history(need: Need) -> list[HistoryRow]:
    """The need's own changes and every endorsement given to or withdrawn from it."""
    endorsements = Q(
        content_type=ContentType.objects.get_for_model(Endorsement),
        additional_data__need=need.pk,
    )
    return history_for(need, also=endorsements)


def endorsement_get(actor: User, need_pk: int, code: str) -> Endorsement:
    """A municipality's endorsement of a need the actor may see."""
    endorsement = (
        Endorsement.objects.select_related("need__municipality", "municipality")
        .filter(need__in=needs_for(actor), need_id=need_pk, municipality__code=code)
        .first()
    )
    if endorsement is None:
        raise NotFound(_("No such endorsement."))
    return endorsement


def municipality_choices(actor: User) -> list[tuple[str, str]]:
    """(code, name) of the municipalities with needs the actor may see, in Swedish order."""
    municipalities = Municipality.objects.filter(
        pk__in=needs_for(actor).values("municipality_id")
    ).only("code", "name")
    return sorted(((m.code, m.name) for m in municipalities), key=lambda c: swedish_sort_key(c[1]))


def municipality_by_code(code: str) -> Municipality:
    municipality = Municipality.objects.filter(code=code).first()
    if municipality is None:
        raise NotFound(_("No such municipality: %(code)s.") % {"code": code})
    return municipality
