"""A draft need is its municipality's own until shared (finding 4 of issue 21): only that
municipality links it to a project, and a project's other readers see whose draft it is – "Täbys
utkast till behov" – never its title."""

import pytest
from django.test import Client

from navet.core.errors import PermissionDenied
from navet.projects.services import project_create, project_update
from tests.factories import NeedFactory

pytestmark = pytest.mark.django_db

SECRET = "Hemlig plan för förskolan"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_coordinator_cannot_link_a_municipality_s_draft(cast, norrort, taby, solna, idea):
    draft = NeedFactory(municipality=solna, status="draft", title=SECRET)
    with pytest.raises(PermissionDenied, match="Solna"):
        project_create(
            actor=cast.coordinator, consortium=norrort, title="X", owner=taby, needs=[draft]
        )
    with pytest.raises(PermissionDenied, match="Solna"):
        project_update(actor=cast.coordinator, project=idea, needs=[*idea.needs.all(), draft])
    assert list(idea.needs.all()) != [draft]
    assert not draft.projects.exists()


def test_its_own_contact_links_a_draft(cast, norrort, taby):
    draft = NeedFactory(municipality=taby, status="draft", title=SECRET)
    project = project_create(
        actor=cast.contact, consortium=norrort, title="Språkstöd", owner=taby, needs=[draft]
    )
    assert list(project.needs.all()) == [draft]


def test_others_see_whose_draft_a_project_answers_never_its_title(cast, norrort, taby, idea):
    draft = NeedFactory(municipality=taby, status="draft", title=SECRET)
    idea.needs.add(draft)
    for reader in (cast.viewer, cast.steering, cast.solna_contact):
        text = _client(reader).get(f"/projekt/{idea.pk}/").content.decode()
        assert "Täbys utkast till behov" in text
        assert SECRET not in text
        assert f"/behov/{draft.pk}/" not in text
    own = _client(cast.contact).get(f"/projekt/{idea.pk}/").content.decode()
    assert SECRET in own
    assert "Täbys utkast till behov" not in own


def test_a_shared_need_is_shown_by_its_title(cast, idea, taby_need):
    text = _client(cast.viewer).get(f"/projekt/{idea.pk}/").content.decode()
    assert taby_need.title in text


def test_existing_links_stay_when_the_project_changes(cast, norrort, taby, idea):
    draft = NeedFactory(municipality=taby, status="draft", title=SECRET)
    idea.needs.add(draft)
    project_update(actor=cast.coordinator, project=idea, title="Nytt namn")
    assert draft in idea.needs.all()
