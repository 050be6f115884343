"""Days left read the same way on every page that shows a deadline: `{% due %}` gives the date,
the days left in words and the urgency in words and colour."""

from datetime import timedelta

import pytest
from django.template import Context, Template
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from navet.calls.models import Call
from navet.followup.models import ReportDeadline
from navet.organisations.models import Consortium, Municipality
from navet.risks.services import risk_create, risk_update
from tests.factories import MotionFactory, ProjectFactory

pytestmark = pytest.mark.django_db

DUE = 'class="due due--'


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_moment_counts_by_its_swedish_date_and_today_is_stockholms() -> None:
    soon = timezone.localtime().replace(hour=23, minute=59) + timedelta(days=2)
    html = Template("{% load navet %}{% due moment %}").render(Context({"moment": soon}))
    assert f'<time datetime="{soon:%Y-%m-%d}">' in html
    assert "om 2 dagar, brådskande" in html
    assert 'class="due due--urgent"' in html


def test_the_calls_list_and_a_calls_page_show_the_days_left(cast, calls) -> None:
    client = client_for(cast.contact)
    assert DUE in client.get("/utlysningar/").content.decode()
    call = Call.objects.get(programme__slug="lst-stockholm-37")
    assert DUE in client.get(f"/utlysningar/{call.pk}/").content.decode()


def test_an_open_motions_closing_shows_the_days_left(cast) -> None:
    norrort = Consortium.objects.get(slug="koordination-norrort")
    motion = MotionFactory(consortium=norrort, closes_at=timezone.now() + timedelta(days=1))
    client = client_for(cast.coordinator)
    listing = client.get("/beslut/").content.decode()
    assert 'class="due due--urgent"' in listing
    assert "om 1 dag, brådskande" in listing
    assert DUE in client.get(f"/beslut/{motion.pk}/").content.decode()


def test_the_follow_ups_reports_show_the_days_left(cast) -> None:
    project = ProjectFactory(
        consortium=Consortium.objects.get(slug="koordination-norrort"),
        owner=Municipality.objects.get(code="0160"),
    )
    ReportDeadline.objects.create(
        project=project,
        kind=ReportDeadline.Kind.FINAL,
        due_on=timezone.localdate() - timedelta(days=3),
    )
    page = client_for(cast.coordinator).get(f"/projekt/{project.pk}/uppfoljning/")
    assert 'class="due due--overdue"' in page.content.decode()


def test_a_projects_motion_out_to_vote_shows_the_days_left(cast) -> None:
    norrort = Consortium.objects.get(slug="koordination-norrort")
    project = ProjectFactory(consortium=norrort, owner=Municipality.objects.get(code="0160"))
    MotionFactory(consortium=norrort, project=project)
    url = reverse("decisions:project-steering", args=[project.pk])
    page = client_for(cast.coordinator).get(url).content.decode()
    assert 'omröstning till <span class="due due--soon">' in page


def test_a_risks_review_shows_the_days_left_until_the_risk_is_closed(cast) -> None:
    risk = risk_create(
        actor=cast.coordinator,
        consortium=Consortium.objects.get(slug="koordination-norrort"),
        owner=cast.coordinator,
        title="Svårt att nå konsensus",
        likelihood="high",
        consequence="serious",
        review_on=timezone.localdate() - timedelta(days=2),
    )
    client = client_for(cast.coordinator)
    assert 'class="due due--overdue"' in client.get("/risker/").content.decode()
    assert 'class="due due--overdue"' in client.get(f"/risker/{risk.pk}/").content.decode()
    risk_update(actor=cast.coordinator, risk=risk, status="closed")
    assert DUE not in client.get(f"/risker/{risk.pk}/").content.decode()
