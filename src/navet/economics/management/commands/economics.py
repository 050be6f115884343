import json

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext

from navet.core.management.base import NavetCommand
from navet.core.text import format_sek
from navet.economics import costsharing
from navet.economics.selectors import members_of
from navet.organisations.models import Consortium


class Command(NavetCommand):
    help = gettext_noop(
        "Work out what the shared resource costs each municipality, the grants it brings and "
        "the net gain, with the feasibility study's model. Example (the study, §7): --cost "
        "700000 --grants 1000000 --admin-share 20 --municipalities 15."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--cost", type=int, required=True, help=_("The resource's yearly cost (kr).")
        )
        parser.add_argument(
            "--grants", type=int, required=True, help=_("Expected grants a year (kr).")
        )
        parser.add_argument(
            "--admin-share",
            type=int,
            default=0,
            help=_("Share of the grants that may fund administration, in per cent (0)."),
        )
        members = parser.add_mutually_exclusive_group(required=True)
        members.add_argument(
            "--municipalities", type=int, help=_("Number of municipalities (equal shares).")
        )
        members.add_argument("--consortium", help=_("A consortium's short name: its members."))
        parser.add_argument(
            "--key",
            # A scenario has no logged time to share by usage.
            choices=[key.value for key in costsharing.Key if key is not costsharing.Key.USAGE],
            default=costsharing.Key.EQUAL.value,
            help=_(
                "Cost-sharing key: equal (equal shares), population (per inhabitant), base_fee "
                "(base fee + per inhabitant)."
            ),
        )
        parser.add_argument(
            "--base-share",
            type=int,
            default=0,
            help=_("With base_fee: the part of the cost shared equally, in per cent (0)."),
        )
        parser.add_argument("--json", action="store_true", help=_("Write JSON."))

    def handle(self, *args: object, **options: object) -> None:
        key = costsharing.Key(str(options["key"]))
        try:
            if options["consortium"]:
                consortium = Consortium.objects.filter(slug=options["consortium"]).first()
                if consortium is None:
                    raise CommandError(
                        _("No consortium with the short name %(slug)s.")
                        % {"slug": options["consortium"]}
                    )
                members = members_of(consortium)
            else:
                if key is not costsharing.Key.EQUAL:
                    raise CommandError(
                        _("Sharing per inhabitant needs real municipalities: give --consortium.")
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
            (
                pgettext("sum row", "Total"),
                result.municipal_cost_sek,
                result.project_grants_sek,
                result.net_sek,
            )
        )
        width = max(len(name) for name, *_ in rows)
        self.stdout.write(
            _("Grants that fund the administration: %(amount)s")
            % {"amount": format_sek(result.admin_funded_sek)}
        )
        self.stdout.write(
            f"{_('Municipality'):<{width}}  {_('Cost'):>16}  {_('Grants'):>16}  {_('Net'):>16}"
        )
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
                _("Per municipality (rounded): cost %(cost)s, grants %(grants)s, net %(net)s.")
                % {"cost": format_sek(cost), "grants": format_sek(grants), "net": format_sek(net)}
            )
