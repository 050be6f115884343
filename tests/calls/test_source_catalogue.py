"""`navet seed sources`: the catalogue of real sources, installed once and kept up to date
without overwriting what a coordinator changed."""

import json
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from navet.calls.models import ImportRun, Source
from navet.calls.services import SOURCES_FILE, source_save, source_update, sources_seed

pytestmark = pytest.mark.django_db

CATALOGUE = json.loads(SOURCES_FILE.read_text(encoding="utf-8"))["sources"]
FACTS = SOURCES_FILE.parents[4].parent / "shared" / "data"


def _snapshot() -> list[tuple]:
    return list(
        Source.objects.order_by("catalogue_key").values_list(
            "catalogue_key", "name", "format", "url", "schedule", "default_funder__slug",
            "default_programme__slug", "active", "region_selector", "topic_prefixes",
        )
    )  # fmt: skip


def test_seeding_twice_gives_the_same_catalogue(county) -> None:
    assert sources_seed() == {"created": len(CATALOGUE), "updated": 0, "kept": 0}
    first = _snapshot()
    assert sources_seed() == {"created": 0, "updated": 0, "kept": 0}
    assert _snapshot() == first
    assert not ImportRun.objects.exists()  # installing fetches nothing


def test_every_source_is_tied_to_its_funder_and_the_programme_is_the_funders(county) -> None:
    sources_seed()
    for source in Source.objects.select_related("default_funder", "default_programme"):
        assert source.default_funder is not None, source.name
        if source.default_programme is not None:
            assert source.default_programme.funder == source.default_funder
    kinds = set(Source.objects.values_list("format", flat=True))
    assert kinds == {"sedia", "vinnova", "page"}
    prefixes = set(Source.objects.filter(format="sedia").values_list("topic_prefixes", flat=True))
    assert prefixes == {"AMIF-", "CERV-", "ESF-; EMPL-", "ERASMUS-"}


def test_the_catalogue_holds_only_addresses_stated_in_the_facts() -> None:
    stated = "\n".join(path.read_text(encoding="utf-8") for path in FACTS.rglob("*.md"))
    for item in CATALOGUE:
        address = urlsplit(item["url"])
        # The EU portal's search address is documented with `text=***`: the catalogue narrows it.
        documented = address.netloc + address.path
        assert documented in stated, item["url"]


def test_a_source_a_coordinator_changed_is_left_alone(cast) -> None:
    sources_seed()
    source = Source.objects.get(catalogue_key="lst-stockholm-37a")
    source_update(actor=cast.coordinator, source=source, schedule="weekly", region_selector="#x")
    untouched = Source.objects.get(catalogue_key="vinnova")
    Source.objects.filter(pk=untouched.pk).update(url="https://data.vinnova.se/api/gammal/")
    counts = sources_seed()
    assert counts == {"created": 0, "updated": 1, "kept": 1}
    source.refresh_from_db()
    assert (source.schedule, source.region_selector) == ("weekly", "#x")
    untouched.refresh_from_db()
    assert untouched.url == "https://data.vinnova.se/api/ansokningsomgangar/"


def test_a_users_source_of_the_same_name_is_not_taken_over(cast) -> None:
    mine = source_save(
        actor=cast.coordinator,
        name="Vinnova – ansökningsomgångar (öppna data)",
        format="rss",
        url="https://example.se/flode.xml",
        schedule="manual",
    )
    assert sources_seed()["kept"] == 1
    mine.refresh_from_db()
    assert (mine.format, mine.catalogue_key) == ("rss", "")


def test_the_command_says_what_it_did(county, capsys) -> None:
    call_command("seed", "sources")
    call_command("seed", "sources")
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"Källor: {len(CATALOGUE)} nya, 0 uppdaterade, 0 ändrade av användare och lämnade som "
        "de är.",
        "Källor: 0 nya, 0 uppdaterade, 0 ändrade av användare och lämnade som de är.",
    ]


def test_the_sources_page_says_when_each_was_fetched_and_why_it_failed(cast, client) -> None:
    sources_seed()
    failing = Source.objects.get(catalogue_key="eu-cerv")
    ImportRun.objects.create(
        source=failing, status=ImportRun.Status.FAILED, message="Servern svarade med status 503."
    )
    client.force_login(cast.coordinator)
    page = client.get("/kallor/").content.decode()
    assert "Migrationsverket – planerade AMIF-utlysningar" in page
    assert "Aldrig hämtad" in page
    assert "Misslyckades:</strong> Servern svarade med status 503." in page
    assert "Svenska ESF-rådet: ESF+" in page
