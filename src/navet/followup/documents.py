"""The report draft for the funder (interim or final) as one document description, which
`navet.core.documents` renders as Word and PDF. It is written in Swedish for the funder, whatever
the reader's language.

Budget against actual, the indicators, the risks and the coordinator's interventions are filled
in from Navet; the narrative sections carry a prompt for the project to write in Word.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from navet.core.documents import Bars, Block, Bullets, Document, Heading, Paragraph, Table
from navet.core.text import format_sek
from navet.followup import budget, forecast
from navet.followup.selectors import interventions_of
from navet.followup.selectors.tracking import Followup
from navet.risks.selectors import export_row, open_project_risks


@dataclass(frozen=True)
class LineRow:
    label: str
    budget_sek: int
    actual: Decimal
    forecast_sek: int


@dataclass(frozen=True)
class IndicatorRow:
    name: str
    baseline: str
    target: str
    latest: str


@dataclass(frozen=True)
class RiskRow:
    title: str
    likelihood: str
    consequence: str
    measures: str
    owner: str
    status: str


@dataclass(frozen=True)
class ReportData:
    kind: str  # "interim" or "final"
    consortium: str
    title: str
    owner: str
    participants: Sequence[str]
    funder: str
    programme: str
    period: str
    as_of: date
    description: str
    granted_sek: int | None
    budget_sek: int
    actual: Decimal
    forecast_sek: int
    at_risk_sek: int
    lines: Sequence[LineRow]
    indicators: Sequence[IndicatorRow]
    interventions: Sequence[tuple[date, str, str]]
    risks: Sequence[RiskRow] = ()


PROMPT = "[Skriv här.]"
NARRATIVE = {
    "interim": [
        ("Genomförda aktiviteter hittills", "Vad har gjorts sedan starten, och för vilka?"),
        ("Avvikelser från projektplanen", "Vad har inte gått som planerat, och varför?"),
        ("Planerade aktiviteter under resten av perioden", "Vad görs härnäst?"),
    ],
    "final": [
        ("Genomförda aktiviteter", "Vad har gjorts, och för vilka?"),
        ("Resultat och effekter", "Vad har projektet åstadkommit för målgruppen?"),
        (
            "Förankring i ordinarie verksamhet",
            "Hur lever arbetet vidare när projektet har slutat?",
        ),
        ("Lärdomar", "Vad skulle ni göra annorlunda, och vad kan andra kommuner använda?"),
    ],
}


def _number(value: Decimal | None, unit: str = "") -> str:
    if value is None:
        return "–"
    text = f"{value.normalize():f}".replace(".", ",")
    return f"{text} {unit}".strip()


def _swedish_label(key: forecast.LineKey) -> str:
    """The report is written in Swedish for the funder, whatever the reader's language."""
    category, year, municipality = key
    label = f"{budget.CATEGORIES.get(category, category)} {year}"
    return f"{label} ({municipality})" if municipality else label


def report_document(followup: Followup, kind: str) -> Document:
    """The interim ("interim") or final ("final") report draft of a project."""
    return _build(_report_data(followup, kind))


def _report_data(followup: Followup, kind: str) -> ReportData:
    project = followup.inputs.project
    result = followup.result
    call = project.call
    funder = (call.funder if call is not None else None) or project.funder
    programme = (call.programme if call is not None else None) or project.programme
    indicators = []
    for indicator in followup.inputs.indicators:
        measured = list(indicator.measurements.all())
        latest = (
            f"{_number(measured[-1].value, indicator.unit)} ({measured[-1].measured_on})"
            if measured
            else "–"
        )
        indicators.append(
            IndicatorRow(
                name=indicator.name,
                baseline=_number(indicator.baseline, indicator.unit),
                target=_number(indicator.target, indicator.unit),
                latest=latest,
            )
        )
    return ReportData(
        kind=kind,
        consortium=project.consortium.name,
        title=project.title,
        owner=project.owner.name,
        participants=[m.name for m in project.participants.all()],
        funder=funder.name if funder is not None else "",
        programme=programme.name if programme is not None else "",
        period=f"{project.starts_on} – {project.ends_on}",
        as_of=result.as_of,
        description=project.description,
        granted_sek=project.granted_sek,
        budget_sek=result.budget_sek,
        actual=result.actual,
        forecast_sek=result.forecast_sek,
        at_risk_sek=result.at_risk_sek,
        lines=[
            LineRow(
                label=_swedish_label(line.key),
                budget_sek=line.budget_sek,
                actual=line.actual,
                forecast_sek=line.forecast_sek,
            )
            for line in result.lines
        ],
        indicators=indicators,
        interventions=[
            (i.occurred_on, i.reason, i.action) for i in reversed(interventions_of(project))
        ],
        risks=[
            RiskRow(
                title=str(row["title"]),
                likelihood=str(row["likelihood"]),
                consequence=str(row["consequence"]),
                measures=str(row["measures"]),
                owner=str(row["owner"]),
                status=str(row["status"]),
            )
            for row in map(export_row, open_project_risks(project))
        ],
    )


def _share(part: Decimal | int, whole: int) -> str:
    return f"{round(Decimal(part) * 100 / whole)} %" if whole else "–"


def _build(data: ReportData) -> Document:
    final = data.kind == "final"
    title = "Slutrapport" if final else "Delrapport"
    facts = [
        f"Projektägare: {data.owner}",
        f"Deltagande kommuner: {', '.join(data.participants) or '–'}",
        f"Finansiär och stödform: {data.funder or '–'}"
        + (f" · {data.programme}" if data.programme else ""),
        f"Projektperiod: {data.period}",
        f"Beviljat belopp: {format_sek(data.granted_sek) if data.granted_sek else '–'}",
        f"Underlaget är hämtat ur Navet {data.as_of.isoformat()}.",
    ]
    blocks: list[Block] = [
        Heading("Projektet"),
        Bullets(facts),
        Heading("Bakgrund och syfte", 2),
        Paragraph(data.description or PROMPT),
    ]
    for heading, question in NARRATIVE["final" if final else "interim"]:
        blocks += [Heading(heading, 2), Paragraph(f"{question} {PROMPT}")]

    blocks += [
        Heading("Ekonomisk redovisning"),
        Paragraph(
            f"Budget {format_sek(data.budget_sek)}, utfall {format_sek(data.actual)} "
            f"({_share(data.actual, data.budget_sek)} av budgeten)"
            + ("." if final else f", prognos vid projektets slut {format_sek(data.forecast_sek)}.")
        ),
        Table(
            header=["Budgetpost", "Budget", "Utfall", "Andel", "Prognos"],
            rows=[
                [
                    line.label,
                    format_sek(line.budget_sek),
                    format_sek(line.actual),
                    _share(line.actual, line.budget_sek),
                    format_sek(line.forecast_sek),
                ]
                for line in data.lines
            ]
            + [
                [
                    "Summa",
                    format_sek(data.budget_sek),
                    format_sek(data.actual),
                    _share(data.actual, data.budget_sek),
                    format_sek(data.forecast_sek),
                ]
            ],
            caption="Budget och utfall per budgetpost",
            numeric=(1, 2, 3, 4),
        ),
        Bars(
            caption="Utfall som andel av budgeten",
            rows=[
                (
                    line.label,
                    float(min(Decimal(line.actual) / line.budget_sek, Decimal(1)))
                    if line.budget_sek
                    else 0.0,
                    _share(line.actual, line.budget_sek),
                )
                for line in data.lines
            ],
        ),
    ]
    if data.at_risk_sek:
        blocks.append(
            Paragraph(
                (
                    f"Av det beviljade beloppet har {format_sek(data.at_risk_sek)} inte använts "
                    "och återbetalas till finansiären."
                )
                if final
                else (
                    f"Med nuvarande takt riskerar {format_sek(data.at_risk_sek)} av det beviljade "
                    "beloppet att inte användas."
                )
            )
        )
    blocks.append(Heading("Mål och indikatorer"))
    if data.indicators:
        blocks.append(
            Table(
                header=["Mål", "Utgångsläge", "Målvärde", "Senaste mätning"],
                rows=[[i.name, i.baseline, i.target, i.latest] for i in data.indicators],
                caption="Indikatorer",
                numeric=(1, 2, 3),
            )
        )
    else:
        blocks.append(Paragraph("Projektet har inga indikatorer i Navet."))
    blocks.append(Heading("Avvikelser och åtgärder"))
    if data.interventions:
        blocks.append(
            Table(
                header=["Datum", "Anledning", "Åtgärd"],
                rows=[
                    [day.isoformat(), reason, action] for day, reason, action in data.interventions
                ],
                caption="Samordnarens insatser",
            )
        )
    else:
        blocks.append(Paragraph("Inga insatser har behövts."))
    blocks.append(Heading("Risker"))
    if data.risks:
        blocks.append(
            Table(
                header=[
                    "Risk",
                    "Sannolikhet",
                    "Konsekvens",
                    "Förebyggande åtgärder",
                    "Ägare",
                    "Status",
                ],
                rows=[
                    [r.title, r.likelihood, r.consequence, r.measures, r.owner, r.status]
                    for r in data.risks
                ],
                caption="Projektets öppna risker ur riskregistret, de allvarligaste först",
            )
        )
    else:
        blocks.append(Paragraph("Projektet har inga öppna risker i riskregistret."))
    return Document(
        title=f"{title}: {data.title}",
        subtitle=f"Utkast till {data.funder or 'finansiären'} · {data.period}",
        blocks=blocks,
        consortium=data.consortium,
        project=data.title,
    )
