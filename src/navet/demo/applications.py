"""Demo data of the application workspace: one application in progress for Koordination Norrort.

Täby's project on HBTQI+ competence in the reception of newly arrived persons – the third
group's priority in the study's second workshop (§4.2) – applies to the demo § 37 call; Täby's
and Solna's contacts and the coordinator have written part of it, and the coordinator has left a
comment.
"""

from datetime import date

from navet.applications.models import Application
from navet.applications.services import application_create, comment_add, section_save
from navet.calls.models import Call
from navet.core.models import User
from navet.needs.models import Need
from navet.organisations.models import Consortium, Municipality
from navet.projects.models import Project
from navet.projects.services import TransitionRefused, project_create, project_move

TITLE = "HBTQI+-kompetens i mottagandet av nyanlända"
TEXTS = {
    "purpose": (
        "kontakt.taby",
        "Projektet ska motverka utanförskap, isolering och psykisk ohälsa bland nyanlända som "
        "identifierar sig som HBTQI+, och rätta felaktig information om målgruppen. En "
        "samordnare utbildar handläggarna i Täby och Solna och samarbetar med RFSL och RFSU.",
    ),
    "target_group": (
        "kontakt.solna",
        "Nyanlända med uppehållstillstånd i Täby och Solna som identifierar sig som HBTQI+, "
        "och de handläggare som möter dem i mottagandet.",
    ),
    "participation": (
        "samordnare",
        "Målgruppen har bidragit till utformningen genom intervjuer och en workshop. Under "
        "projektet träffas en referensgrupp ur målgruppen varje kvartal.",
    ),
}


def demo_application(today: date) -> None:
    """Create the demo application once (a second seed leaves it as it is)."""
    consortium = Consortium.objects.get(slug="koordination-norrort")
    call = Call.objects.filter(external_id=f"demo-lst-stockholm-37-{today.year + 1}").first()
    need = Need.objects.filter(external_id="demo-n-0160-101").first()
    if call is None or need is None:
        return
    if Application.objects.filter(project__consortium=consortium, call=call).exists():
        return
    users = {u.username: u for u in User.objects.filter(username__in=[*dict(TEXTS.values())])}
    coordinator = users["samordnare"]
    project = Project.objects.filter(consortium=consortium, title=TITLE).first()
    if project is None:
        project = project_create(
            actor=coordinator,
            consortium=consortium,
            title=TITLE,
            owner=Municipality.objects.get(code="0160"),
            needs=[need],
            participants=Municipality.objects.filter(code__in=["0160", "0184"]),
            call=call,
            description="Kommungemensam samordnare för HBTQI+-frågor i mottagandet.",
            starts_on=date(today.year + 1, 9, 1),
            ends_on=date(today.year + 2, 12, 31),
            requested_sek=900_000,
        )
    for status in ("needs_analysis", "decision", "application"):
        try:
            project_move(actor=coordinator, project=project, to=status)
        except TransitionRefused:
            break  # the demo stops where the lifecycle's rules ask for more
    application = application_create(actor=coordinator, project=project)
    sections = {s.key: s for s in application.sections.all()}
    for key, (username, text) in TEXTS.items():
        section_save(actor=users[username], section=sections[key], text=text, based_on=0)
    comment_add(
        actor=coordinator,
        section=sections["purpose"],
        text="Lägg till ett mätbart mål för hur många handläggare som utbildas.",
    )
