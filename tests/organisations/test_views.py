import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from navet.organisations.models import Consortium, Municipality, Role, RoleAssignment
from tests.factories import (
    ConsortiumFactory,
    ConsortiumMembershipFactory,
    MunicipalityFactory,
    RoleAssignmentFactory,
)

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


READ_PAGES = [
    "/",
    "/samverkan/",
    "/samverkan/koordination-norrort/",
    "/kommuner/",
    "/kommuner/0160/",
]
ADMIN_PAGES = [
    "/samverkan/ny/",
    "/kommuner/ny/",
    "/samverkan/koordination-norrort/andra/",
    "/kommuner/0160/andra/",
    "/anvandare/",
]


@pytest.mark.parametrize("path", READ_PAGES + ADMIN_PAGES)
def test_anonymous_visitors_are_sent_to_login(client, county, path) -> None:
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("role", ["coordinator", "steering", "contact", "viewer", "admin"])
@pytest.mark.parametrize("path", READ_PAGES)
def test_every_role_reads_its_pages(cast, role, path) -> None:
    response = client_for(getattr(cast, role)).get(path)
    assert response.status_code == 200
    assert b'<html lang="sv">' in response.content


@pytest.mark.parametrize("role", ["coordinator", "steering", "contact", "viewer", "outsider"])
@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_admin_pages_are_refused_to_other_roles(cast, role, path) -> None:
    assert client_for(getattr(cast, role)).get(path).status_code == 403


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_admin_reaches_admin_pages(cast, path) -> None:
    assert client_for(cast.admin).get(path).status_code == 200


def test_another_consortium_is_not_found_rather_than_forbidden(cast) -> None:
    response = client_for(cast.coordinator).get("/samverkan/etablering-sodertorn/")
    assert response.status_code == 404


def test_dashboard_shows_the_users_roles_and_consortia(cast) -> None:
    response = client_for(cast.contact).get("/")
    content = response.content.decode()
    assert "Täby" in content
    assert "Koordination Norrort" in content
    assert "Etablering Södertörn" not in content


def test_municipality_list_is_in_swedish_order(cast) -> None:
    content = client_for(cast.viewer).get("/kommuner/").content.decode()
    positions = [content.index(f">{name}<") for name in ("Vaxholm", "Värmdö", "Österåker")]
    assert positions == sorted(positions)
    assert "114\xa0304" in content  # Huddinge, Swedish digit grouping


def test_the_national_list_of_municipalities_is_paged(cast) -> None:
    for n in range(30):
        MunicipalityFactory(name=f"Ö-kommun {n:02}")
    client = client_for(cast.viewer)
    first, second = client.get("/kommuner/"), client.get("/kommuner/?sida=2")
    assert len(first.context["page"].object_list) == 50
    # The 25 of the county before Ö come first; the hyphen does not count, so "Ö-kommun" sorts
    # as "Ökommun", before Österåker.
    last = [m.name for m in second.context["page"]]
    assert last == [f"Ö-kommun {n}" for n in range(25, 30)] + ["Österåker"]
    assert "56 kommuner" in first.content.decode()


@pytest.mark.parametrize(
    ("role", "url", "data"),
    [
        ("coordinator", "/samverkan/ny/", {"name": "X", "slug": "x"}),
        (
            "contact",
            "/kommuner/0160/andra/",
            {"name": "Täby", "population": 1, "population_year": 2025},
        ),
        ("viewer", "/samverkan/koordination-norrort/andra/", {"name": "X", "slug": "x"}),
        ("steering", "/anvandare/", {"username": "ny"}),
    ],
)
def test_writes_by_non_admins_are_refused_and_change_nothing(cast, role, url, data) -> None:
    response = client_for(getattr(cast, role)).post(url, data)
    assert response.status_code == 403
    assert not Consortium.objects.filter(slug="x").exists()
    assert Municipality.objects.get(code="0160").population == 77744


def test_admin_creates_a_consortium_in_the_app(cast) -> None:
    members = list(
        Municipality.objects.filter(code__in=["0187", "0117"]).values_list("pk", flat=True)
    )
    response = client_for(cast.admin).post(
        "/samverkan/ny/",
        {"name": "Skärgården", "slug": "skargarden", "description": "", "members": members},
    )
    assert response.status_code == 302
    assert response["Location"] == "/samverkan/skargarden/"
    assert Consortium.objects.get(slug="skargarden").members.count() == 2


def test_a_bad_consortium_form_keeps_the_input_and_explains(cast) -> None:
    response = client_for(cast.admin).post(
        "/samverkan/ny/", {"name": "Koordination Norrort", "slug": "ny"}
    )
    assert response.status_code == 200
    assert b'role="alert"' in response.content
    assert b'value="ny"' in response.content
    assert Consortium.objects.count() == 3


def test_admin_edits_a_municipality_and_sees_its_history(cast) -> None:
    client = client_for(cast.admin)
    response = client.post(
        "/kommuner/0160/andra/",
        {"name": "Täby", "population": 78000, "population_year": 2025, "neighbours": []},
    )
    assert response.status_code == 302
    page = client.get("/kommuner/0160/").content.decode()
    assert "78\xa0000" in page
    assert "77744" in page  # the change in the history table
    assert cast.admin.get_full_name() in page
    # Borders added by the county seed, and removed by this edit, read as Swedish.
    assert "lade till" in page
    assert "tog bort" in page


def test_admin_creates_a_user_and_gives_and_removes_a_role(cast) -> None:
    client = client_for(cast.admin)
    response = client.post("/anvandare/", {"username": "ny.samordnare", "first_name": "Ny"})
    assert response.status_code == 302
    user_url = response["Location"]
    norrort = Consortium.objects.get(slug="koordination-norrort")

    response = client.post(user_url, {"role": "coordinator", "consortium": norrort.pk})
    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user__username="ny.samordnare")

    response = client.post(f"{user_url}roller/{assignment.pk}/ta-bort/")
    assert response.status_code == 302
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()
    # The user's page keeps the history of the role, given and removed.
    history = client.get(user_url).content.decode().split('id="history-heading"')[1]
    assert history.count("Samordnare") == 2
    assert "tog bort" in history
    assert "skapade" in history


def test_role_removal_by_get_only_asks(cast) -> None:
    assignment = RoleAssignment.objects.get(user=cast.viewer)
    response = client_for(cast.admin).get(
        f"/anvandare/{cast.viewer.pk}/roller/{assignment.pk}/ta-bort/"
    )
    assert response.status_code == 200
    assert "Ja, ta bort" in response.content.decode()
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()


def test_role_removal_by_non_admin_is_refused(cast) -> None:
    assignment = RoleAssignment.objects.get(user=cast.viewer)
    response = client_for(cast.coordinator).post(
        f"/anvandare/{cast.viewer.pk}/roller/{assignment.pk}/ta-bort/"
    )
    assert response.status_code == 403
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()


# --- query counts: bounded, and independent of the amount of data -------------------------

PAGE_QUERY_BUDGET = {
    "/": 8,
    "/samverkan/": 6,
    "/samverkan/koordination-norrort/": 9,
    "/kommuner/": 8,
    "/kommuner/0160/": 8,
    "/anvandare/": 7,
}


def _grow_data() -> None:
    for _n in range(10):
        consortium = ConsortiumFactory()
        for _ in range(3):
            ConsortiumMembershipFactory(consortium=consortium, municipality=MunicipalityFactory())


@pytest.mark.parametrize(("path", "budget"), PAGE_QUERY_BUDGET.items())
def test_pages_use_a_bounded_number_of_queries(cast, path, budget) -> None:
    client = client_for(cast.admin)
    client.get(path)  # warm the session
    with CaptureQueriesContext(connection) as before:
        assert client.get(path).status_code == 200
    _grow_data()
    with CaptureQueriesContext(connection) as after:
        assert client.get(path).status_code == 200
    assert len(before) <= budget, [q["sql"] for q in before.captured_queries]
    assert len(after) == len(before)


def test_a_contact_sees_its_own_municipality_on_the_dashboard(cast) -> None:
    content = client_for(cast.contact).get("/").content.decode()
    assert "Din kommun: Täby" in content
    assert "77\xa0744" in content


def test_the_user_page_uses_a_bounded_number_of_queries(cast) -> None:
    client = client_for(cast.admin)
    url = f"/anvandare/{cast.viewer.pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for consortium in Consortium.objects.exclude(slug="koordination-norrort"):
        RoleAssignmentFactory(user=cast.viewer, role=Role.VIEWER, consortium=consortium)
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(before) <= 12
    assert len(after) == len(before)


def test_admin_adds_a_municipality_outside_the_county(cast) -> None:
    response = client_for(cast.admin).post(
        "/kommuner/ny/",
        {
            "code": "0380",
            "name": "Uppsala",
            "county_code": "03",
            "county_name": "Uppsala län",
            "population": 246000,
            "population_year": 2024,
        },
    )
    assert response["Location"] == "/kommuner/0380/"
    assert Municipality.objects.get(code="0380").county_name == "Uppsala län"


@pytest.mark.parametrize(
    ("code", "message"), [("380", "fyra siffror"), ("0160", "finns redan|already exists")]
)
def test_a_bad_municipality_code_is_explained(cast, code, message) -> None:
    response = client_for(cast.admin).post(
        "/kommuner/ny/",
        {
            "code": code,
            "name": "Ny",
            "county_code": "01",
            "county_name": "Stockholms län",
            "population": 1,
            "population_year": 2024,
        },
    )
    assert response.status_code == 200
    assert re.search(message, response.content.decode())
    assert Municipality.objects.count() == 26


@pytest.mark.parametrize("role", ["coordinator", "steering", "contact", "viewer"])
def test_only_admins_add_municipalities(cast, role) -> None:
    response = client_for(getattr(cast, role)).post(
        "/kommuner/ny/",
        {
            "code": "0380",
            "name": "Uppsala",
            "county_code": "03",
            "county_name": "Uppsala län",
            "population": 1,
            "population_year": 2024,
        },
    )
    assert response.status_code == 403
    assert not Municipality.objects.filter(code="0380").exists()
