"""Each role's home is a to-do list: counted, the most urgent first, every line a link."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from navet.calls.models import ImportRun, Source
from navet.core.templatetags.navet import due
from navet.dashboard.todo import Group, Todo, ordered
from navet.decisions.models import Meeting
from navet.followup.models import ReportDeadline
from navet.organisations.models import Consortium, Municipality
from navet.projects.models import Project
from navet.risks.models import Risk
from tests.factories import EndorsementFactory, MotionFactory, NeedFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def test_groups_with_nothing_to_do_are_left_out_and_the_soonest_comes_first() -> None:
    today = date(2026, 12, 7)
    later = Group("a", "Later", [Todo("x", "/x", today + timedelta(days=20))])
    empty = Group("b", "Empty")
    undated = Group("c", "Undated", [Todo("y", "/y")])
    soon = Group(
        "d", "Soon", [Todo("z2", "/z", today + timedelta(days=9)), Todo("z1", "/z", today)]
    )
    groups = ordered([later, empty, undated, soon])
    assert [g.key for g in groups] == ["d", "a", "c"]
    assert [item.text for item in groups[0].items] == ["z1", "z2"]


def test_days_left_read_the_same_everywhere_in_words_and_colour() -> None:
    today = date(2026, 12, 7)
    assert "i dag, brådskande" in due(today, today)
    assert "due--urgent" in due(today, today)
    assert "om 2 dagar, brådskande" in due(today + timedelta(days=2), today)
    assert "om 1 dag<" not in due(today + timedelta(days=1), today)
    assert "om 1 dag, brådskande" in due(today + timedelta(days=1), today)
    assert "om 5 dagar" in due(today + timedelta(days=5), today)
    assert "due--soon" in due(today + timedelta(days=5), today)
    assert "3 dagar försenad" in due(today - timedelta(days=3), today)
    assert "due--overdue" in due(today - timedelta(days=3), today)


@pytest.fixture
def work(cast) -> dict[str, object]:
    """Koordination Norrort with a vote closing, a meeting, a report due and an overdue risk."""
    norrort = Consortium.objects.get(slug="koordination-norrort")
    taby = Municipality.objects.get(code="0160")
    now = timezone.now()
    motion = MotionFactory(consortium=norrort, closes_at=now + timedelta(days=2))
    meeting = Meeting.objects.create(
        consortium=norrort,
        title="Styrgruppsmöte december",
        starts_at=now + timedelta(days=5),
        ends_at=now + timedelta(days=5, hours=2),
        place="Täby kommunhus",
    )
    running = ProjectFactory(
        consortium=norrort, owner=taby, title="Språkstöd i förskolan", status=Project.Status.RUNNING
    )
    report = ReportDeadline.objects.create(
        project=running,
        kind=ReportDeadline.Kind.FINAL,
        due_on=now.date() + timedelta(days=20),
    )
    risk = Risk.objects.create(
        consortium=norrort,
        title="Projektledaren slutar",
        likelihood=Risk.Likelihood.HIGH,
        consequence=Risk.Consequence.SERIOUS,
        review_on=now.date() - timedelta(days=3),
    )
    return {"motion": motion, "meeting": meeting, "report": report, "risk": risk}


def test_the_coordinators_home_lists_the_work_with_links(client, cast, work) -> None:
    client.force_login(cast.coordinator)
    page = client.get(reverse("dashboard")).content.decode()
    motion = work["motion"]
    assert reverse("decisions:motion-detail", args=[motion.pk]) in page
    assert "har inte röstat:" in page
    assert reverse("decisions:meeting-detail", args=[work["meeting"].pk]) in page
    assert "Slutrapport: Språkstöd i förskolan" in page
    assert reverse("risks:risk-detail", args=[work["risk"].pk]) in page
    assert "Projektledaren slutar" in page
    # Koordination Norrort's members have no representative but Sigtuna.
    assert "Medlemmar utan styrgruppsrepresentant" in page
    assert reverse("decisions:deputies", args=["koordination-norrort"]) in page
    # The vote closes first, so its group comes first.
    assert page.index("Omröstningar som stänger") < page.index("Möten de kommande")
    assert page.index("Möten de kommande") < page.index("Rapporter till finansiärer")


def test_nobody_else_gets_the_coordinators_list(client, cast, work) -> None:
    for user in (cast.viewer, cast.contact, cast.sodertorn_coordinator):
        client.force_login(user)
        page = client.get(reverse("dashboard")).content.decode()
        assert "Projektledaren slutar" not in page
        assert reverse("decisions:deputies", args=["koordination-norrort"]) not in page


def test_the_coordinator_sees_which_members_lack_a_steering_representative(client, cast) -> None:
    client.force_login(cast.coordinator)
    page = client.get(reverse("dashboard")).content.decode()
    gaps = page.split("Medlemmar utan styrgruppsrepresentant (1)")[1].split("</a>")[0]
    assert "Danderyd" in gaps
    assert "Sigtuna" not in gaps  # represented by the steering representative of the cast


def _more_work() -> None:
    norrort = Consortium.objects.get(slug="koordination-norrort")
    now = timezone.now()
    for n in range(3):
        MotionFactory(consortium=norrort, closes_at=now + timedelta(days=1 + n))
        Meeting.objects.create(
            consortium=norrort,
            title=f"Nätverksträff {n}",
            starts_at=now + timedelta(days=3 + n),
            ends_at=now + timedelta(days=3 + n, hours=1),
        )
        project = ProjectFactory(consortium=norrort, status=Project.Status.RUNNING)
        ReportDeadline.objects.create(
            project=project, kind=ReportDeadline.Kind.INTERIM, due_on=now.date()
        )
        Risk.objects.create(
            project=project,
            title=f"Risk {n}",
            likelihood=Risk.Likelihood.LOW,
            consequence=Risk.Consequence.SERIOUS,
            review_on=now.date() - timedelta(days=1),
        )


@pytest.mark.parametrize("role", ["coordinator", "steering", "contact", "viewer"])
def test_every_roles_home_reads_a_bounded_number_of_queries(client, cast, work, role) -> None:
    client.force_login(getattr(cast, role))
    client.get(reverse("dashboard"))
    with CaptureQueriesContext(connection) as before:
        client.get(reverse("dashboard"))
    _more_work()
    with CaptureQueriesContext(connection) as after:
        page = client.get(reverse("dashboard")).content.decode()
    assert len(before) <= 30
    assert len(after) == len(before), [q["sql"] for q in after.captured_queries]
    if role == "coordinator":
        assert "Nätverksträff 2" in page


def test_the_representative_sees_its_vote_the_next_meeting_and_what_was_decided(
    client, cast, work
) -> None:
    norrort = Consortium.objects.get(slug="koordination-norrort")
    decided = MotionFactory(
        consortium=norrort,
        title="Ansökan om § 37-medel för språkstöd",
        status="closed",
        outcome="passed",
        closed_at=timezone.now() - timedelta(days=10),
    )
    client.force_login(cast.steering)
    page = client.get(reverse("dashboard")).content.decode()
    assert "Omröstningar som väntar på dig (1)" in page
    assert "du röstar för Sigtuna" in page
    assert reverse("decisions:motion-detail", args=[work["motion"].pk]) in page
    assert "Nästa möte (1)" in page
    assert "Styrgruppsmöte december" in page
    assert reverse("decisions:motion-detail", args=[decided.pk]) in page
    assert "Projektledaren slutar" not in page  # the coordinator's work, not the representative's


def test_a_representative_who_voted_has_no_vote_waiting(client, cast, work) -> None:
    work["motion"].votes.filter(municipality__code="0191").update(
        choice="yes", cast_by=cast.steering, cast_as="representative", cast_at=timezone.now()
    )
    client.force_login(cast.steering)
    page = client.get(reverse("dashboard")).content.decode()
    assert "Omröstningar som väntar på dig" not in page


def test_the_contact_sees_its_municipalitys_work(client, cast, work) -> None:
    taby = Municipality.objects.get(code="0160")
    solna = Municipality.objects.get(code="0184")
    need = NeedFactory(municipality=taby, title="Studiebesök för nyanlända föräldrar")
    EndorsementFactory(need=need, municipality=solna)
    client.force_login(cast.contact)
    page = client.get(reverse("dashboard")).content.decode()
    assert "Solna har också detta behov" in page
    assert reverse("needs:need-detail", args=[need.pk]) in page
    # Täby's running project has no expenditure this quarter.
    assert "Utfall att föra in detta kvartal (1)" in page
    assert reverse("followup:budget", args=[work["report"].project_id]) in page
    client.force_login(cast.solna_contact)
    page = client.get(reverse("dashboard")).content.decode()
    assert "Solna har också detta behov" not in page
    assert "Utfall att föra in" not in page


def test_a_changed_funders_page_waits_on_the_coordinators_list_once(client, cast) -> None:
    source = Source.objects.create(
        name="Länsstyrelsen Stockholm: § 37", url="https://www.lansstyrelsen.se/", format="page"
    )
    run = ImportRun.objects.create(source=source, page_changes=["Ny utlysning öppnar i mars"])
    client.force_login(cast.coordinator)
    page = client.get(reverse("dashboard")).content.decode()
    assert "Ändrade sidor hos finansiärer att granska (1)" in page
    assert page.count(reverse("calls:run-detail", args=[run.pk])) == 1
    client.force_login(cast.contact)
    assert "att granska" not in client.get(reverse("dashboard")).content.decode()
