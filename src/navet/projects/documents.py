"""The documents of a project's preparation, for Word and PDF (`navet.core.documents`): the
cooperation form each partner municipality signs."""

from django.utils import timezone
from django.utils.translation import gettext as _

from navet.core import documents as doc
from navet.core.text import format_sek, swedish_sort_key
from navet.organisations.models import Municipality
from navet.projects.models import Project


def _period(project: Project) -> str:
    if project.starts_on is None and project.ends_on is None:
        return "–"
    first = project.starts_on.isoformat() if project.starts_on else "…"
    last = project.ends_on.isoformat() if project.ends_on else "…"
    return f"{first} – {last}"


def cooperation_form(project: Project, municipality: Municipality) -> doc.Document:
    """The cooperation form (samverkansblankett, intyg samverkanspart) of one partner, filled in
    with what Navet knows – the project, the applicant, the call, the period and the
    municipality's part – and left blank where the signatory the board delegated signs."""
    call = project.call
    funder = project.funder or (call.funder if call else None)
    programme = project.programme or (call.programme if call else None)
    own_needs = [n.title for n in project.needs.all() if n.municipality_id == municipality.pk]
    others = sorted(
        (m.name for m in project.participants.all() if m.pk != municipality.pk),
        key=swedish_sort_key,
    )
    requested = "–" if project.requested_sek is None else format_sek(project.requested_sek)
    facts = [
        [_("Project"), project.title],
        [_("Applicant (project owner)"), project.owner.name],
        [_("Funder"), funder.name if funder else "–"],
        [_("Programme"), programme.name if programme else "–"],
        [_("Call"), call.title if call else "–"],
        [
            _("Application deadline"),
            timezone.localtime(call.closes).date().isoformat() if call else "–",
        ],
        [_("Period"), _period(project)],
        [_("Requested amount"), requested],
        [_("Consortium"), project.consortium.name],
    ]
    blocks: list[doc.Block] = [
        doc.Table(header=[_("The project"), ""], rows=facts),
        doc.Heading(_("The cooperation partner"), level=2),
        doc.Table(
            header=[_("Cooperation partner"), ""],
            rows=[
                [_("Municipality"), municipality.name],
                [_("Municipality code"), municipality.code],
                [_("Other participating municipalities"), ", ".join(others) or "–"],
            ],
        ),
        doc.Heading(_("The municipality's part"), level=2),
    ]
    if project.description:
        blocks.append(doc.Paragraph(project.description))
    if own_needs:
        blocks.append(
            doc.Paragraph(
                _("The project answers these needs of %(name)s:") % {"name": municipality.name}
            )
        )
        blocks.append(doc.Bullets(own_needs))
    blocks += [
        doc.Paragraph(
            _(
                "%(name)s confirms that it takes part in the project as a cooperation partner "
                "and in its application to the funder, as its board has decided."
            )
            % {"name": municipality.name}
        ),
        doc.Heading(_("Signature"), level=2),
        doc.Paragraph(
            _(
                "Signed by the signatory the board delegated the signing to (for example the "
                "director of social services)."
            )
        ),
        doc.Table(
            header=[_("Signature"), ""],
            rows=[
                [_("The board's decision (body, date, paragraph)"), ""],
                [_("Place and date"), ""],
                [_("Signature"), ""],
                [_("Name in block letters"), ""],
                [_("Title"), ""],
            ],
        ),
    ]
    return doc.Document(
        title=_("Cooperation form – confirmation of a cooperation partner"),
        subtitle=f"{project.title} · {municipality.name}",
        blocks=blocks,
        consortium=project.consortium.name,
        project=project.title,
    )
