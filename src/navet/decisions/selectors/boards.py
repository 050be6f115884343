"""Reads of the municipalities' own decisions on a project, and the memo (tjänsteutlåtande)
Navet drafts for each participating municipality's board from the project's data, in the form
of the seeds: Ärendet, Förslag till beslut, Bakgrund, Bedömning, Konsekvenser för barn och unga,
Ekonomiska konsekvenser, Handlingar i ärendet."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from navet.core import documents as doc
from navet.core.errors import NotFound
from navet.core.models import User
from navet.core.text import swedish_sort_key
from navet.decisions.models import BoardDecision, Motion
from navet.organisations.models import Municipality
from navet.projects.models import Project
from navet.projects.permissions import projects_for

# A call closing within this many days leaves no time to wait for the minutes' approval: the
# memo then proposes that the paragraph is adjusted at once.
ADJUST_AT_ONCE_WITHIN = timedelta(days=45)


def project_get(actor: User, pk: int) -> Project:
    project = (
        projects_for(actor)
        .select_related("consortium", "owner", "call__funder", "call__programme", "funder")
        .filter(pk=pk)
        .first()
    )
    if project is None:
        raise NotFound(_("No such project, or none you may see."))
    return project


def participant_get(project: Project, pk: int) -> Municipality:
    municipality = project.participants.filter(pk=pk).first()
    if municipality is None:
        raise NotFound(_("The municipality does not take part in the project."))
    return municipality


@dataclass(frozen=True)
class BoardRow:
    municipality: Municipality
    decision: BoardDecision | None


def board_rows(project: Project) -> list[BoardRow]:
    """Each participating municipality and its board's decision, if recorded (two queries)."""
    decisions = {d.municipality_id: d for d in BoardDecision.objects.filter(project=project)}
    members = sorted(project.participants.all(), key=lambda m: swedish_sort_key(m.name))
    return [BoardRow(m, decisions.get(m.pk)) for m in members]


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def _sek(amount: int) -> str:
    return f"{amount:,}".replace(",", " ") + " kr"


def board_memo(
    project: Project, municipality: Municipality, body: str, today: date
) -> doc.Document:
    """The draft memo for `municipality`'s board (`body`, e.g. Socialnämnden) on the project."""
    participants = sorted(project.participants.all(), key=lambda m: swedish_sort_key(m.name))
    others = [m.name for m in participants if m.pk != municipality.pk]
    call = project.call
    funder = (call.funder if call else None) or project.funder
    motion = (
        Motion.objects.filter(project=project, status=Motion.Status.CLOSED, outcome="passed")
        .order_by("-closed_at")
        .first()
    )
    needs = list(project.needs.select_related("municipality"))
    title = _("Participation in the project %(title)s") % {"title": project.title}

    matter = [
        _(
            "The matter concerns %(municipality)s's participation in the project %(title)s, "
            "owned by %(owner)s within %(consortium)s."
        )
        % {
            "municipality": municipality.name,
            "title": project.title,
            "owner": project.owner.name,
            "consortium": project.consortium.name,
        }
    ]
    if others:
        matter.append(
            _("The application is made together with %(count)s municipalities: %(names)s.")
            % {"count": len(participants), "names": _join([m.name for m in participants])}
        )
    if call is not None:
        matter.append(
            _("The project applies for funds in the call %(call)s, which closes on %(day)s.")
            % {"call": call.title, "day": timezone.localtime(call.closes).date().isoformat()}
        )
    proposal = [
        _("%(municipality)s takes part in the project %(title)s together with %(others)s.")
        % {
            "municipality": municipality.name,
            "title": project.title,
            "others": _join(others) or project.consortium.name,
        }
    ]
    if funder is not None:
        proposal.append(
            _("%(municipality)s takes part in the application for funds from %(funder)s.")
            % {"municipality": municipality.name, "funder": funder.name}
        )
    adjust = (
        call is not None and timezone.localtime(call.closes).date() <= today + ADJUST_AT_ONCE_WITHIN
    )
    background = [project.consortium.description] if project.consortium.description else []
    if project.description:
        background.append(project.description)
    if motion is not None:
        background.append(
            _(
                "The steering group of %(consortium)s decided on %(day)s (%(number)s) to go on "
                "with the project."
            )
            % {
                "consortium": project.consortium.name,
                "day": timezone.localdate(motion.closed_at).isoformat() if motion.closed_at else "",
                "number": motion.number,
            }
        )
    own = [n.title for n in needs if n.municipality_id == municipality.pk]
    assessment = (
        _("The project answers needs %(municipality)s has raised: %(needs)s.")
        % {"municipality": municipality.name, "needs": "; ".join(own)}
        if own
        else _("The project answers needs raised in the consortium: %(needs)s.")
        % {"needs": "; ".join(n.title for n in needs) or "–"}
    )
    if project.requested_sek:
        money = _("The project applies for %(amount)s in all from %(funder)s.") % {
            "amount": _sek(project.requested_sek),
            "funder": funder.name if funder else _("the funder"),
        }
    else:
        money = _("The project's budget is not yet set.")
    if call is not None and call.cofinancing_percent is not None:
        if call.cofinancing_percent == 0:
            money += " " + _("The call asks for no co-financing.")
        else:
            money += " " + _("The call asks for %(percent)s %% co-financing.") % {
                "percent": str(call.cofinancing_percent).rstrip("0").rstrip(".").replace(".", ",")
            }
    documents = [_("Memo, %(title)s") % {"title": title}]
    if motion is not None:
        documents.append(
            _("The steering group's decision %(number)s, %(title)s")
            % {"number": motion.number, "title": motion.title}
        )
        documents += [d.name for d in motion.documents.all()]
    if call is not None:
        documents.append(_("The call: %(title)s") % {"title": call.title})

    blocks: list[doc.Block] = [
        doc.Paragraph(f"{body} {today.isoformat()}"),
        doc.Heading(title, 1),
        doc.Heading(_("The matter"), 2),
        *[doc.Paragraph(text) for text in matter],
        doc.Heading(_("Proposed decision"), 2),
        doc.Paragraph(_("%(body)s decides:") % {"body": body}),
        doc.Bullets([f"{n}. {text}" for n, text in enumerate(proposal, start=1)]),
    ]
    if adjust:
        blocks.append(
            doc.Paragraph(
                _("%(body)s decides that the paragraph is adjusted immediately.") % {"body": body}
            )
        )
    blocks += [
        doc.Heading(_("Background"), 2),
        *[doc.Paragraph(text) for text in background or ["–"]],
        doc.Heading(_("Assessment"), 2),
        doc.Paragraph(assessment),
        doc.Paragraph(_("[The administration's assessment is written here.]")),
        doc.Heading(_("Consequences for children and young people"), 2),
        doc.Paragraph(_("[The consequences for children and young people are written here.]")),
        doc.Heading(_("Financial consequences"), 2),
        doc.Paragraph(money),
        doc.Heading(_("Documents in the matter"), 2),
        doc.Bullets([f"{n}. {text}" for n, text in enumerate(documents, start=1)]),
    ]
    return doc.Document(title=_("Memo"), subtitle=f"{municipality.name} · {body}", blocks=blocks)
