"""Every list's export by the one rule of `navet.core.exports`: a short list is downloaded at
once; a long one is written by the task worker, told to the one who asked with a link that only
they can open, and removed after `KEPT_FOR`."""

import csv
import json
import os
from collections.abc import Callable
from datetime import timedelta
from io import BytesIO, StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook

from navet.calls.exports import export_calls
from navet.core import exports
from navet.core.models import Notification
from navet.core.tasks import remove_old_exports
from navet.needs.exports import export_needs
from navet.organisations.models import Consortium, Municipality
from navet.projects.exports import export_projects
from navet.risks.exports import export_risks
from navet.risks.services import risk_create
from tests.conftest import Cast
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def _projects(cast: Cast) -> None:
    norrort = Consortium.objects.get(slug="koordination-norrort")
    taby = Municipality.objects.get(code="0160")
    for title in ("Läxhjälp", "=HYPERLINK(1)", "Språkcafé"):
        ProjectFactory(consortium=norrort, owner=taby, title=title)


def _risks(cast: Cast) -> None:
    norrort = Consortium.objects.get(slug="koordination-norrort")
    for title in ("Svårt att nå konsensus", "Personal slutar", "Medfinansiering saknas"):
        risk_create(
            actor=cast.coordinator,
            consortium=norrort,
            title=title,
            likelihood="high",
            consequence="serious",
            owner=cast.coordinator,
        )


# list, address, the user who exports, a user who sees the list but did not ask, the task
LISTS = {
    "calls-xlsx": ("calls", "/utlysningar/export.xlsx?state=open", "contact", "coordinator"),
    "calls-csv": ("calls", "/utlysningar/export.csv", "coordinator", "contact"),
    "needs-xlsx": ("needs", "/behov/export.xlsx", "contact", "coordinator"),
    "needs-csv": ("needs", "/behov/export.csv?sort=priority", "coordinator", "viewer"),
    "needs-json": ("needs", "/behov/export.json", "coordinator", "viewer"),
    "projects-xlsx": ("projects", "/projekt/export.xlsx", "coordinator", "viewer"),
    "risks-xlsx": (
        "risks",
        "/risker/export.xlsx?samverkan=koordination-norrort",
        "coordinator",
        "viewer",
    ),
}
TASKS = {
    "calls": export_calls,
    "needs": export_needs,
    "projects": export_projects,
    "risks": export_risks,
}
BACK = {"calls": "/utlysningar/", "needs": "/behov/", "projects": "/projekt/", "risks": "/risker/"}


def _rows(filename: str, content: bytes) -> list[tuple[object, ...]]:
    """The file's rows, whatever its kind, to compare an export written at once with one written
    in the background."""
    if filename.endswith(".xlsx"):
        return list(load_workbook(BytesIO(content)).active.iter_rows(values_only=True))
    if filename.endswith(".csv"):
        return [
            tuple(row) for row in csv.reader(StringIO(content.decode("utf-8-sig")), delimiter=";")
        ]
    return [tuple(sorted(need.items())) for need in json.loads(content)["needs"]]


@pytest.fixture
def lists(request, cast) -> Callable[[str], None]:
    """Fills the named list with a few rows."""

    def fill(name: str) -> None:
        if name == "calls":
            request.getfixturevalue("calls")
        elif name == "needs":
            request.getfixturevalue("needs")
        elif name == "projects":
            _projects(cast)
        else:
            _risks(cast)

    return fill


@pytest.fixture
def media(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.parametrize("case", LISTS)
def test_a_short_list_is_downloaded_at_once(client, cast, lists, case) -> None:
    name, url, asker, _other = LISTS[case]
    lists(name)
    client.force_login(getattr(cast, asker))
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == exports.CONTENT_TYPES[url.split("?")[0].rsplit(".")[-1]]
    assert not DBTaskResult.objects.exists()


@pytest.mark.parametrize("case", LISTS)
def test_a_long_list_is_written_in_the_background_for_the_one_who_asked(
    client, cast, lists, media, monkeypatch, django_capture_on_commit_callbacks, case
) -> None:
    name, url, asker, other = LISTS[case]
    lists(name)
    client.force_login(getattr(cast, asker))
    at_once = client.get(url)
    filename = at_once["Content-Disposition"].split('filename="')[1].rstrip('"')
    expected = _rows(filename, at_once.content)
    assert len(expected) >= 3  # more than the threshold below

    monkeypatch.setattr(exports, "INLINE_ROWS", 1)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url, follow=True)
    back, _status = response.redirect_chain[0]
    assert back.startswith(BACK[name])
    assert back.endswith(url.partition("?")[2])  # the list is shown with its filters again
    assert "skrivs i bakgrunden" in response.content.decode()
    queued = DBTaskResult.objects.get()
    assert queued.task_path == f"{TASKS[name].func.__module__}.{TASKS[name].name}"
    TASKS[name].call(*queued.args_kwargs["args"])
    TASKS[name].call(*queued.args_kwargs["args"])  # a retried task writes and tells once

    (told,) = Notification.objects.filter(user=getattr(cast, asker))
    assert "klar" in told.title
    download = client.get(told.url)
    assert download.status_code == 200
    assert download["Content-Type"] == at_once["Content-Type"]
    assert _rows(filename, download.content) == expected
    client.force_login(getattr(cast, other))  # sees the same list, but did not ask
    assert client.get(told.url).status_code == 404
    client.logout()
    assert client.get(told.url).status_code == 302  # to the login


def test_an_export_is_removed_after_the_time_it_is_kept(client, cast, media) -> None:
    export = exports.Export(filename="lista.csv", rows=1, write=lambda: b"a;b\r\n")
    for token in ("gammal", "ny"):
        exports.export_deliver(user=cast.coordinator, token=token, export=export, title="Klar")
    earlier = default_storage.save(f"{exports.FOLDER}/expenditures/1-2-x.xlsx", ContentFile(b"PK"))
    old = timezone.now() - exports.KEPT_FOR - timedelta(minutes=1)
    path = f"{exports.FOLDER}/{cast.coordinator.pk}/gammal/lista.csv"
    for written_long_ago in (path, earlier):
        os.utime(default_storage.path(written_long_ago), (old.timestamp(), old.timestamp()))
    assert default_storage.get_modified_time(path) <= old

    assert exports.exports_remove_old(timezone.now()) == 2
    remove_old_exports.call()  # nothing left to remove: runs again harmlessly
    assert not default_storage.exists(f"{exports.FOLDER}/expenditures")

    client.force_login(cast.coordinator)
    assert client.get("/export/gammal/lista.csv").status_code == 404
    assert not default_storage.exists(f"{exports.FOLDER}/{cast.coordinator.pk}/gammal")
    kept = client.get("/export/ny/lista.csv")
    assert kept.status_code == 200
    assert kept.content == b"a;b\r\n"


@pytest.mark.parametrize(
    "address", ["/export/ny/..%2Flista.csv", "/export/ny/.lista.csv", "/export/saknas/lista.csv"]
)
def test_no_other_file_is_served_as_an_export(client, cast, media, address) -> None:
    export = exports.Export(filename="lista.csv", rows=1, write=lambda: b"a;b\r\n")
    exports.export_deliver(user=cast.coordinator, token="ny", export=export, title="Klar")
    client.force_login(cast.coordinator)
    assert client.get(address).status_code == 404


def test_the_notification_is_in_the_installations_language_whatever_the_worker_had_active(
    cast, calls, media
) -> None:
    with translation.override("en"):
        export_calls.call(cast.contact.pk, "", "csv", "token")
    (told,) = Notification.objects.filter(user=cast.contact)
    assert told.title == "Listan över utlysningar är klar att ladda ner."
