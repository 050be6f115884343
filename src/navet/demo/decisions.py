"""Demo content of the decision room: the agreements of Koordination Norrort and of the county,
with goals, sub-goals and action plans taken from the seed documents (the feasibility study and
the county's agreement), and measurements taken from the demo's own projects."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from navet.core.models import User
from navet.decisions.models import Agreement, Attendance, Meeting
from navet.decisions.services import (
    AttendanceEntry,
    attendance_record,
    meeting_create,
    meeting_update,
    motion_create,
)
from navet.decisions.services import agreement as services
from navet.organisations.models import Consortium, Municipality
from navet.projects.models import Project

NORRORT_VISION = (
    "Samverkansöverenskommelsen syftar till att driva gemensamma intressefrågor gentemot andra "
    "aktörer och att genom erfarenhetsutbyte lära av varandra, vilket på sikt skapar en bredare "
    "och mer strukturerad kunskapsplattform inom det kommunala flyktingmottagandet. Den "
    "gemensamma resursen ska bidra till fler relevanta insatser för målgruppen nyanlända och "
    "möjliggöra en utökad samverkan mellan norrortskommunerna."
)

COUNTY_VISION = (
    "Att stödja och initiera samverkan mellan kommunerna i länet och tillvarata gemensamma "
    "kommunala intressefrågor gällande nyanlända. Överenskommelsen ligger till grund för det "
    "regionala samarbetet med statliga myndigheter, organisationer och övriga externa aktörer."
)


def _norrort(coordinator: User, today: date) -> None:
    consortium = Consortium.objects.get(slug="koordination-norrort")
    if Agreement.objects.filter(consortium=consortium).exists():
        return
    agreement = services.agreement_save(
        actor=coordinator,
        consortium=consortium,
        title="Samverkansöverenskommelse Koordination Norrort",
        vision=NORRORT_VISION,
        adopted_on=date(2014, 4, 15),
    )
    target_on = date(today.year + 1, 12, 31)
    money = services.goal_save(
        actor=coordinator,
        agreement=agreement,
        title="Kommunerna beviljas och tar del av mer externa medel",
        description="Förstudiens förväntade effekt (avsnitt 1.3) och räkneexempel (avsnitt 7).",
    )
    granted = services.subgoal_save(
        actor=coordinator,
        goal=money,
        title="Beviljade externa medel per år",
        indicator="Beviljat belopp för projekt som startar under året",
        unit="kr",
        baseline=Decimal(431_000),  # the feasibility study's § 37 grant, autumn 2022
        baseline_on=date(2023, 2, 1),
        target=Decimal(1_000_000),  # one project a year of one million kronor (§7)
        target_on=target_on,
    )
    repaid = services.subgoal_save(
        actor=coordinator,
        goal=money,
        title="Återlämnade projektmedel",
        indicator="Belopp som återlämnas till finansiären per avslutat projekt",
        unit="kr",
        baseline=Decimal(81_524),  # the study's surplus returned to Länsstyrelsen
        baseline_on=date(2023, 7, 31),
        target=Decimal(0),
        target_on=target_on,
    )
    members = services.goal_save(
        actor=coordinator,
        agreement=agreement,
        title="Samtliga medlemskommuner deltar i samverkan",
        description="Kommunerna förväntas närvara på möten och visa engagemang (avsnitt 6.3).",
    )
    services.subgoal_save(
        actor=coordinator,
        goal=members,
        title="Kommuner i den gemensamma ansökan",
        indicator="Antal av de 15 norrortskommunerna som deltar i gemensam ansökan",
        unit="kommuner",
        baseline=Decimal(14),  # 14 of 15 wished to go on (the board memo, 2023-09-04)
        baseline_on=date(2023, 9, 4),
        target=Decimal(15),
        target_on=target_on,
    )
    projects = Project.objects.filter(consortium=consortium)
    this_year = sum(
        p.granted_sek or 0 for p in projects if p.starts_on and p.starts_on.year == today.year
    )
    if this_year:
        services.measurement_record(
            actor=coordinator,
            subgoal=granted,
            measured_on=today,
            value=Decimal(this_year),
            note="Summan av beviljade belopp i Navets projekt som startar i år.",
        )
    for project in projects:
        if project.repaid_sek is None or project.ends_on is None:
            continue
        services.measurement_record(
            actor=coordinator,
            subgoal=repaid,
            measured_on=min(project.ends_on, today),
            value=Decimal(project.repaid_sek or 0),
            note=project.title,
        )
    sigtuna = Municipality.objects.get(code="0191")
    for area, action, body, municipality, due_on, status in (
        (
            "Styrning",
            "Styrgruppen beslutar om förstudierapportens rekommendationer ska överlämnas till "
            "ledningsgruppen.",
            "Styrgruppen",
            None,
            date(2023, 5, 26),
            "done",
        ),
        (
            "Styrning",
            "Ledningsgruppen beslutar om att initiera processteg 2, om den gemensamma resursens "
            "ägarskap och om samtliga kommuner ska ingå.",
            "Ledningsgruppen",
            None,
            date(2023, 6, 8),
            "done",
        ),
        (
            "Finansiering",
            "Förstudiens resultat överlämnas till Länsstyrelsen i Stockholm.",
            "",
            sigtuna,
            date(2023, 8, 30),
            "done",
        ),
        (
            "Finansiering",
            "Ansöka om § 37- alternativt § 37A-medel från Länsstyrelsen för den gemensamma "
            "resursen.",
            "",
            sigtuna,
            None,
            "ongoing",
        ),
        (
            "Projekt",
            "Söka projektmedel för att öka digital kompetens och motverka digitalt utanförskap "
            "hos målgruppen nyanlända.",
            "Den gemensamma resursen",
            None,
            None,
            "planned",
        ),
        (
            "Uppföljning",
            "Utvärdera den långsiktiga nyttan och den ekonomiska vinsten under projektperioden.",
            "Den gemensamma resursen",
            None,
            None,
            "planned",
        ),
    ):
        services.action_save(
            actor=coordinator,
            agreement=agreement,
            area=area,
            action=action,
            responsible_body=body,
            responsible_municipality=municipality,
            due_on=due_on,
            status=status,
        )


def _county(coordinator: User) -> None:
    consortium = Consortium.objects.get(slug="stockholms-lan")
    if Agreement.objects.filter(consortium=consortium).exists():
        return
    agreement = services.agreement_save(
        actor=coordinator,
        consortium=consortium,
        title="Överenskommelse om samverkan mellan kommuner i Stockholms län gällande nyanlända",
        vision=COUNTY_VISION,
        reference="KSL/12/0053",
    )
    goal = services.goal_save(
        actor=coordinator,
        agreement=agreement,
        title="Ökad kommunikation med kommunerna genom kontinuerlig dialog",
        description="Seminarier och konferenser; styrgruppen följer upp överenskommelsen.",
    )
    for title, target in (
        ("Förvaltningschefskonferenser per år", 1),
        ("Konferenser kring sakfrågor per år", 2),
    ):
        services.subgoal_save(
            actor=coordinator,
            goal=goal,
            title=title,
            indicator="Antal konferenser som styrgruppen genomför under året",
            unit="st",
            baseline=Decimal(0),
            baseline_on=date(2013, 8, 16),
            target=Decimal(target),
            target_on=date(2014, 12, 31),
        )
    for area, action in (
        ("Boende", "Samverka om boende för nyanlända i länet."),
        ("Barns situation", "Samverka om nyanlända barns situation, inklusive utbildning."),
        ("Externa aktörer", "Samverka med statliga myndigheter, organisationer och andra aktörer."),
        ("Hälsa", "Samverka om nyanländas hälsa."),
        (
            "Familjeåterförening",
            "Bevaka ansvarsfördelningen vid familjeåterförening till ensamkommande barn och "
            "ersättningen till kommunerna för de merkostnader som uppstår.",
        ),
    ):
        services.action_save(
            actor=coordinator,
            agreement=agreement,
            area=area,
            action=action,
            responsible_body="Styrgruppen (förvaltningschefer) och NYIN",
        )


def demo_agreements(coordinator: User, admin: User, today: date) -> None:
    """The two agreements, once (a second seed leaves them as they are). The county has no
    coordinator in the demo, so the administrator writes its agreement."""
    _norrort(coordinator, today)
    _county(admin)


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def demo_meetings(coordinator: User, today: date) -> None:
    """A steering group meeting of Koordination Norrort held a fortnight ago, with its agenda,
    attendance and minutes, and the motion it put to the vote (§6.5 of the study: a project on
    digital competence for all members, which needs a majority vote, §6.3); and a network meeting
    to come. Once."""
    consortium = Consortium.objects.get(slug="koordination-norrort")
    if Meeting.objects.filter(consortium=consortium).exists():
        return
    held_on = today - timedelta(days=14)
    motion = motion_create(
        actor=coordinator,
        consortium=consortium,
        title="Ansöka om projektmedel för digital kompetens hos nyanlända",
        proposal=(
            "Att den gemensamma resursen söker projektmedel för att öka digital kompetens och "
            "motverka digitalt utanförskap hos målgruppen nyanlända i samtliga norrortskommuner."
        ),
        background=(
            "Förstudien rekommenderar detta som första gemensamma projekt (avsnitt 6.5). Projekt "
            "som avser samtliga kommuner kräver en majoritetsomröstning i styrgruppen (avsnitt "
            "6.3)."
        ),
        opens_at=_at(held_on, 11),
        closes_at=_at(today + timedelta(days=7), 16),
    )
    meeting = meeting_create(
        actor=coordinator,
        consortium=consortium,
        kind=Meeting.Kind.STEERING,
        title="Styrgruppsmöte Koordination Norrort",
        starts_at=_at(held_on, 9),
        ends_at=_at(held_on, 11),
        place="Sollentuna kommun",
        agenda=[
            "Mötets öppnande",
            "Uppföljning av samverkansöverenskommelsen",
            f"{motion.number} Ansöka om projektmedel för digital kompetens hos nyanlända",
            "Övriga frågor",
        ],
    )
    meeting_update(
        actor=coordinator,
        meeting=meeting,
        motions=[motion],
        minutes=(
            "Styrgruppen gick igenom uppföljningen av samverkansöverenskommelsen. Förslaget om "
            f"ett gemensamt projekt för digital kompetens ({motion.number}) lades till "
            "omröstning i Navet."
        ),
    )
    entries = {
        row.municipality_id: AttendanceEntry(Attendance.Status.PRESENT)
        for row in meeting.attendance.all()
    }
    attendance_record(actor=coordinator, meeting=meeting, entries=entries)
    coming = today + timedelta(days=21)
    meeting_create(
        actor=coordinator,
        consortium=consortium,
        kind=Meeting.Kind.NETWORK,
        title="Nyanlända-nätverksträff",
        starts_at=_at(coming, 13),
        ends_at=_at(coming, 15),
        place="Sollentuna kommun",
        agenda=["Behov från kommunerna", "Aktuella utlysningar"],
    )
