"""The demo's economics: what Koordination Norrort's members pay for the shared resource last
year and this year, the coordinator's logged time this year, which shares this year's cost by
use, and the running project's budget with its salaries booked so far, behind plan, so that
Navet warns of money to be repaid."""

from datetime import date, timedelta
from decimal import Decimal

from navet.core.models import User
from navet.economics.models import ResourceCost, TimeEntry
from navet.economics.services import resource_cost_set, time_entry_add
from navet.followup.models import BudgetLine
from navet.followup.services import budget_set, expenditure_add
from navet.organisations.models import Consortium, Municipality
from navet.projects.models import Project

# The study's figures (§7): 700 000 kr a year, of which 200 000 kr funded by the grants.
MEMBERS_PAY_SEK = 500_000

# (days before today, municipality, hours, what was done, the project's title or "")
TIME = (
    (80, "Täby", "6", "Ansökan och budget för Digital vardag", "Digital vardag"),
    (74, "Solna", "3", "Möte om samverkansblanketten", "Digital vardag"),
    (66, "Sigtuna", "2,5", "Behovsinventering med integrationsenheten", ""),
    (60, "Vallentuna", "1,5", "Omvärldsbevakning: § 37a-utlysningen", ""),
    (45, "Täby", "4", "Lägesrapport till Länsstyrelsen", "Digital vardag"),
    (38, "Österåker", "2", "Workshop om föräldrastöd", ""),
    (30, "Danderyd", "1", "Rådgivning om ESF+", ""),
    (21, "Täby", "3", "Läxhjälp: behovsanalysens intervjuer", "Läxhjälp"),
    (12, "Täby", "2", "Uppföljning av budget mot utfall", "Digital vardag"),
    (5, "Järfälla", "1,5", "Genomgång av kunskapsbanken", ""),
)


# The running demo project's budget: 2 000 000 kr granted over two years.
BUDGET = {
    ("staff", 0): 700_000,
    ("staff", 1): 900_000,
    ("materials", 0): 150_000,
    ("travel", 0): 50_000,
    ("indirect", 1): 200_000,
}
MONTHLY_SALARY_SEK = 48_000


def demo_economics(coordinator: User, today: date) -> None:
    """Idempotent: the year's costs are set again, the time log and the budget only once."""
    _running_budget(coordinator, today)
    norrort = Consortium.objects.get(slug="koordination-norrort")
    resource_cost_set(
        actor=coordinator, consortium=norrort, year=today.year - 1, cost_sek=MEMBERS_PAY_SEK
    )
    resource_cost_set(
        actor=coordinator,
        consortium=norrort,
        year=today.year,
        cost_sek=MEMBERS_PAY_SEK,
        key=ResourceCost.Key.USAGE,
    )
    if TimeEntry.objects.filter(consortium=norrort).exists():
        return
    for days, name, hours, note, title in TIME:
        worked_on = today - timedelta(days=days)
        if worked_on.year != today.year:
            worked_on = date(today.year, 1, 2)
        project = (
            Project.objects.filter(consortium=norrort, title__startswith=title).first()
            if title
            else None
        )
        time_entry_add(
            actor=coordinator,
            consortium=norrort,
            municipality=Municipality.objects.get(name=name),
            worked_on=worked_on,
            hours=Decimal(hours.replace(",", ".")),
            project=project,
            note=note,
        )


def _running_budget(coordinator: User, today: date) -> None:
    project = Project.objects.filter(title__startswith="Digital vardag").first()
    if project is None or project.starts_on is None:
        return
    if BudgetLine.objects.filter(project=project).exists():
        return
    first = project.starts_on.year
    lines = budget_set(
        actor=coordinator,
        project=project,
        municipality=None,
        amounts={
            (category, first + offset): amount for (category, offset), amount in BUDGET.items()
        },
    )
    salaries = next(line for line in lines if (line.category, line.year) == ("staff", first))
    month = date(first, project.starts_on.month, 1)
    while month < date(today.year, today.month, 1) and month.year == first:
        following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
        expenditure_add(
            actor=coordinator,
            project=project,
            budget_line=salaries,
            spent_on=following - timedelta(days=1),
            amount=Decimal(MONTHLY_SALARY_SEK),
            description="Lön projektledare",
            reference=f"LÖN-{month:%Y-%m}",
        )
        month = following
