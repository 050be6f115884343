"""Early warnings of a running project, each with a reason and a suggested action, as
sentences for the reader. No Django here.

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

from navet.core.text import Message, format_sek, ngettext_lazy
from navet.core.text import gettext_lazy as _
from navet.followup.budget import Quarter, line_name
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
    reason: Message
    action: Message


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
                    reason=ngettext_lazy(
                        "The project has used {pace} % of what was planned so far. At that "
                        "pace {at_risk} of the amount granted ({grant}) is left over and may "
                        "have to be paid back. There is {number} day left until {ends_on}.",
                        "The project has used {pace} % of what was planned so far. At that "
                        "pace {at_risk} of the amount granted ({grant}) is left over and may "
                        "have to be paid back. There are {number} days left until {ends_on}.",
                        number=days_left,
                        pace=pace,
                        at_risk=_sek(result.at_risk_sek),
                        grant=_sek(result.grant_sek),
                        ends_on=ends_on.isoformat(),
                    ),
                    action=_(
                        "Go through the activities with the project manager: bring planned "
                        "work forward, move money between budget lines or ask the funder for "
                        "a change well before the period ends."
                    ),
                )
            )
    if result.forecast_sek > result.budget_sek and result.budget_sek:
        over = result.forecast_sek - result.budget_sek
        found.append(
            Alert(
                kind=OVERSPEND,
                key=f"{OVERSPEND}-{quarter}",
                reason=_(
                    "The forecast at the project's end is {forecast}, {over} over the budget "
                    "({budget}).",
                    forecast=_sek(result.forecast_sek),
                    over=_sek(over),
                    budget=_sek(result.budget_sek),
                ),
                action=_(
                    "Slow the costs down or decide how the overrun is to be financed; the "
                    "funder pays no more than granted."
                ),
            )
        )
    for line in result.lines:
        if line.over_budget:
            category, year, municipality = line.key
            found.append(
                Alert(
                    kind=LINE_OVER,
                    key=f"{LINE_OVER}-{category}-{year}-{municipality}",
                    reason=_(
                        "{line}: the actual {actual} is over the budget line {budget}.",
                        line=line_name(line.key),
                        actual=_sek(line.actual),
                        budget=_sek(line.budget_sek),
                    ),
                    action=_(
                        "Check that the costs are booked correctly; move them to the right line "
                        "or apply to the funder for a budget change."
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
            latest = (
                _("no measurement yet") if indicator.latest is None else _number(indicator.latest)
            )
            found.append(
                Alert(
                    kind=INDICATOR,
                    key=f"{INDICATOR}-{indicator.key}-{quarter}",
                    reason=_(
                        "{indicator}: {latest} against the target {target} – {reached} % of "
                        "the way when {elapsed} % of the time has passed.",
                        indicator=indicator.name,
                        latest=latest,
                        target=_number(indicator.target),
                        reached=round(Decimal(reached) * 100),
                        elapsed=round(expected * 100),
                    ),
                    action=_(
                        "Follow up with the project manager what is in the way; adjust the "
                        "activities or the work with the target group, and measure again."
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
        due_on = report.due_on.isoformat()
        reason = (
            ngettext_lazy(
                "{report} to the funder is due in {number} day, {due_on}.",
                "{report} to the funder is due in {number} days, {due_on}.",
                number=days,
                report=report.label,
                due_on=due_on,
            )
            if days >= 0
            else _("{report} to the funder was due {due_on}.", report=report.label, due_on=due_on)
        )
        found.append(
            Alert(
                kind=REPORT,
                key=f"{REPORT}-{report.key}",
                reason=reason,
                action=_(
                    "Produce the report draft in Navet (Word or PDF), complete the narrative "
                    "and send it in."
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
