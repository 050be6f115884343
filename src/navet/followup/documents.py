"""The report draft for the funder (interim or final) as one document description, which
`navet.core.documents` renders as Word and PDF. It is written in the installation's language
(Swedish) for the funder, whatever the reader's language.

Budget against actual, the indicators, the risks and the coordinator's interventions are filled
in from Navet; the narrative sections carry a prompt for the project to write in Word.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext

from navet.core.documents import Bars, Block, Bullets, Document, Heading, Paragraph, Table
from navet.core.text import format_sek
from navet.followup import budget
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


PROMPT = gettext_noop("[Write here.]")
# The narrative sections, (heading, question), translated when the report is written.
NARRATIVE = {
    "interim": [
        (
            gettext_noop("Activities carried out so far"),
            gettext_noop("What has been done since the start, and for whom?"),
        ),
        (
            gettext_noop("Deviations from the project plan"),
            gettext_noop("What has not gone as planned, and why?"),
        ),
        (
            gettext_noop("Activities planned for the rest of the period"),
            gettext_noop("What happens next?"),
        ),
    ],
    "final": [
        (
            gettext_noop("Activities carried out"),
            gettext_noop("What has been done, and for whom?"),
        ),
        (
            gettext_noop("Results and effects"),
            gettext_noop("What has the project achieved for the target group?"),
        ),
        (
            gettext_noop("Rooting in the regular work"),
            gettext_noop("How does the work live on when the project has ended?"),
        ),
        (
            gettext_noop("Lessons learned"),
            gettext_noop("What would you do differently, and what can other municipalities use?"),
        ),
    ],
}


def _number(value: Decimal | None, unit: str = "") -> str:
    if value is None:
        return "–"
    text = f"{value.normalize():f}".replace(".", ",")
    return f"{text} {unit}".strip()


def report_document(followup: Followup, kind: str) -> Document:
    """The interim ("interim") or final ("final") report draft of a project, in the
    installation's language: the funder reads it, not the one who takes it out."""
    with translation.override(settings.LANGUAGE_CODE):
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
                label=str(budget.line_name(line.key)),
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
    title = _("Final report") if final else _("Interim report")
    funder = data.funder or "–"
    facts = [
        _("Project owner: %(owner)s") % {"owner": data.owner},
        _("Participating municipalities: %(names)s")
        % {"names": ", ".join(data.participants) or "–"},
        (
            _("Funder and programme: %(funder)s · %(programme)s")
            % {"funder": funder, "programme": data.programme}
            if data.programme
            else _("Funder and programme: %(funder)s") % {"funder": funder}
        ),
        _("Project period: %(period)s") % {"period": data.period},
        _("Amount granted: %(amount)s")
        % {"amount": format_sek(data.granted_sek) if data.granted_sek else "–"},
        _("The figures are taken from Navet on %(date)s.") % {"date": data.as_of.isoformat()},
    ]
    blocks: list[Block] = [
        Heading(_("The project")),
        Bullets(facts),
        Heading(_("Background and purpose"), 2),
        Paragraph(data.description or _(PROMPT)),
    ]
    for heading, question in NARRATIVE["final" if final else "interim"]:
        blocks += [Heading(_(heading), 2), Paragraph(f"{_(question)} {_(PROMPT)}")]

    figures = {
        "budget": format_sek(data.budget_sek),
        "actual": format_sek(data.actual),
        "share": _share(data.actual, data.budget_sek),
        "forecast": format_sek(data.forecast_sek),
    }
    blocks += [
        Heading(_("Financial report")),
        Paragraph(
            _("Budget %(budget)s, actual %(actual)s (%(share)s of the budget).") % figures
            if final
            else _(
                "Budget %(budget)s, actual %(actual)s (%(share)s of the budget), forecast at "
                "the project's end %(forecast)s."
            )
            % figures
        ),
        Table(
            header=[_("Budget line"), _("Budget"), _("Actual"), _("Share"), _("Forecast")],
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
                    _("Total"),
                    format_sek(data.budget_sek),
                    format_sek(data.actual),
                    _share(data.actual, data.budget_sek),
                    format_sek(data.forecast_sek),
                ]
            ],
            caption=_("Budget and actual per budget line"),
            numeric=(1, 2, 3, 4),
        ),
        Bars(
            caption=_("Actual as a share of the budget"),
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
                    _(
                        "Of the amount granted, %(amount)s has not been used and is paid back to "
                        "the funder."
                    )
                    if final
                    else _(
                        "At the present pace, %(amount)s of the amount granted risks not being "
                        "used."
                    )
                )
                % {"amount": format_sek(data.at_risk_sek)}
            )
        )
    blocks.append(Heading(_("Goals and indicators")))
    if data.indicators:
        blocks.append(
            Table(
                header=[
                    _("Goal"),
                    pgettext("funder report", "Baseline"),
                    _("Target value"),
                    _("Latest measurement"),
                ],
                rows=[[i.name, i.baseline, i.target, i.latest] for i in data.indicators],
                caption=_("Indicators"),
                numeric=(1, 2, 3),
            )
        )
    else:
        blocks.append(Paragraph(_("The project has no indicators in Navet.")))
    blocks.append(Heading(_("Deviations and measures")))
    if data.interventions:
        blocks.append(
            Table(
                header=[_("Date"), pgettext("funder report", "Reason"), _("Action")],
                rows=[
                    [day.isoformat(), reason, action] for day, reason, action in data.interventions
                ],
                caption=_("The coordinator's interventions"),
            )
        )
    else:
        blocks.append(Paragraph(_("No interventions have been needed.")))
    blocks.append(Heading(_("Risks")))
    if data.risks:
        blocks.append(
            Table(
                header=[
                    _("Risk"),
                    _("Likelihood"),
                    _("Consequence"),
                    _("Preventive measures"),
                    _("Owner"),
                    _("Status"),
                ],
                rows=[
                    [r.title, r.likelihood, r.consequence, r.measures, r.owner, r.status]
                    for r in data.risks
                ],
                caption=_("The project's open risks from the risk register, the most severe first"),
            )
        )
    else:
        blocks.append(Paragraph(_("The project has no open risks in the risk register.")))
    return Document(
        title=f"{title}: {data.title}",
        subtitle=(
            _("Draft for %(funder)s · %(period)s") % {"funder": data.funder, "period": data.period}
            if data.funder
            else _("Draft for the funder · %(period)s") % {"period": data.period}
        ),
        blocks=blocks,
        consortium=data.consortium,
        project=data.title,
    )
