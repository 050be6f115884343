"""A destructive action asks first, without JavaScript: the remove link opens a page that names
what goes and removes nothing; only its button (a post) removes. Each removal of the pages is
walked: a SWOT item, a time entry, an expenditure, a steering group seat and a role."""

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from django.db import models
from django.test import Client

from navet.decisions.services.steering import steering_seat_add
from navet.economics.services import time_entry_add
from navet.followup.models import BudgetLine, Expenditure
from navet.organisations.models import Consortium, Municipality, Role, RoleAssignment
from navet.projects.models import Project
from navet.risks.services import swot_item_add
from tests.factories import ProjectFactory, RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _swot(cast, norrort, taby):
    item = swot_item_add(
        actor=cast.coordinator, consortium=norrort, quadrant="strength", text="Kunskapsutbyte"
    )
    return (
        cast.coordinator,
        f"/risker/swot/{item.pk}/ta-bort/",
        item,
        "Kunskapsutbyte",
        "/risker/swot/",
    )


def _time_entry(cast, norrort, taby):
    entry = time_entry_add(
        actor=cast.coordinator,
        consortium=norrort,
        municipality=taby,
        worked_on=date(2026, 3, 2),
        hours=Decimal("1.5"),
    )
    list_page = "/ekonomi/koordination-norrort/2026/tid/"
    return cast.coordinator, f"{list_page}{entry.pk}/ta-bort/", entry, "2026-03-02", list_page


def _expenditure(cast, norrort, taby):
    project = ProjectFactory(
        consortium=norrort, owner=taby, status=Project.Status.RUNNING, title="Språkstöd"
    )
    line = BudgetLine.objects.create(
        project=project, category="staff", year=2026, amount_sek=90_000
    )
    spent = Expenditure.objects.create(
        project=project,
        budget_line=line,
        spent_on=date(2026, 4, 1),
        amount=Decimal(12_500),
        description="Tolkar vid föräldramöte",
    )
    page = f"/projekt/{project.pk}/uppfoljning/"
    return (
        cast.coordinator,
        f"{page}utfall/{spent.pk}/ta-bort/",
        spent,
        "Tolkar vid föräldramöte",
        page,
    )


def _seat(cast, norrort, taby):
    person = UserFactory(username="ersattare.taby", first_name="Eva", last_name="Ersättare")
    seat = steering_seat_add(
        actor=cast.coordinator, consortium=norrort, municipality=taby, user=person, deputy=True
    )
    page = "/beslut/styrgrupp/koordination-norrort/"
    return cast.coordinator, f"{page}{seat.pk}/ta-bort/", seat, "Eva Ersättare", page


def _role(cast, norrort, taby):
    person = UserFactory(username="kontakt.ny")
    role = RoleAssignmentFactory(user=person, role=Role.CONTACT, consortium=None, municipality=taby)
    page = f"/anvandare/{person.pk}/"
    return cast.admin, f"{page}roller/{role.pk}/ta-bort/", role, "Täby", page


REMOVALS: dict[str, Callable] = {
    "swot item": _swot,
    "time entry": _time_entry,
    "expenditure": _expenditure,
    "steering seat": _seat,
    "role": _role,
}


@pytest.mark.parametrize("kind", REMOVALS)
def test_a_removal_asks_first_and_only_its_button_removes(cast, kind):
    norrort = Consortium.objects.get(slug="koordination-norrort")
    taby = Municipality.objects.get(code="0160")
    actor, url, thing, named, list_page = REMOVALS[kind](cast, norrort, taby)
    client = _client(actor)
    listing = client.get(list_page).content.decode()
    assert f'href="{url}"' in listing  # a link to the question, not a form that removes
    question = client.get(url)
    text = question.content.decode()
    assert question.status_code == 200
    assert "Ta bort?" in text
    assert named in text
    assert "Ja, ta bort" in text
    model: type[models.Model] = type(thing)
    assert model.objects.filter(pk=thing.pk).exists()
    assert client.post(url).status_code == 302
    assert not model.objects.filter(pk=thing.pk).exists()


def test_the_question_is_refused_to_whoever_may_not_remove(cast):
    norrort = Consortium.objects.get(slug="koordination-norrort")
    taby = Municipality.objects.get(code="0160")
    _actor, url, item, _named, _page = _swot(cast, norrort, taby)
    assert _client(cast.viewer).get(url).status_code in (403, 404)
    assert RoleAssignment.objects.exists()
    assert type(item).objects.filter(pk=item.pk).exists()
