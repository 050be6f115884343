"""Demo content: the county's facts and one demo login per role, for trying Navet out."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from navet.calls.services import calls_import, funders_seed
from navet.core.audit import acting_as
from navet.core.models import User
from navet.organisations.models import Consortium, Municipality, Role, RoleAssignment
from navet.organisations.services import county_seed

DEMO_PASSWORD = "navet-demo"  # noqa: S105  (demo logins only; refused in production mode)


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


def demo_seed(today: date | None = None) -> list[DemoUser]:
    """Load the county, the funders, the demo users and example calls."""
    county_seed()
    funders_seed()
    calls_import(actor=None, records=demo_calls(today or timezone.localdate()), source="demo")
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
    return DEMO_USERS
