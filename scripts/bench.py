"""Navet's benchmark at county or national scale, on SQLite or on PostgreSQL.

`make bench` runs it on both databases (PostgreSQL through scripts/with_postgres.py), or by hand:
`.venv/bin/python scripts/bench.py [--scale county|national] [--seed N] [--runs N]
[--ledger-only | --ingest-only]` (either measures that import alone).

On SQLite it works in a new directory of its own (never the checkout's var/navet.sqlite3); on
PostgreSQL (DATABASE_URL set) it creates the database when it is missing and expects it empty.
It migrates, generates the data (`navet generate`), then measures in this process:
  - every main page: p50 and p95 of the server time over --runs requests, and its SQL queries;
  - matching: every need ranked against the open calls (estimated from the needs ranked within
    --matching-budget seconds when it takes longer), and one need ranked;
  - ingestion: an import of 10 000 new calls, in calls per second;
  - the import of a ledger export of 100 000 rows into one project's budget;
  - the peak memory of the process.
It writes var/bench/<database>-<scale>.json and .md, and the same as var/bench/latest.json and
latest.md. Targets (p95 ≤ 150 ms, ≤ 20 queries, ≥ 1 000 calls/s, ledger ≤ 20 s) are reported, never
enforced.
"""

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent


def prepare_environment() -> str:
    """Point Navet at the benchmark's database; returns the database's name for the report."""
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("NAVET_LOG_LEVEL", "WARNING")
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost"
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        os.environ["NAVET_VAR_DIR"] = tempfile.mkdtemp(prefix="navet-bench-")
        return "sqlite"
    import psycopg  # only with PostgreSQL

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
    return "postgresql"


def machine() -> str:
    """The processor, its cores, the memory and Python, as the figures depend on them."""
    cpu = platform.machine()
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = ""
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal"):
            memory = f", {int(line.split()[1]) / 1024**2:.0f} GiB"
            break
    return f"{cpu}, {os.cpu_count()} CPUs{memory}, Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--scale", choices=["county", "national"], default="national")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=20, help="requests per page (default 20)")
    parser.add_argument("--ingest", type=int, default=10_000, help="calls to import")
    parser.add_argument(
        "--matching-budget",
        type=float,
        default=120,
        help="seconds for ranking every need; a longer ranking is estimated (default 120)",
    )
    parser.add_argument("--ledger", type=int, default=100_000, help="ledger rows to import")
    parser.add_argument(
        "--ledger-only",
        action="store_true",
        help="generate, then measure only the ledger import (no pages, matching or ingestion)",
    )
    parser.add_argument(
        "--ingest-only",
        action="store_true",
        help="generate, then measure only the ingestion of calls (no pages, matching or ledger)",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "bench")
    args = parser.parse_args(argv)

    database = prepare_environment()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "navet.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from navet.demo.scale import SIZES, bench, generate

    def say(message: str) -> None:
        print(f"[{datetime.now(UTC):%H:%M:%S}] {message}", flush=True)

    say(f"{args.scale} scale on {database}: migrating")
    call_command("migrate", verbosity=0)
    say("generating")
    generate_s = bench.timed(
        lambda: generate(SIZES[args.scale], seed=args.seed, today=timezone.localdate())
    )
    result: dict[str, object] = {
        "database": database,
        "scale": args.scale,
        "seed": args.seed,
        "machine": machine(),
        "taken_at": f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "generate_s": generate_s,
        "pages": {},
        "matching": {},
        "ingest_calls_per_s": None,
        "ledger_import_s": None,
        "peak_memory_mib": None,
    }

    def save() -> str:
        """Write what is measured so far: a long run that is stopped keeps its figures."""
        result["peak_memory_mib"] = bench.peak_memory_mib()
        args.out.mkdir(parents=True, exist_ok=True)
        table = bench.markdown(result)
        stems = (f"{database}-{args.scale}", "latest")
        if args.ledger_only:  # a partial run never stands in for the whole benchmark's tables
            stems = (f"{database}-{args.scale}-ledger",)
        if args.ingest_only:
            stems = (f"{database}-{args.scale}-ingest",)
        for stem in stems:
            (args.out / f"{stem}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False))
            (args.out / f"{stem}.md").write_text(table)
        return table

    say(f"generated in {generate_s} s")
    if not args.ledger_only and not args.ingest_only:
        say("matching")
        result["matching"] = bench.measure_matching(sample=50, budget=args.matching_budget)
        save()
        say(f"matching {result['matching']}; pages")
        result["pages"] = bench.measure_pages(args.runs)
        save()
        say(f"{len(result['pages'])} pages")
    if not args.ledger_only:
        say(f"ingesting {args.ingest} calls")
        result["ingest_calls_per_s"] = bench.measure_ingest(args.ingest, args.seed)
        save()
        say(f"{result['ingest_calls_per_s']} calls/s")
    if not args.ingest_only:
        say(f"importing a ledger of {args.ledger} rows")
        result["ledger_import_s"] = bench.measure_ledger_import(args.ledger, args.seed)
    table = save()
    print(table)
    if database == "sqlite":
        shutil.rmtree(os.environ["NAVET_VAR_DIR"], ignore_errors=True)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    main()
