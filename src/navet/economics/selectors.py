"""Reads for the economics pages: the members a scenario is computed for, and the evaluation of
a consortium's year from its projects (a fixed number of queries whatever their number)."""

from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction

from django.db.models import Prefetch, Q, Sum
from django.utils.translation import gettext as _

from navet.core.errors import NotFound
from navet.core.models import User
from navet.core.text import swedish_sort_key
from navet.economics import costsharing
from navet.economics.models import ResourceCost, TimeEntry
from navet.economics.permissions import can_read_economics
from navet.followup.models import Expenditure
from navet.organisations.models import Consortium, Municipality
from navet.organisations.selectors import consortia_for
from navet.projects import lifecycle
from navet.projects.models import Project
from navet.projects.permissions import projects_for

# Applied for: the application has gone in (and was not withdrawn).
APPLIED = frozenset(
    {
        lifecycle.SUBMITTED,
        lifecycle.GRANTED,
        lifecycle.REFUSED,
        lifecycle.RUNNING,
        lifecycle.FINISHED,
        lifecycle.FINAL_REPORT_APPROVED,
        lifecycle.REPAYMENT,
    }
)
GRANTED = lifecycle.WITH_A_GRANT
EMPTY = ("projects", "applied", "granted", "repaid", "used")


def readable_consortia(actor: User) -> list[Consortium]:
    """The consortia whose economics the actor may read (none without a role)."""
    can_read_economics(actor).require()
    return list(consortia_for(actor))


def members_of(consortium: Consortium) -> tuple[costsharing.Member, ...]:
    """The consortium's member municipalities in Swedish order, with their population."""
    return tuple(
        costsharing.Member(name=m.name, population=m.population, code=m.code)
        for m in member_municipalities(consortium)
    )


@dataclass(frozen=True)
class EvaluationRow:
    """One municipality's year: the money its projects applied for and were granted (its part
    of each project), its part of the resource's cost, and what follows."""

    name: str
    code: str
    member: bool
    projects: int
    applied_sek: int
    granted_sek: int
    repaid_sek: int
    used_sek: int
    cost_sek: int | None  # None: no cost set for the year
    hours: Decimal  # the resource's logged time for the municipality

    @property
    def kept_sek(self) -> int:
        """Granted and not paid back: what the shared work brought in."""
        return self.granted_sek - self.repaid_sek

    @property
    def net_sek(self) -> int | None:
        return None if self.cost_sek is None else self.kept_sek - self.cost_sek

    @property
    def leverage(self) -> Fraction | None:
        return None if self.cost_sek is None else costsharing.leverage(self.kept_sek, self.cost_sek)


@dataclass(frozen=True)
class Evaluation:
    consortium: Consortium
    year: int
    resource_cost: ResourceCost | None
    rows: tuple[EvaluationRow, ...]
    projects: int  # the projects of the year (a shared project counts once)
    shared_equally_instead: bool = False  # the key needs data the year lacks

    @property
    def hours(self) -> Decimal:
        return sum((row.hours for row in self.rows), Decimal(0))

    @property
    def applied_sek(self) -> int:
        return sum(row.applied_sek for row in self.rows)

    @property
    def granted_sek(self) -> int:
        return sum(row.granted_sek for row in self.rows)

    @property
    def repaid_sek(self) -> int:
        return sum(row.repaid_sek for row in self.rows)

    @property
    def used_sek(self) -> int:
        return sum(row.used_sek for row in self.rows)

    @property
    def kept_sek(self) -> int:
        return self.granted_sek - self.repaid_sek

    @property
    def cost_sek(self) -> int | None:
        return None if self.resource_cost is None else self.resource_cost.cost_sek

    @property
    def net_sek(self) -> int | None:
        return None if self.cost_sek is None else self.kept_sek - self.cost_sek

    @property
    def leverage(self) -> Fraction | None:
        return None if self.cost_sek is None else costsharing.leverage(self.kept_sek, self.cost_sek)


def _projects_of_year(actor: User, consortium: Consortium, year: int) -> list[Project]:
    """The consortium's projects of the year: the year they start, or – without a start date –
    the year they were created."""
    return list(
        projects_for(actor)
        .filter(consortium=consortium, status__in=APPLIED)
        .filter(Q(starts_on__year=year) | Q(starts_on__isnull=True, created_at__year=year))
        .select_related("owner")
        .prefetch_related(Prefetch("participants", queryset=Municipality.objects.all()))
        .order_by("pk")
    )


@dataclass(frozen=True)
class MunicipalityYear:
    report: Evaluation
    row: EvaluationRow
    projects: list[Project]


def municipality_year(
    actor: User, consortium: Consortium, year: int, code: str
) -> MunicipalityYear:
    """One member's year in the shared work (its row of the evaluation) and the projects of the
    year it takes part in; "not found" for a municipality that is neither member nor in one."""
    report = evaluation(actor, consortium, year)
    row = next((r for r in report.rows if r.code == code), None)
    if row is None:
        raise NotFound(_("No such municipality."))
    projects = [
        p
        for p in _projects_of_year(actor, consortium, year)
        if p.owner.code == code or any(m.code == code for m in p.participants.all())
    ]
    return MunicipalityYear(report, row, sorted(projects, key=lambda p: swedish_sort_key(p.title)))


def _spent_by_project(projects: list[Project]) -> dict[int, int]:
    """The recorded expenditures of each project, in whole kronor."""
    totals = (
        Expenditure.objects.filter(project__in=projects)
        .values("project")
        .annotate(total=Sum("amount"))
    )
    # Corrections can leave a project's total below zero; it has then used nothing.
    return {row["project"]: costsharing.round_sek(Fraction(max(row["total"], 0))) for row in totals}


def _used(project: Project, spent: dict[int, int]) -> int:
    """What the project used of its grant: its recorded expenditures; for a finished project
    without any (brought in from earlier years), what it kept (granted − repaid)."""
    if project.pk in spent:
        return spent[project.pk]
    if project.status in lifecycle.WINDING_UP:
        return max((project.granted_sek or 0) - (project.repaid_sek or 0), 0)
    return 0


def evaluation(actor: User, consortium: Consortium, year: int) -> Evaluation:
    """Per municipality: applied for, granted, repaid, the resource's cost shared by its key, the
    net gain (granted − repaid − cost) and the leverage. A project's amounts are shared equally by
    its owner and participants (largest remainder, so the parts add up)."""
    resource_cost = ResourceCost.objects.filter(consortium=consortium, year=year).first()
    members = members_of(consortium)
    by_code: dict[str, dict[str, int]] = {}
    names = {m.code: m.name for m in members}
    projects = _projects_of_year(actor, consortium, year)
    spent = _spent_by_project(projects)
    for project in projects:
        taking_part = {project.owner.code: project.owner.name}
        taking_part.update({m.code: m.name for m in project.participants.all()})
        codes = sorted(taking_part, key=lambda code: swedish_sort_key(taking_part[code]))
        names.update(taking_part)
        applied = costsharing.apportion(project.requested_sek or 0, [1] * len(codes))
        with_grant = project.status in GRANTED
        granted = costsharing.apportion(
            (project.granted_sek or 0) if with_grant else 0, [1] * len(codes)
        )
        repaid = costsharing.apportion(
            (project.repaid_sek or 0) if with_grant else 0, [1] * len(codes)
        )
        used = costsharing.apportion(_used(project, spent), [1] * len(codes))
        for code, a, g, r, u in zip(codes, applied, granted, repaid, used, strict=True):
            sums = by_code.setdefault(code, dict.fromkeys(EMPTY, 0))
            sums["projects"] += 1
            sums["applied"] += a
            sums["granted"] += g
            sums["repaid"] += r
            sums["used"] += u
    hours = hours_by_municipality(consortium, year)
    members = tuple(
        replace(m, usage_minutes=int(hours.get(m.code, Decimal(0)) * 60)) for m in members
    )
    costs: dict[str, int] = {}
    shared_equally_instead = False
    if resource_cost is not None and members:
        key = costsharing.Key(resource_cost.key)
        try:
            parts = costsharing.split_cost(
                resource_cost.cost_sek, members, key, resource_cost.base_share_percent
            )
        except costsharing.ScenarioError:
            # A member without a population, or no time logged for the usage key.
            shared_equally_instead = True
            parts = costsharing.split_cost(resource_cost.cost_sek, members, costsharing.Key.EQUAL)
        costs = {m.code: part for m, part in zip(members, parts, strict=True)}
    member_codes = {m.code for m in members}
    empty = dict.fromkeys(EMPTY, 0)
    rows = tuple(
        EvaluationRow(
            name=names[code],
            code=code,
            member=code in member_codes,
            projects=by_code.get(code, empty)["projects"],
            applied_sek=by_code.get(code, empty)["applied"],
            granted_sek=by_code.get(code, empty)["granted"],
            repaid_sek=by_code.get(code, empty)["repaid"],
            used_sek=by_code.get(code, empty)["used"],
            cost_sek=None if resource_cost is None else costs.get(code, 0),
            hours=hours.get(code, Decimal(0)),
        )
        for code in sorted(names, key=lambda code: swedish_sort_key(names[code]))
    )
    return Evaluation(
        consortium=consortium,
        year=year,
        resource_cost=resource_cost,
        rows=rows,
        projects=len(projects),
        shared_equally_instead=shared_equally_instead,
    )


def member_municipalities(consortium: Consortium) -> list[Municipality]:
    municipalities = Municipality.objects.filter(memberships__consortium=consortium)
    return sorted(municipalities, key=lambda m: swedish_sort_key(m.name))


def consortium_projects(actor: User, consortium: Consortium) -> list[Project]:
    """The consortium's projects the actor sees, for logging time on (withdrawn ones left out)."""
    projects = (
        projects_for(actor)
        .filter(consortium=consortium)
        .exclude(status=lifecycle.WITHDRAWN)
        .select_related("owner")
    )
    return sorted(projects, key=lambda p: swedish_sort_key(p.title))


def hours_by_municipality(consortium: Consortium, year: int) -> dict[str, Decimal]:
    """The resource's logged hours in `year` per municipality code."""
    rows = (
        TimeEntry.objects.filter(consortium=consortium, worked_on__year=year)
        .values("municipality__code")
        .annotate(total=Sum("hours"))
    )
    return {row["municipality__code"]: row["total"] for row in rows}


def time_log(consortium: Consortium, year: int) -> list[TimeEntry]:
    """The year's time entries, newest first."""
    return list(
        TimeEntry.objects.filter(consortium=consortium, worked_on__year=year).select_related(
            "municipality", "project", "logged_by"
        )
    )


def time_entry_get(actor: User, entry_id: int) -> TimeEntry:
    """One time entry of a consortium the actor may read."""
    can_read_economics(actor).require()
    entry = (
        TimeEntry.objects.filter(pk=entry_id, consortium__in=consortia_for(actor))
        .select_related("consortium")
        .first()
    )
    if entry is None:
        raise NotFound(_("No such time entry."))
    return entry


# The report looks back at most this many years.
PERIOD_YEARS = 10


def evaluation_period(actor: User, consortium: Consortium, year: int) -> list[Evaluation]:
    """The evaluations of every year from the consortium's first recorded cost or applied-for
    project (at most PERIOD_YEARS back) up to `year`."""
    first_cost = (
        ResourceCost.objects.filter(consortium=consortium, year__lte=year)
        .order_by("year")
        .values_list("year", flat=True)
        .first()
    )
    first_start = (
        projects_for(actor)
        .filter(consortium=consortium, status__in=APPLIED, starts_on__year__lte=year)
        .order_by("starts_on")
        .values_list("starts_on__year", flat=True)
        .first()
    )
    known = [y for y in (first_cost, first_start) if y is not None]
    first = max(min(known, default=year), year - PERIOD_YEARS + 1)
    return [evaluation(actor, consortium, y) for y in range(first, year + 1)]
