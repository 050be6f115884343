"""Dismissing a suggestion: those who may change the need set a call aside with a reason; it
leaves the matches, the need's page and the home page's to-dos, outlives every refresh, is listed
under "Dismissed" with who, when and why, and can be restored."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from navet.core.errors import DomainError, PermissionDenied
from navet.dashboard.selectors import contact_groups
from navet.matching.models import Dismissal, Match
from navet.matching.selectors import good_match_rows, stored_suggestions
from navet.matching.services import match_dismiss, match_restore, matches_refresh
from navet.organisations.models import Consortium
from tests.factories import CallFactory, NeedFactory
from tests.matching.test_api import bearer
from tests.matching.test_matches_page import URL, client_for, matched, municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def match(cast) -> Match:
    """A good match of Täby's need (Koordination Norrort)."""
    need = NeedFactory(municipality=municipality("0160"), title="Läxhjälp i Täby")
    return matched(need, CallFactory(title="Läxhjälp och studiestöd"))


def norrort() -> Consortium:
    return Consortium.objects.get(slug="koordination-norrort")


def dismiss_url(match: Match) -> str:
    return reverse("matching:match-dismiss", args=[match.need_id, match.call_id])


# --- the service -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["coordinator", "contact"])
def test_the_coordinator_and_the_needs_own_contacts_dismiss_and_restore(cast, match, role) -> None:
    actor = getattr(cast, role)
    dismissal = match_dismiss(
        actor=actor, need=match.need, call=match.call, reason="no-cofinancing", note=" Budget. "
    )
    assert (dismissal.dismissed_by, dismissal.note) == (actor, "Budget.")
    assert list(good_match_rows(actor, norrort(), timezone.now())) == []
    assert stored_suggestions(match.need) == []
    pk = dismissal.pk
    match_restore(actor=actor, dismissal=dismissal)
    assert list(good_match_rows(actor, norrort(), timezone.now())) == [match]
    actions = LogEntry.objects.filter(
        content_type__model="dismissal", object_pk=str(pk)
    ).values_list("action", "actor")
    assert sorted(actions) == [
        (LogEntry.Action.CREATE, actor.pk),
        (LogEntry.Action.DELETE, actor.pk),
    ]


@pytest.mark.parametrize("role", ["viewer", "steering", "solna_contact", "sodertorn_coordinator"])
def test_others_may_neither_dismiss_nor_restore(cast, match, role) -> None:
    with pytest.raises(PermissionDenied):
        match_dismiss(
            actor=getattr(cast, role), need=match.need, call=match.call, reason="not-relevant"
        )
    dismissal = match_dismiss(
        actor=cast.coordinator, need=match.need, call=match.call, reason="not-relevant"
    )
    with pytest.raises(PermissionDenied):
        match_restore(actor=getattr(cast, role), dismissal=dismissal)
    assert Dismissal.objects.filter(pk=dismissal.pk).exists()


def test_other_needs_words_a_note_is_bounded_and_a_second_dismissal_is_refused(cast, match) -> None:
    dismiss = {"actor": cast.coordinator, "need": match.need, "call": match.call}
    with pytest.raises(DomainError, match="när skälet är Annat skäl"):
        match_dismiss(**dismiss, reason="other", note="  ")
    with pytest.raises(DomainError, match="1000"):
        match_dismiss(**dismiss, reason="no-capacity", note="x" * (Dismissal.NOTE_LIMIT + 1))
    with pytest.raises(DomainError):
        match_dismiss(**dismiss, reason="made-up")
    match_dismiss(**dismiss, reason="other", note="Fel målgrupp i praktiken")
    with pytest.raises(DomainError, match="redan avfärdat"):
        match_dismiss(**dismiss, reason="not-relevant")
    with pytest.raises(DomainError, match="inte bland behovets förslag"):
        match_dismiss(**{**dismiss, "call": CallFactory()}, reason="not-relevant")
    assert Dismissal.objects.count() == 1


def test_a_dismissal_outlives_the_refresh_that_ranks_the_pair_again(cast) -> None:
    need = NeedFactory(
        municipality=municipality("0191"),
        title="Motverka digitalt utanförskap bland nyanlända vuxna",
        description="Många saknar BankID och klarar inte e-tjänster på egen hand.",
    )
    call = CallFactory(title="Digitala färdigheter och e-tjänster för nyanlända vuxna")
    matches_refresh(full=True)
    match_dismiss(actor=cast.coordinator, need=need, call=call, reason="applied-elsewhere")
    Match.objects.all().delete()
    matches_refresh(full=True)
    assert Match.objects.filter(need=need, call=call).exists()  # ranked and stored again
    assert list(good_match_rows(cast.coordinator, norrort(), timezone.now())) == []
    assert Dismissal.objects.get().reason == "applied-elsewhere"


def test_dismissed_suggestions_leave_the_home_pages_to_dos(cast, match) -> None:
    now = timezone.now()

    def items(groups: list, key: str) -> list[str]:
        return [item.text for group in groups if group.key == key for item in group.items]

    assert items(contact_groups(cast.contact, now), "need-matches") == ["Läxhjälp i Täby"]
    match_dismiss(actor=cast.contact, need=match.need, call=match.call, reason="no-capacity")
    assert items(contact_groups(cast.contact, now), "need-matches") == []


# --- the pages ---------------------------------------------------------------------------------


def test_a_row_dismisses_with_a_reason_shown_under_dismissed_and_restores(cast, match) -> None:
    client = client_for(cast.coordinator)
    page = client.get(URL).content.decode()
    assert dismiss_url(match) in page
    form = client.get(dismiss_url(match) + "?samverkan=koordination-norrort")
    assert form.status_code == 200
    answer = client.post(
        dismiss_url(match) + "?samverkan=koordination-norrort",
        {"reason": "no-cofinancing", "note": "Kräver 50 % och budgeten är spikad."},
        follow=True,
    )
    assert answer.redirect_chain[-1][0] == URL + "?samverkan=koordination-norrort"
    assert [row.match for row in answer.context["new_rows"]] == []
    [dismissal] = answer.context["dismissed"]
    page = answer.content.decode()
    assert "Läxhjälp och studiestöd är avfärdad för Läxhjälp i Täby." in page
    assert "Vi kan inte medfinansiera" in page
    assert "Kräver 50 % och budgeten är spikad." in page
    assert cast.coordinator.get_full_name() in page
    restore = reverse("matching:match-restore", args=[dismissal.pk])
    answer = client.post(restore, {"samverkan": "koordination-norrort"}, follow=True)
    assert [row.match for row in answer.context["new_rows"]] == [match]
    assert answer.context["dismissed"] == []


def test_a_refused_form_keeps_what_was_typed(cast, match) -> None:
    client = client_for(cast.contact)
    answer = client.post(dismiss_url(match), {"reason": "other", "note": ""})
    assert answer.status_code == 200
    assert "när skälet är Annat skäl" in answer.content.decode()
    assert answer.context["form"]["reason"].value() == "other"
    long = "ord " * 300
    answer = client.post(dismiss_url(match), {"reason": "no-capacity", "note": long})
    assert answer.status_code == 200
    assert long.strip() in answer.content.decode()
    assert not Dismissal.objects.exists()


def test_viewers_see_the_dismissed_list_but_no_dismiss_or_restore(cast, match) -> None:
    Dismissal.objects.create(
        need=match.need, call=match.call, reason="not-relevant", dismissed_by=cast.coordinator
    )
    page = client_for(cast.viewer).get(URL)
    assert len(page.context["dismissed"]) == 1
    html = page.content.decode()
    assert "Inte relevant för behovet" in html
    assert dismiss_url(match) not in html
    assert "/aterstall/" not in html


@pytest.mark.parametrize(
    ("role", "status"),
    [("viewer", 403), ("solna_contact", 403), ("sodertorn_coordinator", 404), ("outsider", 404)],
)
def test_refused_roles_cannot_open_or_post_the_dismissal(cast, match, role, status) -> None:
    client = client_for(getattr(cast, role))
    assert client.get(dismiss_url(match)).status_code == status
    assert client.post(dismiss_url(match), {"reason": "not-relevant"}).status_code == status
    dismissal = Dismissal.objects.create(
        need=match.need, call=match.call, reason="not-relevant", dismissed_by=cast.coordinator
    )
    restore = reverse("matching:match-restore", args=[dismissal.pk])
    assert client.post(restore).status_code == status
    assert Dismissal.objects.filter(pk=dismissal.pk).exists()


@pytest.mark.parametrize("stored", [True, False])
def test_the_need_page_and_its_api_leave_out_dismissed_calls(client, cast, stored) -> None:
    need = NeedFactory(
        municipality=municipality("0191"),
        title="Motverka digitalt utanförskap bland nyanlända vuxna",
        description="Många saknar BankID och klarar inte e-tjänster på egen hand.",
    )
    kept = CallFactory(title="Digitala färdigheter och e-tjänster för nyanlända vuxna")
    gone = CallFactory(title="Digital delaktighet och e-tjänster för nyanlända")
    matches_refresh(full=True)
    match_dismiss(actor=cast.coordinator, need=need, call=gone, reason="not-relevant")
    if not stored:  # changed since the refresh: ranked again for the page and the API
        need.save()
    page = client_for(cast.steering).get(reverse("matching:need-suggestions", args=[need.pk]))
    assert [m.call for m in page.context["matches"]] == [kept]
    answer = client.get(f"/api/v1/needs/{need.pk}/suggestions", **bearer(cast.steering))
    assert [s["call"]["id"] for s in answer.json()["suggestions"]] == [kept.pk]


# --- the API -----------------------------------------------------------------------------------

API = "/api/v1/matches/dismissals"


def test_the_api_dismisses_lists_and_restores(client, cast, match) -> None:
    body = {"need": match.need_id, "call": match.call_id, "reason": "no-capacity", "note": "Vår"}
    answer = client.post(API, body, content_type="application/json", **bearer(cast.contact))
    assert answer.status_code == 201, answer.content
    created = answer.json()
    assert (created["reason"], created["reason_label"]) == (
        "no-capacity",
        "Ingen kapacitet att söka nu",
    )
    again = client.post(API, body, content_type="application/json", **bearer(cast.contact))
    assert again.status_code == 400
    listed = client.get(API, **bearer(cast.viewer)).json()
    assert listed["count"] == 1
    assert listed["items"][0]["dismissed_by"] == cast.contact.username
    assert client.get("/api/v1/matches", **bearer(cast.viewer)).json()["count"] == 0
    gone = client.delete(f"{API}/{created['id']}", **bearer(cast.coordinator))
    assert gone.status_code == 204
    assert client.get("/api/v1/matches", **bearer(cast.viewer)).json()["count"] == 1


@pytest.mark.parametrize(
    ("role", "status"),
    [("viewer", 403), ("solna_contact", 403), ("sodertorn_coordinator", 404)],
)
def test_the_api_refuses_whom_the_pages_refuse(client, cast, match, role, status) -> None:
    body = {"need": match.need_id, "call": match.call_id, "reason": "not-relevant"}
    user = getattr(cast, role)
    answer = client.post(API, body, content_type="application/json", **bearer(user))
    assert answer.status_code == status
    dismissal = Dismissal.objects.create(
        need=match.need, call=match.call, reason="not-relevant", dismissed_by=cast.coordinator
    )
    assert client.delete(f"{API}/{dismissal.pk}", **bearer(user)).status_code == status
    assert Dismissal.objects.count() == 1


def test_the_dismissed_list_uses_a_bounded_number_of_queries(
    client, cast, match, django_assert_max_num_queries
) -> None:
    headers = bearer(cast.coordinator)
    client.get(API, **headers)
    for code in ["0114", "0115", "0117", "0123"]:
        need = NeedFactory(municipality=municipality(code))
        for _ in range(3):
            Dismissal.objects.create(
                need=need, call=matched(need).call, reason="no-capacity", dismissed_by=cast.viewer
            )
    with django_assert_max_num_queries(12):
        answer = client.get(API, **headers)
    assert answer.json()["count"] == 12
