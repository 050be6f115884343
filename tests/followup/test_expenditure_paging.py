"""A project's expenditures on its follow-up page come a page at a time, the latest first, with
the page links below; every expenditure is on exactly one page and the page's queries do not grow
with their number. Their export is answered at once when short, and written in the background for
the one who asked when long."""

import re
from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook

from navet.core import exports as core_exports
from navet.core.models import Notification
from navet.core.paging import PAGE_SIZE
from navet.followup import services
from navet.followup.models import Expenditure
from navet.followup.tasks import export_expenditures


def _spend(project, line, count: int, start: int = 0) -> None:
    Expenditure.objects.bulk_create(
        Expenditure(
            project=project,
            budget_line=line,
            spent_on=date(2025, 1, 1) + timedelta(days=(start + n) % 3),  # many on one day
            amount=Decimal(1000 + start + n),
            description=f"Utgift {start + n:03d}",
        )
        for n in range(count)
    )


def _described(html: str) -> list[str]:
    return re.findall(r"<td>(Utgift \d{3})</td>", html)


def test_the_expenditures_come_a_page_at_a_time(client, cast, project) -> None:
    (line,) = services.budget_set(
        actor=cast.contact, project=project, municipality=None, amounts={("staff", 2025): 600_000}
    )
    _spend(project, line, PAGE_SIZE + 12)
    client.force_login(cast.viewer)
    url = reverse("followup:followup", args=[project.pk])
    first = client.get(url).content.decode()
    second = client.get(url, {"sida": 2}).content.decode()
    on_first, on_second = _described(first), _described(second)
    assert (len(on_first), len(on_second)) == (PAGE_SIZE, 12)
    assert sorted(on_first + on_second) == [f"Utgift {n:03d}" for n in range(PAGE_SIZE + 12)]
    assert 'rel="next"' in first
    assert f"1–{PAGE_SIZE} av {PAGE_SIZE + 12}" in first
    assert "#expenditures-heading" in first


def test_the_page_s_queries_do_not_grow_with_the_expenditures(client, cast, project) -> None:
    (line,) = services.budget_set(
        actor=cast.contact, project=project, municipality=None, amounts={("staff", 2025): 600_000}
    )
    _spend(project, line, 5)
    client.force_login(cast.contact)
    url = reverse("followup:followup", args=[project.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    _spend(project, line, 3 * PAGE_SIZE, start=5)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(_described(response.content.decode())) == PAGE_SIZE
    assert len(many) == len(few)


def test_a_short_list_is_exported_at_once(client, cast, project) -> None:
    (line,) = services.budget_set(
        actor=cast.contact, project=project, municipality=None, amounts={("staff", 2025): 600_000}
    )
    _spend(project, line, 3)
    Expenditure.objects.filter(description="Utgift 001").update(description="=HYPERLINK(1)")
    client.force_login(cast.viewer)
    response = client.post(reverse("followup:expenditure-export", args=[project.pk]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [row[4] for row in rows] == ["Utgift 000", "=HYPERLINK(1)", "Utgift 002"]
    assert sheet["E3"].data_type == "s"  # a text, never a formula
    assert rows[0][6] == 1000


def test_a_long_list_is_written_in_the_background_for_the_one_who_asked(
    client, cast, project, settings, tmp_path, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setattr(core_exports, "INLINE_ROWS", 4)
    (line,) = services.budget_set(
        actor=cast.contact, project=project, municipality=None, amounts={("staff", 2025): 600_000}
    )
    _spend(project, line, 9)
    client.force_login(cast.viewer)
    url = reverse("followup:expenditure-export", args=[project.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert "skrivs i bakgrunden" in response.content.decode()
    queued = DBTaskResult.objects.get(task_path="navet.followup.tasks.export_expenditures")
    export_expenditures.call(*queued.args_kwargs["args"])
    export_expenditures.call(*queued.args_kwargs["args"])  # a retried task tells once
    (told,) = Notification.objects.filter(user=cast.viewer)
    download = client.get(told.url)
    assert download.status_code == 200
    sheet = load_workbook(BytesIO(download.content)).active
    assert sheet.max_row == 1 + 9
    client.force_login(cast.coordinator)  # sees the project, but did not ask
    assert client.get(told.url).status_code == 404
    client.force_login(cast.sodertorn_coordinator)
    assert client.get(told.url).status_code == 404
