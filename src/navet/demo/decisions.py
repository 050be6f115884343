"""Demo content of the decision room: the agreements of Koordination Norrort and of the county,
with goals, sub-goals and action plans taken from the seed documents (the feasibility study and
the county's agreement), and measurements taken from the demo's own projects."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify

from navet.applications.services import application_create
from navet.calls.models import Call
from navet.core.audit import acting_as
from navet.core.models import User
from navet.decisions.models import Agreement, Attendance, Meeting
from navet.decisions.services import (
    AttendanceEntry,
    attendance_record,
    meeting_create,
    meeting_update,
    motion_close,
    motion_create,
    vote_cast,
)
from navet.decisions.services import agreement as services
from navet.decisions.services.steering import steering_seat_add
from navet.followup.models import ReportDeadline
from navet.followup.services import report_deadline_add
from navet.needs.models import Need
from navet.organisations.models import Consortium, Municipality, Role, RoleAssignment
from navet.organisations.services import role_assign
from navet.projects.models import NeedsAnalysisItem, Project
from navet.projects.services import needs_analysis_item_set, project_create, project_move

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
    coordinator in the demo, so the administrator takes that role to write its agreement: an
    administrator coordinates nothing by being administrator (docs/roles.md)."""
    _norrort(coordinator, today)
    county = Consortium.objects.get(slug="stockholms-lan")
    if not RoleAssignment.objects.filter(
        user=admin, role=Role.COORDINATOR, consortium=county
    ).exists():
        role_assign(actor=admin, user=admin, role=Role.COORDINATOR, consortium=county)
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


# --- the steering group at work: every member seated, a motion decided, a meeting coming --------

REPRESENTATIVES = {  # Sigtuna's representative is a demo login of its own (content.DEMO_USERS)
    "0114": ("Lena", "Ahlström"),
    "0115": ("Mats", "Öberg"),
    "0117": ("Fatima", "Karlsson"),
    "0123": ("Per", "Lundgren"),
    "0125": ("Ingrid", "Sjöberg"),
    "0139": ("Ali", "Rahimi"),
    "0160": ("Maria", "Holm"),
    "0162": ("Gustav", "Wallin"),
    "0163": ("Eva", "Bergström"),
    "0183": ("Nils", "Engström"),
    "0184": ("Sofia", "Lind"),
    "0186": ("Anders", "Forsberg"),
    "0187": ("Karin", "Dahl"),
    "0188": ("Oskar", "Nyberg"),
}
DECIDED = "Traumamedveten personal i hela Norrort"
AGAINST = {"0125", "0187"}  # Ekerö and Vaxholm vote no
ABSTAINS = {"0186"}  # Lidingö abstains


def representative_username(municipality: Municipality) -> str:
    return f"styrgrupp.{slugify(municipality.name)}"


def demo_representatives(admin: User, password: str) -> None:
    """A steering representative for every member of Koordination Norrort that has none, each a
    login `styrgrupp.<kommun>` (the seat is given as an administrator gives it). Once."""
    consortium = Consortium.objects.get(slug="koordination-norrort")
    seated = set(
        RoleAssignment.objects.filter(consortium=consortium, role=Role.STEERING).values_list(
            "municipality__code", flat=True
        )
    )
    for municipality in consortium.members.exclude(code__in=seated).order_by("code"):
        first_name, last_name = REPRESENTATIVES[municipality.code]
        username = representative_username(municipality)
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                first_name=first_name,
                last_name=last_name,
                email=f"{username}@example.se",
            )
            user.set_password(password)
            with acting_as(admin):
                user.save()
        steering_seat_add(
            actor=admin, consortium=consortium, municipality=municipality, user=user, deputy=False
        )


def demo_decided_motion(coordinator: User, today: date) -> None:
    """A joint project of the whole consortium that the steering group decided nine days ago by
    vote (twelve yes, two no, one abstention), so that it now writes its application; a report
    due on the running project; and the next steering group meeting in ten days. Once."""
    consortium = Consortium.objects.get(slug="koordination-norrort")
    call = Call.objects.filter(external_id=f"demo-trauma-personal-{today.year + 1}").first()
    need = Need.objects.filter(external_id="demo-n-0184-101").first()
    if call is None or need is None or Project.objects.filter(title=DECIDED).exists():
        return
    members = list(consortium.members.order_by("code"))
    project = project_create(
        actor=coordinator,
        consortium=consortium,
        title=DECIDED,
        owner=Municipality.objects.get(code="0184"),
        needs=[need],
        participants=members,
        scope=Project.Scope.CONSORTIUM,
        call=call,
        description=(
            "Gemensam utbildning i traumamedvetet bemötande för personal i mottagandet i "
            "samtliga norrortskommuner, med handledning i nätverk."
        ),
        starts_on=date(today.year + 1, 3, 1),
        ends_on=date(today.year + 2, 2, 28),
        requested_sek=1_800_000,
    )
    project_move(actor=coordinator, project=project, to="needs_analysis")
    for kind in NeedsAnalysisItem.Kind.values:
        needs_analysis_item_set(
            actor=coordinator,
            project=project,
            kind=kind,
            done=True,
            notes="Genomfört i nätverket för mottagande; anteckningar i kunskapsbanken.",
        )
    project_move(actor=coordinator, project=project, to="decision")
    now = timezone.now()
    motion = motion_create(
        actor=coordinator,
        consortium=consortium,
        project=project,
        title=f"Ansöka om projektmedel: {DECIDED}",
        proposal=(
            "Att Solna stad som projektägare söker medel för en gemensam utbildning i "
            "traumamedvetet bemötande för samtliga norrortskommuner."
        ),
        background="Behovet är lyft av flera kommuner och matchar en öppen utlysning.",
        opens_at=now - timedelta(days=12),
        closes_at=now + timedelta(days=2),
    )
    for municipality in members:
        choice = "yes"
        if municipality.code in AGAINST:
            choice = "no"
        elif municipality.code in ABSTAINS:
            choice = "abstain"
        representative = RoleAssignment.objects.get(
            consortium=consortium, role=Role.STEERING, municipality=municipality
        ).user
        vote_cast(
            actor=representative,
            motion=motion,
            municipality=municipality,
            choice=choice,
            now=now - timedelta(days=10),
        )
    motion_close(actor=coordinator, motion=motion, now=now - timedelta(days=9))
    project.refresh_from_db()
    application_create(actor=coordinator, project=project)  # and the move to *application*
    running = Project.objects.filter(consortium=consortium, status=Project.Status.RUNNING).first()
    if running is not None:
        report_deadline_add(
            actor=coordinator,
            project=running,
            kind=ReportDeadline.Kind.INTERIM,
            due_on=today + timedelta(days=20),
        )
    coming = today + timedelta(days=10)
    meeting_create(
        actor=coordinator,
        consortium=consortium,
        kind=Meeting.Kind.STEERING,
        title="Styrgruppsmöte Koordination Norrort",
        starts_at=_at(coming, 9),
        ends_at=_at(coming, 11),
        place="Solna stadshus",
        agenda=["Mötets öppnande", "Aktuella utlysningar", "Projektportföljen", "Övriga frågor"],
    )
