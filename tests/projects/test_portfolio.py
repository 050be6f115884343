"""The portfolio: filters by municipality, theme, funder, status and year; tabs for past,
present and future; totals; the timeline and its table; a municipality's own portfolio; and a
constant number of queries."""

import re
from datetime import date

import pytest
from django.test import Client

from navet.projects import lifecycle
from navet.projects.models import Project
from navet.projects.selectors import phase_condition
from tests.factories import CallFactory, FunderFactory, ProjectFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def portfolio(cast, norrort, taby, sigtuna, idea):
    """Täby's idea (future), Sigtuna's running project with Täby taking part, a finished one."""
    funder = FunderFactory(name="ESF-rådet", slug="esf-radet")
    running = ProjectFactory(
        consortium=norrort,
        owner=sigtuna,
        participants=[taby],
        title="Jobbspår Sigtuna",
        status="running",
        funder=funder,
        starts_on=date(2026, 1, 1),
        ends_on=date(2027, 12, 31),
        requested_sek=2_000_000,
        granted_sek=1_500_000,
    )
    finished = ProjectFactory(
        consortium=norrort,
        owner=sigtuna,
        title="Samhällsorientering 2023",
        status="finished",
        call=CallFactory(),
        starts_on=date(2023, 2, 1),
        ends_on=date(2024, 1, 31),
        granted_sek=800_000,
        repaid_sek=50_000,
    )
    return {"idea": idea, "running": running, "finished": finished}


def test_the_portfolio_shows_totals_of_requested_granted_and_repaid(cast, portfolio):
    text = _client(cast.viewer).get("/projekt/").content.decode()
    assert "2\u00a0000\u00a0000\u00a0kr" in text  # requested
    assert "2\u00a0300\u00a0000\u00a0kr" in text  # granted
    assert "50\u00a0000\u00a0kr" in text  # repaid
    assert "Projektportfölj" in text


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("municipality=0160", {"idea", "running"}),
        ("municipality=0191", {"running", "finished"}),
        ("status=finished", {"finished"}),
        ("funder=esf-radet", {"running"}),
        ("year=2023", {"finished"}),
        ("year=2027", {"running"}),
        ("phase=past", {"finished"}),
        ("phase=present", {"running"}),
        ("phase=future", {"idea"}),
        ("municipality=0191&phase=past", {"finished"}),
    ],
)
def test_the_filters_and_tabs(cast, portfolio, query, shown):
    text = _client(cast.coordinator).get(f"/projekt/?{query}").content.decode()
    visible = {
        name for name, project in portfolio.items() if f'href="/projekt/{project.pk}/"' in text
    }
    assert visible == shown


def test_the_theme_filter_reads_the_needs_and_the_call(cast, portfolio, taby_need):
    theme = ThemeFactory(slug="arbete", sv="Arbete", en="Work")
    taby_need.themes.add(theme)
    portfolio["finished"].call.themes.add(theme)
    text = _client(cast.coordinator).get("/projekt/?theme=arbete").content.decode()
    assert f'href="/projekt/{portfolio["idea"].pk}/"' in text
    assert f'href="/projekt/{portfolio["finished"].pk}/"' in text
    assert f'href="/projekt/{portfolio["running"].pk}/"' not in text
    assert "2 projekt" in text  # counted once although it matches twice


def test_the_database_and_the_pure_rule_agree_on_the_phases(cast, norrort):
    today = date(2026, 11, 23)
    cases = [
        ("idea", None),
        ("granted", date(2026, 1, 1)),
        ("granted", date(2027, 1, 1)),
        ("granted", None),
        ("running", date(2020, 1, 1)),
        ("refused", None),
        ("repayment", None),
    ]
    projects = [
        ProjectFactory(consortium=norrort, status=status, starts_on=starts)
        for status, starts in cases
    ]
    for phase in lifecycle.Phase:
        in_db = set(
            Project.objects.filter(phase_condition(phase, today)).values_list("pk", flat=True)
        )
        pure = {p.pk for p in projects if lifecycle.phase(p.status, p.starts_on, today) == phase}
        assert in_db == pure, phase


def test_the_timeline_is_an_accessible_svg_with_the_table_beside_it(cast, portfolio):
    text = _client(cast.viewer).get("/projekt/").content.decode()
    assert 'role="img" aria-labelledby="timeline-title timeline-desc"' in text
    assert '<title id="timeline-title">' in text
    assert '<desc id="timeline-desc">' in text
    assert "Jobbspår Sigtuna: 2026-01-01 – 2027-12-31, Pågår" in text
    assert 'id="portfolio-table"' in text
    assert '<span class="nowrap">2023-02-01 –</span>' in text
    assert 'x1="260.0"' in text  # no decimal commas in the drawing
    assert not re.search(r'(x|y|width)="\d+,\d', text)
    assert "1 projekt utan start och slut" in text


def test_a_municipalitys_own_portfolio(cast, portfolio):
    text = _client(cast.viewer).get("/kommuner/0160/projekt/").content.decode()
    assert "Projekt i Täby" in text
    assert f'href="/projekt/{portfolio["running"].pk}/"' in text  # takes part
    assert f'href="/projekt/{portfolio["idea"].pk}/"' in text  # owns
    assert f'href="/projekt/{portfolio["finished"].pk}/"' not in text
    assert "municipality=0160" in text  # the export keeps the municipality
    assert _client(cast.viewer).get("/kommuner/9999/projekt/").status_code == 404
    other = _client(cast.sodertorn_coordinator).get("/kommuner/0160/projekt/").content.decode()
    assert "Jobbspår Sigtuna" not in other


def test_the_municipality_page_links_to_its_portfolio(cast, county):
    text = _client(cast.viewer).get("/kommuner/0160/").content.decode()
    assert 'href="/kommuner/0160/projekt/"' in text


def test_the_portfolio_makes_the_same_number_of_queries_whatever_the_number(
    cast, norrort, idea, django_assert_num_queries
):
    client = _client(cast.coordinator)
    url = "/projekt/?theme=sprak&funder=esf-radet&year=2026&municipality=0160&phase=present"
    client.get("/projekt/")  # warm up the session and the caches
    with django_assert_num_queries(13) as few:
        client.get("/projekt/")
    with django_assert_num_queries(len(few.captured_queries)) as filtered:
        client.get(url)
    for n in range(5):
        ProjectFactory(
            consortium=norrort,
            call=CallFactory(),
            funder=FunderFactory(),
            status="running",
            starts_on=date(2026, 1, 1 + n),
            ends_on=date(2027, 1, 1),
        )
    with django_assert_num_queries(len(few.captured_queries)):
        client.get("/projekt/")
    with django_assert_num_queries(len(filtered.captured_queries)):
        client.get(url)
