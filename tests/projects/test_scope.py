""" "The whole consortium" means every member, and the idea made from a need's suggestion offers
every member municipality, as the edit form does."""

import re

import pytest

from navet.organisations.models import Municipality
from navet.projects.models import Project
from navet.projects.services import project_create
from tests.factories import CallFactory
from tests.projects.test_pages import _client

pytestmark = pytest.mark.django_db


def test_the_whole_consortium_as_scope_makes_every_member_take_part(cast, norrort, taby, taby_need):
    project = project_create(
        actor=cast.contact,
        consortium=norrort,
        title="Språkstöd i hela norrort",
        owner=taby,
        needs=[taby_need],
        scope=Project.Scope.CONSORTIUM,
    )
    members = set(Municipality.objects.filter(memberships__consortium=norrort))
    assert len(members) > 2
    assert set(project.participants.all()) == members
    assert project.scope == Project.Scope.CONSORTIUM


def test_the_idea_from_a_suggestion_offers_every_member(cast, norrort, taby_need):
    call = CallFactory(title="Språk för alla")
    page = _client(cast.contact).get(f"/projekt/ny/?behov={taby_need.pk}&utlysning={call.pk}")
    offered = set(re.findall(r'name="participants" value="(\d+)"', page.content.decode()))
    members = {str(m.pk) for m in Municipality.objects.filter(memberships__consortium=norrort)}
    # Täby's consortia (the form asks which one): their members, and no one else.
    taby_consortia = Municipality.objects.filter(
        memberships__consortium__memberships__municipality=taby_need.municipality
    )
    assert members <= offered <= {str(m.pk) for m in taby_consortia}
    assert "hela samverkan: alla medlemskommuner deltar" in page.content.decode().lower()
