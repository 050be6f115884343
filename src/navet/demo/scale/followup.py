"""The budget follow-up's part of the generated data: a budget of every project (staff,
purchased services and travel for each of its years, for the project as a whole) and
expenditures booked on it, inserted a batch at a time so a million rows fit in memory."""

from datetime import date, timedelta
from decimal import Decimal

from navet.demo.scale.parts import Context
from navet.followup.models import BudgetLine, Category, Expenditure
from navet.projects.models import Project

CATEGORIES = (Category.STAFF, Category.SERVICES, Category.TRAVEL)
BATCH = 50_000


def followup(context: Context) -> None:
    rng = context.rng
    projects = [p for ps in context.projects_by_consortium.values() for p in ps]
    projects = sorted((p for p in projects if p.starts_on and p.ends_on), key=lambda p: p.pk)
    lines = []
    for project in projects:
        starts, ends = period(project)
        for year in range(starts.year, min(ends.year, 2099) + 1):
            for category in CATEGORIES:
                lines.append(
                    BudgetLine(
                        project=project,
                        category=category,
                        year=year,
                        amount_sek=rng.choice((100_000, 250_000, 600_000)),
                    )
                )
    stored = context.insert(BudgetLine, lines)
    if not stored:
        return
    remaining = context.size.expenditures
    number = 0
    while remaining > 0:
        batch = []
        for _ in range(min(BATCH, remaining)):
            line = rng.choice(stored)
            project = line.project
            starts, ends = period(project)
            first = max(starts, date(line.year, 1, 1))
            last = min(ends, date(line.year, 12, 31))
            spent = first + timedelta(days=rng.randint(0, max(0, (last - first).days)))
            number += 1
            batch.append(
                Expenditure(
                    project=project,
                    budget_line=line,
                    spent_on=spent,
                    amount=Decimal(rng.randint(5_00, 8_000_000)) / 100,
                    description="Genererad utgift",
                    reference=f"V{number:07d}",
                )
            )
        context.insert(Expenditure, batch)
        remaining -= len(batch)


def period(project: Project) -> tuple[date, date]:
    """The first and last day of a project that has both."""
    if project.starts_on is None or project.ends_on is None:
        raise ValueError(f"Projektet {project.pk} saknar start- eller slutdatum.")
    return project.starts_on, project.ends_on
