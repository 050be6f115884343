"""A motion decided at a steering group meeting: the coordinator records the votes of the members
present as the minutes say, the motion's own quorum and majority count them, the motion closes
and a passed one records its project's steering decision; votes cast in the window are replaced
for the members present and cleared for the absent; every refusal leaves the motion open and its
votes as they were; the pages, the result and the extract say the decision was taken there."""

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.utils import timezone

from navet.core.errors import DomainError, PermissionDenied
from navet.core.tokens import api_token_create
from navet.decisions import services
from navet.decisions.models import Attendance, Meeting, Motion, Vote
from navet.organisations.models import Municipality
from tests import documents
from tests.factories import MotionFactory, ProjectFactory


def bearer(user) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user)}"}


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _codes(norrort) -> list[str]:
    return list(norrort.members.order_by("code").values_list("code", flat=True))


def attend(coordinator, meeting: Meeting, present: list[str]) -> None:
    """Record the attendance: the members with these codes present, the others absent."""
    entries = {
        row.municipality_id: services.AttendanceEntry(
            "present" if row.municipality.code in present else "absent"
        )
        for row in meeting.attendance.select_related("municipality")
    }
    services.attendance_record(actor=coordinator, meeting=meeting, entries=entries)


def choices(votes: dict[str, str]) -> dict[int, str]:
    ids = dict(Municipality.objects.filter(code__in=votes).values_list("code", "pk"))
    return {ids[code]: choice for code, choice in votes.items()}


@pytest.fixture
def project(norrort, sigtuna):
    return ProjectFactory(
        consortium=norrort,
        owner=sigtuna,
        title="Språkstöd i hela Norrort",
        scope="consortium",
        status="decision",
    )


@pytest.fixture
def on_agenda(cast, norrort, held, project) -> Motion:
    """An open motion on the project, on the agenda of the held meeting."""
    motion = MotionFactory(consortium=norrort, project=project, title="Ansöka om språkstöd")
    services.motion_put_on_agenda(actor=cast.coordinator, motion=motion, meeting=held)
    return motion


def test_the_votes_of_the_members_present_decide_and_the_project_gets_its_decision(
    cast, norrort, held, on_agenda, project
) -> None:
    codes = _codes(norrort)
    present = codes[:10]
    attend(cast.coordinator, held, present)
    votes = dict.fromkeys(present[:7], "yes") | dict.fromkeys(present[7:9], "no")
    votes[present[9]] = "abstain"

    closed = services.motion_decide_at_meeting(
        actor=cast.coordinator, motion=on_agenda, meeting=held, choices=choices(votes)
    )

    assert closed.status == Motion.Status.CLOSED
    assert closed.outcome == Motion.Outcome.PASSED
    assert closed.meeting_id == held.pk
    recorded = Vote.objects.filter(motion=closed).exclude(choice="")
    assert dict(recorded.values_list("municipality__code", "choice")) == votes
    assert set(recorded.values_list("cast_as", "cast_by", "meeting")) == {
        (Vote.CastAs.MEETING, cast.coordinator.pk, held.pk)
    }
    assert (closed.result["yes"], closed.result["no"], closed.result["abstain"]) == (7, 2, 1)
    assert closed.result["not_voted"] == 5  # the absent have no vote
    assert (
        sorted(r["municipality"] for r in closed.result["votes"] if not r["present"])
        == (codes[10:])
    )
    assert closed.result["meeting"] == {
        "id": held.pk,
        "title": held.title,
        "day": timezone.localdate(held.starts_at).isoformat(),
    }
    project.refresh_from_db()
    assert project.steering_decision_reference == closed.number
    assert project.steering_decision_on == timezone.localdate(held.starts_at)
    vote_entries = LogEntry.objects.filter(
        additional_data__motion=closed.pk, content_type__model="vote"
    ).exclude(action=LogEntry.Action.CREATE)
    assert vote_entries.count() == 10
    assert {entry.actor for entry in vote_entries} == {cast.coordinator}


def test_window_votes_are_corrected_for_the_present_and_cleared_for_the_absent(
    cast, norrort, held, on_agenda, sigtuna, taby, taby_steering
) -> None:
    services.vote_cast(actor=cast.steering, motion=on_agenda, municipality=sigtuna, choice="yes")
    services.vote_cast(actor=taby_steering, motion=on_agenda, municipality=taby, choice="yes")
    others = [c for c in _codes(norrort) if c not in ("0191", "0160")][:8]
    attend(cast.coordinator, held, ["0191", *others])  # Täby is absent

    closed = services.motion_decide_at_meeting(
        actor=cast.coordinator,
        motion=on_agenda,
        meeting=held,
        choices=choices({"0191": "no"} | dict.fromkeys(others, "yes")),
    )

    sigtuna_vote = closed.votes.get(municipality=sigtuna)
    assert (sigtuna_vote.choice, sigtuna_vote.cast_as) == ("no", Vote.CastAs.MEETING)
    taby_vote = closed.votes.get(municipality=taby)
    assert (taby_vote.choice, taby_vote.cast_by, taby_vote.meeting) == ("", None, None)
    changes = LogEntry.objects.get_for_object(taby_vote).exclude(action=LogEntry.Action.CREATE)
    assert [entry.actor for entry in changes.order_by("timestamp")] == [
        taby_steering,
        cast.coordinator,
    ]  # the window's vote stays in the history


@pytest.mark.parametrize(
    ("present", "voting", "message"),
    [
        (7, 7, "Mötet är inte beslutfört"),  # 7 of 15 present, the quorum needs 8
        (9, 7, "Bara 7 av de närvarande medlemmarna röstade"),
    ],
)
def test_too_few_present_or_voting_is_refused_and_nothing_changes(
    cast, norrort, held, on_agenda, present, voting, message
) -> None:
    codes = _codes(norrort)
    attend(cast.coordinator, held, codes[:present])
    with pytest.raises(DomainError, match=message):
        services.motion_decide_at_meeting(
            actor=cast.coordinator,
            motion=on_agenda,
            meeting=held,
            choices=choices(dict.fromkeys(codes[:voting], "yes")),
        )
    on_agenda.refresh_from_db()
    assert on_agenda.status == Motion.Status.OPEN
    assert not on_agenda.votes.exclude(choice="").exists()


def test_an_absent_member_gets_no_vote_at_the_meeting(cast, norrort, held, on_agenda) -> None:
    codes = _codes(norrort)
    attend(cast.coordinator, held, codes[:10])
    with pytest.raises(DomainError, match="Bara de närvarande medlemmarna röstar"):
        services.motion_decide_at_meeting(
            actor=cast.coordinator,
            motion=on_agenda,
            meeting=held,
            choices=choices(dict.fromkeys(codes[:11], "yes")),
        )
    assert not on_agenda.votes.exclude(choice="").exists()


def test_only_a_held_steering_meeting_with_the_motion_on_its_agenda_decides(
    cast, norrort, held, on_agenda
) -> None:
    codes = _codes(norrort)
    everyone = choices(dict.fromkeys(codes, "yes"))
    with pytest.raises(DomainError, match="närvaro först"):
        services.motion_decide_at_meeting(
            actor=cast.coordinator, motion=on_agenda, meeting=held, choices=everyone
        )
    attend(cast.coordinator, held, codes)
    elsewhere = MotionFactory(consortium=norrort)
    with pytest.raises(DomainError, match="står inte på mötets dagordning"):
        services.motion_decide_at_meeting(
            actor=cast.coordinator, motion=elsewhere, meeting=held, choices=everyone
        )
    Meeting.objects.filter(pk=held.pk).update(kind=Meeting.Kind.NETWORK)
    held.refresh_from_db()
    with pytest.raises(DomainError, match="Bara ett styrgruppsmöte"):
        services.motion_decide_at_meeting(
            actor=cast.coordinator, motion=on_agenda, meeting=held, choices=everyone
        )
    assert Motion.objects.filter(status=Motion.Status.OPEN).count() == 2


def test_a_decided_motion_is_not_decided_again_and_stays_with_its_meeting(
    cast, norrort, held, on_agenda
) -> None:
    codes = _codes(norrort)
    attend(cast.coordinator, held, codes)
    everyone = choices(dict.fromkeys(codes, "yes"))
    services.motion_decide_at_meeting(
        actor=cast.coordinator, motion=on_agenda, meeting=held, choices=everyone
    )
    with pytest.raises(DomainError, match="redan avgjort"):
        services.motion_decide_at_meeting(
            actor=cast.coordinator, motion=on_agenda, meeting=held, choices=everyone
        )
    with pytest.raises(DomainError, match="avgjordes på mötet"):
        services.meeting_update(actor=cast.coordinator, meeting=held, motions=[])
    on_agenda.refresh_from_db()
    assert on_agenda.meeting_id == held.pk


@pytest.mark.parametrize("who", ["steering", "contact", "sodertorn_coordinator"])
def test_only_the_consortium_s_coordinator_records_the_decision(
    cast, norrort, held, on_agenda, who
) -> None:
    codes = _codes(norrort)
    attend(cast.coordinator, held, codes)
    with pytest.raises(PermissionDenied):
        services.motion_decide_at_meeting(
            actor=getattr(cast, who),
            motion=on_agenda,
            meeting=held,
            choices=choices(dict.fromkeys(codes, "yes")),
        )
    on_agenda.refresh_from_db()
    assert on_agenda.status == Motion.Status.OPEN
    assert not on_agenda.votes.exclude(choice="").exists()


def test_the_page_is_refused_to_others_and_hidden_from_other_consortia(
    cast, norrort, held, on_agenda
) -> None:
    url = f"/beslut/moten/{held.pk}/beslut/{on_agenda.pk}/"
    assert client_for(cast.steering).get(url).status_code == 403
    assert client_for(cast.contact).post(url, {}).status_code == 403
    assert client_for(cast.sodertorn_coordinator).get(url).status_code == 404
    on_agenda.refresh_from_db()
    assert on_agenda.status == Motion.Status.OPEN


def test_the_coordinator_records_the_decision_on_the_page(
    cast, norrort, held, on_agenda, sigtuna, django_assert_max_num_queries
) -> None:
    codes = ["0191", *[c for c in _codes(norrort) if c != "0191"][:7]]
    attend(cast.coordinator, held, codes)
    services.vote_cast(actor=cast.steering, motion=on_agenda, municipality=sigtuna, choice="no")
    client = client_for(cast.coordinator)

    meeting_page = client.get(f"/beslut/moten/{held.pk}/").content.decode()
    url = f"/beslut/moten/{held.pk}/beslut/{on_agenda.pk}/"
    assert f'href="{url}"' in meeting_page
    assert f'href="{url}"' in client.get(f"/beslut/{on_agenda.pk}/").content.decode()
    with django_assert_max_num_queries(20):
        page = client.get(url)
    html = page.content.decode()
    assert html.count('class="field attendance-row"') == 8
    assert "Röstade i Navet: Nej" in html  # Sigtuna, present, voted in the window

    ids = dict(Municipality.objects.values_list("code", "pk"))
    typed = {f"vote_{ids[code]}": "yes" for code in codes[:7]}
    refused = client.post(url, typed)
    assert refused.status_code == 200
    assert "Bara 7 av de närvarande medlemmarna röstade" in refused.content.decode()
    assert f'name="vote_{ids[codes[0]]}" value="yes" id="id_vote_{ids[codes[0]]}_0" checked' in (
        refused.content.decode()
    )
    on_agenda.refresh_from_db()
    assert on_agenda.status == Motion.Status.OPEN

    typed[f"vote_{ids[codes[7]]}"] = "abstain"
    done = client.post(url, typed)
    assert done["Location"] == f"/beslut/{on_agenda.pk}/"
    shown = client.get(f"/beslut/{on_agenda.pk}/").content.decode()
    assert "Avgjort på" in shown
    assert "(registrerad på mötet)" in shown
    assert shown.count("Inte närvarande") == 7  # the seven members absent
    text = documents.pdf_text(
        client.get(f"/beslut/{on_agenda.pk}/protokollsutdrag.pdf").content,
        header="Koordination Norrort",
    )
    assert "Beslutet fattades på mötet med de närvarande medlemmarnas röster." in text
    assert held.title in text
    assert "Inte närvarande" in text


def test_attendance_alone_leaves_the_votes_alone(cast, norrort, held, on_agenda) -> None:
    attend(cast.coordinator, held, _codes(norrort))
    assert Attendance.objects.filter(meeting=held, status="present").count() == 15
    assert on_agenda.votes.exclude(choice="").count() == 0


def test_the_api_decides_at_the_meeting_as_the_page_does(
    client, cast, norrort, held, on_agenda, project
) -> None:
    codes = _codes(norrort)
    attend(cast.coordinator, held, codes[:9])
    url = f"/api/v1/meetings/{held.pk}/motions/{on_agenda.pk}/decision"
    few = {"votes": dict.fromkeys(codes[:6], "yes")}
    for who in (cast.steering, cast.contact):
        refused = client.post(url, few, content_type="application/json", **bearer(who))
        assert refused.status_code == 403
    hidden = client.post(
        url, few, content_type="application/json", **bearer(cast.sodertorn_coordinator)
    )
    assert hidden.status_code == 404
    too_few = client.post(url, few, content_type="application/json", **bearer(cast.coordinator))
    assert too_few.status_code == 400
    assert "minst 8 röster" in too_few.json()["detail"]
    votes = dict.fromkeys(codes[:8], "yes") | {codes[8]: "no"}
    decided = client.post(
        url, {"votes": votes}, content_type="application/json", **bearer(cast.coordinator)
    ).json()
    assert decided["status"] == "closed"
    assert decided["result"]["outcome"] == "passed"
    cast_as = {v["municipality"]: v["cast_as"] for v in decided["votes"] if v["choice"]}
    assert cast_as == dict.fromkeys(codes[:9], "meeting")
    project.refresh_from_db()
    assert project.steering_decision_reference == on_agenda.number
