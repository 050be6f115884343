"""The one calendar: call deadlines with the meetings, voting windows, report deadlines and project
periods the higher apps register (navet.core.calendar), on the page and in a user's feed – each
user seeing only the consortia it may read."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from navet.calls.services import calendar_feed_get_or_create
from navet.core import calendar
from navet.decisions.models import Meeting
from navet.followup.models import ReportDeadline
from navet.organisations.models import Consortium, Municipality, Role
from tests.factories import MotionFactory, ProjectFactory, RoleAssignmentFactory

pytestmark = pytest.mark.django_db

SOON = timezone.localdate() + timedelta(days=5)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _norrort() -> Consortium:
    return Consortium.objects.get(slug="koordination-norrort")


def _meeting(consortium: Consortium, title: str, days: int = 3) -> Meeting:
    starts = timezone.now().replace(microsecond=0) + timedelta(days=days)
    return Meeting.objects.create(
        consortium=consortium,
        title=title,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        place="Täby kommunhus, sal 3",
        link="https://moten.example.se/styrgrupp",
    )


def _dated(consortium: Consortium, n: int = 0) -> None:
    """One of each: a meeting, a motion, a project with its period and a report due."""
    _meeting(consortium, f"Styrgruppsmöte {n}")
    MotionFactory(consortium=consortium, title=f"Gemensam ansökan {n}")
    project = ProjectFactory(
        consortium=consortium,
        owner=Municipality.objects.get(code="0160"),
        title=f"Språkvän {n}",
        starts_on=SOON,
        ends_on=SOON + timedelta(days=400),
    )
    ReportDeadline.objects.create(
        project=project, kind=ReportDeadline.Kind.INTERIM, due_on=SOON + timedelta(days=20)
    )


def test_every_higher_app_registers_its_entries() -> None:
    assert list(calendar.providers()) == [
        calendar.MEETING,
        calendar.MOTION,
        calendar.REPORT,
        calendar.PROJECT,
    ]


def test_the_list_holds_every_kind_a_coordinator_may_read(cast, calls) -> None:
    _dated(_norrort())
    _meeting(Consortium.objects.get(slug="etablering-sodertorn"), "Södertörns nätverksträff")

    page = client_for(cast.coordinator).get("/kalender/").content.decode()

    for text in (
        "Styrgruppsmöte 0",
        "Täby kommunhus, sal 3",
        "Röstningen stänger",
        "Gemensam ansökan 0",
        "Projektet startar",
        "Delrapport",
        "ESF+ programområde A2",
    ):
        assert text in page
    assert "Södertörns nätverksträff" not in page  # another consortium's meeting
    assert 'class="due due--' in page  # days left, the same way as everywhere


def test_a_calendar_never_shows_another_consortiums_meeting(cast) -> None:
    _meeting(_norrort(), "Norrorts styrgrupp")
    for month in (False, True):
        url = f"/kalender/?visa=manad&manad={SOON:%Y-%m}" if month else "/kalender/"
        page = client_for(cast.sodertorn_coordinator).get(url).content.decode()
        assert "Norrorts styrgrupp" not in page
    assert "Norrorts styrgrupp" in client_for(cast.viewer).get("/kalender/").content.decode()


def test_the_kind_filter_leaves_out_the_other_kinds(cast, calls) -> None:
    _dated(_norrort())

    response = client_for(cast.coordinator).get("/kalender/?typ=meeting&typ=report")

    kinds = {entry.kind for _, entries in response.context["months"] for entry in entries}
    assert kinds == {calendar.MEETING, calendar.REPORT}
    assert (
        'href="/kalender/?visa=manad&amp;typ=meeting&amp;typ=report"' in response.content.decode()
    )


def test_a_user_of_several_consortia_filters_by_one(cast) -> None:
    norrort, sodertorn = _norrort(), Consortium.objects.get(slug="etablering-sodertorn")
    RoleAssignmentFactory(user=cast.coordinator, role=Role.VIEWER, consortium=sodertorn)
    _meeting(norrort, "Norrorts styrgrupp")
    _meeting(sodertorn, "Södertörns nätverksträff")
    client = client_for(cast.coordinator)

    both = client.get("/kalender/").content.decode()
    only = client.get("/kalender/?samverkan=etablering-sodertorn").content.decode()

    assert "Norrorts styrgrupp" in both
    assert "Södertörns nätverksträff" in both
    assert 'name="samverkan"' in both
    assert "Södertörns nätverksträff" in only
    assert "Norrorts styrgrupp" not in only
    assert 'name="samverkan"' not in client_for(cast.viewer).get("/kalender/").content.decode()


def test_the_month_puts_each_entry_on_its_day_as_a_link_to_its_page(cast) -> None:
    meeting = _meeting(_norrort(), "Styrgruppsmöte i månaden")
    day = timezone.localtime(meeting.starts_at).date()

    page = client_for(cast.coordinator).get(f"/kalender/?visa=manad&manad={day:%Y-%m}")

    cell = page.content.decode().split(f'datetime="{day:%Y-%m-%d}"')[1].split("</td>")[0]
    assert f'href="/beslut/moten/{meeting.pk}/">Styrgruppsmöte i månaden</a>' in cell


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("url", ["/kalender/", f"/kalender/?visa=manad&manad={SOON:%Y-%m}"])
def test_the_calendar_reads_the_same_number_of_queries_as_data_grows(cast, calls, url) -> None:
    client = client_for(cast.coordinator)
    _dated(_norrort(), 0)
    few = _queries(client, url)
    for n in range(1, 6):
        _dated(_norrort(), n)

    many = _queries(client, url)

    assert many == few
    assert few <= 20


def test_a_users_feed_holds_a_meeting_with_place_and_link_and_a_report_deadline(
    client, cast
) -> None:
    _dated(_norrort())
    _meeting(Consortium.objects.get(slug="etablering-sodertorn"), "Södertörns nätverksträff")
    feed = calendar_feed_get_or_create(actor=cast.coordinator)

    response = client.get(f"/kalender/{feed.token}.ics")

    assert response["Content-Type"].startswith("text/calendar")
    events = {str(e["uid"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}
    meeting = Meeting.objects.get(title="Styrgruppsmöte 0")
    event = events[f"meeting-{meeting.pk}@navet"]
    assert str(event["summary"]) == "Styrgruppsmöte: Styrgruppsmöte 0"
    assert str(event["location"]) == "Täby kommunhus, sal 3"
    assert str(event["url"]) == "https://moten.example.se/styrgrupp"
    assert str(event["conference"]) == "https://moten.example.se/styrgrupp"
    assert event.decoded("dtstart") == meeting.starts_at
    assert event.decoded("dtend") == meeting.ends_at
    assert str(event["transp"]) == "OPAQUE"

    report = ReportDeadline.objects.get()
    event = events[f"report-{report.pk}@navet"]
    assert str(event["summary"]) == "Delrapport: Språkvän 0"
    assert event.decoded("dtstart") == report.due_on  # an all-day event
    assert event.decoded("dtend") == report.due_on + timedelta(days=1)
    assert isinstance(event.decoded("dtstart"), date)
    assert f"/projekt/{report.project_id}/uppfoljning/" in str(event["description"])

    assert any(uid.startswith("motion-") for uid in events)
    assert {uid for uid in events if uid.startswith("project-")} == {
        f"project-{report.project_id}-start@navet",
        f"project-{report.project_id}-end@navet",
    }
    assert "Södertörns nätverksträff" not in response.content.decode()


def test_a_municipalitys_feed_holds_no_consortiums_meetings(client, cast) -> None:
    _dated(_norrort())
    feed = calendar_feed_get_or_create(
        actor=cast.contact, municipality=Municipality.objects.get(code="0160")
    )

    body = client.get(f"/kalender/{feed.token}.ics").content

    assert Calendar.from_ical(body).walk("VEVENT") == []
