"""The made-up data of the matching benchmark (scripts/bench_matching.py) stay as described."""

import importlib.util
from pathlib import Path

from navet.calls.taxonomy import target_groups, themes
from navet.matching.engine import MUNICIPALITY

_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "bench_matching.py"
_spec = importlib.util.spec_from_file_location("bench_matching", _SCRIPT)
assert _spec is not None
assert _spec.loader is not None
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)


def test_the_same_seed_gives_the_same_data() -> None:
    assert bench.make_calls(bench.seeded(), 50) == bench.make_calls(bench.seeded(), 50)
    assert bench.make_needs(bench.seeded(), 2) == bench.make_needs(bench.seeded(), 2)


def test_every_municipality_of_the_county_has_its_needs() -> None:
    needs = bench.make_needs(bench.seeded())
    assert len(needs) == 26 * 40
    assert {need.municipality[:2] for need in needs} == {"01"}
    assert len({need.municipality for need in needs}) == 26
    assert all(50 <= len(need.description.split()) <= 150 for need in needs)


def test_calls_are_long_varied_and_use_the_taxonomy() -> None:
    calls = bench.make_calls(bench.seeded(), 500)
    swedish = [call for call in calls if call.language == "sv"]
    assert all(len(call.description.split()) >= 200 for call in swedish)
    assert any(call.language == "en" for call in calls)
    assert {call.funder_county for call in calls} >= {"", "01", "03"}
    assert any(MUNICIPALITY not in call.eligible_applicants for call in calls)
    assert any(call.closes < bench.TODAY for call in calls)
    known_themes = {theme.slug for theme in themes()}
    known_groups = {group.slug for group in target_groups()}
    assert {slug for call in calls for slug in call.themes} <= known_themes
    assert {slug for call in calls for slug in call.target_groups} <= known_groups
