"""The demo projects' preparation: the idea's needs analysis half done, the running project's
done, and of its two partners one signed cooperation form and one still missing."""

from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from navet.core import documents
from navet.core.models import User
from navet.organisations.models import Municipality
from navet.projects.documents import cooperation_form
from navet.projects.models import NeedsAnalysisItem, Project
from navet.projects.services import (
    confirmation_record,
    confirmation_request,
    needs_analysis_file_add,
    needs_analysis_item_set,
)

RUNNING = "Digital vardag – e-legitimation och e-tjänster för nyanlända vuxna"
IDEA = "Läxhjälp och språkstöd i förskolan"

NOTES = {
    "study_visits": "Digitalt studiebesök hos Stockholms stads arbetsmarknadsförvaltning: hur de "
    "processleder projektansökningar och vad som har fungerat.",
    "environment_scan": "Liknande samverkan i Södertörn och Göteborgsregionen; inget motsvarande "
    "stöd finns i Norrort i dag.",
    "earlier_research": "Forskning om digitalt utanförskap bland nyanlända (Internetstiftelsen, "
    "Svenskarna och internet) och om språkstöd i förskolan.",
    "risk_analysis": "Risk: för få deltagare när inflödet minskar. Åtgärd: öppna för deltagare "
    "från grannkommunerna.",
    "interviews": "Intervjuer med deltagare, handläggare och enhetschefer i alla tre kommunerna.",
    "target_group_shaping": "Deltagare från målgruppen var med i workshop 2 och formade "
    "aktiviteterna; en referensgrupp följer projektet.",
}
INTERVIEW_NOTES = (
    "Intervjuanteckningar\n\n"
    "Fem deltagare, tre handläggare och två enhetschefer intervjuades. Alla nämner BankID och "
    "e-tjänster som det största hindret.\n"
)


def demo_preparation(today: date) -> None:
    """Fill the demo projects' checklists and confirmations once (a second seed leaves them)."""
    coordinator = User.objects.get(username="samordnare")
    projects = {
        p.title: p
        for p in Project.objects.filter(
            consortium__slug="koordination-norrort", title__in=[RUNNING, IDEA]
        )
    }
    if (
        len(projects) < 2
        or NeedsAnalysisItem.objects.filter(project__in=projects.values()).exists()
    ):
        return
    running, idea = projects[RUNNING], projects[IDEA]
    for kind, notes in NOTES.items():
        needs_analysis_item_set(
            actor=coordinator, project=running, kind=kind, done=True, notes=notes
        )
    needs_analysis_file_add(
        actor=coordinator,
        project=running,
        kind="interviews",
        upload=ContentFile(INTERVIEW_NOTES.encode(), name="intervjuanteckningar.txt"),
    )
    for kind in ("study_visits", "environment_scan", "earlier_research"):
        needs_analysis_item_set(
            actor=coordinator, project=idea, kind=kind, done=True, notes=NOTES[kind]
        )
    needs_analysis_item_set(
        actor=coordinator,
        project=idea,
        kind="interviews",
        done=False,
        notes="Intervjuer med förskollärare bokade; föräldrarna återstår.",
    )

    taby = Municipality.objects.get(code="0160")
    solna = Municipality.objects.get(code="0184")
    asked = timezone.now() - timedelta(days=10)
    for partner in (taby, solna):
        confirmation_request(actor=coordinator, project=running, municipality=partner, now=asked)
    signed = documents.to_pdf(cooperation_form(running, taby))
    confirmation_record(
        actor=User.objects.get(username="kontakt.taby"),
        project=running,
        municipality=taby,
        signed_by_name="Karin Holm",
        signed_by_title="socialdirektör",
        signed_on=today - timedelta(days=5),
        board_decision_reference="Socialnämnden i Täby, § 42",
        upload=ContentFile(signed, name="samverkansblankett-taby-underskriven.pdf"),
    )
