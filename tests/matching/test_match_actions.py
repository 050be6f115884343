"""Each row of the matches page leads on: make a project idea of it, or follow its call without
leaving the page."""

from django.urls import reverse

from navet.calls.models import CallFollow
from tests.factories import CallFactory, NeedFactory
from tests.matching.test_matches_page import URL, client_for, matched, municipality


def test_a_row_makes_a_project_idea_and_follows_its_call(cast, county) -> None:
    need = NeedFactory(municipality=municipality("0160"), title="Läxhjälp i Täby")
    call = CallFactory(title="Läxhjälp och studiestöd")
    matched(need, call)
    client = client_for(cast.contact)
    page = client.get(URL).content.decode()
    assert f"/projekt/ny/?behov={need.pk}&amp;utlysning={call.pk}" in page
    assert 'aria-pressed="false"' in page
    follow = reverse("calls:call-follow", args=[call.pk])
    answer = client.post(follow, {"next": URL}, follow=True)
    assert answer.redirect_chain[-1][0] == URL
    assert "Du följer Läxhjälp och studiestöd." in answer.content.decode()
    assert CallFollow.objects.filter(user=cast.contact, call=call).exists()
    assert 'aria-pressed="true"' in answer.content.decode()


def test_following_never_sends_the_user_to_another_site(cast, county) -> None:
    call = CallFactory()
    answer = client_for(cast.contact).post(
        reverse("calls:call-follow", args=[call.pk]), {"next": "https://example.com/"}
    )
    assert answer["Location"] == reverse("calls:call-detail", args=[call.pk])


def test_a_viewer_follows_but_makes_no_idea(cast, county) -> None:
    need = NeedFactory(municipality=municipality("0160"))
    matched(need, CallFactory())
    page = client_for(cast.viewer).get(URL).content.decode()
    assert "/projekt/ny/" not in page
    assert reverse("calls:call-follow", args=[need.matches.get().call_id]) in page
