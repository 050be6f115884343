"""The application and a one-page project summary as documents (`navet.core.documents`), for
Word, where municipalities finish their applications, and PDF."""

from django.utils import timezone
from django.utils.translation import gettext as _

from navet.applications.completeness import Checklist
from navet.applications.models import Application, Section
from navet.core.documents import Block, Bullets, Document, Heading, Paragraph, Table
from navet.core.text import format_sek, swedish_sort_key

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


def application_document(application: Application, sections: list[Section]) -> Document:
    """Every section in template order under its heading; an empty one says so."""
    blocks: list[Block] = []
    for section in sections:
        blocks.append(Heading(section.heading, 1))
        blocks.extend(_paragraphs(section.text) or [Paragraph(_("(Not written yet.)"))])
    return Document(
        title=_("Application: %(title)s") % {"title": application.project.title},
        subtitle=_subtitle(application),
        blocks=blocks,
    )


def summary_document(
    application: Application, sections: list[Section], checklist: Checklist
) -> Document:
    project = application.project
    participants = sorted((m.name for m in project.participants.all()), key=swedish_sort_key)
    period = " – ".join(
        day.isoformat() for day in (project.starts_on, project.ends_on) if day is not None
    )
    facts = [
        (_("Project owner"), project.owner.name),
        (_("Participating municipalities"), ", ".join(participants)),
        (_("Call"), application.call.title),
        (_("Closes"), timezone.localtime(application.call.closes).date().isoformat()),
        (_("Period"), period or "–"),
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
                f"{'✓' if item.ok else '✗'} {item.label}: {item.detail}"
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
    )
