"""The evaluation report: the basis for deciding whether the members make the shared resource
permanent and pay for it together (the feasibility study's process step 3, §6.4 and §8).

Built as a `navet.core.documents.Document` from evaluations, so Word and PDF say the same."""

from collections.abc import Sequence
from datetime import date

from django.utils.translation import gettext as _

from navet.core.documents import Bars, Block, Bullets, Document, Heading, Paragraph, Table
from navet.core.text import format_sek
from navet.economics.costsharing import format_leverage
from navet.economics.selectors import Evaluation


def _sek(amount: int | None) -> str:
    return "–" if amount is None else format_sek(amount)


def evaluation_document(report: Evaluation, years: Sequence[Evaluation], today: date) -> Document:
    """`report` is the year in question; `years` every year of the evaluation period up to it."""
    consortium = report.consortium.name
    blocks: list[Block] = [
        Heading(_("Summary")),
        Paragraph(_summary(report)),
        Paragraph(
            _(
                "The feasibility study recommends that the project period be an evaluation "
                "period for the shared resource, measuring its long-term benefit and economic "
                "gain, and that the member municipalities then decide whether to anchor the "
                "resource in their ordinary operations and finance it together (process step "
                "3). This report gives the figures for that decision."
            )
        ),
        Heading(_("Per municipality, %(year)s") % {"year": report.year}),
        _municipality_table(report),
    ]
    if report.cost_sek is not None and report.rows:
        blocks.append(_net_gain_bars(report))
    if len(years) > 1:
        blocks += [Heading(_("Year by year")), _year_table(years)]
    blocks += [Heading(_("How the figures are counted")), Bullets(_method())]
    return Document(
        title=_("Evaluation of the shared resource – %(consortium)s %(year)s")
        % {"consortium": consortium, "year": report.year},
        subtitle=_("Drawn from Navet on %(date)s") % {"date": today.isoformat()},
        blocks=tuple(blocks),
        consortium=consortium,
    )


def _summary(report: Evaluation) -> str:
    money = _(
        "In %(year)s the consortium's %(projects)s projects applied for %(applied)s and were "
        "granted %(granted)s, of which %(used)s is used and %(repaid)s was paid back."
    ) % {
        "year": report.year,
        "projects": report.projects,
        "applied": format_sek(report.applied_sek),
        "granted": format_sek(report.granted_sek),
        "used": format_sek(report.used_sek),
        "repaid": format_sek(report.repaid_sek),
    }
    if report.cost_sek is None:
        return money + " " + _("No cost of the resource is recorded for the year.")
    if report.shared_equally_instead:
        money += " " + _(
            "The cost key needs figures the year lacks, so the cost is shared in equal parts."
        )
    return (
        money
        + " "
        + _(
            "The resource cost the members %(cost)s, a net gain of %(net)s and %(leverage)s "
            "kronor kept per krona of cost."
        )
        % {
            "cost": format_sek(report.cost_sek),
            "net": _sek(report.net_sek),
            "leverage": format_leverage(report.leverage),
        }
    )


def _municipality_table(report: Evaluation) -> Table:
    rows = [
        (
            row.name if row.member else _("%(name)s (not a member)") % {"name": row.name},
            str(row.projects),
            format_sek(row.applied_sek),
            format_sek(row.granted_sek),
            format_sek(row.used_sek),
            format_sek(row.repaid_sek),
            _sek(row.cost_sek),
            _sek(row.net_sek),
            format_leverage(row.leverage),
        )
        for row in report.rows
    ]
    rows.append(
        (
            _("In all"),
            str(report.projects),
            format_sek(report.applied_sek),
            format_sek(report.granted_sek),
            format_sek(report.used_sek),
            format_sek(report.repaid_sek),
            _sek(report.cost_sek),
            _sek(report.net_sek),
            format_leverage(report.leverage),
        )
    )
    return Table(
        header=(
            _("Municipality"),
            _("Projects"),
            _("Applied for"),
            _("Granted"),
            _("Used"),
            _("Repaid"),
            _("Share of the cost"),
            _("Net gain"),
            _("Leverage"),
        ),
        rows=rows,
        caption=_("Each municipality's money through the shared work this year"),
        numeric=range(1, 9),
    )


def _net_gain_bars(report: Evaluation) -> Bars:
    largest = max(abs(row.net_sek or 0) for row in report.rows) or 1
    return Bars(
        caption=_("Net gain per municipality"),
        rows=[
            (row.name, (row.net_sek or 0) / largest, _sek(row.net_sek))
            for row in report.rows
            if row.member
        ],
    )


def _year_table(years: Sequence[Evaluation]) -> Table:
    return Table(
        header=(
            _("Year"),
            _("Projects"),
            _("Applied for"),
            _("Granted"),
            _("Used"),
            _("Repaid"),
            _("Cost"),
            _("Net gain"),
            _("Leverage"),
        ),
        rows=[
            (
                str(year.year),
                str(year.projects),
                format_sek(year.applied_sek),
                format_sek(year.granted_sek),
                format_sek(year.used_sek),
                format_sek(year.repaid_sek),
                _sek(year.cost_sek),
                _sek(year.net_sek),
                format_leverage(year.leverage),
            )
            for year in years
        ],
        caption=_("The consortium's figures for each year of the evaluation period"),
        numeric=range(1, 9),
    )


def _method() -> list[str]:
    return [
        _(
            "Applied for: projects submitted or further on (not withdrawn). Granted and repaid: "
            "projects granted or further on."
        ),
        _(
            "Used: the projects' recorded expenditures; for a finished project without any, "
            "granted − repaid."
        ),
        _(
            "A project belongs to the year it starts (without a start date, the year it was "
            "created); its amounts are shared equally by its owner and participants."
        ),
        _(
            "Share of the cost: what the members paid for the resource that year, after any "
            "grants that fund it, shared by the consortium's cost key."
        ),
        _(
            "Net gain: granted − repaid − share of the cost. Leverage: granted and kept kronor "
            "per krona of cost."
        ),
    ]
