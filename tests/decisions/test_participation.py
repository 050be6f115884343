"""Participation per member over the last twelve months: the pure count, the low-attendance
mark, the page in constant queries and the API."""

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from navet.decisions import participation, services
from navet.decisions.models import Vote
from navet.decisions.participation import AttendanceRow, VoteRow
from tests.decisions.test_api import bearer


def test_the_count_and_the_low_attendance_mark() -> None:
    rows = participation.participation(
        ["a", "b", "c"],
        [
            AttendanceRow("a", "present"),
            AttendanceRow("a", "present"),
            AttendanceRow("b", "present"),
            AttendanceRow("b", "excused"),
            AttendanceRow("b", "absent"),
            AttendanceRow("x", "present"),
        ],
        [VoteRow("a", True), VoteRow("b", False)],
    )
    a, b, c = rows
    assert (a.meetings, a.present, a.rate_percent, a.low, a.votes_cast) == (2, 2, 100, False, 1)
    assert (b.meetings, b.absent, b.excused, b.rate_percent, b.low) == (3, 1, 1, 33, True)
    assert (c.meetings, c.rate, c.low) == (0, None, False)


def test_exactly_half_is_not_low() -> None:
    (row,) = participation.participation(
        ["a"], [AttendanceRow("a", "present"), AttendanceRow("a", "absent")], []
    )
    assert not row.low


def _held(cast, norrort, days_ago: int, present: set[int]):
    starts = timezone.now() - timedelta(days=days_ago)
    meeting = services.meeting_create(
        actor=cast.coordinator,
        consortium=norrort,
        kind="steering",
        title=f"Styrgrupp för {days_ago} dagar sedan",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )
    entries = {
        a.municipality_id: services.AttendanceEntry(
            "present" if a.municipality_id in present else "absent"
        )
        for a in meeting.attendance.all()
    }
    services.attendance_record(actor=cast.coordinator, meeting=meeting, entries=entries)
    return meeting


def test_the_page_shows_each_member_in_constant_queries(
    cast, norrort, sigtuna, taby, motion, django_assert_num_queries
) -> None:
    _held(cast, norrort, 30, {sigtuna.pk, taby.pk})
    _held(cast, norrort, 60, {sigtuna.pk})
    _held(cast, norrort, 400, set())  # older than a year: not counted
    Vote.objects.filter(motion=motion, municipality=sigtuna).update(
        choice="yes", cast_by=cast.steering, cast_as="representative"
    )
    client = Client()
    client.force_login(cast.viewer)
    with django_assert_num_queries(8):
        response = client.get(f"/beslut/deltagande/{norrort.slug}/")
    rows = {r.municipality.code: r.figures for r in response.context["rows"]}
    assert len(rows) == 15
    assert (rows["0191"].meetings, rows["0191"].present, rows["0191"].votes_cast) == (2, 2, 1)
    assert (rows["0160"].rate_percent, rows["0160"].low) == (50, False)
    assert rows["0184"].low
    _held(cast, norrort, 90, set())
    with django_assert_num_queries(8):
        client.get(f"/beslut/deltagande/{norrort.slug}/")


def test_another_consortium_cannot_see_the_participation(client, cast, norrort) -> None:
    page = Client()
    page.force_login(cast.sodertorn_coordinator)
    assert page.get(f"/beslut/deltagande/{norrort.slug}/").status_code == 404
    answer = client.get(
        f"/api/v1/consortia/{norrort.slug}/participation", **bearer(cast.sodertorn_coordinator)
    )
    assert answer.status_code == 404


def test_the_api_gives_the_participation(client, cast, norrort, sigtuna) -> None:
    _held(cast, norrort, 10, {sigtuna.pk})
    body = client.get(
        f"/api/v1/consortia/{norrort.slug}/participation", **bearer(cast.viewer)
    ).json()
    sigtuna_row = next(r for r in body if r["municipality"] == "0191")
    assert (sigtuna_row["attendance_percent"], sigtuna_row["low_attendance"]) == (100, False)
    assert next(r for r in body if r["municipality"] == "0160")["low_attendance"]
