"""The measures of `make bench` (`scripts/bench.py`), on data made by `generate`.

Each measure runs in this process against the configured database: a page's server time and SQL
queries through Django's test client, matching through the services the product uses, ingestion
through `calls_import`. The figures are reported, never asserted: a test checks only that every
measure runs and gives its keys.
"""

import gc
import random
import resource
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import connection
from django.db.models import Count
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from navet.calls.models import Call
from navet.calls.services import calls_import
from navet.core.models import User
from navet.decisions.models import Meeting, Motion
from navet.demo.scale import text
from navet.demo.scale.followup import period
from navet.followup.ledger import MAX_ROWS
from navet.followup.services import ledger_import, ledger_mapping_set
from navet.matching.selectors import matcher_for, need_facts, needs_for_matching
from navet.matching.services import SUGGESTIONS_PER_NEED
from navet.needs.models import Need
from navet.organisations.models import Consortium, Role
from navet.projects.models import Project

TARGET_P95_MS = 150.0
TARGET_QUERIES = 20
TARGET_INGEST_PER_S = 1_000.0


@dataclass(frozen=True)
class Page:
    name: str
    url: str
    user: User


def busiest_consortium() -> Consortium:
    """The consortium with the most projects: its coordinator sees the most on every page."""
    consortium = (
        Consortium.objects.annotate(project_count=Count("projects"))
        .order_by("-project_count", "pk")
        .first()
    )
    if consortium is None:
        raise RuntimeError("Inga samverkan: generera data först (navet generate).")
    return consortium


def main_pages() -> list[Page]:
    """The main pages of each step of the flow, as the busiest consortium's coordinator and one
    of its members' contacts see them; a detail page of each kind, taken from that consortium."""
    consortium = busiest_consortium()
    coordinator = User.objects.get(
        role_assignments__role=Role.COORDINATOR, role_assignments__consortium=consortium
    )
    member = consortium.members.order_by("code").first()
    contact = User.objects.get(
        role_assignments__role=Role.CONTACT, role_assignments__municipality=member
    )
    need = Need.objects.filter(municipality=member, status=Need.Status.OPEN).order_by("pk").first()
    project = Project.objects.filter(consortium=consortium).order_by("pk").first()
    motion = Motion.objects.filter(consortium=consortium).order_by("pk").first()
    meeting = Meeting.objects.filter(consortium=consortium).order_by("pk").first()
    call = Call.objects.order_by("pk").first()
    pages = [
        Page("dashboard", reverse("dashboard"), coordinator),
        Page("calls", reverse("calls:call-list"), coordinator),
        Page("calls search", reverse("calls:call-list") + "?text=språkträning", coordinator),
        Page("calendar", reverse("calls:calendar"), coordinator),
        Page("needs", reverse("needs:need-list"), coordinator),
        Page("needs search", reverse("needs:need-list") + "?text=föräldrastöd", coordinator),
        Page("needs matrix", reverse("needs:matrix"), coordinator),
        Page("matches", reverse("matching:matches"), coordinator),
        Page("projects", reverse("projects:project-list"), coordinator),
        Page("motions", reverse("decisions:motion-list"), coordinator),
        Page("meetings", reverse("decisions:meeting-list"), coordinator),
        Page("economics", reverse("economics:scenario"), coordinator),
        Page("knowledge", reverse("knowledge:entry-list"), coordinator),
        Page("municipalities", reverse("organisations:municipality-list"), coordinator),
        Page("needs (contact)", reverse("needs:need-list"), contact),
    ]
    details: list[tuple[str, str, Any]] = [
        ("call", "calls:call-detail", call),
        ("need", "needs:need-detail", need),
        ("project", "projects:project-detail", project),
        ("motion", "decisions:motion-detail", motion),
        ("meeting", "decisions:meeting-detail", meeting),
    ]
    pages += [
        Page(name, reverse(route, args=[row.pk]), coordinator)
        for name, route, row in details
        if row is not None
    ]
    return pages


def measure_page(client: Client, page: Page, runs: int) -> dict[str, float | int]:
    """p50 and p95 of the server time of `runs` requests (after one to warm up), and the SQL
    queries of one."""
    client.force_login(page.user)
    response = client.get(page.url)
    if response.status_code != 200:
        raise RuntimeError(f"{page.name}: {page.url} svarade {response.status_code}")
    queries = QueryCounter()
    with connection.execute_wrapper(queries):
        client.get(page.url)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(page.url)
        times.append((time.perf_counter() - start) * 1000)
    return {
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(percentile(times, 95), 1),
        "queries": queries.count,
    }


class QueryCounter:
    """Counts the SQL statements run while installed as an execute wrapper (it sees them even
    when the request closes and reopens the connection)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        self.count += 1
        return execute(sql, params, many, context)


def percentile(values: list[float], percent: float) -> float:
    """The nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * percent // 100))
    return ordered[int(rank) - 1]


def measure_pages(runs: int) -> dict[str, dict[str, float | int]]:
    # As in a web process (navet.wsgi): what is loaded so far stays out of the full garbage
    # collections, which would otherwise walk the generated data and the matching's objects that
    # this process still holds and a web process never has, now and then in a page's time.
    gc.collect()
    gc.freeze()
    client = Client()
    return {page.name: measure_page(client, page, runs) for page in main_pages()}


def measure_matching(sample: int, budget: float = 120.0) -> dict[str, float | bool]:
    """Seconds to rank every need that matching ranks (open and in a project) against the open
    calls, the engine built from the database, as the nightly refresh does; when that would take
    longer than `budget` seconds, the needs ranked within it give an estimate of the whole
    (`all_needs_estimated`). And the median milliseconds to rank one need."""
    now = timezone.now()
    today = timezone.localdate(now)
    start = time.perf_counter()
    matcher = matcher_for(now).matcher
    built = time.perf_counter()
    needs = needs_for_matching().order_by("pk")
    total = needs.count()
    done = 0
    single: list[float] = []
    for need in needs.iterator(chunk_size=500):
        facts = need_facts(need)
        ranked = time.perf_counter()
        matcher.rank(facts, today, SUGGESTIONS_PER_NEED)
        if len(single) < sample:
            single.append((time.perf_counter() - ranked) * 1000)
        done += 1
        if time.perf_counter() - start > budget:
            break
    spent = time.perf_counter() - built
    all_needs = built - start + (spent * total / done if done else 0.0)
    return {
        "all_needs_s": round(all_needs, 2),
        "all_needs_estimated": done < total,
        "one_need_ms": round(statistics.median(single), 2) if single else 0.0,
    }


def ingest_records(count: int, seed: int) -> list[dict[str, Any]]:
    """`count` new calls in the interchange format, themes left for Navet to infer."""
    rng = random.Random(seed)  # noqa: S311  (made-up data)
    today = timezone.localdate()
    records = []
    for number in range(count):
        topics = text.topics(rng)
        records.append(
            {
                "external_id": f"bench-ingest-{seed}-{number:05d}",
                "funder": rng.choice(text.FUNDERS),
                "title": text.title(rng, topics),
                "description": text.paragraph(rng, topics, rng.randint(120, 300)),
                "opens": (today - timedelta(days=10)).isoformat(),
                "closes": (today + timedelta(days=rng.randint(10, 200))).isoformat(),
                "eligible_applicants": ["kommun"],
                "language": "sv",
            }
        )
    return records


def measure_ingest(count: int, seed: int) -> float:
    """Calls stored per second by an import of `count` new calls."""
    records = ingest_records(count, seed)
    start = time.perf_counter()
    report = calls_import(actor=None, records=records, source="bench")
    seconds = time.perf_counter() - start
    if report.failed:
        raise RuntimeError(f"{report.failed} utlysningar kunde inte importeras")
    return round(len(report.created) / seconds, 1)


def ledger_csv(project: Project, rows: int, seed: int, first: int = 0) -> bytes:
    """A Swedish ledger export (semicolons, decimal comma) of `rows` rows within the project's
    period, on the accounts of staff (5…), purchased services (6…) and travel (7…)."""
    starts, ends = period(project)
    rng = random.Random(seed)  # noqa: S311  (made-up data)
    days = (ends - starts).days
    lines = ["Datum;Konto;Belopp;Text;Verifikat"]
    for number in range(rows):
        spent = starts + timedelta(days=rng.randint(0, days))
        account = rng.choice(("5010", "6550", "7110"))
        amount = f"{rng.randint(100, 50_000)},{rng.randint(0, 99):02d}"
        voucher = f"L{first + number:07d}"
        lines.append(f"{spent.isoformat()};{account};{amount};Bokförd kostnad;{voucher}")
    return ("\n".join(lines) + "\n").encode("utf-8-sig")


def measure_ledger_import(rows: int, seed: int) -> float | None:
    """Seconds to import a ledger export of `rows` rows into a project of the busiest
    consortium (None when no project has a budget)."""
    consortium = busiest_consortium()
    project = (
        Project.objects.filter(consortium=consortium, budget_lines__isnull=False)
        .exclude(starts_on=None)
        .exclude(ends_on=None)
        .order_by("pk")
        .first()
    )
    if project is None:
        return None
    coordinator = User.objects.get(
        role_assignments__role=Role.COORDINATOR, role_assignments__consortium=consortium
    )
    ledger_mapping_set(
        actor=coordinator,
        project=project,
        municipality=project.owner,
        date_column="Datum",
        amount_column="Belopp",
        account_column="Konto",
        text_column="Text",
        reference_column="Verifikat",
        accounts={"5": "staff", "6": "services", "7": "travel"},
    )
    # A file holds at most ledger.MAX_ROWS rows (the import refuses more): a larger ledger is
    # imported as several files, as a municipality would.
    files = [
        ledger_csv(project, min(MAX_ROWS, rows - first), seed + first, first)
        for first in range(0, rows, MAX_ROWS)
    ]
    start = time.perf_counter()
    imported = 0
    for number, content in enumerate(files, start=1):
        batch = ledger_import(
            actor=coordinator,
            project=project,
            municipality=project.owner,
            filename=f"huvudbok-{number}.csv",
            content=content,
        )
        imported += batch.rows
    seconds = time.perf_counter() - start
    if imported != rows:
        raise RuntimeError(f"{imported} rader importerades, inte {rows}")
    return round(seconds, 2)


def peak_memory_mib() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return round(time.perf_counter() - start, 2)


def markdown(result: dict[str, Any]) -> str:
    """The result as a Markdown table, each figure beside its target."""
    lines = [
        f"Navet bench: {result['scale']} scale on {result['database']} "
        f"({result['machine']}), {result['taken_at']}",
        "",
        "| page | p50 ms | p95 ms | queries | target met |",
        "|---|---:|---:|---:|---|",
    ]
    for name, page in result["pages"].items():
        met = page["p95_ms"] <= TARGET_P95_MS and page["queries"] <= TARGET_QUERIES
        lines.append(
            f"| {name} | {page['p50_ms']} | {page['p95_ms']} | {page['queries']} | "
            f"{'yes' if met else 'no'} |"
        )
    matching, ingest = result["matching"], result["ingest_calls_per_s"]
    ledger = result["ledger_import_s"]
    estimated = " (estimated)" if matching.get("all_needs_estimated") else ""
    met = "–" if ingest is None else ("met" if ingest >= TARGET_INGEST_PER_S else "missed")
    lines += [
        "",
        "| measure | value | target |",
        "|---|---:|---|",
        f"| generate data | {result['generate_s']} s | |",
        f"| matching, all needs ranked{estimated} | {_value(matching.get('all_needs_s'), 's')} | |",
        f"| matching, one need (median) | {_value(matching.get('one_need_ms'), 'ms')} | |",
        f"| ingestion | {_value(ingest, 'calls/s')} | ≥ {TARGET_INGEST_PER_S:g} ({met}) |",
        f"| ledger import, 100 000 rows | {_value(ledger, 's')} | ≤ 20 s |",
        f"| peak memory | {_value(result['peak_memory_mib'], 'MiB')} | |",
    ]
    return "\n".join(lines) + "\n"


def _value(value: object, unit: str) -> str:
    return "–" if value is None else f"{value} {unit}"
