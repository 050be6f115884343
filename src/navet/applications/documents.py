"""The application and a one-page project summary as documents (`navet.core.documents`), for
Word, where municipalities finish their applications, and PDF. The application is sent to the
funder; the summary is the project's brief for those who decide on it at home."""

from django.utils import timezone
from django.utils.translation import gettext as _

from navet.applications.completeness import Checklist
from navet.applications.models import Application, Section
from navet.applications.selectors import BudgetFigures
from navet.core.documents import Block, Bullets, Document, Heading, Paragraph, Table
from navet.core.models import User
from navet.core.text import format_sek, swedish_sort_key
from navet.followup.selectors import budget_grid
from navet.projects.models import Project

SUMMARY_PURPOSE_CHARS = 1200  # keeps the summary on one page


def _paragraphs(text: str) -> list[Block]:
    return [Paragraph(part.strip()) for part in text.split("\n\n") if part.strip()]


def _subtitle(application: Application) -> str:
    call = application.call
    parts = [call.title]
    if call.funder:
        parts.append(call.funder.name)
    if call.programme:
        parts.append(call.programme.name)
    parts.append(_("closes %(day)s") % {"day": timezone.localtime(call.closes).date().isoformat()})
    return " · ".join(parts)


def application_document(
    application: Application, sections: list[Section], figures: BudgetFigures
) -> Document:
    """What a funder asks first – the applicant, the participating municipalities and their
    roles, the period and the budget – then every section in template order under its heading,
    the budget builder's tables heading the budget section. Nothing of Navet's own work (review,
    completeness, rules not verified) is in it: the document is sent."""
    project = application.project
    blocks: list[Block] = [
        Heading(_("Applicant and partners"), 1),
        Table(["", ""], _applicant(application, figures)),
        _participants(application),
    ]
    for section in sections:
        blocks.append(Heading(section.heading, 1))
        if section.key == "budget":
            blocks.extend(_budget(figures))
        blocks.extend(_paragraphs(section.text) or [Paragraph(_("(Not written yet.)"))])
    return Document(
        title=_("Application: %(title)s") % {"title": project.title},
        subtitle=_subtitle(application),
        blocks=blocks,
        consortium=project.consortium.name,
        project=project.title,
    )


def _period(project: Project) -> str:
    if project.starts_on is None and project.ends_on is None:
        return "–"
    return " – ".join(
        day.isoformat() if day else "…" for day in (project.starts_on, project.ends_on)
    )


def _contact(user: User) -> str:
    return ", ".join(part for part in (user.get_full_name() or user.username, user.email) if part)


def _applicant(application: Application, figures: BudgetFigures) -> list[list[str]]:
    """The applicant's facts; an organisation number Navet does not know is left out."""
    project, call = application.project, application.call
    contacts = sorted(project.contacts.all(), key=lambda user: swedish_sort_key(str(user)))
    facts = [[_("Applicant (project owner)"), project.owner.name]]
    if project.owner.organisation_number:
        facts.append([_("Organisation number"), project.owner.organisation_number])
    if contacts:
        facts.append([_("Contact person"), "; ".join(_contact(user) for user in contacts)])
    facts += [
        [_("Project"), project.title],
        [_("Project period"), _period(project)],
        [_("Call"), call.title],
    ]
    if figures.total_sek is not None:
        facts.append([_("Total budget"), format_sek(figures.total_sek)])
    if figures.sought_sek is not None:
        facts.append([_("Amount applied for"), format_sek(figures.sought_sek)])
    if figures.cofinancing_sek:
        facts.append([_("Co-financing"), format_sek(figures.cofinancing_sek)])
    return facts


def _participants(application: Application) -> Table:
    """Every participating municipality with its role, the owner first; the organisation
    numbers as a column when Navet knows any."""
    project = application.project
    members = sorted(
        {project.owner, *project.participants.all()},
        key=lambda m: (m.pk != project.owner_id, swedish_sort_key(m.name)),
    )
    numbers = any(m.organisation_number for m in members)
    header = [_("Municipality"), _("Role")] + ([_("Organisation number")] if numbers else [])
    rows = [
        [
            m.name,
            _("Applicant (project owner)")
            if m.pk == project.owner_id
            else _("Cooperation partner"),
        ]
        + ([m.organisation_number] if numbers else [])
        for m in members
    ]
    return Table(header, rows, caption=_("Participating municipalities"))


def _budget(figures: BudgetFigures) -> list[Block]:
    """The budget builder's budget: each category per year, the total, what is applied for and
    the co-financing, and each municipality's part when lines name one."""
    summary = figures.summary
    if not summary.lines:
        return []
    grid = budget_grid(summary)
    years = [str(year) for year in grid.years]
    rows = [
        [label, *(format_sek(amount) for amount in amounts), format_sek(total)]
        for label, amounts, total in grid.rows
        if total
    ]
    rows.append(
        [
            _("Total"),
            *(format_sek(amount) for amount in grid.year_totals),
            format_sek(summary.total_sek),
        ]
    )
    blocks: list[Block] = [
        Table(
            [_("Cost category"), *years, _("Total")],
            rows,
            caption=_("Budget per cost category and year"),
            numeric=range(1, len(years) + 2),
        )
    ]
    financing = [[_("Total budget"), format_sek(summary.total_sek)]]
    if figures.sought_sek is not None:
        financing.append([_("Applied for from the funder"), format_sek(figures.sought_sek)])
    if figures.cofinancing_sek is not None:
        financing.append([_("Co-financing"), format_sek(figures.cofinancing_sek)])
    blocks.append(Table(["", ""], financing, caption=_("Financing"), numeric=(1,)))
    parts = {name: amount for name, amount in summary.by_municipality.items() if amount}
    if any(parts):
        blocks.append(
            Table(
                [_("Municipality"), _("Amount")],
                [
                    [name or _("The whole project"), format_sek(amount)]
                    for name, amount in sorted(
                        parts.items(), key=lambda item: (item[0] == "", swedish_sort_key(item[0]))
                    )
                ],
                caption=_("Budget per municipality"),
                numeric=(1,),
            )
        )
    return blocks


def summary_document(
    application: Application, sections: list[Section], checklist: Checklist
) -> Document:
    project = application.project
    participants = sorted((m.name for m in project.participants.all()), key=swedish_sort_key)
    facts = [
        (_("Project owner"), project.owner.name),
        (_("Participating municipalities"), ", ".join(participants)),
        (_("Call"), application.call.title),
        (_("Closes"), timezone.localtime(application.call.closes).date().isoformat()),
        (_("Period"), _period(project)),
        (
            _("Requested amount"),
            format_sek(project.requested_sek) if project.requested_sek is not None else "–",
        ),
        (_("Project status"), project.get_status_display()),
        (_("Review status"), application.get_review_status_display()),
    ]
    blocks: list[Block] = [Table([_("Fact"), _("Value")], facts, caption=_("The project"))]
    purpose = next((s for s in sections if s.key == "purpose"), None)
    if purpose is not None and purpose.text.strip():
        text = purpose.text.strip()
        if len(text) > SUMMARY_PURPOSE_CHARS:
            text = text[:SUMMARY_PURPOSE_CHARS].rsplit(" ", 1)[0] + " …"
        blocks += [Heading(purpose.heading, 2), Paragraph(text)]
    blocks += [
        Heading(_("Completeness: %(score)d %%") % {"score": checklist.score}, 2),
        Bullets(
            [
                f"{'✓' if item.ok else '✗'} {item.label}: {' '.join(map(str, item.details))}"
                for item in checklist.items
                if not item.key.startswith("section-")
            ]
            + [
                _("%(done)d of %(count)d sections written.")
                % {
                    "done": sum(1 for s in sections if s.text.strip()),
                    "count": len(sections),
                }
            ]
        ),
    ]
    return Document(
        title=_("Project summary: %(title)s") % {"title": project.title},
        subtitle=_subtitle(application),
        blocks=blocks,
        consortium=project.consortium.name,
        project=project.title,
    )
