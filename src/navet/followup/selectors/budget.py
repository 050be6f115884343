"""Reads of a project's budget: the lines, the totals and what breaks the programme's rules, and
the small reads the follow-up pages share."""

from dataclasses import dataclass, field

from django.db.models import QuerySet

from navet.core.text import Message, swedish_sort_key
from navet.followup import budget
from navet.followup.models import (
    BudgetLine,
    Category,
    Expenditure,
    Indicator,
    Intervention,
    LedgerImport,
    LedgerMapping,
    ReportDeadline,
)
from navet.organisations.models import Municipality
from navet.projects.models import Project


@dataclass(frozen=True)
class BudgetLineView:
    pk: int
    category: str
    category_label: str
    year: int
    municipality: str | None
    amount_sek: int
    profile: tuple[int, ...]


@dataclass(frozen=True)
class BudgetSummary:
    total_sek: int
    lines: list[BudgetLineView]
    problems: list[Message]
    notes: list[Message] = field(default_factory=list)
    by_category: dict[str, int] = field(default_factory=dict)
    by_year: dict[int, int] = field(default_factory=dict)
    by_municipality: dict[str, int] = field(default_factory=dict)
    grant_sek: int = 0
    cofinancing_sek: int | None = None


def budget_lines(project: Project) -> QuerySet[BudgetLine]:
    return BudgetLine.objects.filter(project=project).select_related("municipality")


def rules_for(project: Project) -> budget.Rules:
    """The rules of the project's programme (through its call, or its own) and its call."""
    call = project.call
    programme = (call.programme if call is not None else None) or project.programme
    cofinancing = programme.cofinancing_percent if programme is not None else None
    if call is not None and call.cofinancing_percent is not None:
        cofinancing = call.cofinancing_percent  # the call is the more precise of the two
    return budget.Rules(
        programme=programme.name if programme is not None else "",
        cofinancing_percent=cofinancing,
        indirect_cost_cap_percent=(
            programme.indirect_cost_cap_percent if programme is not None else None
        ),
        max_duration_months=programme.max_duration_months if programme is not None else None,
        min_amount_sek=call.min_amount_sek if call is not None else None,
        max_amount_sek=call.max_amount_sek if call is not None else None,
    )


def as_budget_line(line: BudgetLine) -> budget.Line:
    return budget.Line(
        category=line.category,
        year=line.year,
        amount_sek=line.amount_sek,
        municipality=line.municipality.name if line.municipality_id else None,  # type: ignore[union-attr]
        profile=tuple(int(amount) for amount in line.profile or ()),
    )


def project_with_rules(project: Project) -> Project:
    return Project.objects.select_related(
        "owner", "consortium", "programme", "call__programme"
    ).get(pk=project.pk)


def budget_check(project: Project) -> tuple[list[BudgetLine], budget.Summary]:
    """The project's lines and the pure module's verdict on them (three queries)."""
    project = project_with_rules(project)
    return check_lines(project, list(budget_lines(project)))


def check_lines(
    project: Project, lines: list[BudgetLine]
) -> tuple[list[BudgetLine], budget.Summary]:
    """`lines` in the budget's order and the verdict on them; the project comes with its call,
    programme and the call's programme loaded."""
    order = list(budget.CATEGORIES)
    lines = sorted(
        lines,
        key=lambda line: (
            line.year,
            order.index(line.category) if line.category in order else len(order),
            line.municipality_id is not None,
            swedish_sort_key(line.municipality.name) if line.municipality else "",
        ),
    )
    summary = budget.check(
        [as_budget_line(line) for line in lines],
        rules_for(project),
        starts_on=project.starts_on,
        ends_on=project.ends_on,
        requested_sek=project.requested_sek,
    )
    return lines, summary


def budget_summary(project: Project) -> BudgetSummary:
    """The budget of a project as the application workspace shows it."""
    lines, summary = budget_check(project)
    views = [
        BudgetLineView(
            pk=line.pk,
            category=line.category,
            category_label=line.get_category_display(),
            year=line.year,
            municipality=line.municipality.name if line.municipality is not None else None,
            amount_sek=line.amount_sek,
            profile=tuple(int(amount) for amount in line.profile or ()),
        )
        for line in lines
    ]
    return BudgetSummary(
        total_sek=summary.total_sek,
        lines=views,
        problems=summary.problems,
        notes=summary.notes,
        by_category=summary.by_category,
        by_year=summary.by_year,
        by_municipality=summary.by_municipality,
        grant_sek=summary.grant_sek,
        cofinancing_sek=summary.cofinancing_sek,
    )


@dataclass(frozen=True)
class Grid:
    """The budget as a table of categories × years, every municipality together."""

    years: list[int]
    rows: list[tuple[str, list[int], int]]  # label, amount per year, total
    year_totals: list[int]


def budget_grid(summary: BudgetSummary) -> Grid:
    years = sorted(summary.by_year)
    cells: dict[tuple[str, int], int] = {}
    for line in summary.lines:
        key = (line.category, line.year)
        cells[key] = cells.get(key, 0) + line.amount_sek
    rows = [
        (
            str(category.label),
            [cells.get((category.value, year), 0) for year in years],
            summary.by_category.get(category.value, 0),
        )
        for category in Category
    ]
    return Grid(years=years, rows=rows, year_totals=[summary.by_year[year] for year in years])


def municipality_choices(project: Project) -> QuerySet[Municipality]:
    """The municipalities a budget line may name: the project's participants."""
    return project.participants.order_by("name")


def expenditures_of(project: Project) -> QuerySet[Expenditure]:
    return Expenditure.objects.filter(project=project).select_related(
        "budget_line__municipality", "created_by"
    )


def ledger_mapping(municipality: Municipality) -> LedgerMapping | None:
    return LedgerMapping.objects.filter(municipality=municipality).first()


def ledger_imports(project: Project) -> QuerySet[LedgerImport]:
    return LedgerImport.objects.filter(project=project).select_related("municipality", "created_by")


def indicators_of(project: Project) -> list[Indicator]:
    return list(Indicator.objects.filter(project=project).prefetch_related("measurements"))


def report_deadlines(project: Project) -> list[ReportDeadline]:
    return list(ReportDeadline.objects.filter(project=project))


def interventions_of(project: Project) -> list[Intervention]:
    return list(Intervention.objects.filter(project=project).select_related("created_by"))
