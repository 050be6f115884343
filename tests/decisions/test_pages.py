"""The decision pages: the list and a motion in a bounded number of queries, voting, closing,
the form and documents – and a refusal for every write."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from navet.decisions.models import Motion, Vote
from tests.factories import MotionFactory


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_list_shows_the_consortiums_motions_in_constant_queries(
    cast, norrort, motion, django_assert_num_queries
) -> None:
    client = client_for(cast.viewer)
    with django_assert_num_queries(7):  # the page's count is one of them
        response = client.get("/beslut/")
    assert response.status_code == 200
    assert "Ansöka om § 37-medel för språkstöd" in response.text
    assert "0 / 15" in response.text
    MotionFactory.create_batch(5, consortium=norrort)
    with django_assert_num_queries(7):
        client.get("/beslut/")


def test_many_motions_are_paged_newest_first(cast, norrort, motion) -> None:
    MotionFactory.create_batch(55, consortium=norrort)
    client = client_for(cast.viewer)
    first, second = client.get("/beslut/"), client.get("/beslut/?sida=2")
    shown = list(first.context["page"]) + list(second.context["page"])
    assert len(first.context["page"].object_list) == 50
    assert len({m.pk for m in shown}) == 56
    opened = [m.opens_at for m in shown]
    assert opened == sorted(opened, reverse=True)
    assert "56 beslutsärenden" in first.text
    assert 'href="?sida=1#motions"' in second.text


def test_a_motion_of_another_consortium_is_not_found(cast, motion) -> None:
    assert client_for(cast.sodertorn_coordinator).get(f"/beslut/{motion.pk}/").status_code == 404
    assert list(client_for(cast.outsider).get("/beslut/").context["page"]) == []


def test_the_motion_page_in_constant_queries(
    cast, motion, sigtuna, django_assert_num_queries
) -> None:
    client = client_for(cast.steering)
    with django_assert_num_queries(8):
        response = client.get(f"/beslut/{motion.pk}/")
    assert "Rösta för Sigtuna" in response.text
    client.post(f"/beslut/{motion.pk}/rosta/", {"municipality": sigtuna.pk, "choice": "yes"})
    client.get(f"/beslut/{motion.pk}/")  # shows the message of the vote once
    with django_assert_num_queries(8):
        client.get(f"/beslut/{motion.pk}/")


def test_a_representative_votes_on_the_page_and_the_result_shows_it(cast, motion, sigtuna) -> None:
    client = client_for(cast.steering)
    response = client.post(
        f"/beslut/{motion.pk}/rosta/",
        {"municipality": sigtuna.pk, "choice": "abstain"},
        follow=True,
    )
    assert response.status_code == 200
    assert Vote.objects.get(motion=motion, municipality=sigtuna).choice == "abstain"
    page = response.text
    assert cast.steering.get_full_name() in page
    assert "1 av 15" in page


def test_voting_after_close_is_refused_with_a_message(cast, norrort, sigtuna) -> None:
    now = timezone.now()
    motion = MotionFactory(
        consortium=norrort, opens_at=now - timedelta(days=3), closes_at=now - timedelta(days=1)
    )
    response = client_for(cast.steering).post(
        f"/beslut/{motion.pk}/rosta/", {"municipality": sigtuna.pk, "choice": "yes"}, follow=True
    )
    assert Vote.objects.get(motion=motion, municipality=sigtuna).choice == ""
    assert "Röstningen stängde" in response.text


@pytest.mark.parametrize("who", ["coordinator", "contact", "viewer", "admin"])
def test_others_cannot_vote_on_the_page(cast, motion, sigtuna, who) -> None:
    response = client_for(getattr(cast, who)).post(
        f"/beslut/{motion.pk}/rosta/", {"municipality": sigtuna.pk, "choice": "yes"}
    )
    assert response.status_code == 403
    assert Vote.objects.get(motion=motion, municipality=sigtuna).choice == ""


def test_the_coordinator_puts_a_motion(cast, norrort) -> None:
    client = client_for(cast.coordinator)
    assert client.get("/beslut/nytt/").status_code == 200
    closes = (timezone.localtime() + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        "/beslut/nytt/",
        {
            "consortium": norrort.pk,
            "title": "Ansök för alla medlemmar",
            "proposal": "Att söka ESF+ med projektet Språkstöd för samtliga medlemmar.",
            "closes_at": closes,
            "quorum_percent": 50,
            "majority": "two_thirds",
            "base": "cast",
            "tie": "fails",
        },
    )
    motion = Motion.objects.get()
    assert response.status_code == 302
    assert (motion.majority, motion.votes.count()) == ("two_thirds", 15)


@pytest.mark.parametrize("who", ["steering", "contact", "viewer"])
def test_only_coordinators_reach_the_form_edit_close_and_documents(cast, motion, who) -> None:
    client = client_for(getattr(cast, who))
    assert client.get("/beslut/nytt/").status_code == 403
    assert client.get(f"/beslut/{motion.pk}/andra/").status_code == 403
    assert client.post(f"/beslut/{motion.pk}/stang/").status_code == 403
    upload = SimpleUploadedFile("underlag.txt", b"Underlag", content_type="text/plain")
    assert client.post(f"/beslut/{motion.pk}/dokument/", {"file": upload}).status_code == 403
    motion.refresh_from_db()
    assert motion.status == "open"
    assert not motion.documents.exists()


def test_the_coordinator_attaches_a_document_and_members_download_it(
    cast, motion, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("underlag.txt", b"Budget och plan", content_type="text/plain")
    client_for(cast.coordinator).post(f"/beslut/{motion.pk}/dokument/", {"file": upload})
    document = motion.documents.get()
    response = client_for(cast.steering).get(f"/beslut/dokument/{document.pk}/")
    assert b"".join(response.streaming_content) == b"Budget och plan"
    assert (
        client_for(cast.sodertorn_coordinator).get(f"/beslut/dokument/{document.pk}/").status_code
        == 404
    )


def test_closing_early_is_refused_on_the_page_until_everyone_has_voted(cast, motion) -> None:
    response = client_for(cast.coordinator).post(f"/beslut/{motion.pk}/stang/", follow=True)
    motion.refresh_from_db()
    assert motion.status == "open"
    assert response.status_code == 200


def test_the_navigation_shows_decisions_to_users_with_a_role(cast) -> None:
    assert "/beslut/" in client_for(cast.viewer).get("/").text
    assert "/beslut/" not in client_for(cast.outsider).get("/").text
