"""The demo's economics: what Koordination Norrort's members pay for the shared resource last
year and this year, and the coordinator's logged time this year, which shares this year's cost
by use."""

from datetime import date, timedelta
from decimal import Decimal

from navet.core.models import User
from navet.economics.models import ResourceCost, TimeEntry
from navet.economics.services import resource_cost_set, time_entry_add
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


def demo_economics(coordinator: User, today: date) -> None:
    """Idempotent: the year's costs are set again and the time log only once."""
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
