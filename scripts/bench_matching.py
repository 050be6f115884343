"""Benchmark of the matching engine (`navet.matching.engine`) on realistic synthetic data.

Run it with `make bench`, or
`.venv/bin/python scripts/bench_matching.py [--runs N] [--budget SECONDS] [--profile]`.

The data are made up but shaped like the county's: 5 000 calls with descriptions of a few hundred
Swedish words, and 40 needs of 50–150 words for each of Stockholm County's 26 municipalities, with
themes and target groups from Navet's taxonomy, funders of this county, of other counties and
national or EU ones, and dates around a fixed day. The same seed always gives the same data.

It measures (the first run, when nothing is cached yet, and the best of `--runs` runs):
  a. building a `Matcher` over the calls: the first run reads every call's text; the engine keeps
     what it read of each call, so later runs (as after a change among the calls) only assemble;
  b. ranking every need (ten best calls each), building the matcher included (the calls read);
  c. ranking one need against all calls, with the matcher built (median over 50 needs);
and the memory the matcher takes. A measure is not repeated once its runs have taken `--budget`
seconds (default 60); a run of (b) that would take longer stops there, and the needs it ranked give
an estimate of the whole. The targets are 5 s for (b) and 20 ms for (c) on a 2-core machine; the
script reports PASS or FAIL but always exits 0. `--profile` profiles one run of (b), within the
budget, and prints the 15 costliest functions by cumulative and by own time.
"""

import argparse
import cProfile
import math
import os
import platform
import pstats
import random
import resource
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from navet.calls.geography import COUNTIES
from navet.calls.taxonomy import target_groups, themes
from navet.matching.engine import Call, Matcher, Need
from navet.organisations.county import COUNTY_CODE, read_municipalities

SEED = 20251001
TODAY = date(2025, 10, 1)
CALLS = 5_000
NEEDS_PER_MUNICIPALITY = 40
LIMIT = 10
SINGLE_NEEDS = 50
TARGET_ALL_S = 5.0
TARGET_ONE_MS = 20.0


@dataclass(frozen=True)
class Funder:
    name: str
    county: str  # "" when it serves the whole country
    preparation_days: int


FUNDERS = (
    Funder("Länsstyrelsen Stockholm", "01", 14),
    Funder("Region Stockholm", "01", 14),
    Funder("Länsstyrelsen Uppsala län", "03", 14),
    Funder("Länsstyrelsen Skåne", "12", 14),
    Funder("Länsstyrelsen Västra Götaland", "14", 14),
    Funder("Region Östergötland", "05", 14),
    Funder("Svenska ESF-rådet", "", 21),
    Funder("Migrationsverket", "", 21),
    Funder("Allmänna arvsfonden", "", 21),
    Funder("Jämställdhetsmyndigheten", "", 21),
    Funder("MUCF – Myndigheten för ungdoms- och civilsamhällesfrågor", "", 21),
    Funder("Tillväxtverket", "", 21),
    Funder("Socialstyrelsen", "", 21),
    Funder("Folkhälsomyndigheten", "", 21),
    Funder("Post- och telestyrelsen (PTS)", "", 21),
    Funder("Europeiska kommissionen", "", 60),
)
# How often each funder publishes: the county's own boards most, then the national agencies.
FUNDER_WEIGHTS = (18, 8, 4, 4, 4, 2, 10, 8, 8, 4, 4, 4, 6, 6, 4, 6)

# What the texts are about, by the theme of the taxonomy they speak of most.
ACTIVITIES: dict[str, tuple[str, ...]] = {
    "arbete-sysselsattning": (
        "praktikplatser hos lokala arbetsgivare",
        "jobbspår inom vård och omsorg",
        "arbetsmarknadsinsatser med handledare",
        "matchning mot lediga jobb och subventionerade anställningar",
    ),
    "kompetensutveckling-validering": (
        "validering av utländsk kompetens och yrkeserfarenhet",
        "kartläggning av kompetens och tidigare utbildning",
    ),
    "sprak": (
        "språkträning kopplad till yrken",
        "SFI i kombination med praktik",
        "språkcaféer och språkvänner på biblioteket",
    ),
    "samhallsorientering": (
        "samhällsorientering på modersmål",
        "information om rättigheter och skyldigheter i Sverige",
    ),
    "boende-bosattning": (
        "vägledning om bostadsmarknaden och boendesökeri",
        "stöd till hushåll att hitta och behålla en bostad",
    ),
    "mottagande-beredskap": (
        "ett samordnat mottagande av anvisade",
        "beredskap och kapacitet att ta emot nyanlända",
    ),
    "halsa": ("hälsoskola och hälsokommunikatörer", "fysisk aktivitet och hälsosamma levnadsvanor"),
    "psykisk-halsa": (
        "traumamedvetet bemötande och psykoedukativa gruppträffar",
        "stöd vid oro, stress och sömnproblem",
    ),
    "foraldraskap": ("föräldrastöd i grupp", "föräldraskapsstöd med kulturtolkar"),
    "ensamkommande": ("stöd till ensamkommande i boende och skola", "mentorskap för ensamkommande"),
    "foreningsliv-fritid": (
        "meningsfull fritid under lov",
        "mötesplatser i föreningslivet och idrotten",
    ),
    "digital-inkludering": (
        "digitala vardagsfärdigheter och e-legitimation",
        "digital delaktighet och kontakt med e-tjänster",
    ),
    "vald-heder": (
        "förebyggande arbete mot våld i nära relationer",
        "arbete mot hedersrelaterat våld och förtryck",
    ),
    "foretagande": ("företagsrådgivning och nätverk för nya företagare",),
    "kompetens-personal": ("kompetensutveckling för personal i socialtjänsten",),
    "samverkan-metodutveckling": ("samverkan mellan kommuner och metodutveckling i mottagandet",),
}
GROUPS = (
    "nyanlända vuxna",
    "ensamkommande barn och unga",
    "utrikesfödda kvinnor",
    "föräldralediga utanför SFI",
    "vuxna asylsökande",
    "personer med tillfälligt skydd",
    "kvotflyktingar och deras anhöriga",
    "unga mellan 16 och 25 år",
    "äldre utrikesfödda",
    "personer med funktionsnedsättning",
    "barn i ekonomiskt utsatta familjer",
    "invånare i socioekonomiskt utsatta områden",
    "deltagare i etableringsprogrammet",
    "anhöriginvandrare",
)
AIMS = (
    "så att etableringen i samhället går snabbare",
    "för att fler ska komma i arbete eller studier",
    "för att minska segregationen i bostadsområdena",
    "för att stärka hälsan och det psykiska välbefinnandet",
    "så att fler klarar sina digitala ärenden på egen hand",
    "för att barnen ska få en trygg uppväxt",
    "för att motverka utanförskap och isolering",
    "så att kunskaperna i svenska förbättras",
    "så att fler hushåll får en stabil bostad",
    "för att öka deltagandet i föreningslivet",
)
CALL_VERBS = (
    "Medlen ska stärka",
    "Bidraget kan användas till",
    "Satsningen ska främja",
    "Projekten kan utveckla",
    "Stödet avser",
    "Utlysningen riktar sig till verksamheter som erbjuder",
)
CALL_FILLERS = (
    "Kommunöverskridande projekt prioriteras.",
    "Insatserna ska kunna föras över till ordinarie verksamhet efter projekttiden.",
    "Ansökan ska innehålla en tidplan, en budget och en beskrivning av målgruppen.",
    "Resultaten ska följas upp och redovisas i en slutrapport.",
    "Målgruppen ska vara delaktig i planering och genomförande.",
    "Samverkan med civilsamhället, regionen och Arbetsförmedlingen är en fördel.",
    "Bidraget kan användas till personalkostnader, lokaler, material och resor.",
    "Projekttiden är högst två år och kan förlängas efter ny prövning.",
    "Beslut fattas inom åtta veckor efter att ansökningstiden har gått ut.",
    "Frågor om utlysningen besvaras av handläggarna på telefon och e-post.",
)
RULED_OUT = (
    "Insatser för vuxna asylsökande kan inte beviljas.",
    "Investeringar i lokaler kan inte beviljas.",
    "Ordinarie verksamhet omfattas inte.",
)
NATIONAL = "Det är nationella medel som kan sökas av aktörer i hela landet."
NOT_MUNICIPALITIES = "Kommuner och andra offentliga aktörer kan inte söka bidraget."
ENGLISH = (
    "The call supports projects on the integration of third-country nationals.",
    "Actions should improve access to the labour market, language courses and housing.",
    "Applicants from at least three Member States must form a consortium.",
    "Projects shall address the needs of women, children and unaccompanied minors.",
    "Local and regional authorities, civil society and universities may apply.",
    "The maximum duration is 36 months and the grant covers 90 % of eligible costs.",
)
NEED_OPENINGS = (
    "Många {group} i {place} saknar {lack}.",
    "Vi ser att {group} i {place} sällan tar del av {activity}.",
    "Handläggarna i {place} möter allt fler {group} som behöver {activity}.",
)
LACKS = (
    "kontakter med arbetsgivare",
    "kunskaper i svenska",
    "BankID och vana vid e-tjänster",
    "en stabil bostad",
    "ett socialt nätverk",
    "kunskap om hur föreningar fungerar",
)
NEED_FILLERS = (
    "Insatsen bör kunna delas med grannkommunerna.",
    "Arbetsmarknadsenheten kan avsätta en del av en tjänst.",
    "Vi har goda kontakter med studieförbund och frivilliga.",
    "Det leder till att barnen får ta ett vuxenansvar för familjens ärenden.",
    "Socialtjänsten och skolan vill arbeta tillsammans med detta.",
)
APPLICANTS = (("kommun",), ("kommun", "region", "ideell_forening"), ("ideell_forening",), ())
APPLICANT_WEIGHTS = (70, 15, 10, 5)


def seeded() -> random.Random:
    return random.Random(SEED)  # noqa: S311  (made-up data, no secret)


def make_calls(rng: random.Random, count: int = CALLS) -> list[Call]:
    """`count` calls, mostly open on TODAY, a few closed or not yet open."""
    theme_slugs = [t.slug for t in themes()]
    group_slugs = [g.slug for g in target_groups()]
    calls = []
    for number in range(count):
        funder = rng.choices(FUNDERS, FUNDER_WEIGHTS)[0]
        english = funder.county == "" and funder.preparation_days == 60 and rng.random() < 0.5
        topics = rng.sample(sorted(ACTIVITIES), rng.randint(1, 3))
        opens = TODAY + timedelta(days=rng.randint(-150, 40)) if rng.random() < 0.8 else None
        closes = TODAY + timedelta(days=rng.randint(-20, 240))
        classified = rng.random() < 0.3  # a coordinator has chosen its themes
        low = rng.choice((50_000, 100_000, 250_000, None))
        calls.append(
            Call(
                id=f"call-{number:05d}",
                title=_title(rng, topics),
                description=(
                    _english(rng)
                    if english
                    else _call_text(rng, funder, topics, rng.randint(200, 400))
                ),
                language="en" if english else "sv",
                opens=opens,
                closes=closes,
                funder=funder.name,
                funder_county=funder.county,
                eligible_applicants=rng.choices(APPLICANTS, APPLICANT_WEIGHTS)[0],
                cofinancing_percent=rng.choice((None, 0, 0, 0, 10, 20, 25, 50)),
                min_amount_sek=low,
                max_amount_sek=rng.choice((500_000, 2_500_000, 10_000_000, None)),
                preparation_days=funder.preparation_days,
                themes=tuple(rng.sample(theme_slugs, rng.randint(1, 3))) if classified else (),
                target_groups=tuple(rng.sample(group_slugs, rng.randint(0, 2)))
                if classified
                else (),
            )
        )
    return calls


def make_needs(rng: random.Random, per_municipality: int = NEEDS_PER_MUNICIPALITY) -> list[Need]:
    """`per_municipality` needs for each municipality of the county."""
    theme_slugs = sorted(ACTIVITIES)
    group_slugs = [g.slug for g in target_groups()]
    needs = []
    for municipality in read_municipalities():
        for number in range(per_municipality):
            topics = rng.sample(theme_slugs, rng.randint(1, 3))
            needs.append(
                Need(
                    id=f"n-{municipality.code}-{number:03d}",
                    municipality=municipality.code,
                    title=_title(rng, topics),
                    description=_need_text(rng, municipality.name, topics, rng.randint(50, 128)),
                    themes=tuple(topics),
                    target_groups=tuple(rng.sample(group_slugs, rng.randint(0, 2))),
                    cofinancing_capacity_percent=rng.choice((0, 0, 10, 20, 25, 50)),
                    estimated_cost_sek=rng.choice((None, 300_000, 800_000, 2_000_000)),
                )
            )
    return needs


def _title(rng: random.Random, topics: Sequence[str]) -> str:
    activity = rng.choice(ACTIVITIES[topics[0]])
    return f"{activity[0].upper()}{activity[1:]} för {rng.choice(GROUPS)}"


def _call_text(rng: random.Random, funder: Funder, topics: Sequence[str], words: int) -> str:
    """A call's description: what it funds, for whom and why, its rules, and where it applies."""
    sentences = []
    if funder.county:
        county = COUNTIES[funder.county][0]
        sentences.append(f"{funder.name} fördelar medel till kommuner i {county}s län.")
    elif rng.random() < 0.2:
        sentences.append(NATIONAL)
    if rng.random() < 0.05:
        sentences.append(NOT_MUNICIPALITIES)
    while sum(len(s.split()) for s in sentences) < words:
        if rng.random() < 0.6:
            # mostly its own topics, now and then another (calls are broad)
            topic = rng.choice(topics) if rng.random() < 0.8 else rng.choice(sorted(ACTIVITIES))
            activity = rng.choice(ACTIVITIES[topic])
            sentences.append(
                f"{rng.choice(CALL_VERBS)} {activity} för {rng.choice(GROUPS)} {rng.choice(AIMS)}."
            )
        elif rng.random() < 0.1:
            sentences.append(rng.choice(RULED_OUT))
        else:
            sentences.append(rng.choice(CALL_FILLERS))
    return " ".join(sentences)


def _need_text(rng: random.Random, place: str, topics: Sequence[str], words: int) -> str:
    """A need's description: the problem in the municipality, and what it wants to do."""
    sentences: list[str] = []
    while sum(len(s.split()) for s in sentences) < words:
        activity = rng.choice(ACTIVITIES[rng.choice(topics)])
        if not sentences or rng.random() < 0.3:
            sentences.append(
                rng.choice(NEED_OPENINGS).format(
                    group=rng.choice(GROUPS), place=place, lack=rng.choice(LACKS), activity=activity
                )
            )
        elif rng.random() < 0.6:
            sentences.append(f"Vi vill erbjuda {activity} {rng.choice(AIMS)}.")
        else:
            sentences.append(rng.choice(NEED_FILLERS))
    return " ".join(sentences)


def _english(rng: random.Random) -> str:
    return " ".join(rng.choice(ENGLISH) for _ in range(rng.randint(15, 30)))


def timed(work: Callable[[], object], runs: int, budget: float) -> tuple[float, float, int]:
    """Seconds of the first run and of the best run, and the runs made: at most `runs`, and no
    more once the runs so far have taken `budget` seconds."""
    times: list[float] = []
    while len(times) < runs and sum(times) < budget:
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return times[0], min(times), len(times)


def rank_all(calls: Sequence[Call], needs: Sequence[Need], budget: float = math.inf) -> float:
    """Seconds to build a matcher and rank every need; when that would take longer than `budget`,
    the needs ranked within it give an estimate of the whole."""
    start = time.perf_counter()
    matcher = Matcher(calls)
    built = time.perf_counter()
    for done, need in enumerate(needs, start=1):
        matcher.rank(need, TODAY, LIMIT)
        if time.perf_counter() - start > budget and done < len(needs):
            return built - start + (time.perf_counter() - built) * len(needs) / done
    return time.perf_counter() - start


def one_need_ms(matcher: Matcher, needs: Sequence[Need], budget: float) -> list[float]:
    """Milliseconds to rank each need against all calls, for as many needs as `budget` allows."""
    times: list[float] = []
    for need in needs:
        start = time.perf_counter()
        matcher.rank(need, TODAY, LIMIT)
        times.append((time.perf_counter() - start) * 1000)
        if sum(times) > budget * 1000:
            break
    return times


def profile(calls: Sequence[Call], needs: Sequence[Need], budget: float) -> None:
    profiler = cProfile.Profile()
    profiler.runcall(rank_all, calls, needs, budget)
    for order in ("cumulative", "tottime"):
        print(f"\n== Profile of (b), top 15 by {order}")
        pstats.Stats(profiler, stream=sys.stdout).sort_stats(order).print_stats(15)


def verdict(value: float, target: float, unit: str) -> str:
    return f"< {target:g} {unit}  {'PASS' if value < target else 'FAIL'}"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each measure (default 3)")
    parser.add_argument(
        "--budget",
        type=float,
        default=60,
        help="seconds each measure may take (default 60); a slower (b) is estimated",
    )
    parser.add_argument("--profile", action="store_true", help="profile (b) once instead")
    args = parser.parse_args(argv)

    rng = seeded()
    calls = make_calls(rng)
    needs = make_needs(rng)
    words = statistics.mean(len(c.description.split()) for c in calls)
    need_words = statistics.mean(len(n.description.split()) for n in needs)
    open_calls = sum(1 for c in calls if (c.opens or TODAY) <= TODAY <= c.closes)
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs")
    print(f"{len(calls)} calls ({open_calls} open on {TODAY}, {words:.0f} words on average)")
    print(f"{len(needs)} needs in county {COUNTY_CODE} ({need_words:.0f} words on average)")
    print(f"Each measure: best of {args.runs} runs, within {args.budget:g} s\n", flush=True)

    if args.profile:
        profile(calls, needs, args.budget)
        return

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    build_first, build_best, build_runs = timed(lambda: Matcher(calls), args.runs, args.budget)
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before  # KiB on Linux
    matcher = Matcher(calls)
    single = one_need_ms(matcher, seeded().sample(needs, SINGLE_NEEDS), args.budget)
    one = statistics.median(single)
    all_runs = [rank_all(calls, needs, args.budget)]
    while len(all_runs) < args.runs and sum(all_runs) < args.budget:
        all_runs.append(rank_all(calls, needs, args.budget))
    all_best = min(all_runs)
    estimated = " (estimated)" if all_best > args.budget else ""

    rows = [
        (
            "a. build Matcher (first: reading the calls)",
            build_first,
            build_best,
            build_runs,
            "s",
            "",
        ),
        (
            f"b. rank all {len(needs)} needs, build incl.{estimated}",
            all_runs[0],
            all_best,
            len(all_runs),
            "s",
            verdict(all_best, TARGET_ALL_S, "s"),
        ),
        (
            f"c. one need, median of {len(single)}",
            single[0],
            one,
            len(single),
            "ms",
            verdict(one, TARGET_ONE_MS, "ms"),
        ),
    ]
    print(f"{'measure':<50}{'first':>12}{'best':>12}{'runs':>6}   target")
    for name, first, best, runs, unit, target in rows:
        print(f"{name:<50}{first:>9.2f} {unit:<2}{best:>9.2f} {unit:<2}{runs:>6}   {target}")
    print(f"\nMemory: the process grew by {grown / 1024:.0f} MiB while building the matcher.")
    print("(c) best is the median; first is the first need ranked.")


if __name__ == "__main__":
    main()
