"""`navet economics`: the study's example as JSON and as a Swedish table."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command


def _run(*args: str) -> str:
    out = StringIO()
    call_command("economics", *args, stdout=out)
    return out.getvalue()


STUDY = ["--cost", "700000", "--grants", "1000000", "--admin-share", "20"]


def test_the_study_as_json() -> None:
    data = json.loads(_run(*STUDY, "--municipalities", "15", "--json"))
    assert len(data["municipalities"]) == 15
    assert set(data["municipalities"][0]) == {"municipality", "cost_sek", "grants_sek", "net_sek"}
    assert {m["net_sek"] for m in data["municipalities"]} == {20_000}
    assert {m["cost_sek"] for m in data["municipalities"]} == {33_333, 33_334}
    assert data["totals"] == {"cost_sek": 500_000, "grants_sek": 800_000, "net_sek": 300_000}


def test_the_study_as_a_swedish_table() -> None:
    text = _run(*STUDY, "--municipalities", "15")
    assert "Kommun 15" in text
    assert "Totalt" in text
    assert "500\u00a0000\u00a0kr" in text
    assert (
        "kostnad 33\u00a0333\u00a0kr, bidrag 53\u00a0333\u00a0kr, netto 20\u00a0000\u00a0kr" in text
    )


@pytest.mark.django_db
def test_a_consortium_by_population(county) -> None:
    data = json.loads(
        _run(*STUDY, "--consortium", "koordination-norrort", "--key", "population", "--json")
    )
    names = [m["municipality"] for m in data["municipalities"]]
    assert len(names) == 15
    assert names[-1] == "Österåker"  # Swedish order
    assert sum(m["cost_sek"] for m in data["municipalities"]) == 500_000
    taby = next(m for m in data["municipalities"] if m["municipality"] == "Täby")
    vaxholm = next(m for m in data["municipalities"] if m["municipality"] == "Vaxholm")
    assert taby["cost_sek"] > vaxholm["cost_sek"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--municipalities", "15", "--key", "population"], "--consortium"),
        (["--municipalities", "0"], "Minst en kommun"),
        (["--municipalities", "3", "--admin-share", "120"], "mellan 0 och 100"),
        (["--municipalities", "3", "--key", "usage"], "invalid choice: 'usage'"),
    ],
)
def test_refusals_in_swedish(args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        _run("--cost", "700000", "--grants", "1000000", *args)


@pytest.mark.django_db
def test_an_unknown_consortium() -> None:
    with pytest.raises(CommandError, match="Ingen samverkan"):
        _run(*STUDY, "--consortium", "finns-inte")
