"""Every list of the API is paged: `limit` and `offset`, the count of the whole list and the
links to the pages beside. Following `next` reads the whole list, every row once, also when rows
tie in the list's own order and when the list is longer than the largest page."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from navet.calls.models import Call
from navet.core.paging import API_MAX_PAGE_SIZE, API_PAGE_SIZE
from navet.core.tokens import api_token_create
from navet.followup.models import BudgetLine, Expenditure
from navet.organisations.models import Consortium, Municipality
from tests.factories import CallFactory, MotionFactory, NeedFactory, ProjectFactory


def bearer(user) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user)}"}


def read_whole(client: Client, url: str, headers: dict[str, str], limit: int) -> list[dict]:
    """Every row of a list, page after page by the `next` links."""
    page = client.get(url, {"limit": limit}, **headers).json()
    count, rows = page["count"], list(page["items"])
    assert page["previous"] is None
    while page["next"]:
        assert len(page["items"]) == limit  # only the last page is short
        page = client.get(page["next"], **headers).json()
        assert page["count"] == count
        assert page["previous"] is not None
        rows += page["items"]
    assert len(rows) == count
    return rows


def keys(rows: list[dict], key: str = "id") -> list:
    return [row[key] for row in rows]


@pytest.fixture
def norrort(county) -> Consortium:
    return Consortium.objects.get(slug="koordination-norrort")


@pytest.fixture
def taby(county) -> Municipality:
    return Municipality.objects.get(code="0160")


def test_the_municipalities_page_by_page(client, cast) -> None:
    rows = read_whole(client, "/api/v1/municipalities", bearer(cast.viewer), limit=4)
    assert len(set(keys(rows, "code"))) == len(rows) == 26
    assert keys(rows, "code") == keys(
        client.get("/api/v1/municipalities", **bearer(cast.viewer)).json()["items"], "code"
    )


def test_calls_that_close_at_the_same_moment_come_once_each(client, cast) -> None:
    closes = timezone.now() + timedelta(days=10)
    made = {CallFactory(closes=closes, title="Samma titel").pk for _ in range(11)}
    rows = read_whole(client, "/api/v1/calls?state=all", bearer(cast.viewer), limit=3)
    assert len(rows) == len(set(keys(rows)))
    assert made <= set(keys(rows))


def test_needs_projects_and_motions_that_tie_come_once_each(client, cast, norrort, taby) -> None:
    needs = [NeedFactory(municipality=taby, title="Samma behov", priority=2) for _ in range(9)]
    projects = [
        ProjectFactory(consortium=norrort, owner=taby, title="Samma projekt", needs=[need])
        for need in needs
    ]
    opens = timezone.now() - timedelta(hours=1)
    motions = [MotionFactory(consortium=norrort, opens_at=opens) for _ in range(9)]
    headers = bearer(cast.viewer)
    for url, made in [
        ("/api/v1/needs", needs),
        ("/api/v1/projects", projects),
        ("/api/v1/motions", motions),
    ]:
        rows = read_whole(client, url, headers, limit=2)
        assert sorted(keys(rows)) == sorted(row.pk for row in made), url


def test_a_project_s_expenditures_on_one_day_come_once_each(client, cast, norrort, taby) -> None:
    project = ProjectFactory(consortium=norrort, owner=taby)
    line = BudgetLine.objects.create(project=project, category="staff", year=2025, amount_sek=1000)
    Expenditure.objects.bulk_create(
        Expenditure(project=project, budget_line=line, spent_on=date(2025, 3, 1), amount=Decimal(n))
        for n in range(1, 24)
    )
    url = f"/api/v1/projects/{project.pk}/expenditures"
    rows = read_whole(client, url, bearer(cast.viewer), limit=5)
    assert sorted(Decimal(str(row["amount"])) for row in rows) == [Decimal(n) for n in range(1, 24)]
    assert len(set(keys(rows))) == 23


def test_a_list_longer_than_the_largest_page_is_read_whole(client, cast) -> None:
    closes = timezone.now() + timedelta(days=5)
    Call.objects.bulk_create(
        Call(external_id=f"massor-{n}", title=f"Utlysning {n}", closes=closes)
        for n in range(API_MAX_PAGE_SIZE + 20)
    )
    headers = bearer(cast.viewer)
    first = client.get("/api/v1/calls", **headers).json()
    assert (first["count"], len(first["items"]), first["limit"]) == (
        API_MAX_PAGE_SIZE + 20,
        API_PAGE_SIZE,
        API_PAGE_SIZE,
    )
    assert "offset=100" in first["next"]
    rows = read_whole(client, "/api/v1/calls", headers, limit=API_MAX_PAGE_SIZE)
    assert len(set(keys(rows))) == API_MAX_PAGE_SIZE + 20


def test_the_page_keeps_the_filters_and_refuses_a_limit_over_the_largest(client, cast) -> None:
    closed = timezone.now() - timedelta(days=3)
    for n in range(4):
        CallFactory(title=f"Stängd {n}", closes=closed)
    CallFactory(title="Öppen")
    headers = bearer(cast.viewer)
    page = client.get("/api/v1/calls", {"state": "closed", "limit": 3}, **headers).json()
    assert page["count"] == 4
    assert "state=closed" in page["next"]
    assert [c["title"] for c in client.get(page["next"], **headers).json()["items"]] == [
        next(
            f"Stängd {n}"
            for n in range(4)
            if f"Stängd {n}" not in [c["title"] for c in page["items"]]
        )
    ]
    too_many = client.get("/api/v1/calls", {"limit": API_MAX_PAGE_SIZE + 1}, **headers)
    assert too_many.status_code == 422
    assert too_many["Content-Type"] == "application/problem+json"
    past_the_end = client.get("/api/v1/calls", {"offset": 1000}, **headers).json()
    assert (past_the_end["items"], past_the_end["next"], past_the_end["count"]) == ([], None, 1)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/calls?state=all&text=%F3%9C%85%BB",
        "/api/v1/needs?text=%F3%9C%85%BB",
        "/api/v1/knowledge?q=%F3%9C%85%BB",
    ],
)
def test_a_search_for_nothing_searchable_is_an_empty_page(client, cast, url) -> None:
    CallFactory()
    response = client.get(url, **bearer(cast.viewer))
    assert response.status_code == 200
    assert (response.json()["count"], response.json()["items"]) == (0, [])
