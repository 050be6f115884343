import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from navet.core.text import format_sek
from navet.economics import costsharing
from navet.economics.selectors import members_of
from navet.organisations.models import Consortium


class Command(BaseCommand):
    help = (
        "Räkna ut vad den gemensamma resursen kostar varje kommun, vilka bidrag den ger och "
        "nettovinsten, med förstudiens modell. Exempel (förstudien, §7): --cost 700000 "
        "--grants 1000000 --admin-share 20 --municipalities 15."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cost", type=int, required=True, help="Resursens årskostnad (kr).")
        parser.add_argument(
            "--grants", type=int, required=True, help="Förväntade bidrag per år (kr)."
        )
        parser.add_argument(
            "--admin-share",
            type=int,
            default=0,
            help="Andel av bidragen som får finansiera administration, i procent (0).",
        )
        members = parser.add_mutually_exclusive_group(required=True)
        members.add_argument("--municipalities", type=int, help="Antal kommuner (lika delar).")
        members.add_argument("--consortium", help="En samverkans kortnamn: dess medlemmar.")
        parser.add_argument(
            "--key",
            # A scenario has no logged time to share by usage.
            choices=[key.value for key in costsharing.Key if key is not costsharing.Key.USAGE],
            default=costsharing.Key.EQUAL.value,
            help="Fördelningsnyckel: equal (lika delar), population (per invånare), base_fee "
            "(grundavgift + per invånare).",
        )
        parser.add_argument(
            "--base-share",
            type=int,
            default=0,
            help="Med base_fee: den del av kostnaden som delas lika, i procent (0).",
        )
        parser.add_argument("--json", action="store_true", help="Skriv ut JSON.")

    def handle(self, *args: object, **options: object) -> None:
        key = costsharing.Key(str(options["key"]))
        try:
            if options["consortium"]:
                consortium = Consortium.objects.filter(slug=options["consortium"]).first()
                if consortium is None:
                    raise CommandError(f"Ingen samverkan med kortnamnet {options['consortium']}.")
                members = members_of(consortium)
            else:
                if key is not costsharing.Key.EQUAL:
                    raise CommandError(
                        "Fördelning per invånare kräver verkliga kommuner: ange --consortium."
                    )
                members = costsharing.numbered_members(int(options["municipalities"]))  # type: ignore[call-overload]
            result = costsharing.compute(
                costsharing.Scenario(
                    cost_sek=int(options["cost"]),  # type: ignore[call-overload]
                    grants_sek=int(options["grants"]),  # type: ignore[call-overload]
                    admin_share_percent=int(options["admin_share"]),  # type: ignore[call-overload]
                    members=members,
                    key=key,
                    base_share_percent=int(options["base_share"]),  # type: ignore[call-overload]
                )
            )
        except costsharing.ScenarioError as error:
            raise CommandError(error.message) from error
        if options["json"]:
            self.stdout.write(json.dumps(costsharing.as_dict(result), ensure_ascii=False, indent=2))
            return
        self._table(result)

    def _table(self, result: costsharing.Result) -> None:
        rows = [(s.member.name, s.cost_sek, s.grants_sek, s.net_sek) for s in result.shares]
        rows.append(
            ("Totalt", result.municipal_cost_sek, result.project_grants_sek, result.net_sek)
        )
        width = max(len(name) for name, *_ in rows)
        self.stdout.write(
            f"Bidrag som finansierar administrationen: {format_sek(result.admin_funded_sek)}"
        )
        self.stdout.write(f"{'Kommun':<{width}}  {'Kostnad':>16}  {'Bidrag':>16}  {'Netto':>16}")
        for index, (name, cost, grants, net) in enumerate(rows):
            if index == len(rows) - 1:
                self.stdout.write("-" * (width + 54))
            self.stdout.write(
                f"{name:<{width}}  {format_sek(cost):>16}  {format_sek(grants):>16}  "
                f"{format_sek(net):>16}"
            )
        if result.scenario.key is costsharing.Key.EQUAL:
            cost, grants, net = result.per_municipality()
            self.stdout.write(
                f"Per kommun (avrundat): kostnad {format_sek(cost)}, bidrag {format_sek(grants)}, "
                f"netto {format_sek(net)}."
            )
