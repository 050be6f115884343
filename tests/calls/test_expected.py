"""Expected calls: the coming year's window foreseen from a programme's earlier calls, shown as
expected, matched like calls, and replaced by the real call with its followers carried over."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from navet.calls.expected import Window, expected_calls_refresh, expected_window
from navet.calls.models import CalendarFeed, Call, CallFollow, Programme
from navet.calls.services import calls_import, funders_seed
from navet.core.models import Notification
from navet.demo.calls import demo_earlier_calls
from navet.demo.content import demo_calls
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 7)
NOW = timezone.make_aware(datetime(2026, 12, 7, 12, 0))


def test_the_window_is_the_earlier_windows_moved_to_the_year_and_averaged() -> None:
    history = [
        Window(date(2025, 2, 3), date(2025, 5, 29)),
        Window(date(2026, 2, 2), date(2026, 5, 28)),
    ]
    assert expected_window(history, 2027) == Window(date(2027, 2, 3), date(2027, 5, 29))


def _history(county) -> None:
    funders_seed()
    calls_import(actor=None, records=demo_earlier_calls(TODAY), source="demo")


def _expected(slug: str) -> Call:
    return Call.objects.get(programme__slug=slug, expected=True)


def test_the_demo_programmes_get_their_coming_windows(county) -> None:
    _history(county)
    assert expected_calls_refresh(NOW) == {"replaced": 0, "expected": 2}
    lst = _expected("lst-stockholm-37")
    assert lst.title == "§ 37 2027 (väntad)"
    assert (
        lst.expected_note == "väntas öppna omkring 2027-02-03 (öppnade 2025-02-03 och 2026-02-02)"
    )
    assert timezone.localtime(lst.opens).isoformat() == "2027-02-03T00:00:00+01:00"
    assert timezone.localtime(lst.closes).date() == date(2027, 5, 29)
    assert {t.slug for t in lst.themes.all()} == {
        "mottagande-beredskap",
        "samverkan-metodutveckling",
    }
    esf = _expected("esf-plus")
    assert (
        esf.expected_note == "väntas öppna omkring 2027-01-15 (öppnade 2025-01-15 och 2026-01-14)"
    )
    assert expected_calls_refresh(NOW) == {"replaced": 0, "expected": 2}
    assert Call.objects.filter(expected=True).count() == 2  # the same, not again


def test_an_expected_call_is_matched_like_a_call_before_it_opens(county) -> None:
    _history(county)
    expected_calls_refresh(NOW)
    assert _expected("lst-stockholm-37") not in Call.objects.open_on(NOW)
    assert _expected("lst-stockholm-37") in Call.objects.open_or_expected_on(NOW)


def test_a_programme_with_one_earlier_year_is_not_foreseen(county) -> None:
    funders_seed()
    calls_import(actor=None, records=demo_earlier_calls(TODAY)[1::2], source="demo")
    assert expected_calls_refresh(NOW)["expected"] == 0


def test_the_real_call_replaces_the_expectation_and_its_followers_follow_it(cast, county) -> None:
    _history(county)
    expected_calls_refresh(NOW)
    expected = _expected("lst-stockholm-37")
    CallFollow.objects.create(user=cast.contact, call=expected)
    calls_import(
        actor=None,
        records=[
            {
                "external_id": "lst-stockholm-37-2027",
                "funder": "Länsstyrelsen Stockholm",
                "programme": "§ 37",
                "title": "Utvecklingsmedel § 37 2027",
                "opens": "2027-02-08",
                "closes": "2027-05-31",
            }
        ],
        source="fil:test",
    )
    assert expected_calls_refresh(NOW)["replaced"] == 1
    real = Call.objects.get(external_id="lst-stockholm-37-2027")
    assert not Call.objects.filter(pk=expected.pk).exists()
    assert CallFollow.objects.filter(user=cast.contact, call=real).exists()
    told = Notification.objects.get(user=cast.contact)
    assert told.title == "Den väntade utlysningen har kommit: Utvecklingsmedel § 37 2027"
    # The real call joins the history: the next expectation is a year on.
    assert _expected("lst-stockholm-37").title == "§ 37 2028 (väntad)"


def test_a_call_of_another_window_does_not_replace_the_expectation(county) -> None:
    _history(county)
    expected_calls_refresh(NOW)
    calls_import(
        actor=None,
        records=[
            {
                "external_id": "lst-stockholm-37-host",
                "funder": "Länsstyrelsen Stockholm",
                "programme": "§ 37",
                "title": "Höstomgång § 37",
                "opens": "2026-12-01",
                "closes": "2027-01-20",
            }
        ],
        source="fil:test",
    )
    assert expected_calls_refresh(NOW)["replaced"] == 0
    assert Programme.objects.get(slug="lst-stockholm-37").calls.filter(expected=True).count() == 1


def test_expected_calls_are_marked_on_the_pages_and_in_the_feed(cast, county, client) -> None:
    funders_seed()  # the pages read the clock: the history is the two years before today
    calls_import(actor=None, records=demo_earlier_calls(timezone.localdate()), source="demo")
    expected_calls_refresh()
    expected = _expected("lst-stockholm-37")
    note = expected.expected_note
    assert note.startswith("väntas öppna omkring ")
    client.force_login(cast.contact)
    listing = client.get("/utlysningar/?state=all").content.decode()
    assert f'{expected.title}</a> <span class="tag">Väntad</span><br><small>{note}' in listing
    calendar = client.get("/kalender/").content.decode()
    assert '<span class="tag">Väntad</span>' in calendar
    detail = client.get(f"/utlysningar/{expected.pk}/").content.decode()
    assert f"Väntad utlysning: {note}" in detail
    client.post(f"/utlysningar/{expected.pk}/folj/")
    client.post("/kalender/adress/")
    token = CalendarFeed.objects.get(user=cast.contact).token
    ics = client.get(f"/kalender/{token}.ics").content.decode()
    assert f"{expected.title} – {note}" in ics.replace("\r\n ", "")


def test_the_demo_shows_the_expected_calls_beside_its_open_ones(county) -> None:
    funders_seed()
    for records in (demo_calls(TODAY), demo_earlier_calls(TODAY)):
        calls_import(actor=None, records=records, source="demo")
    expected_calls_refresh(NOW)
    assert set(Call.objects.filter(expected=True).values_list("title", flat=True)) == {
        "§ 37 2027 (väntad)",
        "ESF+ 2027 (väntad)",
    }


def test_an_expected_call_a_project_names_is_kept_out_of_the_way(cast, county) -> None:
    _history(county)
    expected_calls_refresh(NOW)
    expected = _expected("lst-stockholm-37")
    ProjectFactory(call=expected)
    calls_import(
        actor=None,
        records=[
            {
                "external_id": "lst-stockholm-37-2027",
                "funder": "Länsstyrelsen Stockholm",
                "programme": "§ 37",
                "title": "Utvecklingsmedel § 37 2027",
                "opens": "2027-02-08",
                "closes": "2027-05-31",
            }
        ],
        source="fil:test",
    )
    assert expected_calls_refresh(NOW) == {"replaced": 1, "expected": 2}
    expected.refresh_from_db()
    assert (expected.source, expected.expected_note) == (
        "väntad:ersatt",
        "ersatt av Utvecklingsmedel § 37 2027",
    )
    assert _expected_titles() == {"§ 37 2027 (väntad)", "§ 37 2028 (väntad)", "ESF+ 2027 (väntad)"}
    assert expected_calls_refresh(NOW)["replaced"] == 0  # left alone from now on


def _expected_titles() -> set[str]:
    return set(Call.objects.filter(expected=True).values_list("title", flat=True))
