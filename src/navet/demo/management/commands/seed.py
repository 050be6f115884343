from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from navet.calls.services import funders_seed, sources_seed
from navet.demo.content import DEMO_PASSWORD, demo_seed
from navet.organisations.services import county_seed


class Command(BaseCommand):
    help = (
        "Ladda data: 'county' = Stockholms läns 26 kommuner, samverkan och grannar; "
        "'funders' = finansiärer och stödformer med sina regler; 'sources' = källorna för "
        "utlysningar (EU-portalen, Vinnova och bevakade sidor; hämtas inte nu); 'demo' = allt "
        "detta och "
        "dessutom demoanvändare för varje roll, exempelutlysningar och exempelbehov från tre "
        "kommuner i Koordination Norrort. Att köra 'county' igen "
        "ändrar ingenting; 'funders' återställer finansiärernas fakta till de medföljande; "
        "'sources' lämnar källor som en användare har ändrat i fred."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=["county", "funders", "sources", "demo"])

    def handle(self, *args: object, what: str, **options: object) -> None:
        if what == "county":
            created = county_seed()
            self.stdout.write(
                "Stockholms län: {municipalities} nya kommuner, {consortia} nya samverkan, "
                "{memberships} nya medlemskap, {borders} nya grannskap.".format(**created)
            )
            return
        if what == "funders":
            counts = funders_seed()
            self.stdout.write(
                "Finansiärer: {funders} nya; stödformer: {programmes} nya.".format(**counts)
            )
            return
        if what == "sources":
            counts = sources_seed()
            self.stdout.write(
                "Källor: {created} nya, {updated} uppdaterade, {kept} ändrade av användare och "
                "lämnade som de är.".format(**counts)
            )
            return
        if settings.PRODUCTION:
            raise CommandError("Demodata laddas aldrig i produktionsläge (NAVET_PRODUCTION=1).")
        users = demo_seed()
        self.stdout.write(f"Demoinloggningar (lösenord för alla: {DEMO_PASSWORD}):")
        for demo in users:
            self.stdout.write(f"  {demo.role.label:<28} {demo.username}")
