from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from navet.calls import selectors, services
from navet.calls.fetch import FetchError, fetch
from navet.calls.models import Call, Funder, ImportRun, Source
from navet.calls.services import (
    calls_import,
    funders_seed,
    import_run_execute,
    source_run_start,
    source_save,
    sources_due,
)
from navet.calls.sources import PARSERS
from navet.core.errors import PermissionDenied

pytestmark = pytest.mark.django_db


def test_fetch_reads_a_feed(feed_server) -> None:
    content = fetch(f"{feed_server}/feed_deadlines.ics", allow_private=True)
    assert content.startswith(b"BEGIN:VCALENDAR")


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "localhost", "10.1.2.3", "169.254.169.254", "100.64.0.1", "[::1]"]
)
def test_fetch_refuses_internal_addresses(host) -> None:
    with pytest.raises(FetchError, match="internt nät"):
        fetch(f"http://{host}/feed.xml")


@pytest.mark.parametrize(
    ("path", "limits", "message"),
    [
        ("/fel", {}, "status 500"),
        ("/stor", {"max_bytes": 16 * 1024}, "större än"),
        ("/tyst", {"timeout": 0.2}, "inom 0.2 sekunder"),
        ("/finns-inte.xml", {}, "status 404"),
    ],
)
def test_fetch_fails_with_a_clear_reason(feed_server, path, limits, message) -> None:
    with pytest.raises(FetchError, match=message):
        fetch(f"{feed_server}{path}", allow_private=True, **limits)


def test_fetch_refuses_other_schemes() -> None:
    with pytest.raises(FetchError, match="https://"):
        fetch("file:///etc/passwd")


@pytest.fixture
def rss_source(cast, feed_server) -> Source:
    funders_seed()
    return source_save(
        actor=cast.coordinator,
        name="Länsstyrelsen Stockholm – nyheter",
        format="rss",
        url=f"{feed_server}/feed_lansstyrelsen.xml",
        schedule="daily",
        default_funder=Funder.objects.get(slug="lansstyrelsen-stockholm"),
    )


def test_starting_a_run_queues_a_task_on_commit(
    cast, rss_source, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        run = source_run_start(actor=cast.coordinator, source=rss_source)
    assert run.status == ImportRun.Status.QUEUED
    task = DBTaskResult.objects.get()
    assert task.args_kwargs["args"] == [run.pk]
    assert task.task_path == "navet.calls.tasks.run_source"


def test_a_run_imports_the_feed_and_reports_the_news_items(cast, rss_source) -> None:
    run = source_run_start(actor=cast.coordinator, source=rss_source)

    run = import_run_execute(run.pk)

    assert run.status == ImportRun.Status.DONE
    assert (run.created, run.failed) == (2, 1)
    assert "sista ansökningsdag" in run.problems[0]["message"]
    call = Call.objects.get(title__startswith="Nu kan kommuner")
    assert call.funder.slug == "lansstyrelsen-stockholm"
    assert call.source == "källa:Länsstyrelsen Stockholm – nyheter"
    assert call.classification == Call.Classification.INFERRED  # the feed gives no themes


def test_running_again_creates_nothing_new_and_a_finished_run_is_not_repeated(
    cast, rss_source
) -> None:
    first = import_run_execute(source_run_start(actor=cast.coordinator, source=rss_source).pk)
    assert import_run_execute(first.pk).finished_at == first.finished_at
    second = import_run_execute(source_run_start(actor=None, source=rss_source).pk)
    assert (second.created, second.unchanged) == (0, 2)
    assert Call.objects.count() == 2


def test_a_source_that_fails_keeps_every_stored_call(cast, rss_source, feed_server) -> None:
    import_run_execute(source_run_start(actor=None, source=rss_source).pk)
    rss_source.url = f"{feed_server}/fel"
    rss_source.save()

    run = import_run_execute(source_run_start(actor=None, source=rss_source).pk)

    assert run.status == ImportRun.Status.FAILED
    assert "status 500" in run.message
    assert Call.objects.count() == 2


def test_a_sedia_source_posts_its_search_as_json_parts(cast, feed_server) -> None:
    source = source_save(
        actor=cast.coordinator,
        name="EU-portalen",
        format="sedia",
        url=f"{feed_server}/sedia_search.json",
        schedule="weekly",
    )
    run = import_run_execute(source_run_start(actor=None, source=source).pk)
    assert run.status == ImportRun.Status.DONE
    assert run.created == 2
    assert Call.objects.filter(funder__name="Europeiska kommissionen").count() == 2


@pytest.mark.parametrize("role", ["steering", "contact", "viewer"])
def test_only_coordinators_and_admins_manage_sources(cast, rss_source, role) -> None:
    with pytest.raises(PermissionDenied):
        source_save(
            actor=getattr(cast, role), name="X", format="rss", url="https://x.se/", schedule="daily"
        )
    with pytest.raises(PermissionDenied):
        source_run_start(actor=getattr(cast, role), source=rss_source)
    assert not ImportRun.objects.exists()


def test_sources_fall_due_by_their_schedule(cast, rss_source) -> None:
    now = timezone.now()
    assert sources_due(now) == [rss_source]
    source_run_start(actor=None, source=rss_source)
    assert sources_due(now) == []
    assert sources_due(now + timedelta(days=1)) == [rss_source]
    rss_source.schedule = Source.Schedule.MANUAL
    rss_source.save()
    assert sources_due(now + timedelta(days=30)) == []


def test_the_ingest_command_fetches_due_sources_now(cast, rss_source, capsys) -> None:
    call_command("ingest", "--due", "--now")
    assert "2 nya" in capsys.readouterr().out
    call_command("ingest", "--due")
    assert "Inga källor" in capsys.readouterr().out


def test_the_source_pages_run_a_source_and_show_the_report(cast, rss_source) -> None:
    client = Client()
    client.force_login(cast.coordinator)
    assert "Länsstyrelsen Stockholm – nyheter" in client.get("/kallor/").content.decode()

    response = client.post(f"/kallor/{rss_source.pk}/hamta/")
    run = ImportRun.objects.get()
    assert response["Location"] == f"/kallor/korningar/{run.pk}/"
    waiting = client.get(response["Location"]).content.decode()
    assert 'hx-trigger="every 2s"' in waiting

    import_run_execute(run.pk)
    fragment = client.get(response["Location"], HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment
    assert "hx-trigger" not in fragment  # finished: the page stops polling
    assert "2 nya" in fragment


def test_a_coordinator_adds_a_source_in_the_app(cast, feed_server) -> None:
    client = Client()
    client.force_login(cast.coordinator)
    response = client.post(
        "/kallor/",
        {
            "name": "Exempelfonden",
            "format": "ical",
            "url": f"{feed_server}/feed_deadlines.ics",
            "schedule": "weekly",
            "active": "on",
        },
    )
    assert response.status_code == 302
    assert Source.objects.get().format == "ical"


@pytest.mark.parametrize("path", ["/kallor/", "/kallor/korningar/1/"])
def test_the_source_pages_are_refused_to_others(cast, path) -> None:
    client = Client()
    client.force_login(cast.contact)
    assert client.get(path).status_code == 403


def test_an_unexpected_error_fails_the_run_instead_of_leaving_it_running(
    cast, rss_source, monkeypatch
) -> None:
    def broken_parser(content, defaults):
        raise RuntimeError("trasig tolk")

    monkeypatch.setitem(PARSERS, "rss", broken_parser)
    run = import_run_execute(source_run_start(actor=None, source=rss_source).pk)
    assert run.status == ImportRun.Status.FAILED
    assert "oväntat fel" in run.message.lower()
    assert "trasig tolk" not in run.message  # details go to the log, not to the page


def test_a_run_reports_its_progress_while_it_imports(cast, rss_source, monkeypatch) -> None:
    monkeypatch.setattr(services, "BATCH", 20)  # progress is told before every batch
    seen = []
    records = [
        {"external_id": f"x-{n}", "title": f"Utlysning {n}", "closes": "2027-01-31"}
        for n in range(45)
    ]
    calls_import(
        actor=None,
        records=records,
        source="test",
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen == [(0, 45), (20, 45), (40, 45)]

    run = import_run_execute(source_run_start(actor=None, source=rss_source).pk)
    assert (run.processed, run.total) == (2, 2)


def test_the_run_page_shows_progress_while_running(cast, rss_source) -> None:
    run = source_run_start(actor=cast.coordinator, source=rss_source)
    ImportRun.objects.filter(pk=run.pk).update(status="running", processed=20, total=45)
    client = Client()
    client.force_login(cast.coordinator)
    page = client.get(f"/kallor/korningar/{run.pk}/").content.decode()
    assert "20 av 45 utlysningar hanterade" in page
    assert '<progress id="run-progress" max="45" value="20">' in page


def test_the_sources_page_lists_sources_in_swedish_order_and_the_newest_run_first(cast) -> None:
    names = ("Örebro läns fond", "Ängsö stiftelse", "Zeta-fonden", "Arvsfonden", "Åkerfonden")
    for name in names:
        Source.objects.create(name=name, format="rss", url="https://example.se/flode.xml")
    arvsfonden = Source.objects.get(name="Arvsfonden")
    same_moment = timezone.now()
    runs = [ImportRun.objects.create(source=arvsfonden) for _ in range(3)]
    ImportRun.objects.filter(source=arvsfonden).update(created_at=same_moment)

    listed = selectors.sources()
    assert [s.name for s in listed] == [
        "Arvsfonden",
        "Zeta-fonden",
        "Åkerfonden",
        "Ängsö stiftelse",
        "Örebro läns fond",
    ]
    assert listed[0].latest_run == runs[-1]  # runs of the same moment: the last made is the newest
    assert selectors.runs_of(arvsfonden) == runs[::-1]
    client = Client()
    client.force_login(cast.coordinator)
    page = client.get("/kallor/").content.decode()
    positions = [page.index(s.name) for s in listed]
    assert positions == sorted(positions)


def test_a_command_answers_in_the_installations_language_whatever_is_active(capsys) -> None:
    with translation.override("en"):
        call_command("ingest", "--due")
    assert capsys.readouterr().out == "Inga källor att hämta.\n"
