"""The benchmark's measures run on a tiny generated installation and give every key of
var/bench/latest.json; the figures themselves are never asserted."""

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from navet.calls.models import Call
from navet.demo.scale import Size, bench, generate
from navet.followup.models import Expenditure, LedgerImport

TINY = Size(
    "tiny",
    municipalities=30,
    consortia=4,
    calls=20,
    needs=40,
    projects=10,
    meetings=5,  # one for each consortium first
    motions=5,
    expenditures=100,
)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def generated(db: None) -> None:
    generate(TINY, seed=3, today=date.today())  # noqa: DTZ011  (the pages show today's calls)


@pytest.mark.usefixtures("generated")
def test_every_main_page_answers_and_its_queries_are_counted() -> None:
    pages = bench.measure_pages(runs=2)

    assert {"dashboard", "calls", "needs", "needs search", "projects", "motions"} <= set(pages)
    assert {"call", "need", "project", "motion", "meeting"} <= set(pages)
    for name, figures in pages.items():
        assert set(figures) == {"p50_ms", "p95_ms", "queries"}, name
        assert figures["queries"] > 0, name  # a page of Navet reads the database


@pytest.mark.usefixtures("generated")
def test_matching_and_ingestion_are_measured_on_the_real_paths(monkeypatch) -> None:
    matching = bench.measure_matching(sample=3)
    assert set(matching) == {"all_needs_s", "all_needs_estimated", "one_need_ms"}
    assert matching["all_needs_estimated"] is False  # a tiny set is ranked whole
    estimated = bench.measure_matching(sample=3, budget=0.0)  # stops after the first need
    assert estimated["all_needs_estimated"] is True

    rate = bench.measure_ingest(25, seed=3)

    assert rate > 0
    assert Call.objects.filter(external_id__startswith="bench-ingest-3-").count() == 25
    before = Expenditure.objects.count()
    monkeypatch.setattr(bench, "MAX_ROWS", 15)  # a larger ledger goes in as several files
    assert bench.measure_ledger_import(40, seed=3) is not None
    assert Expenditure.objects.count() == before + 40
    assert LedgerImport.objects.count() == 3


def test_percentile_is_the_nearest_rank() -> None:
    values = [float(v) for v in range(1, 21)]
    assert bench.percentile(values, 95) == 19.0
    assert bench.percentile(values, 50) == 10.0
    assert bench.percentile([7.0], 95) == 7.0


def test_the_table_tells_each_target_met_or_missed() -> None:
    result = {
        "database": "sqlite",
        "scale": "county",
        "machine": "x86_64",
        "taken_at": "2026-01-01 00:00 UTC",
        "generate_s": 1.0,
        "pages": {
            "calls": {"p50_ms": 10.0, "p95_ms": 20.0, "queries": 5},
            "needs": {"p50_ms": 100.0, "p95_ms": 200.0, "queries": 5},
        },
        "matching": {"all_needs_s": 1.0, "one_need_ms": 2.0},
        "ingest_calls_per_s": 50.0,
        "ledger_import_s": None,
        "peak_memory_mib": 100.0,
    }
    table = bench.markdown(result)
    assert "| calls | 10.0 | 20.0 | 5 | yes |" in table
    assert "| needs | 100.0 | 200.0 | 5 | no |" in table
    assert "50.0 calls/s | ≥ 1000 (missed)" in table
    # A run stopped early keeps what it measured; the rest shows as "–".
    partial = {**result, "matching": {}, "ingest_calls_per_s": None}
    assert "| ingestion | – | ≥ 1000 (–) |" in bench.markdown(partial)


def test_the_script_explains_itself() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench.py"), "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "--scale {county,national}" in done.stdout
