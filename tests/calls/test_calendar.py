import re
from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from navet.calls import selectors
from navet.calls.models import CalendarFeed, Call, CallFollow
from navet.calls.month import month_grid, parse_month, shift_month
from navet.calls.services import calendar_feed_get_or_create, calendar_feed_renew, call_follow
from navet.core.errors import PermissionDenied
from navet.organisations.models import Municipality
from tests.factories import CallFactory

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _esf(calls) -> Call:
    return Call.objects.get(external_id__startswith="demo-esf")


def test_follow_toggles_and_never_duplicates(cast, calls) -> None:
    call = _esf(calls)
    assert call_follow(actor=cast.contact, call=call) is True
    assert call_follow(actor=cast.contact, call=call) is False
    assert call_follow(actor=cast.contact, call=call) is True
    assert CallFollow.objects.filter(user=cast.contact, call=call).count() == 1


def test_the_follow_button_answers_htmx_with_the_new_button(cast, calls) -> None:
    call = _esf(calls)
    response = client_for(cast.viewer).post(f"/utlysningar/{call.pk}/folj/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert b'aria-pressed="true"' in response.content
    assert b"<html" not in response.content  # only the fragment
    assert CallFollow.objects.filter(user=cast.viewer, call=call).exists()


def test_following_by_get_is_not_allowed(cast, calls) -> None:
    call = _esf(calls)
    assert client_for(cast.viewer).get(f"/utlysningar/{call.pk}/folj/").status_code == 405


def _feed(client: Client, token: str) -> Calendar:
    response = client.get(f"/kalender/{token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_a_users_feed_holds_the_followed_deadlines_with_alarms(client, cast, calls) -> None:
    call = _esf(calls)
    call_follow(actor=cast.contact, call=call)
    feed = calendar_feed_get_or_create(actor=cast.contact)

    calendar = _feed(client, feed.token)

    (event,) = calendar.walk("VEVENT")
    assert str(event["uid"]) == f"call-{call.pk}-closes@navet"
    assert str(event["summary"]).endswith(call.title)
    assert event.decoded("dtend") == call.closes
    triggers = sorted(alarm.decoded("trigger").days for alarm in event.walk("VALARM"))
    assert triggers == [-14, -7, -2]
    assert calendar["version"] == "2.0"
    assert calendar["prodid"]


def test_a_municipalitys_feed_holds_what_its_people_follow(client, cast, calls) -> None:
    call = _esf(calls)
    call_follow(actor=cast.contact, call=call)  # Täby's contact
    call_follow(
        actor=cast.solna_contact, call=Call.objects.get(external_id__startswith="demo-amif")
    )
    taby = Municipality.objects.get(code="0160")
    feed = calendar_feed_get_or_create(actor=cast.contact, municipality=taby)

    events = _feed(client, feed.token).walk("VEVENT")

    assert [str(e["uid"]) for e in events] == [f"call-{call.pk}-closes@navet"]


@pytest.mark.parametrize("role", ["coordinator", "steering", "viewer", "solna_contact"])
def test_only_the_municipalitys_contacts_get_its_feed(cast, role) -> None:
    taby = Municipality.objects.get(code="0160")
    with pytest.raises(PermissionDenied):
        calendar_feed_get_or_create(actor=getattr(cast, role), municipality=taby)
    assert not CalendarFeed.objects.filter(municipality=taby).exists()


def test_renewing_the_address_retires_the_old_one(client, cast, calls) -> None:
    feed = calendar_feed_get_or_create(actor=cast.viewer)
    old = feed.token
    calendar_feed_renew(actor=cast.viewer, feed=feed)
    assert client.get(f"/kalender/{old}.ics").status_code == 404
    assert client.get(f"/kalender/{feed.token}.ics").status_code == 200


def test_nobody_renews_someone_elses_feed(cast) -> None:
    feed = calendar_feed_get_or_create(actor=cast.viewer)
    with pytest.raises(PermissionDenied):
        calendar_feed_renew(actor=cast.coordinator, feed=feed)


def test_an_inactive_users_feed_stops(client, cast, calls) -> None:
    feed = calendar_feed_get_or_create(actor=cast.viewer)
    cast.viewer.is_active = False
    cast.viewer.save()
    assert client.get(f"/kalender/{feed.token}.ics").status_code == 404


def test_the_calendar_page_offers_addresses_and_lists_deadlines_by_month(cast, calls) -> None:
    client = client_for(cast.contact)
    page = client.get("/kalender/").content.decode()
    assert page.count("Skapa en kalenderadress") == 2  # own, and Täby's
    assert "ESF+ programområde A2" in page

    client.post("/kalender/adress/", {"municipality": "0160"})
    page = client.get("/kalender/").content.decode()
    assert len(re.findall(r'value="http://testserver/kalender/[\w-]+\.ics"', page)) == 1


def test_the_deadlines_are_paged_by_closing_time_in_months(cast, calls) -> None:
    later = timezone.now() + timedelta(days=500)  # after every demo deadline
    for n in range(55):
        CallFactory(title=f"Sent {n:02}", closes=later + timedelta(days=n))
    client = client_for(cast.viewer)
    first, second = client.get("/kalender/"), client.get("/kalender/?sida=2")
    shown = [entry for _, entries in first.context["months"] for entry in entries]
    shown += [entry for _, entries in second.context["months"] for entry in entries]
    assert len(shown) == Call.objects.filter(closes__gte=timezone.now()).count()
    assert [e.ends for e in shown] == sorted(e.ends for e in shown)
    assert "Visar 51–" in second.content.decode()


def test_the_calendar_page_refuses_another_municipalitys_address(cast) -> None:
    response = client_for(cast.contact).post("/kalender/adress/", {"municipality": "0184"})
    assert response.status_code == 403
    assert not CalendarFeed.objects.exists()


def test_the_month_view_puts_each_deadline_on_its_day(cast, calls) -> None:
    call = _esf(calls)
    closing = timezone.localtime(call.closes).date()
    client = client_for(cast.viewer)
    page = client.get(f"/kalender/?visa=manad&manad={closing:%Y-%m}").content.decode()
    cell = page.split(f'datetime="{closing:%Y-%m-%d}"')[1].split("</td>")[0]
    assert call.title in cell
    assert "måndag" in page  # weekday names from Django's own Swedish catalogue
    previous = (closing.replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
    assert f"manad={previous}" in page


def test_a_bad_month_falls_back_to_this_month(cast, calls) -> None:
    response = client_for(cast.viewer).get("/kalender/?visa=manad&manad=nonsens")
    assert response.status_code == 200
    assert response.context["month"].day == 1


def test_month_arithmetic() -> None:
    assert shift_month(date(2026, 12, 1), 1) == date(2027, 1, 1)
    assert shift_month(date(2027, 1, 1), -1) == date(2026, 12, 1)
    assert parse_month("2027-02", date(2026, 11, 22)) == date(2027, 2, 1)
    assert parse_month("2027-13", date(2026, 11, 22)) == date(2026, 11, 1)
    weeks = month_grid(date(2027, 2, 1), [(date(2027, 2, 14), "x")])
    assert weeks[0][0].day == date(2027, 2, 1)  # 1 February 2027 is a Monday
    assert all(len(week) == 7 for week in weeks)
    assert [d.items for week in weeks for d in week if d.items] == [["x"]]


def test_a_month_with_more_deadlines_than_the_grid_holds_says_so(cast, calls, monkeypatch) -> None:
    call = _esf(calls)
    closing = timezone.localtime(call.closes).date()
    url = f"/kalender/?visa=manad&manad={closing:%Y-%m}"
    assert "fler än" not in client_for(cast.viewer).get(url).content.decode()
    monkeypatch.setattr(selectors, "MONTH_LIMIT", 0)

    page = client_for(cast.viewer).get(url).content.decode()

    assert "Månaden har fler än 0 poster" in page
    assert call.title not in page.split("<table")[1]  # the grid holds none of them
