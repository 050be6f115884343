"""Fetching: the address checked is the address connected to, passing failures are tried again
after a growing pause, a source failing three times in a row is told once, and Vinnova is asked
only for what changed since its last successful fetch."""

import socket
from datetime import timedelta

import pytest
from django.utils import timezone

from navet.calls.fetch import FetchError, fetch
from navet.calls.models import Call, ImportRun, Source
from navet.calls.services import import_run_execute, source_run_start, source_save, sources_seed
from navet.core.models import Notification
from tests.calls.conftest import _Feeds

pytestmark = pytest.mark.django_db


def test_the_fetcher_connects_to_the_address_it_checked(monkeypatch) -> None:
    """A name that answers a public address for the check and a loopback one afterwards (DNS
    rebinding) is connected to at the address checked: it is never resolved a second time."""
    resolved: list[str] = []
    real_getaddrinfo = socket.getaddrinfo

    def rebinding(host: str, *args: object, **kwargs: object) -> list:
        if host != "utlysningar.example":
            return real_getaddrinfo(host, *args, **kwargs)  # type: ignore[arg-type]
        resolved.append(host)
        address = "93.184.216.34" if len(resolved) == 1 else "127.0.0.1"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, 80))]

    connected: list[tuple[str, int]] = []

    def connect(address: tuple[str, int], *args: object, **kwargs: object) -> socket.socket:
        connected.append(address)
        raise OSError("no network in tests")

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    monkeypatch.setattr(socket, "create_connection", connect)
    with pytest.raises(FetchError, match="Hämtningen misslyckades"):
        fetch("http://utlysningar.example/flode.xml")
    assert connected == [("93.184.216.34", 80)]
    assert resolved == ["utlysningar.example"]


def test_a_name_that_answers_an_internal_address_is_never_connected_to(monkeypatch) -> None:
    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        lambda *a, **k: [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", 80))],
    )
    connected: list[object] = []
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: connected.append(a))
    with pytest.raises(FetchError, match="internt nät"):
        fetch("http://utlysningar.example/flode.xml")
    assert connected == []


def _run(source: Source) -> ImportRun:
    return import_run_execute(source_run_start(actor=None, source=source).pk)


def test_a_passing_failure_is_tried_again_after_a_growing_pause(cast, feed_server, pauses):
    source = source_save(
        actor=cast.coordinator, name="Ostadig", format="rss", url=f"{feed_server}/ostadig",
        schedule="daily",
    )  # fmt: skip
    _Feeds.failures_left = 2
    run = _run(source)
    assert run.status == ImportRun.Status.DONE
    assert run.created == 2
    assert pauses == [2.0, 4.0]
    assert _Feeds.requests == ["/ostadig"] * 3


def test_a_refusal_is_not_tried_again(cast, feed_server, pauses) -> None:
    source = source_save(
        actor=cast.coordinator, name="Saknas", format="rss", url=f"{feed_server}/saknas.xml",
        schedule="daily",
    )  # fmt: skip
    run = _run(source)
    assert (run.status, run.message) == (ImportRun.Status.FAILED, "Servern svarade med status 404.")
    assert pauses == []


def test_a_source_failing_three_times_in_a_row_is_told_once(cast, feed_server, client) -> None:
    source = source_save(
        actor=cast.coordinator, name="Trasig källa", format="rss", url=f"{feed_server}/fel",
        schedule="daily",
    )  # fmt: skip
    first = _run(source)
    _run(source)
    assert first.message == "Servern svarade med status 500. (3 försök)"
    assert not Notification.objects.exists()
    _run(source)
    told = Notification.objects.filter(user=cast.coordinator).get()
    assert told.title == (
        "Källan Trasig källa har misslyckats 3 gånger i rad: "
        "Servern svarade med status 500. (3 försök)"
    )
    assert told.url == f"/kallor/{source.pk}/"
    _run(source)
    assert Notification.objects.filter(user=cast.coordinator).count() == 1  # once

    source_save(
        actor=cast.coordinator, source=source, name=source.name, format="rss",
        url=f"{feed_server}/feed_lansstyrelsen.xml", schedule="daily",
    )  # fmt: skip
    assert _run(source).status == ImportRun.Status.DONE
    source.url = f"{feed_server}/fel"
    source.save()
    for _ in range(3):
        _run(source)
    assert Notification.objects.filter(user=cast.coordinator).count() == 2  # a new streak

    client.force_login(cast.coordinator)
    page = client.get("/kallor/").content.decode()
    assert "Misslyckades:</strong> Servern svarade med status 500. (3 försök)" in page


def test_vinnova_is_asked_for_what_changed_since_its_last_successful_fetch(county, feed_server):
    sources_seed()
    source = Source.objects.get(catalogue_key="vinnova")
    source.url = f"{feed_server}/vinnova/ansokningsomgangar/"
    source.save()
    first = _run(source)
    assert (first.status, first.created) == (ImportRun.Status.DONE, 3)
    year_ago = (timezone.localdate() - timedelta(days=365)).isoformat()
    assert _Feeds.requests == [
        f"/vinnova/ansokningsomgangar/{year_ago}",
        "/vinnova/utlysningar/2026-00412,2026-00590",
    ]
    expected = Call.objects.get(external_id=f"vinnova-{source.pk}-vinnova-2026-00414")
    assert expected.expected
    assert expected.expected_note.startswith("Vinnova aviserar omgången till oktober 2026")
    dated = Call.objects.get(external_id=f"vinnova-{source.pk}-vinnova-2026-00413")
    assert not dated.expected
    assert dated.funder.name == "Vinnova"
    battery = Call.objects.get(external_id=f"vinnova-{source.pk}-vinnova-2026-00591")
    assert "kommun" not in battery.eligible_applicants

    ImportRun.objects.filter(pk=first.pk).update(started_at=timezone.now() - timedelta(days=3))
    _Feeds.requests.clear()
    second = _run(source)
    assert second.unchanged == 3
    since = (timezone.localdate() - timedelta(days=3)).isoformat()
    assert _Feeds.requests[0] == f"/vinnova/ansokningsomgangar/{since}"
