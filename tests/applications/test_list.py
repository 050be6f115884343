"""The applications are reachable from the main menu: one list of those the user may read, the
one whose call closes soonest first."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from navet.applications.services import application_create
from navet.core.errors import DomainError
from tests.applications.conftest import client_for
from tests.factories import CallFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def test_the_menu_leads_to_the_applications_soonest_deadline_first(cast, norrort, application):
    sooner = ProjectFactory(
        consortium=norrort, owner=application.project.owner, title="Läxhjälp", call=CallFactory()
    )
    sooner.call.closes = application.call.closes.replace(year=application.call.closes.year - 1)
    sooner.call.save()
    application_create(actor=cast.coordinator, project=sooner)
    client = client_for(cast.contact)
    assert reverse("applications:application-list") in client.get("/").content.decode()
    page = client.get(reverse("applications:application-list")).content.decode()
    assert page.index("Läxhjälp") < page.index("Digital delaktighet för nyanlända")
    assert "Utvecklingsmedel § 37 2027" in page
    assert 'class="due due--' in page


def test_another_consortium_sees_none_of_them(cast, application):
    page = client_for(cast.sodertorn_coordinator).get(reverse("applications:application-list"))
    assert "Digital delaktighet för nyanlända" not in page.content.decode()
    assert "Ingen ansökan har startats ännu" in page.content.decode()


def test_the_list_reads_a_bounded_number_of_queries(cast, norrort, application) -> None:
    client = client_for(cast.coordinator)
    url = reverse("applications:application-list")
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for n in range(3):
        project = ProjectFactory(consortium=norrort, title=f"Projekt {n}", call=CallFactory())
        application_create(actor=cast.coordinator, project=project)
    with CaptureQueriesContext(connection) as after:
        assert "Projekt 2" in client.get(url).content.decode()
    assert len(after) == len(before)


def test_a_whole_consortium_project_starts_its_application_only_after_the_decision(
    cast, norrort, project
) -> None:
    project.participants.set(norrort.members.all())
    project.scope = "consortium"
    project.save()
    with pytest.raises(DomainError, match="ta först upp det i styrgruppen"):
        application_create(actor=cast.coordinator, project=project)
    client = client_for(cast.coordinator)
    url = reverse("applications:project-applications", args=[project.pk])
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "ta först upp det i styrgruppen" in fragment
    assert "Starta ansökan" not in fragment
    project.steering_decision_reference, project.steering_decision_on = (
        "2026/004",
        date(2026, 12, 1),
    )
    project.save()
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "Starta ansökan" in fragment
    assert application_create(actor=cast.coordinator, project=project).project == project
