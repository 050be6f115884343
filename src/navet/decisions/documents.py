"""The documents of decisions, for Word and PDF (`navet.core.documents`): the yearly follow-up
of the agreement for the steering group, the minutes extract (protokollsutdrag) of a closed motion,
and the memo (tjänsteutlåtande) Navet drafts for each participating municipality's board, in the
form of the seeds: Ärendet, Förslag till beslut, Bakgrund, Bedömning, Konsekvenser för barn och
unga, Ekonomiska konsekvenser, Handlingar i ärendet."""

from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from navet.core import documents as doc
from navet.core.text import format_decimal, format_sek, swedish_sort_key
from navet.decisions.models import Motion, Vote
from navet.decisions.selectors.agreement import STATUS_LABELS, FollowUp
from navet.organisations.models import Municipality
from navet.projects.models import Project

# A call closing within this many days leaves no time to wait for the minutes' approval: the
# memo then proposes that the paragraph is adjusted at once.
ADJUST_AT_ONCE_WITHIN = timedelta(days=45)


def followup_document(report: FollowUp) -> doc.Document:
    """The follow-up as a document for the steering group (PDF or Word): the same table and
    chart as the page, and the actions past their due date."""
    labels = STATUS_LABELS
    blocks: list[doc.Block] = [
        doc.Paragraph(report.agreement.vision),
        doc.Heading(_("Progress per sub-goal"), 1),
        doc.Paragraph(
            _("On %(day)s: %(reached)s reached, %(on_track)s on track, %(behind)s behind.")
            % {
                "day": report.as_of.isoformat(),
                "reached": report.reached,
                "on_track": report.on_track,
                "behind": report.behind,
            }
        ),
        doc.Table(
            header=[
                _("Sub-goal"),
                _("Baseline"),
                _("Latest"),
                _("Target"),
                _("Target date"),
                _("Progress"),
                _("Status"),
            ],
            rows=[
                [
                    row.subgoal.title,
                    format_decimal(row.subgoal.baseline),
                    format_decimal(row.progress.latest.value) if row.progress.latest else "–",
                    format_decimal(row.subgoal.target),
                    row.subgoal.target_on.isoformat(),
                    "–" if row.progress.percent is None else f"{row.progress.percent} %",
                    str(labels[row.progress.status]),
                ]
                for row in report.rows
            ],
            numeric=(1, 2, 3, 5),
        ),
        doc.Bars(
            caption=_("Progress towards the targets"),
            rows=[
                (
                    row.subgoal.title,
                    float(row.progress.share or 0),
                    "–" if row.progress.percent is None else f"{row.progress.percent} %",
                )
                for row in report.rows
            ],
        ),
        doc.Heading(_("Action plan"), 1),
        doc.Paragraph(", ".join(f"{label}: {count}" for label, count in report.actions_by_status)),
    ]
    if report.overdue:
        blocks.append(
            doc.Table(
                header=[_("Area"), _("Action"), _("Responsible"), _("Due date")],
                rows=[
                    [i.area, i.action, i.responsible, i.due_on.isoformat() if i.due_on else ""]
                    for i in report.overdue
                ],
                caption=_("Actions past their due date"),
            )
        )
    return doc.Document(
        title=_("Follow-up %(year)s") % {"year": report.year},
        subtitle=f"{report.agreement.title} · {report.agreement.consortium.name}",
        blocks=blocks,
        consortium=report.agreement.consortium.name,
    )


def _decided(motion: Motion) -> str:
    texts: dict[str, str] = {
        Motion.Outcome.PASSED: _("The steering group approves the proposal."),
        Motion.Outcome.FAILED: _("The steering group rejects the proposal."),
        Motion.Outcome.NO_QUORUM: _("Too few members voted: the steering group made no decision."),
        Motion.Outcome.TIE: _("The votes were tied: the steering group made no decision."),
    }
    return texts.get(motion.outcome, "")


def motion_extract(motion: Motion) -> doc.Document:
    """The extract of a closed motion, from its frozen result."""
    result = motion.result
    choices = dict(Vote.Choice.choices)
    kinds = dict(Vote.CastAs.choices)
    closed = timezone.localtime(motion.closed_at).strftime("%Y-%m-%d") if motion.closed_at else ""
    at_meeting = result.get("meeting")
    decided_on = at_meeting["day"] if at_meeting else closed
    if motion.meeting is not None:
        session = _("%(title)s, %(day)s") % {
            "title": motion.meeting.title,
            "day": timezone.localtime(motion.meeting.starts_at).strftime("%Y-%m-%d"),
        }
    else:
        session = _("Voting in Navet %(opens)s – %(closes)s") % {
            "opens": timezone.localtime(motion.opens_at).strftime("%Y-%m-%d"),
            "closes": closed,
        }
    voted = result["yes"] + result["no"] + result["abstain"]
    heading = f"{motion.paragraph} {motion.title}".strip()
    blocks: list[doc.Block] = [
        doc.Table(
            header=[_("Record"), ""],
            rows=[
                [_("Consortium"), motion.consortium.name],
                [_("Body"), _("Steering group")],
                [_("Meeting"), session],
                [_("Registration number"), motion.number],
                [_("Paragraph"), motion.paragraph or "–"],
                [_("Decided on"), decided_on],
            ],
        ),
        doc.Heading(heading, 1),
        doc.Heading(_("Proposal"), 2),
        doc.Paragraph(motion.proposal),
    ]
    if motion.background:
        blocks += [doc.Heading(_("Background"), 2), doc.Paragraph(motion.background)]
    blocks += [
        doc.Heading(_("Decision"), 2),
        doc.Paragraph(_decided(motion)),
        *(
            [doc.Paragraph(_("Decided at the meeting by the votes of the members present."))]
            if at_meeting
            else []
        ),
        doc.Bullets(list(result.get("reasons", []))),
        doc.Paragraph(
            _("Votes: %(yes)s yes, %(no)s no, %(abstain)s abstaining, %(not_voted)s not voted.")
            % result
        ),
        doc.Paragraph(
            _("Turnout: %(voted)s of %(members)s members (%(percent)s %%).")
            % {
                "voted": voted,
                "members": result["members"],
                "percent": str(result["turnout_percent"]).replace(".", ","),
            }
        ),
        doc.Table(
            header=[_("Municipality"), _("Vote"), _("Cast by")],
            rows=[
                [
                    row["name"],
                    str(choices.get(row["choice"], "–"))
                    if row["choice"]
                    else _("Not present")
                    if row.get("present") is False
                    else "–",
                    f"{row['cast_by']} ({str(kinds.get(row['cast_as'], '')).lower()})"
                    if row["cast_by"]
                    else "–",
                ]
                for row in sorted(
                    result.get("votes", []), key=lambda r: swedish_sort_key(r["name"])
                )
            ],
            caption=_("Each municipality's vote"),
        ),
    ]
    if motion.adjusted_immediately:
        blocks.append(doc.Paragraph(_("The paragraph is adjusted immediately.")))
    blocks.append(
        doc.Paragraph(
            _("Extract from the minutes of %(consortium)s's steering group, made in Navet.")
            % {"consortium": motion.consortium.name}
        )
    )
    return doc.Document(
        title=_("Extract from the minutes"),
        subtitle=f"{motion.consortium.name} · {motion.number}",
        blocks=blocks,
        consortium=motion.consortium.name,
        project=motion.project.title if motion.project is not None else "",
    )


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


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
            "amount": format_sek(project.requested_sek),
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
    return doc.Document(
        title=_("Memo"),
        subtitle=f"{municipality.name} · {body}",
        blocks=blocks,
        consortium=project.consortium.name,
        project=project.title,
    )
