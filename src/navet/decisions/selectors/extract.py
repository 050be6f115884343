"""The minutes extract (protokollsutdrag) of a closed motion, as a document for Word and PDF:
the consortium, the meeting or voting, the registration number and paragraph, what was decided,
each municipality's vote, the turnout and, when chosen, "Paragrafen justeras omedelbart"."""

from django.utils import timezone
from django.utils.translation import gettext as _

from navet.core import documents as doc
from navet.core.text import swedish_sort_key
from navet.decisions.models import Motion, Vote


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
                [_("Decided on"), closed],
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
                    str(choices.get(row["choice"], "–")) if row["choice"] else "–",
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
    )
