"""Demo data of the follow-up: the feasibility study of Koordination Norrort (2023) as a
finished project, with its budget, its ledger, its reports and goals, so that its page shows the
warnings Navet would have raised, and when.

The facts are the study's (§1.1, §2.1, §2.5): § 37 funds from Länsstyrelsen Stockholm, 431 000 kr
granted, Sigtuna the project owner, the period 2023-02-01 – 2023-07-31, 334 000 kr of salary,
15 476 kr of equipment, nothing else spent, 81 524 kr returned; the interim report on
2023-03-31, the final report by 2023-08-30; 23 interviews with all fifteen municipalities from
February to April, workshops on 2023-02-02 and 2023-03-17. The study gives the budget only as its
total: its split into 415 000 kr of staff and 16 000 kr of materials, and the ledger's vouchers
and monthly rows, are illustrative.
"""

from datetime import date
from decimal import Decimal
from pathlib import Path

from navet.core.models import User
from navet.followup import services
from navet.followup.models import Category, ReportDeadline
from navet.organisations.models import Consortium, Municipality
from navet.projects import sheet
from navet.projects.models import Project
from navet.projects.services import projects_import

TITLE = "Förstudie: en gemensam resurs för externa medel i Koordination Norrort"
LEDGER = Path(__file__).parent / "data" / "ledger_forstudie_sigtuna.csv"


def feasibility_study_row(members: list[str]) -> dict[str, object]:
    return {
        "title": TITLE,
        "description": (
            "Förstudie av förutsättningarna för att etablera en gemensam resurs för rådgivning "
            "och ansökan om externa medel för Koordination Norrorts 15 kommuner."
        ),
        "owner": "0191",
        "participants": ";".join(members),
        "funder": "Länsstyrelsen Stockholm",
        "programme": "§ 37",
        "status": "Slutrapport godkänd",
        "starts_on": "2023-02-01",
        "ends_on": "2023-07-31",
        "requested_sek": 431_000,
        "granted_sek": 431_000,
        "repaid_sek": 81_524,
    }


def feasibility_study_seed(coordinator: User) -> Project | None:
    """Bring the study in once, as a coordinator brings in a finished project, and follow it."""
    consortium = Consortium.objects.get(slug="koordination-norrort")
    if Project.objects.filter(consortium=consortium, title=TITLE).exists():
        return None
    members = sorted(consortium.memberships.values_list("municipality__code", flat=True))
    (project,) = projects_import(
        actor=coordinator,
        consortium=consortium,
        rows=[sheet.read_row(2, feasibility_study_row(members))],
    )
    sigtuna = Municipality.objects.get(code="0191")
    lines = services.budget_set(
        actor=coordinator,
        project=project,
        municipality=None,
        amounts={(Category.STAFF, 2023): 415_000, (Category.MATERIALS, 2023): 16_000},
    )
    staff, materials = sorted(lines, key=lambda line: line.category != Category.STAFF)
    # Salary month by month from February to July; the equipment bought at the start.
    services.budget_line_plan(actor=coordinator, line=staff, profile=[138_333, 207_500, 69_167, 0])
    services.budget_line_plan(actor=coordinator, line=materials, profile=[16_000, 0, 0, 0])
    services.ledger_mapping_set(
        actor=coordinator,
        project=project,
        municipality=sigtuna,
        date_column="Datum",
        amount_column="Belopp",
        account_column="Konto",
        text_column="Text",
        reference_column="Ver.nr",
        accounts={"5": Category.STAFF, "64": Category.MATERIALS},
    )
    services.ledger_import(
        actor=coordinator,
        project=project,
        municipality=sigtuna,
        filename=LEDGER.name,
        content=LEDGER.read_bytes(),
    )
    for kind, due, submitted in (
        (ReportDeadline.Kind.INTERIM, date(2023, 3, 31), date(2023, 3, 31)),
        (ReportDeadline.Kind.FINAL, date(2023, 8, 30), date(2023, 8, 30)),
    ):
        services.report_deadline_add(
            actor=coordinator, project=project, kind=kind, due_on=due, submitted_on=submitted
        )
    interviews = services.indicator_add(
        actor=coordinator,
        project=project,
        name="Norrortskommuner intervjuade",
        unit="kommuner",
        target=Decimal(15),
    )
    services.measurement_add(
        actor=coordinator,
        indicator=interviews,
        measured_on=date(2023, 4, 30),
        value=Decimal(15),
        note="23 intervjuer med representanter från samtliga norrortskommuner.",
    )
    workshops = services.indicator_add(
        actor=coordinator, project=project, name="Workshops", unit="st", target=Decimal(2)
    )
    for day, count in ((date(2023, 2, 2), 1), (date(2023, 3, 17), 2)):
        services.measurement_add(
            actor=coordinator, indicator=workshops, measured_on=day, value=Decimal(count)
        )
    return project
