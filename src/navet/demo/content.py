"""Demo content: the county's facts, one demo login per role, example calls and needs."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from navet.calls.expected import expected_calls_refresh
from navet.calls.services import calls_import, funders_seed, sources_seed
from navet.core.audit import acting_as
from navet.core.models import User
from navet.demo.applications import demo_application
from navet.demo.calls import demo_earlier_calls
from navet.demo.decisions import (
    demo_agreements,
    demo_decided_motion,
    demo_meetings,
    demo_representatives,
)
from navet.demo.economics import demo_economics
from navet.demo.projects import demo_preparation
from navet.followup.demo import feasibility_study_seed
from navet.knowledge.models import Entry
from navet.knowledge.services import entry_create
from navet.matching.services import matches_refresh
from navet.needs.models import Need
from navet.needs.services import need_set_status, needs_import
from navet.organisations.models import Consortium, Municipality, Role, RoleAssignment
from navet.organisations.services import county_seed
from navet.projects import sheet
from navet.projects.models import Project
from navet.projects.services import projects_import
from navet.risks.models import Risk, SwotItem
from navet.risks.services import risk_create, swot_item_add

DEMO_PASSWORD = "navet-demo"  # noqa: S105  (demo logins only; refused in production mode)
DEMO_DRAFT = "demo-n-0160-102"  # Täby's draft: seen by Täby's contacts and the coordinator


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: Role
    consortium: str | None = None
    municipality: str | None = None


DEMO_USERS = [
    DemoUser(
        "samordnare", "Sara", "Lindqvist", Role.COORDINATOR, consortium="koordination-norrort"
    ),
    DemoUser(
        "styrgrupp.sigtuna",
        "Johan",
        "Ek",
        Role.STEERING,
        consortium="koordination-norrort",
        municipality="0191",
    ),
    DemoUser("kontakt.taby", "Amira", "Hassan", Role.CONTACT, municipality="0160"),
    DemoUser("kontakt.solna", "Erik", "Nyström", Role.CONTACT, municipality="0184"),
    DemoUser("politiker", "Karin", "Berg", Role.VIEWER, consortium="koordination-norrort"),
    DemoUser("admin", "Alex", "Drift", Role.ADMIN),
]


def demo_calls(today: date) -> list[dict[str, object]]:
    """Example calls in the interchange format, dated around `today` so that some are open,
    some closing soon, one coming and one closed. Facts about the programmes are real; these
    particular calls are examples."""

    def day(offset: int) -> str:
        return (today + timedelta(days=offset)).isoformat()

    year = today.year + 1
    return [
        {
            "external_id": f"demo-lst-stockholm-37-{year}",
            "funder": "Länsstyrelsen Stockholm",
            "programme": "§ 37",
            "title": f"Utvecklingsmedel § 37 {year} – kapacitet och beredskap i mottagandet",
            "description": (
                "Bidrag till kommuner och kommunalförbund för insatser som underlättar "
                "bosättning, skapar beredskap och mottagningskapacitet för nyanlända och "
                "ensamkommande barn, och utvecklar samverkan mellan kommuner."
            ),
            "opens": day(-20),
            "closes": day(45),
            "cofinancing_percent": 0,
            "eligible_applicants": ["kommun", "kommunalforbund"],
            "themes": ["mottagande-beredskap", "boende-bosattning", "samverkan-metodutveckling"],
            "target_groups": ["nyanlanda-ersattningsforordningen", "ensamkommande"],
        },
        {
            "external_id": f"demo-lst-stockholm-37a-{year}",
            "funder": "Länsstyrelsen Stockholm",
            "programme": "§ 37 a",
            "title": f"Flyktingguider och familjekontakter (§ 37 a) {year}",
            "description": (
                "Bidrag till kommuner för verksamhet med flyktingguider och familjekontakter, "
                "gärna tillsammans med idéburna organisationer. Prioriterat: föräldralediga "
                "och personer med små barn, särskilt språkinlärning."
            ),
            "opens": day(75),
            "closes": day(150),
            "eligible_applicants": ["kommun"],
            "themes": ["flyktingguider-natverk", "sprak", "foraldraskap"],
            "target_groups": ["nyanlanda-ersattningsforordningen", "foraldralediga"],
        },
        {
            "external_id": f"demo-esf-a2-{year}",
            "funder": "Svenska ESF-rådet",
            "programme": "ESF+",
            "title": "ESF+ programområde A2 – aktiv inkludering i Stockholms län",
            "description": (
                "Projekt som stärker individens möjligheter att närma sig arbete eller "
                "studier, för personer som står långt från arbetsmarknaden."
            ),
            "opens": day(-40),
            "closes": day(12),
            "cofinancing_percent": 46,
            "min_amount_sek": 2_000_000,
            "max_amount_sek": 20_000_000,
            "eligible_applicants": ["kommun", "kommunalforbund", "region", "ideell"],
            "themes": ["arbete-sysselsattning", "kompetensutveckling-validering"],
            "target_groups": ["utrikesfodda", "unga-uvas"],
        },
        {
            "external_id": f"demo-amif-integration-{year}",
            "funder": "Migrationsverket",
            "programme": "AMIF",
            "title": "AMIF – integrationsinsatser för tredjelandsmedborgare",
            "description": (
                "Projekt som främjar integration av tredjelandsmedborgare. EU-stödet är upp "
                "till 75 procent av de stödberättigande kostnaderna."
            ),
            "opens": day(-10),
            "closes": day(70),
            "cofinancing_percent": 25,
            "eligible_applicants": ["kommun", "region", "myndighet", "ideell"],
            "themes": ["samhallsorientering", "sprak"],
            "target_groups": ["tredjelandsmedborgare"],
        },
        {
            "external_id": f"demo-jamy-vald-{today.year}",
            "funder": "Jämställdhetsmyndigheten",
            "programme": "Våldsförebyggande projektbidrag",
            "title": f"Statsbidrag för visst våldsförebyggande arbete {today.year}",
            "description": (
                "Projektbidrag för att förebygga mäns våld mot kvinnor, våld i nära "
                "relationer och hedersrelaterat våld och förtryck."
            ),
            "opens": day(-90),
            "closes": day(-30),
            "eligible_applicants": ["ideell", "stiftelse", "kommun", "kommunalforbund", "region"],
            "themes": ["vald-heder", "jamstalldhet"],
            "target_groups": ["vald-utsatta"],
        },
    ]


def demo_calls_without_themes(today: date) -> list[dict[str, object]]:
    """More example calls, open on `today`, as feeds deliver them: without themes, which Navet
    reads in the text. Each example need has calls among them to match, and one call is for
    non-profits only, so matching never suggests it."""

    def day(offset: int) -> str:
        return (today + timedelta(days=offset)).isoformat()

    year = today.year + 1
    return [
        {
            "external_id": f"demo-lst-stockholm-tia-{year}",
            "funder": "Länsstyrelsen Stockholm",
            "title": f"Tidiga insatser för asylsökande {year}: svenska och samhällsinformation",
            "description": (
                "Bidrag till kommuner och ideella organisationer för tidiga insatser för vuxna "
                "asylsökande, även de som bor i eget boende: kunskaper i svenska språket, "
                "information om det svenska samhället och insatser för hälsa."
            ),
            "opens": day(-15),
            "closes": day(40),
            "cofinancing_percent": 0,
            "eligible_applicants": ["kommun", "kommunalforbund", "ideell"],
        },
        {
            "external_id": f"demo-digital-delaktighet-{year}",
            "funder": "Post- och telestyrelsen",
            "title": "Digital delaktighet – grundläggande digitala färdigheter för vuxna",
            "description": (
                "Stöd till kommuner och bibliotek som lär vuxna att använda e-legitimation, "
                "e-tjänster och digitala brevlådor, gärna på flera språk och tillsammans med "
                "civilsamhället."
            ),
            "opens": day(-5),
            "closes": day(50),
            "cofinancing_percent": 0,
            "eligible_applicants": ["kommun", "ideell"],
        },
        {
            "external_id": f"demo-trauma-personal-{year}",
            "funder": "Folkhälsomyndigheten",
            "title": "Kunskap om trauma och psykisk ohälsa för personal som möter nyanlända",
            "description": (
                "Projektbidrag till kommuner och regioner som vill stärka kunskapen om psykisk "
                "hälsa och traumareaktioner hos medarbetare i socialtjänst, etableringsverksamhet "
                "och skola som möter nyanlända och ensamkommande."
            ),
            "opens": day(-10),
            "closes": day(35),
            "cofinancing_percent": 0,
            "max_amount_sek": 1_500_000,
            "eligible_applicants": ["kommun", "region"],
        },
        {
            "external_id": f"demo-eu-cerv-lgbtiq-{year}",
            "funder": "Europeiska kommissionen",
            "title": "Equality and non-discrimination: LGBTIQ inclusion at local level",
            "description": (
                "Projects by public authorities and civil society organisations that promote "
                "the inclusion of LGBTIQ people, including refugees and migrants, through "
                "training of staff and local cooperation."
            ),
            "language": "en",
            "opens": day(-30),
            "closes": day(60),
            "cofinancing_percent": 10,
            "eligible_applicants": ["kommun", "region", "ideell"],
        },
        {
            "external_id": f"demo-mucf-hbtqi-{year}",
            "funder": "MUCF – Myndigheten för ungdoms- och civilsamhällesfrågor",
            "programme": "Projektbidrag",
            "title": f"Projektbidrag för hbtqi-frågor {year}",
            "description": (
                "Bidrag till ideella organisationer för projekt som förbättrar hbtqi-personers "
                "levnadsvillkor. Kommuner kan inte söka."
            ),
            "opens": day(-20),
            "closes": day(25),
            "eligible_applicants": ["ideell"],
        },
    ]


def demo_needs(today: date) -> list[dict[str, object]]:
    """Example needs of three Koordination Norrort municipalities – Sigtuna, Solna and Täby – in
    the interchange format, raised at meetings in the months before `today`, with the
    municipalities that said "vi har också detta behov"."""

    def day(offset: int) -> str:
        return (today + timedelta(days=offset)).isoformat()

    return [
        {
            "external_id": "demo-n-0191-101",
            "municipality": "0191",
            "title": "Motverka digitalt utanförskap bland nyanlända vuxna",
            "description": (
                "Många nyanlända vuxna i Sigtuna saknar BankID eller klarar inte att använda 1177 "
                "och Arbetsförmedlingens och Försäkringskassans e-tjänster på egen hand. Det leder "
                "till att barnen får ta ett vuxenansvar för familjens digitala ärenden och att "
                "handläggarna lägger mycket tid på inloggningar. Vi vill bygga upp en strukturerad "
                "utbildning i digitala vardagsfärdigheter, gärna med studiehandledare på "
                "modersmål. Insatsen bör kunna delas med grannkommunerna."
            ),
            "themes": ["digital-inkludering", "samhallsorientering"],
            "target_groups": ["nyanlanda-ersattningsforordningen"],
            "endorsed_by": ["0114", "0139"],
            "priority": 1,
            "raised_at": day(-120),
            "source": "workshop",
            "cofinancing_capacity_percent": 0,
        },
        {
            "external_id": "demo-n-0191-102",
            "municipality": "0191",
            "title": "Tidiga insatser för asylsökande i eget boende",
            "description": (
                "Ett stort antal asylsökande i Sigtuna bor i eget boende (EBO) hos släkt och "
                "vänner, ofta trångt i Märsta. De väntar länge på beslut utan meningsfull "
                "sysselsättning och utan att lära sig svenska. Vi vill tillsammans med "
                "studieförbund och föreningar erbjuda svenska och samhällsinformation redan under "
                "asyltiden. Kommunen kan inte medfinansiera."
            ),
            "themes": ["sprak", "samhallsorientering"],
            "target_groups": ["egenbosatta"],
            "endorsed_by": ["0183", "0184"],
            "priority": 2,
            "raised_at": day(-45),
            "source": "intervju",
            "cofinancing_capacity_percent": 0,
        },
        {
            "external_id": "demo-n-0184-101",
            "municipality": "0184",
            "title": "Kunskapshöjande insatser om psykisk ohälsa för personalen",
            "description": (
                "Socialsekreterare och handläggare på etableringsenheten möter allt fler "
                "nyanlända och ensamkommande med symtom på trauma, oro och sömnproblem men känner "
                "sig osäkra på hur de ska bemöta dem och vart de ska hänvisa. Vi vill ge "
                "personalen utbildning om psykisk ohälsa och traumamedvetet bemötande samt ta "
                "fram en tydlig rutin för samverkan med vården. Insatsen kan göras gemensamt med "
                "andra kommuner."
            ),
            "themes": ["psykisk-halsa", "kompetens-personal"],
            "target_groups": ["nyanlanda-ersattningsforordningen", "ensamkommande"],
            "endorsed_by": ["0183", "0186", "0160"],
            "priority": 1,
            "raised_at": day(-150),
            "source": "nätverksträff",
            "cofinancing_capacity_percent": 0,
            "estimated_cost_sek": 600_000,
        },
        {
            "external_id": "demo-n-0160-101",
            "municipality": "0160",
            "title": "HBTQI+-perspektiv i mottagandet av nyanlända",
            "description": (
                "Vi saknar kunskap om hur vi bäst stöttar nyanlända och ensamkommande som är "
                "hbtqi-personer och som kan leva med utanförskap, isolering och psykisk ohälsa. "
                "Vi vill utbilda handläggare och boendepersonal, ta fram informationsmaterial och "
                "bygga samarbete med RFSL och RFSU. Täby kan medfinansiera hälften av kostnaderna "
                "om insatsen görs tillsammans med andra kommuner."
            ),
            "themes": ["hbtqi", "psykisk-halsa"],
            "target_groups": ["nyanlanda-ersattningsforordningen", "ensamkommande"],
            "endorsed_by": ["0184", "0162"],
            "priority": 2,
            "raised_at": day(-120),
            "source": "workshop",
            "cofinancing_capacity_percent": 50,
        },
        {
            "external_id": DEMO_DRAFT,
            "municipality": "0160",
            "title": "Feriepraktik för nyanlända ungdomar",
            "description": (
                "Nyanlända ungdomar i Täby får sällan sommarjobb, eftersom de saknar kontakter och "
                "referenser. Vi vill pröva handledda feriepraktikplatser i kommunen och hos "
                "lokala företag, med språkstöd före och under praktiken. Ett utkast som Täby "
                "diskuterar internt innan det delas med samverkan."
            ),
            "themes": ["arbete-sysselsattning", "barn-unga"],
            "target_groups": ["unga-12-25", "nyanlanda-ersattningsforordningen"],
            "priority": 3,
            "raised_at": day(-10),
            "source": "intervju",
            "cofinancing_capacity_percent": 25,
            "estimated_cost_sek": 350_000,
        },
    ]


def demo_seed(today: date | None = None) -> list[DemoUser]:
    """Load the county, the funders, the demo users, example calls and example needs, and rank
    the needs' calls (what the hourly refresh would do)."""
    today = today or timezone.localdate()
    county_seed()
    funders_seed()
    sources_seed()  # the catalogue only: the demo never fetches
    calls_import(actor=None, records=demo_calls(today), source="demo")
    calls_import(actor=None, records=demo_calls_without_themes(today), source="demo")
    calls_import(actor=None, records=demo_earlier_calls(today), source="demo")
    expected_calls_refresh()
    _demo_users()
    report = needs_import(actor=None, records=demo_needs(today), source="demo")
    if DEMO_DRAFT in report.created:
        need_set_status(
            actor=User.objects.get(username="kontakt.taby"),
            need=Need.objects.get(external_id=DEMO_DRAFT),
            status=Need.Status.DRAFT,
        )
    matches_refresh()
    _demo_projects(today)
    demo_preparation(today)
    _demo_knowledge()
    _demo_risks(today)
    demo_application(today)
    feasibility_study_seed(User.objects.get(username="samordnare"))
    demo_agreements(
        User.objects.get(username="samordnare"), User.objects.get(username="admin"), today
    )
    demo_meetings(User.objects.get(username="samordnare"), today)
    demo_representatives(User.objects.get(username="admin"), DEMO_PASSWORD)
    demo_decided_motion(User.objects.get(username="samordnare"), today)
    demo_economics(User.objects.get(username="samordnare"), today)
    return DEMO_USERS


def demo_projects(today: date) -> list[dict[str, object]]:
    """A finished project of earlier years, a running one and an idea: a portfolio to look at,
    brought in the way a coordinator brings a project list in (docs/projects.md)."""
    year = today.year
    return [
        {
            "title": "Samhällsorientering på lätt svenska i Norrort",
            "description": "Samhällsorientering för nyanlända i Sigtuna och Täby.",
            "owner": "0191",
            "participants": "0191;0160",
            "funder": "Länsstyrelsen Stockholm",
            "status": "Slutrapport godkänd",
            "starts_on": f"{year - 3}-01-15",
            "ends_on": f"{year - 2}-06-30",
            "requested_sek": 1_200_000,
            "granted_sek": 1_050_000,
            "repaid_sek": 40_000,
        },
        {
            "title": "Digital vardag – e-legitimation och e-tjänster för nyanlända vuxna",
            "description": "Handledning i bibliotek och medborgarkontor.",
            "owner": "0191",
            "participants": "0191;0160;0184",
            "needs": "demo-n-0191-101",
            "funder": "Post- och telestyrelsen",
            "status": "Pågår",
            "starts_on": f"{year}-02-01",
            "ends_on": f"{year + 1}-12-31",
            "requested_sek": 2_400_000,
            "granted_sek": 2_000_000,
        },
        {
            "title": "Läxhjälp och språkstöd i förskolan",
            "owner": "0160",
            "participants": "0160",
            "needs": "demo-n-0160-101",
            "status": "Projektidé",
            "starts_on": f"{year + 1}-08-01",
            "ends_on": f"{year + 2}-06-30",
            "requested_sek": 600_000,
        },
    ]


def _demo_projects(today: date) -> None:
    """Import the demo projects once (a second seed leaves them as they are)."""
    consortium = Consortium.objects.get(slug="koordination-norrort")
    if Project.objects.filter(consortium=consortium).exists():
        return
    rows = [sheet.read_row(n, values) for n, values in enumerate(demo_projects(today), start=2)]
    projects_import(actor=User.objects.get(username="samordnare"), consortium=consortium, rows=rows)


def _demo_users() -> None:
    with transaction.atomic(), acting_as(None):
        for demo in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=demo.username,
                defaults={
                    "first_name": demo.first_name,
                    "last_name": demo.last_name,
                    "email": f"{demo.username}@example.se",
                    "is_staff": demo.role == Role.ADMIN,
                    "is_superuser": demo.role == Role.ADMIN,
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
            RoleAssignment.objects.get_or_create(
                user=user,
                role=demo.role,
                consortium=(
                    Consortium.objects.get(slug=demo.consortium) if demo.consortium else None
                ),
                municipality=(
                    Municipality.objects.get(code=demo.municipality) if demo.municipality else None
                ),
            )


def demo_knowledge() -> list[dict[str, object]]:
    """Three entries of Koordination Norrort's knowledge bank: a finished project, a method and a
    lesson learned (§5.1: the municipalities share what works, so no one reinvents the wheel)."""
    return [
        {
            "owner": "0191",
            "kind": Entry.Kind.FINISHED_PROJECT,
            "title": "Samhällsorientering på lätt svenska i Norrort",
            "description": (
                "Samhällsorientering för nyanlända i **Sigtuna** och **Täby**, på lätt svenska "
                "med tolk vid behov.\n\n- tio träffar om arbete, bostad, skola och vård\n"
                "- studiebesök på medborgarkontor och bibliotek"
            ),
            "results": "Nio av tio deltagare fullföljde. Materialet används nu i båda kommunerna.",
            "themes": ["samhallsorientering", "sprak"],
            "target_groups": ["nyanlanda-ersattningsforordningen"],
            "contact_name": "Sara Lind",
            "contact_email": "sara.lind@example.se",
            "links": "https://www.informationsverige.se/",
        },
        {
            "owner": "0160",
            "kind": Entry.Kind.METHOD,
            "title": "Digitala guider på biblioteket",
            "description": (
                "Handledare på biblioteket hjälper nyanlända vuxna med BankID, 1177 och "
                "Försäkringskassans e-tjänster, en kväll i veckan."
            ),
            "results": "De flesta besökare klarade e-tjänsterna själva efter tre träffar.",
            "themes": ["digital-inkludering"],
            "contact_name": "Johan Ek",
        },
        {
            "owner": "0184",
            "kind": Entry.Kind.LESSON,
            "title": "Planera budgeten tidigt – så slipper vi återbetala",
            "description": (
                "Lärdom från ett ESF-projekt: medel återbetalades när rekryteringen drog ut på "
                "tiden. Lägg in en startfas i tidplanen och följ upp utfallet varje kvartal."
            ),
            "themes": ["arbete-sysselsattning"],
        },
    ]


def _demo_knowledge() -> None:
    """Add the demo entries once (a second seed leaves them as they are)."""
    consortium = Consortium.objects.get(slug="koordination-norrort")
    if Entry.objects.filter(consortium=consortium).exists():
        return
    coordinator = User.objects.get(username="samordnare")
    for record in demo_knowledge():
        fields = dict(record)
        owner = Municipality.objects.get(code=fields.pop("owner"))
        entry_create(actor=coordinator, consortium=consortium, owner=owner, **fields)  # type: ignore[arg-type]


# The feasibility study's SWOT analysis (§5.1) and its three main risks (§5.2).
DEMO_SWOT = {
    "strength": [
        "Samtliga kommuner kan bidra med det som har fungerat bra i respektive kommun",
        "Samtliga kommuner kan bidra med insatser eller projekt som tidigare nått framgång i "
        "respektive kommun",
    ],
    "weakness": [
        "Kommuner har olika förutsättningar och behov när det kommer till att arbeta med "
        "målgruppen nyanlända – intressekonflikter kan skapas",
        "Kommuner har olika politiska styren och direktiv",
        "Kommuner arbetar utefter olika arbetssätt",
        "Kommuners interna resurser är begränsade",
        "Kommuner kan ej bidra med finansiering – pengar är ”öronmärkta”",
    ],
    "opportunity": [
        "Bättre samverkansmöjligheter med andra kommuner och aktörer",
        "Relationen mellan kommuner stärks",
        "Kunskapsutbyte",
        "Kommuner blir mindre sårbara",
        "Konkurrensen mellan kommuner minskar",
        "Stärkta resurser oberoende hur flyktingmottagandet fluktuerar",
        "Fler projektmedel söks och fler projekt startas",
        "Projektmedel kommer till bättre användning när projektidéer är mer välgenomtänkta",
        "Helhetsperspektiv",
        "Det kommunala flyktingmottagandet blir mer kommungränsöverskridande",
        "Målgruppen kan bli mer bekväm i att röra sig över kommungränser",
        "Kommuner behöver inte ”uppfinna hjulet på nytt” – kommuner kan dela på uppdraget och "
        "komplettera varandra",
        "Mer fokus på integration",
        "Fler omvärldsbevakningar genomförs → kommuner håller sig uppdaterade",
    ],
    "threat": [
        "Svårt att samverka mellan 15 kommuner",
        "Svårt att nå konsensus bland 15 kommuner",
        "Större kommuners åsikter väger tyngre än de mindres",
        "Olika eller för höga förväntningar på resursen",
        "Kommuner tror att resursen ersätter ansvar man redan har inom kommunerna",
    ],
}

DEMO_RISKS = [
    {
        "title": "Svårt att samverka och nå konsensus",
        "likelihood": "high",
        "consequence": "very_serious",
        "description": "Intressekonflikter mellan 15 kommuner med olika förutsättningar, behov "
        "och politiska styren; de större kommunernas åsikter kan väga tyngre än de mindres. "
        "Kommuner kan välja att avsluta sitt deltagande, med en kedjeeffekt.",
        "measures": "Klargör i ett mycket tidigt skeende hur resursen arbetar och att den är till "
        "för samtliga norrortskommuner, oberoende storlek. Resursen fokuserar på de gemensamma "
        "slutmålen och förhåller sig till den minsta gemensamma nämnaren.",
    },
    {
        "title": "Brist på interna resurser inom kommunerna",
        "likelihood": "high",
        "consequence": "serious",
        "description": "Kommunerna har brist på finansiering, personal och möjlighet att delta "
        "vid samverkansmöten, sedan antalet anvisade nyanlända har minskat.",
        "measures": "Ansök om finansieringsmedel till en början för att täcka kostnaden för den "
        "gemensamma resursen; resursen ger kommunerna ett resurstillskott och ett "
        "kunskapsutbyte.",
    },
    {
        "title": "Olika eller höga förväntningar på resursen",
        "likelihood": "medium",
        "consequence": "more_serious",
        "description": "Kommunerna kan ha olika eller höga förväntningar på resursen och vänta "
        "sig att den ersätter ansvar och arbetsuppgifter som redan finns i kommunerna. "
        "Missnöjda kommuner kan dra sig ur samverkansöverenskommelsen.",
        "measures": "Fastställ initialt resursens arbetsroll och arbetsuppgifter; klargör hur "
        "kommunerna tillsammans samverkar kring gemensamma frågor och bidrar genom engagemang "
        "och deltagande.",
    },
]


def _demo_risks(today: date) -> None:
    """The study's SWOT and its three main risks for Koordination Norrort, once."""
    consortium = Consortium.objects.get(slug="koordination-norrort")
    coordinator = User.objects.get(username="samordnare")
    if not SwotItem.objects.filter(consortium=consortium).exists():
        for quadrant, texts in DEMO_SWOT.items():
            for text in texts:
                swot_item_add(
                    actor=coordinator, consortium=consortium, quadrant=quadrant, text=text
                )
    if not Risk.objects.filter(consortium=consortium).exists():
        for n, risk in enumerate(DEMO_RISKS):
            risk_create(
                actor=coordinator,
                consortium=consortium,
                owner=coordinator,
                review_on=today + timedelta(days=30 * (n + 1)),
                **risk,  # type: ignore[arg-type]
            )
