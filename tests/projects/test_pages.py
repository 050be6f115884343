"""The pages: the list with its filters, totals and a constant number of queries; a project's
page with its moves; the idea made from a need's suggestion; the need's projects."""

import pytest
from django.test import Client

from navet.projects.models import Project
from tests.factories import CallFactory, EndorsementFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_list_shows_the_consortiums_projects_with_totals_in_swedish(cast, norrort, idea):
    idea.requested_sek = 1_250_000
    idea.save()
    ProjectFactory(consortium=norrort, requested_sek=250_000, granted_sek=200_000)
    response = _client(cast.viewer).get("/projekt/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Språkstöd" in text
    assert "1\u00a0500\u00a0000\u00a0kr" in text
    assert "200\u00a0000\u00a0kr" in text


def test_the_list_filters_by_municipality_and_status(cast, norrort, idea, sigtuna):
    ProjectFactory(consortium=norrort, owner=sigtuna, title="Sigtunas projekt", status="running")
    client = _client(cast.coordinator)
    text = client.get("/projekt/?municipality=0191").content.decode()
    assert "Sigtunas projekt" in text
    assert "Språkstöd" not in text
    text = client.get("/projekt/?status=idea").content.decode()
    assert "Språkstöd" in text
    assert "Sigtunas projekt" not in text


def test_the_list_makes_the_same_number_of_queries_whatever_the_number(
    cast, norrort, idea, django_assert_num_queries
):
    client = _client(cast.coordinator)
    client.get("/projekt/")  # warm up the session and the caches
    with django_assert_num_queries(13) as few:
        client.get("/projekt/")
    for _ in range(5):
        ProjectFactory(consortium=norrort, call=CallFactory())
    with django_assert_num_queries(len(few.captured_queries)):
        client.get("/projekt/")


def test_a_long_portfolio_is_paged_and_the_totals_count_every_project(cast, norrort, idea):
    for n in range(55):
        ProjectFactory(consortium=norrort, title=f"Projekt {n:02}", granted_sek=1000)
    client = _client(cast.coordinator)
    first, second = client.get("/projekt/"), client.get("/projekt/?sida=2")
    assert len(first.context["page"].object_list) == 50
    rows = list(first.context["page"]) + list(second.context["page"])
    assert len({p.pk for p in rows}) == 56  # every project once, the idea too
    html = second.content.decode()
    assert "Visar 51–56 av 56." in html
    assert "56 projekt" in html
    assert "55\u00a0000\u00a0kr" in html  # the totals count every page


def test_another_consortium_sees_none_and_the_project_page_answers_404(cast, idea):
    client = _client(cast.sodertorn_coordinator)
    assert "Språkstöd" not in client.get("/projekt/").content.decode()
    assert client.get(f"/projekt/{idea.pk}/").status_code == 404
    assert _client(cast.outsider).get(f"/projekt/{idea.pk}/").status_code == 404


def test_the_project_page_shows_needs_call_participants_moves_and_history(cast, idea, taby_need):
    idea.call = CallFactory(title="Språk för alla")
    idea.save()
    text = _client(cast.coordinator).get(f"/projekt/{idea.pk}/").content.decode()
    assert f'href="/behov/{taby_need.pk}/"' in text
    assert "Språk för alla" in text
    assert 'name="to" value="needs_analysis"' in text
    assert 'id="history-heading"' in text


def test_a_viewer_sees_the_moves_disabled_with_a_reason(cast, idea):
    text = _client(cast.viewer).get(f"/projekt/{idea.pk}/").content.decode()
    assert 'name="to"' not in text
    assert 'aria-disabled="true"' in text


def test_the_coordinator_moves_a_project_by_a_button(cast, idea):
    client = _client(cast.coordinator)
    response = client.post(f"/projekt/{idea.pk}/status/", {"to": "needs_analysis"})
    assert response.status_code == 302
    assert Project.objects.get(pk=idea.pk).status == "needs_analysis"
    client.post(f"/projekt/{idea.pk}/status/", {"to": "submitted"})  # not a move: refused
    assert Project.objects.get(pk=idea.pk).status == "needs_analysis"


@pytest.mark.parametrize("who", ["viewer", "steering", "solna_contact", "admin"])
def test_others_cannot_move_edit_or_record_a_decision(cast, idea, who):
    client = _client(getattr(cast, who))
    assert client.post(f"/projekt/{idea.pk}/status/", {"to": "needs_analysis"}).status_code == 403
    assert client.post(f"/projekt/{idea.pk}/andra/", {"title": "Annat"}).status_code == 403
    # A steering decision is recorded only by a passed motion: there is no page to type one in.
    response = client.post(
        f"/projekt/{idea.pk}/styrgruppsbeslut/", {"reference": "§ 1", "decided_on": "2026-11-20"}
    )
    assert response.status_code == 404
    idea.refresh_from_db()
    assert (idea.status, idea.title, idea.steering_decision_reference) == ("idea", "Språkstöd", "")


def test_an_idea_from_a_suggestion_is_prefilled_and_keeps_the_links(
    cast, norrort, taby, taby_need, sigtuna
):
    EndorsementFactory(need=taby_need, municipality=sigtuna)
    call = CallFactory(title="Språk för alla")
    client = _client(cast.contact)
    url = f"/projekt/ny/?behov={taby_need.pk}&utlysning={call.pk}"
    page = client.get(url).content.decode()
    assert 'value="Språkstöd i förskolan"' in page
    assert f'value="{sigtuna.pk}"' in page
    response = client.post(
        url,
        {
            "consortium": norrort.pk,
            "title": "Språkstöd i förskolan",
            "owner": taby.pk,
            "participants": [taby.pk, sigtuna.pk],
            "needs": [taby_need.pk],
            "call": call.pk,
            "requested_sek": "1 250 000 kr",
        },
    )
    project = Project.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/projekt/{project.pk}/"
    assert (project.status, project.call, project.requested_sek) == ("idea", call, 1_250_000)
    assert set(project.participants.all()) == {taby, sigtuna}
    # The need's page loads the projects that answer it from the projects app.
    fragment = client.get(f"/behov/{taby_need.pk}/projekt/", headers={"HX-Request": "true"})
    assert f'href="/projekt/{project.pk}/"' in fragment.content.decode()
    assert "<html" not in fragment.content.decode()


@pytest.mark.parametrize("who", ["viewer", "steering", "outsider", "admin"])
def test_who_may_not_start_ideas_is_refused_the_form(cast, taby_need, who):
    client = _client(getattr(cast, who))
    assert client.get(f"/projekt/ny/?behov={taby_need.pk}").status_code in (403, 404)
    assert client.post(f"/projekt/ny/?behov={taby_need.pk}", {"title": "x"}).status_code in (
        403,
        404,
    )
    assert not Project.objects.exists()


def test_another_municipalitys_contact_cannot_make_it_the_owner(cast, norrort, taby, taby_need):
    client = _client(cast.solna_contact)
    response = client.post(
        f"/projekt/ny/?behov={taby_need.pk}",
        {"consortium": norrort.pk, "title": "x", "owner": taby.pk, "needs": [taby_need.pk]},
    )
    assert response.status_code in (200, 403, 404)
    assert not Project.objects.exists()


def test_the_contact_edits_the_idea(cast, idea, sigtuna, taby):
    client = _client(cast.contact)
    assert client.get(f"/projekt/{idea.pk}/andra/").status_code == 200
    response = client.post(
        f"/projekt/{idea.pk}/andra/",
        {
            "title": "Språkstöd för fler",
            "owner": taby.pk,
            "participants": [taby.pk, sigtuna.pk],
            "needs": [n.pk for n in idea.needs.all()],
            "contacts": [cast.contact.pk],
            "starts_on": "2027-01-01",
            "ends_on": "2027-12-31",
        },
    )
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.title == "Språkstöd för fler"
    assert idea.scope == "group"


def test_the_suggestions_offer_a_project_idea_to_contacts_only(cast, taby_need):
    call = CallFactory(title="Språkstöd och läxhjälp i förskolan för nyanlända barn")
    taby_need.description = "Språkstöd och läxhjälp i förskolan för nyanlända barn"
    taby_need.save()
    link = f"/projekt/ny/?behov={taby_need.pk}&amp;utlysning={call.pk}"
    assert link in _client(cast.contact).get(f"/behov/{taby_need.pk}/forslag/").content.decode()
    assert link not in _client(cast.viewer).get(f"/behov/{taby_need.pk}/forslag/").content.decode()


def test_a_contact_is_offered_an_idea_only_of_its_own_municipalitys_need(cast, taby_need):
    """Solna's contact reads Täby's need in their shared consortium, but may start no idea
    owned by Täby: no button that would end in a refusal."""
    call = CallFactory(title="Språkstöd och läxhjälp i förskolan för nyanlända barn")
    taby_need.description = "Språkstöd och läxhjälp i förskolan för nyanlända barn"
    taby_need.save()
    link = f"/projekt/ny/?behov={taby_need.pk}&amp;utlysning={call.pk}"
    solna = _client(cast.solna_contact)
    assert solna.get(f"/behov/{taby_need.pk}/").status_code == 200
    assert link not in solna.get(f"/behov/{taby_need.pk}/forslag/").content.decode()
    assert link in _client(cast.coordinator).get(f"/behov/{taby_need.pk}/forslag/").content.decode()
    assert solna.get(f"/projekt/ny/?behov={taby_need.pk}&utlysning={call.pk}").status_code == 404
