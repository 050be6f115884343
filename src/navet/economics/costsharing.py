"""The cost-sharing model of the shared resource: who pays what, and what each municipality gets.

Plain Python without Django: integers in whole kronor in, integers in whole kronor out, exact
arithmetic with `Fraction` in between and never a float.

The model follows the feasibility study's reasoning (Koordination Norrort, 2023, §7):

1. The resource costs `cost_sek` a year ("en personalkostnad om ungefär 700.000 kronor").
2. It brings in `grants_sek` a year, of which `admin_share_percent` may fund administration
   ("20 procent av de beviljade medlen kan användas för att finansiera så kallade administrativa
   arbetsuppgifter … Då kan 200.000 kronor användas för att finansiera en del av de ovannämnda
   personalkostnaderna"). Never more than the cost itself is funded that way.
3. The rest of the cost is shared by the municipalities ("Av de resterande 500.000 kronorna …
   ska dessa pengar delfinansieras av samtliga involverade norrortskommunerna … 33.333 kronor per
   kommun").
4. The rest of the grants goes to the projects, and so to the municipalities ("erhåller samtliga
   kommuner 53.333 kronor var i beviljade medel"); the net gain is the difference ("ett
   överskott om 20.000 kronor per kommun, per år").

Rounding: amounts are whole kronor. A single amount (the part that funds administration, the
study's per-municipality figure) is rounded to the nearest krona with 50 öre and above rounded
up, as Swedish cash rounding (öresavrundning) does. Shares of a total are apportioned by the
largest remainder: each municipality gets the whole kronor of its exact share, and the kronor
left over go one each to the largest remainders – ties to the municipality first in the list –
so the shares always add up to the total exactly.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from navet.core.text import Message
from navet.core.text import gettext_lazy as _

MAX_SEK = 10**12  # a thousand billion kronor: larger amounts are typing mistakes
MAX_MUNICIPALITIES = 290  # Sweden's municipalities


class Key(StrEnum):
    """How the municipalities share the cost (fördelningsnyckel)."""

    EQUAL = "equal"  # equal shares (lika delar), as the study recommends
    POPULATION = "population"  # in proportion to the population (per invånare)
    BASE_FEE = "base_fee"  # a part in equal shares (grundavgift), the rest per capita
    USAGE = "usage"  # in proportion to the coordinator's logged time (efter nyttjande)


class ScenarioError(ValueError):
    """The scenario cannot be computed; the message says why."""

    def __init__(self, reason: Message) -> None:
        super().__init__(reason)
        self.reason = reason

    @property
    def message(self) -> str:
        """The reason in the reader's language, read when it is shown."""
        return str(self.reason)


@dataclass(frozen=True)
class Member:
    """A municipality that shares the resource."""

    name: str
    population: int = 0
    code: str = ""
    usage_minutes: int = 0  # the coordinator's time for the municipality, for Key.USAGE


@dataclass(frozen=True)
class Scenario:
    cost_sek: int  # the resource's yearly cost
    grants_sek: int  # grants expected per year through the shared work
    admin_share_percent: int  # share of the grants that may fund administration, 0–100
    members: tuple[Member, ...]
    key: Key = Key.EQUAL
    base_share_percent: int = 0  # with Key.BASE_FEE: the part of the cost shared equally


@dataclass(frozen=True)
class Share:
    """One municipality's part: what it pays, the grants attributed to it and the difference."""

    member: Member
    cost_sek: int
    grants_sek: int

    @property
    def net_sek(self) -> int:
        return self.grants_sek - self.cost_sek

    @property
    def leverage(self) -> Fraction | None:
        """Granted kronor per krona of cost; None when the municipality pays nothing."""
        return leverage(self.grants_sek, self.cost_sek)


@dataclass(frozen=True)
class Result:
    scenario: Scenario
    admin_funded_sek: int  # grants that fund the resource's administration
    shares: tuple[Share, ...]

    @property
    def municipal_cost_sek(self) -> int:
        """What the municipalities pay together."""
        return self.scenario.cost_sek - self.admin_funded_sek

    @property
    def project_grants_sek(self) -> int:
        """The grants left for the projects, attributed to the municipalities."""
        return self.scenario.grants_sek - self.admin_funded_sek

    @property
    def net_sek(self) -> int:
        return self.project_grants_sek - self.municipal_cost_sek

    @property
    def leverage(self) -> Fraction | None:
        return leverage(self.project_grants_sek, self.municipal_cost_sek)

    def per_municipality(self) -> tuple[int, int, int]:
        """The study's figures: cost, grants and net gain of one municipality, each total
        divided by the number of municipalities and rounded to whole kronor (the rows may
        differ from these by a krona so that they add up)."""
        count = len(self.shares)
        cost = round_sek(Fraction(self.municipal_cost_sek, count))
        grants = round_sek(Fraction(self.project_grants_sek, count))
        return cost, grants, grants - cost


def round_sek(amount: Fraction) -> int:
    """To the nearest whole krona, 50 öre and above rounded up (for amounts of zero or more)."""
    return int((amount * 2 + 1) // 2)


def leverage(granted_sek: int, cost_sek: int) -> Fraction | None:
    return Fraction(granted_sek, cost_sek) if cost_sek > 0 else None


def apportion(total: int, weights: Sequence[int]) -> list[int]:
    """Split `total` whole kronor in proportion to `weights` by the largest remainder; the parts
    add up to `total`, and ties go to the earlier weight."""
    if total < 0 or not weights or any(w < 0 for w in weights) or sum(weights) <= 0:
        raise ScenarioError(
            _("An amount can only be shared by weights that are zero or more and not all zero.")
        )
    whole = sum(weights)
    parts = [total * w // whole for w in weights]
    left = total - sum(parts)
    by_remainder = sorted(range(len(weights)), key=lambda i: (-(total * weights[i] % whole), i))
    for index in by_remainder[:left]:
        parts[index] += 1
    return parts


def numbered_members(count: int) -> tuple[Member, ...]:
    """`count` anonymous municipalities, for a scenario with the equal key."""
    _check_count(count)
    return tuple(Member(name=f"Kommun {number}") for number in range(1, count + 1))


def _check_count(count: int) -> None:
    if count < 1:
        raise ScenarioError(_("At least one municipality must share the resource."))
    if count > MAX_MUNICIPALITIES:
        raise ScenarioError(
            _(
                "At most {number} municipalities can share the resource (Sweden's municipalities).",
                number=MAX_MUNICIPALITIES,
            )
        )


def _check_amount(value: int, label: Message, *, positive: bool = False) -> None:
    if positive and value <= 0:
        raise ScenarioError(_("{what} must be greater than zero.", what=label))
    if value < 0:
        raise ScenarioError(_("{what} cannot be negative.", what=label))
    if value > MAX_SEK:
        raise ScenarioError(_("{what} may be at most 1 000 000 000 000 kr.", what=label))


def _check_percent(value: int, label: Message) -> None:
    if not 0 <= value <= 100:
        raise ScenarioError(_("{what} must be between 0 and 100 per cent.", what=label))


def split_cost(
    total_sek: int, members: Sequence[Member], key: Key, base_share_percent: int = 0
) -> list[int]:
    """Each member's part of `total_sek` under the key; the parts add up to the total."""
    _check_count(len(members))
    _check_amount(total_sek, _("The cost"))
    _check_percent(base_share_percent, _("The base fee's share"))
    if key is Key.EQUAL:
        return apportion(total_sek, [1] * len(members))
    if key is Key.USAGE:
        if not any(m.usage_minutes > 0 for m in members):
            raise ScenarioError(_("Sharing by usage needs time logged for the municipalities."))
        return apportion(total_sek, [max(m.usage_minutes, 0) for m in members])
    populations = _populations(members)
    if key is Key.POPULATION:
        return apportion(total_sek, populations)
    base_total = round_sek(Fraction(total_sek * base_share_percent, 100))
    base = apportion(base_total, [1] * len(members))
    per_capita = apportion(total_sek - base_total, populations)
    return [b + p for b, p in zip(base, per_capita, strict=True)]


def _populations(members: Sequence[Member]) -> list[int]:
    missing = [m.name for m in members if m.population <= 0]
    if missing:
        names = ", ".join(missing[:5]) + (" …" if len(missing) > 5 else "")
        raise ScenarioError(
            _(
                "Sharing per inhabitant needs a population for every municipality; it is "
                "missing for {names}.",
                names=names,
            )
        )
    return [m.population for m in members]


def compute(scenario: Scenario) -> Result:
    """Each municipality's cost, grants and net gain in the scenario."""
    _check_amount(scenario.cost_sek, _("The resource's yearly cost"), positive=True)
    _check_amount(scenario.grants_sek, _("The expected grants"))
    _check_percent(scenario.admin_share_percent, _("The share of the grants for administration"))
    members = scenario.members
    admin_funded = min(
        scenario.cost_sek,
        round_sek(Fraction(scenario.grants_sek * scenario.admin_share_percent, 100)),
    )
    costs = split_cost(
        scenario.cost_sek - admin_funded, members, scenario.key, scenario.base_share_percent
    )
    # The grants follow the municipalities' part in the work: equal shares under the equal key,
    # their use of the resource under the usage key, otherwise their population (a base fee is
    # a way to pay, not a claim on more grants).
    grants_key = scenario.key if scenario.key in (Key.EQUAL, Key.USAGE) else Key.POPULATION
    grants = split_cost(scenario.grants_sek - admin_funded, members, grants_key)
    shares = tuple(
        Share(member=m, cost_sek=c, grants_sek=g)
        for m, c, g in zip(members, costs, grants, strict=True)
    )
    return Result(scenario=scenario, admin_funded_sek=admin_funded, shares=shares)


def format_leverage(value: Fraction | None) -> str:
    """`1,60`: two decimals with a decimal comma, rounded half up; a dash when there is none."""
    if value is None:
        return "–"
    hundredths = round_sek(value * 100)
    return f"{hundredths // 100},{hundredths % 100:02d}"


def as_dict(result: Result) -> dict[str, object]:
    """The result as plain data (the command's `--json` and the API): one entry per
    municipality and the totals, amounts in whole kronor."""
    scenario = result.scenario
    return {
        "key": scenario.key.value,
        "resource_cost_sek": scenario.cost_sek,
        "expected_grants_sek": scenario.grants_sek,
        "admin_share_percent": scenario.admin_share_percent,
        "admin_funded_sek": result.admin_funded_sek,
        "municipalities": [
            {
                "municipality": share.member.name,
                "cost_sek": share.cost_sek,
                "grants_sek": share.grants_sek,
                "net_sek": share.net_sek,
            }
            for share in result.shares
        ],
        "totals": {
            "cost_sek": result.municipal_cost_sek,
            "grants_sek": result.project_grants_sek,
            "net_sek": result.net_sek,
        },
    }
