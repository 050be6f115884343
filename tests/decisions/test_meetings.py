"""Meetings: planned with every member invited, changed (the invitation's sequence follows the
calendar fields), attendance recorded; links to motions and needs; the pages in a bounded number
of queries, and a refusal for every write."""

from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.utils import timezone

from navet.core.errors import DomainError, PermissionDenied
from navet.decisions import services
from navet.decisions.models import Attendance, Meeting
from tests.factories import MotionFactory, NeedFactory


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_every_member_is_invited_and_the_agenda_is_kept_in_order(meeting) -> None:
    assert meeting.attendance.count() == 15
    assert set(meeting.attendance.values_list("status", flat=True)) == {""}
    assert [i.title for i in meeting.agenda.all()] == [
        "Mötets öppnande",
        "Behov från nätverksträffen",
        "Övriga frågor",
    ]
    assert LogEntry.objects.get_for_object(meeting).get().actor.username == "samordnare"


def test_an_agenda_line_with_a_registration_number_treats_that_motion(
    cast, norrort, meeting
) -> None:
    motion = MotionFactory(consortium=norrort, number="2026/042")
    services.meeting_update(
        actor=cast.coordinator,
        meeting=meeting,
        agenda=["Mötets öppnande", "2026/042 Ansökan om § 37-medel"],
        motions=[motion],
    )
    items = list(meeting.agenda.all())
    assert [(i.position, i.motion_id) for i in items] == [(1, None), (2, motion.pk)]
    motion.refresh_from_db()
    assert motion.meeting_id == meeting.pk
    services.meeting_update(actor=cast.coordinator, meeting=meeting, motions=[])
    motion.refresh_from_db()
    assert motion.meeting_id is None


def test_changing_time_or_place_raises_the_sequence_but_the_minutes_do_not(cast, meeting) -> None:
    changed = services.meeting_update(actor=cast.coordinator, meeting=meeting, minutes="Protokoll")
    assert changed.sequence == 0
    changed = services.meeting_update(actor=cast.coordinator, meeting=meeting, place="Täby")
    assert changed.sequence == 1


def test_a_meeting_must_end_after_it_starts(cast, norrort) -> None:
    starts = timezone.now()
    with pytest.raises(DomainError):
        services.meeting_create(
            actor=cast.coordinator,
            consortium=norrort,
            kind="network",
            title="Nätverksträff",
            starts_at=starts,
            ends_at=starts - timedelta(hours=1),
        )
    assert not Meeting.objects.exists()


def test_links_must_stay_in_the_consortium(cast, meeting, county) -> None:
    from navet.organisations.models import Municipality

    with pytest.raises(DomainError):
        services.meeting_update(
            actor=cast.coordinator,
            meeting=meeting,
            needs=[NeedFactory(municipality=Municipality.objects.get(code="0180"))],
        )
    other = MotionFactory()
    with pytest.raises(DomainError):
        services.meeting_update(actor=cast.coordinator, meeting=meeting, motions=[other])


def test_attendance_is_recorded_and_the_meeting_is_held(cast, held, sigtuna, taby) -> None:
    services.attendance_record(
        actor=cast.coordinator,
        meeting=held,
        entries={
            sigtuna.pk: services.AttendanceEntry("present", "Anna Andersson"),
            taby.pk: services.AttendanceEntry("excused"),
        },
    )
    held.refresh_from_db()
    assert held.status == Meeting.Status.HELD
    row = Attendance.objects.get(meeting=held, municipality=sigtuna)
    assert (row.status, row.attended_by) == ("present", "Anna Andersson")
    assert Attendance.objects.get(meeting=held, municipality=taby).status == "excused"


def test_attendance_before_the_meeting_is_refused(cast, meeting, sigtuna) -> None:
    with pytest.raises(DomainError, match="närvaro|attendance|Mötet|meeting"):
        services.attendance_record(
            actor=cast.coordinator,
            meeting=meeting,
            entries={sigtuna.pk: services.AttendanceEntry("present")},
        )
    assert meeting.status == Meeting.Status.PLANNED


def test_a_municipality_not_invited_cannot_attend(cast, held, county) -> None:
    from navet.organisations.models import Municipality

    stranger = Municipality.objects.get(code="0180")
    with pytest.raises(DomainError):
        services.attendance_record(
            actor=cast.coordinator,
            meeting=held,
            entries={stranger.pk: services.AttendanceEntry("present")},
        )


@pytest.mark.parametrize("who", ["steering", "contact", "viewer", "admin", "sodertorn_coordinator"])
def test_only_the_consortiums_coordinators_write(cast, norrort, meeting, held, sigtuna, who):
    actor = getattr(cast, who)
    starts = timezone.now()
    with pytest.raises(PermissionDenied):
        services.meeting_create(
            actor=actor,
            consortium=norrort,
            kind="network",
            title="x",
            starts_at=starts,
            ends_at=starts + timedelta(hours=1),
        )
    with pytest.raises(PermissionDenied):
        services.meeting_update(actor=actor, meeting=meeting, title="x")
    with pytest.raises(PermissionDenied):
        services.attendance_record(
            actor=actor, meeting=held, entries={sigtuna.pk: services.AttendanceEntry("present")}
        )
    with pytest.raises(PermissionDenied):
        services.meeting_invite(actor=actor, meeting=meeting)


def test_the_pages_in_constant_queries(cast, norrort, meeting, django_assert_num_queries) -> None:
    client = client_for(cast.viewer)
    with django_assert_num_queries(7):
        response = client.get("/beslut/moten/")
    assert "Styrgruppsmöte december" in response.text
    services.meeting_create(
        actor=cast.coordinator,
        consortium=norrort,
        kind="workshop",
        title="Workshop",
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
    )
    with django_assert_num_queries(7):
        client.get("/beslut/moten/")
    services.meeting_update(
        actor=cast.coordinator,
        meeting=meeting,
        needs=[NeedFactory(municipality=meeting.attendance.first().municipality)],
    )
    with django_assert_num_queries(10):
        response = client.get(f"/beslut/moten/{meeting.pk}/")
    assert "Sollentuna kommunhus" in response.text
    assert "Mötets öppnande" in response.text
    assert "Skicka kallelse" not in response.text


def test_coming_meetings_are_all_shown_and_earlier_ones_paged_newest_first(
    cast, norrort, meeting
) -> None:
    long_ago = timezone.now() - timedelta(days=400)
    Meeting.objects.bulk_create(
        Meeting(
            consortium=norrort,
            kind="network",
            title=f"Nätverksträff {n:02}",
            starts_at=long_ago + timedelta(days=n),
            ends_at=long_ago + timedelta(days=n, hours=2),
        )
        for n in range(55)
    )
    client = client_for(cast.viewer)
    first, second = client.get("/beslut/moten/"), client.get("/beslut/moten/?sida=2")
    assert [m.title for m in first.context["upcoming"]] == ["Styrgruppsmöte december"]
    past = [m.title for m in first.context["page"]] + [m.title for m in second.context["page"]]
    assert past == [f"Nätverksträff {n:02}" for n in reversed(range(55))]
    assert 'href="?sida=1#past"' in second.text


def test_another_consortium_does_not_see_the_meeting(cast, meeting) -> None:
    client = client_for(cast.sodertorn_coordinator)
    assert client.get(f"/beslut/moten/{meeting.pk}/").status_code == 404
    assert list(client.get("/beslut/moten/").context["upcoming"]) == []
    assert client.get(f"/beslut/moten/{meeting.pk}/kallelse.ics").status_code == 404


def test_the_coordinator_plans_a_meeting_on_the_page(cast, norrort) -> None:
    client = client_for(cast.coordinator)
    starts = timezone.localtime() + timedelta(days=3)
    response = client.post(
        "/beslut/moten/nytt/",
        {
            "consortium": norrort.pk,
            "kind": "network",
            "title": "Nätverksträff integration",
            "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (starts + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
            "place": "Sigtuna",
            "agenda": "Välkomna\nBehovsinventering",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert meeting.kind == "network"
    assert meeting.agenda.count() == 2


def test_the_coordinator_records_attendance_on_the_page(cast, held, sigtuna, taby) -> None:
    client = client_for(cast.coordinator)
    page = client.get(f"/beslut/moten/{held.pk}/narvaro/")
    assert "Anmält förhinder" in page.text
    response = client.post(
        f"/beslut/moten/{held.pk}/narvaro/",
        {
            f"status_{sigtuna.pk}": "present",
            f"by_{sigtuna.pk}": "Anna",
            f"status_{taby.pk}": "absent",
        },
    )
    assert response.status_code == 302
    assert Attendance.objects.get(meeting=held, municipality=taby).status == "absent"


@pytest.mark.parametrize("who", ["steering", "contact", "viewer", "sodertorn_coordinator"])
def test_others_cannot_write_on_the_pages(cast, meeting, held, sigtuna, who) -> None:
    client = client_for(getattr(cast, who))
    expected = 404 if who == "sodertorn_coordinator" else 403
    if expected == 403:
        assert client.get("/beslut/moten/nytt/").status_code == 403
    assert client.get(f"/beslut/moten/{meeting.pk}/andra/").status_code == expected
    assert (
        client.post(
            f"/beslut/moten/{held.pk}/narvaro/", {f"status_{sigtuna.pk}": "present"}
        ).status_code
        == expected
    )
    assert client.post(f"/beslut/moten/{meeting.pk}/kallelse/").status_code == expected
    assert Attendance.objects.get(meeting=held, municipality=sigtuna).status == ""


def test_the_need_page_shows_the_meetings_where_it_was_raised(cast, meeting, sigtuna) -> None:
    need = NeedFactory(municipality=sigtuna)
    services.meeting_update(actor=cast.coordinator, meeting=meeting, needs=[need])
    client = client_for(cast.viewer)
    assert f"/beslut/moten/behov/{need.pk}/" in client.get(f"/behov/{need.pk}/").text
    fragment = client.get(f"/beslut/moten/behov/{need.pk}/", headers={"HX-Request": "true"})
    assert "Styrgruppsmöte december" in fragment.text
    assert "<html" not in fragment.text
    assert f"/behov/{need.pk}/" in client.get(f"/beslut/moten/{meeting.pk}/").text


def test_the_api_lists_and_reads_meetings(client, cast, held, sigtuna) -> None:
    from tests.decisions.test_api import bearer

    services.attendance_record(
        actor=cast.coordinator,
        meeting=held,
        entries={sigtuna.pk: services.AttendanceEntry("present", "Anna")},
    )
    listing = client.get("/api/v1/meetings", **bearer(cast.viewer)).json()["items"]
    assert [m["title"] for m in listing] == ["Styrgruppsmöte november"]
    body = client.get(f"/api/v1/meetings/{held.pk}", **bearer(cast.viewer)).json()
    assert body["status"] == "held"
    assert len(body["attendance"]) == 15
    assert {
        "municipality": "0191",
        "municipality_name": "Sigtuna",
        "status": "present",
        "attended_by": "Anna",
    } in body["attendance"]
    assert (
        client.get(f"/api/v1/meetings/{held.pk}", **bearer(cast.sodertorn_coordinator)).status_code
        == 404
    )
