"""Early warnings of a running project, each with a reason and a suggested action, in Swedish.
No Django here.

The study (§3) names the failure to avoid: granted money "inte hinner användas och behöver
återlämnas". So the main warning looks ahead: as soon as the forecast at completion leaves a
noticeable part of the grant unspent, while there is still time to act. The other warnings:
the forecast over the budget, a line spent beyond its budget, an indicator behind its path to the
target, a report due soon or overdue.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from navet.core.text import format_sek
from navet.followup.budget import CATEGORIES, Quarter
from navet.followup.forecast import Result

# The share of the grant left unspent that is worth a warning.
UNDERSPEND_SHARE = Decimal("0.05")
REPORT_NOTICE_DAYS = 30
INDICATOR_TOLERANCE = Decimal("0.8")  # behind when below 80 % of the expected progress
INDICATOR_FROM_SHARE = Decimal("0.25")  # judged once a quarter of the period has passed

UNDERSPEND = "underspend"
OVERSPEND = "overspend"
LINE_OVER = "line_over_budget"
INDICATOR = "indicator_behind"
REPORT = "report_due"


@dataclass(frozen=True)
class Alert:
    kind: str
    key: str  # stable: the same warning gets the same key, so it is told once
    reason: str
    action: str


@dataclass(frozen=True)
class IndicatorStatus:
    key: str
    name: str
    baseline: Decimal
    target: Decimal
    latest: Decimal | None
    latest_on: date | None


@dataclass(frozen=True)
class ReportStatus:
    key: str
    label: str
    due_on: date
    submitted: bool


def _sek(amount: int | Decimal) -> str:
    return format_sek(amount)


def _number(value: Decimal) -> str:
    """15.00 → `15`, 2.50 → `2,5`."""
    return f"{value.normalize():f}".replace(".", ",")


def _elapsed_share(starts_on: date, ends_on: date, on: date) -> Decimal:
    total = (ends_on - starts_on).days + 1
    done = min(max((on - starts_on).days + 1, 0), total)
    return Decimal(done) / Decimal(total)


def money_warnings(result: Result, *, ends_on: date) -> list[Alert]:
    found = []
    quarter = str(Quarter.of(result.as_of)).replace(" ", "-")
    if result.grant_sek and not result.finished:
        share = Decimal(result.at_risk_sek) / result.grant_sek
        if result.pace is not None and share >= UNDERSPEND_SHARE:
            days_left = (ends_on - result.as_of).days
            pace = round(result.pace * 100)
            found.append(
                Alert(
                    kind=UNDERSPEND,
                    key=f"{UNDERSPEND}-{quarter}",
                    reason=(
                        f"Projektet har använt {pace} % av det som var planerat hittills. I den "
                        f"takten blir {_sek(result.at_risk_sek)} av det beviljade beloppet "
                        f"({_sek(result.grant_sek)}) kvar och kan behöva betalas tillbaka. "
                        f"Det är {days_left} dagar kvar till {ends_on.isoformat()}."
                    ),
                    action=(
                        "Gå igenom aktiviteterna med projektledaren: tidigarelägg planerade "
                        "insatser, flytta medel mellan budgetposter eller begär en ändring hos "
                        "finansiären i god tid innan perioden slutar."
                    ),
                )
            )
    if result.forecast_sek > result.budget_sek and result.budget_sek:
        over = result.forecast_sek - result.budget_sek
        found.append(
            Alert(
                kind=OVERSPEND,
                key=f"{OVERSPEND}-{quarter}",
                reason=(
                    f"Prognosen vid projektets slut är {_sek(result.forecast_sek)}, "
                    f"{_sek(over)} över budgeten ({_sek(result.budget_sek)})."
                ),
                action=(
                    "Bromsa kostnaderna eller besluta hur överskridandet ska finansieras; "
                    "finansiären betalar inte mer än beviljat."
                ),
            )
        )
    for line in result.lines:
        if line.over_budget:
            category, year, municipality = line.key
            label = f"{CATEGORIES.get(category, category)} {year}"
            if municipality:
                label += f" ({municipality})"
            found.append(
                Alert(
                    kind=LINE_OVER,
                    key=f"{LINE_OVER}-{category}-{year}-{municipality}",
                    reason=(
                        f"{label}: utfallet {_sek(line.actual)} är över budgetposten "
                        f"{_sek(line.budget_sek)}."
                    ),
                    action=(
                        "Kontrollera att kostnaderna är rätt bokförda; flytta dem till rätt post "
                        "eller ansök om en budgetändring hos finansiären."
                    ),
                )
            )
    return found


def indicator_warnings(
    indicators: Sequence[IndicatorStatus], *, starts_on: date, ends_on: date, as_of: date
) -> list[Alert]:
    """An indicator is behind when its latest measurement has come less than 80 % of the way
    its straight path from baseline to target should have by then; judged from a quarter of the
    period on."""
    found: list[Alert] = []
    if _elapsed_share(starts_on, ends_on, as_of) < INDICATOR_FROM_SHARE:
        return found  # too early in the period to judge
    quarter = str(Quarter.of(as_of)).replace(" ", "-")
    for indicator in indicators:
        span = indicator.target - indicator.baseline
        if not span:
            continue
        on = indicator.latest_on or as_of
        expected = _elapsed_share(starts_on, ends_on, min(on, as_of))
        reached = (
            (indicator.latest - indicator.baseline) / span if indicator.latest is not None else 0
        )
        if expected > 0 and reached < expected * INDICATOR_TOLERANCE:
            latest = "ingen mätning ännu" if indicator.latest is None else _number(indicator.latest)
            found.append(
                Alert(
                    kind=INDICATOR,
                    key=f"{INDICATOR}-{indicator.key}-{quarter}",
                    reason=(
                        f"{indicator.name}: {latest} mot målet {_number(indicator.target)} – "
                        f"{round(Decimal(reached) * 100)} % av vägen när "
                        f"{round(expected * 100)} % av tiden har gått."
                    ),
                    action=(
                        "Följ upp med projektledaren vad som hindrar; justera aktiviteterna "
                        "eller målgruppsarbetet, och mät igen."
                    ),
                )
            )
    return found


def report_warnings(reports: Sequence[ReportStatus], *, as_of: date) -> list[Alert]:
    found = []
    for report in reports:
        if report.submitted or as_of < report.due_on - timedelta(days=REPORT_NOTICE_DAYS):
            continue
        days = (report.due_on - as_of).days
        when = (
            f"ska lämnas om {days} dagar, {report.due_on.isoformat()}"
            if days >= 0
            else f"skulle ha lämnats {report.due_on.isoformat()}"
        )
        found.append(
            Alert(
                kind=REPORT,
                key=f"{REPORT}-{report.key}",
                reason=f"{report.label} till finansiären {when}.",
                action=(
                    "Ta fram rapportutkastet i Navet (Word eller PDF), komplettera berättelsen "
                    "och skicka in."
                ),
            )
        )
    return found


def alerts_on(
    result: Result,
    *,
    starts_on: date,
    ends_on: date,
    indicators: Sequence[IndicatorStatus] = (),
    reports: Sequence[ReportStatus] = (),
) -> list[Alert]:
    """Every warning of the project on `result.as_of`."""
    return [
        *money_warnings(result, ends_on=ends_on),
        *indicator_warnings(indicators, starts_on=starts_on, ends_on=ends_on, as_of=result.as_of),
        *report_warnings(reports, as_of=result.as_of),
    ]


def month_ends(starts_on: date, ends_on: date) -> list[date]:
    """The last day of every month of the period (the days a look back checks)."""
    days = []
    year, month = starts_on.year, starts_on.month
    while (year, month) <= (ends_on.year, ends_on.month):
        following = date(year + month // 12, month % 12 + 1, 1)
        days.append(min(following - timedelta(days=1), ends_on))
        year, month = following.year, following.month
    return days
