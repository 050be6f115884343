"""Reads of needs, always through `needs_for(actor)`: the list with its filters, one need, and
the needs matrix (municipalities × themes)."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.expressions import OrderBy
from django.db.models.functions import Coalesce, Collate
from django.utils.translation import gettext as _

from navet.calls import taxonomy
from navet.calls.models import TargetGroup, Theme
from navet.core.audit import HistoryRow, history_for
from navet.core.errors import NotFound
from navet.core.models import User
from navet.core.ordering import swedish
from navet.core.search import swedish_search
from navet.core.text import swedish_sort_key
from navet.needs.models import Endorsement, Need
from navet.needs.permissions import needs_for
from navet.organisations.models import Consortium, ConsortiumMembership, Municipality
from navet.organisations.permissions import permissions_for
from navet.organisations.selectors import consortia_for

LIST_LIMIT = 500  # rows the API gives at most


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


def _endorsements() -> Coalesce:
    """A need's number of endorsements, as a subquery: a count over a join would group every
    visible need before a page of them is cut out."""
    counted = (
        Endorsement.objects.filter(need=OuterRef("pk"))
        .order_by()
        .values("need")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counted), 0)


def needs_matching(actor: User, criteria: NeedFilter) -> QuerySet[Need]:
    """The actor's visible needs that match the filters, with what the list shows prefetched."""
    needs: QuerySet[Need] = (
        needs_for(actor)
        .select_related("municipality")
        .annotate(endorsement_count=_endorsements())
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
        needs = swedish_search(needs, criteria.text)
    return needs.order_by(*_ranked(needs), "priority", "-raised_at", "pk")


def _ranked(needs: QuerySet[Need]) -> tuple[str, ...]:
    """The best found first, when the needs were searched."""
    return ("-search_rank",) if "search_rank" in needs.query.annotations else ()


def ordered_needs(needs: QuerySet[Need], sort: str) -> QuerySet[Need]:
    """The needs sorted as asked (a search's best first), in the database; names and titles in
    Swedish order (Å Ä Ö last), so that a page of a long list is the right page."""
    return needs.order_by(*_ranked(needs), *SORTS.get(sort, SORTS["municipality"]), "pk")


SORTS: dict[str, tuple[OrderBy | Collate | str, ...]] = {
    "municipality": (swedish("municipality__name"), "priority", swedish("title")),
    "priority": ("priority", swedish("municipality__name"), swedish("title")),
    "endorsements": ("-endorsement_count", "priority", swedish("title")),
    "raised": (F("raised_at").desc(nulls_last=True), swedish("title")),
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


# --- the needs matrix: municipalities × themes ------------------------------------------------

ACTIVE_STATUSES = (Need.Status.OPEN.value, Need.Status.IN_PROJECT.value)
HEAT_LEVELS = 4  # shades of the heatmap besides white (no needs)


@dataclass(frozen=True)
class ThemeColumn:
    slug: str
    label: str


@dataclass(frozen=True)
class MatrixCell:
    """One municipality's needs with one theme."""

    needs: int = 0  # its own needs and those it has endorsed
    endorsed: int = 0  # of which endorsed
    priority: int | None = None  # the highest among them (1 high … 3 low); None without needs
    level: int = 0  # the shade, 0 (no needs) to HEAT_LEVELS

    @property
    def priority_label(self) -> str:
        return str(Need.Priority(self.priority).label) if self.priority else ""


@dataclass(frozen=True)
class MatrixRow:
    municipality: Municipality
    cells: list[MatrixCell]  # in the order of the matrix's themes
    needs: int  # its own needs and those it has endorsed, whatever their themes
    endorsed: int  # of which endorsed


@dataclass(frozen=True)
class SharedTheme:
    """A theme and the municipalities that have it: each municipality counts once."""

    theme: ThemeColumn
    municipalities: list[Municipality]  # in Swedish order

    @property
    def count(self) -> int:
        return len(self.municipalities)


@dataclass(frozen=True)
class HeatStep:
    """What a shade of the heatmap stands for: `low` to `high` needs."""

    level: int
    low: int
    high: int


@dataclass(frozen=True)
class NeedsMatrix:
    consortium: Consortium
    statuses: tuple[str, ...]
    themes: list[ThemeColumn]
    rows: list[MatrixRow]  # every member municipality, in Swedish order
    shared: list[SharedTheme]  # themes any member has, the most municipalities first
    municipalities_per_theme: list[int]  # in the order of `themes`
    legend: list[HeatStep] = field(default_factory=list)

    @property
    def municipalities_with_needs(self) -> int:
        return sum(1 for row in self.rows if row.needs)


def matrix_consortia(actor: User) -> list[Consortium]:
    """The consortia whose needs matrix the actor may see; the one to show first leads: one the
    actor coordinates, then the one with the fewest members (the closest collaboration)."""
    coordinated = permissions_for(actor).coordinated_ids()

    def first_shown(consortium: Consortium) -> tuple[bool, int, str]:
        members: int = consortium.member_count  # type: ignore[attr-defined]
        return consortium.pk not in coordinated, members, swedish_sort_key(consortium.name)

    return sorted(consortia_for(actor), key=first_shown)


def needs_matrix(
    actor: User,
    consortium: Consortium,
    *,
    statuses: Iterable[str] = ACTIVE_STATUSES,
    all_themes: bool = False,
) -> NeedsMatrix:
    """The needs of a consortium's members that the actor may see, as municipalities × themes.

    A municipality has a need when it raised it or endorsed it ("vi har också detta behov").
    Only needs raised by members count, and only members' endorsements. Every member is a row,
    also one without needs. Four queries (after the actor's roles), whatever the number of needs.
    """
    statuses = tuple(statuses)
    member_ids = ConsortiumMembership.objects.filter(consortium=consortium).values(
        "municipality_id"
    )
    members = sorted(
        Municipality.objects.filter(pk__in=member_ids).only("code", "name"),
        key=lambda m: swedish_sort_key(m.name),
    )
    needs = needs_for(actor).filter(status__in=statuses, municipality_id__in=member_ids)
    raised = needs.values_list("pk", "municipality_id", "priority")
    endorsed = Endorsement.objects.filter(
        need__in=needs.values("pk"), municipality_id__in=member_ids
    ).values_list("need_id", "municipality_id")
    themed = Need.themes.through.objects.filter(need__in=needs.values("pk")).values_list(
        "need_id", "theme_id"
    )
    return tally_matrix(
        consortium=consortium,
        statuses=statuses,
        members=members,
        raised=list(raised),
        endorsed=list(endorsed),
        themed=list(themed),
        all_themes=all_themes,
    )


def tally_matrix(
    *,
    consortium: Consortium,
    statuses: tuple[str, ...],
    members: list[Municipality],
    raised: list[tuple[int, int, int]],
    endorsed: list[tuple[int, int]],
    themed: list[tuple[int, str]],
    all_themes: bool = False,
) -> NeedsMatrix:
    """The counting itself, on plain rows: (need, municipality, priority) of the needs raised,
    (need, municipality) of the endorsements, (need, theme slug) of the needs' themes."""
    priority = {need: level for need, _owner, level in raised}
    holders: dict[int, set[int]] = {need: {owner} for need, owner, _level in raised}
    endorsers: dict[int, set[int]] = {}
    for need, municipality in endorsed:
        if need in holders:
            holders[need].add(municipality)
            endorsers.setdefault(need, set()).add(municipality)
    themes_of: dict[int, set[str]] = {}
    for need, slug in themed:
        themes_of.setdefault(need, set()).add(slug)

    cells: dict[tuple[int, str], MatrixCell] = {}
    needs_of: dict[int, int] = {}
    endorsed_by: dict[int, int] = {}
    for need, municipalities in holders.items():
        for municipality in municipalities:
            by_endorsement = municipality in endorsers.get(need, set())
            needs_of[municipality] = needs_of.get(municipality, 0) + 1
            endorsed_by[municipality] = endorsed_by.get(municipality, 0) + by_endorsement
            for slug in themes_of.get(need, set()):
                cell = cells.get((municipality, slug), MatrixCell())
                highest = min(p for p in (cell.priority, priority[need]) if p is not None)
                cells[(municipality, slug)] = MatrixCell(
                    needs=cell.needs + 1,
                    endorsed=cell.endorsed + by_endorsement,
                    priority=highest,
                )

    columns = _theme_columns({slug for _m, slug in cells}, all_themes=all_themes)
    most = max((cell.needs for cell in cells.values()), default=0)
    rows = [
        MatrixRow(
            municipality=member,
            cells=[_shaded(cells.get((member.pk, c.slug), MatrixCell()), most) for c in columns],
            needs=needs_of.get(member.pk, 0),
            endorsed=endorsed_by.get(member.pk, 0),
        )
        for member in members
    ]
    having = [[row.municipality for row in rows if row.cells[i].needs] for i in range(len(columns))]
    shared = sorted(
        (
            SharedTheme(theme=column, municipalities=municipalities)
            for column, municipalities in zip(columns, having, strict=True)
            if municipalities
        ),
        key=lambda s: (-s.count, swedish_sort_key(s.theme.label)),
    )
    return NeedsMatrix(
        consortium=consortium,
        statuses=statuses,
        themes=columns,
        rows=rows,
        shared=shared,
        municipalities_per_theme=[len(m) for m in having],
        legend=heat_legend(most),
    )


def _theme_columns(slugs: set[str], *, all_themes: bool) -> list[ThemeColumn]:
    """The themes that occur (or every theme of the taxonomy), in Swedish order of labels."""
    labels = {theme.slug: theme.sv for theme in taxonomy.themes()}
    shown = slugs | set(labels) if all_themes else slugs
    columns = [ThemeColumn(slug=slug, label=labels.get(slug, slug)) for slug in shown]
    return sorted(columns, key=lambda c: swedish_sort_key(c.label))


def heat_level(count: int, most: int) -> int:
    """The shade of a cell: the count itself up to HEAT_LEVELS, else its share of the largest
    count in the matrix, in HEAT_LEVELS equal steps."""
    if count <= 0 or most <= 0:
        return 0
    if most <= HEAT_LEVELS:
        return count
    return -(-count * HEAT_LEVELS // most)  # rounded up


def heat_legend(most: int) -> list[HeatStep]:
    """The shades in use and the counts each stands for, from no needs to the most."""
    steps = [HeatStep(level=0, low=0, high=0)]
    for count in range(1, most + 1):
        level = heat_level(count, most)
        if steps[-1].level == level:
            steps[-1] = HeatStep(level=level, low=steps[-1].low, high=count)
        else:
            steps.append(HeatStep(level=level, low=count, high=count))
    return steps


def _shaded(cell: MatrixCell, most: int) -> MatrixCell:
    return MatrixCell(
        needs=cell.needs,
        endorsed=cell.endorsed,
        priority=cell.priority,
        level=heat_level(cell.needs, most),
    )
