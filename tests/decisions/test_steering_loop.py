"""The steering loop closes: before a vote is called the coordinator sees who cannot vote and
whether the quorum can be met; "close the voting" is offered only when the voting can close."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from navet.core.models import Notification
from navet.decisions import services
from navet.decisions.models import Meeting, Motion
from navet.organisations.models import Consortium, Municipality, Role
from navet.projects.models import Project
from tests.factories import (
    CallFactory,
    MotionFactory,
    ProjectFactory,
    RoleAssignmentFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def motion(cast) -> Motion:
    return MotionFactory(consortium=Consortium.objects.get(slug="koordination-norrort"))


def _page(client, cast, motion: Motion) -> str:
    client.force_login(cast.coordinator)
    return client.get(reverse("decisions:motion-detail", args=[motion.pk])).content.decode()


def test_an_open_vote_that_members_still_wait_on_cannot_be_closed(client, cast, motion) -> None:
    page = _page(client, cast, motion)
    assert reverse("decisions:motion-close", args=[motion.pk]) not in page
    assert "Omröstningen kan stängas när alla medlemmar har röstat, eller efter" in page


def test_a_vote_every_member_has_cast_can_be_closed(client, cast, motion) -> None:
    motion.votes.update(
        choice="yes", cast_by=cast.steering, cast_as="representative", cast_at=timezone.now()
    )
    page = _page(client, cast, motion)
    assert reverse("decisions:motion-close", args=[motion.pk]) in page


def test_a_vote_whose_window_has_passed_can_be_closed(client, cast, motion) -> None:
    Motion.objects.filter(pk=motion.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    page = _page(client, cast, motion)
    assert reverse("decisions:motion-close", args=[motion.pk]) in page


def test_before_a_vote_is_called_the_coordinator_sees_who_cannot_vote(client, cast) -> None:
    client.force_login(cast.coordinator)
    page = client.get(reverse("decisions:motion-create")).content.decode()
    # Only Sigtuna has a representative in Koordination Norrort.
    assert "1 av 15 medlemmar i Koordination Norrort har en representant som kan rösta." in page
    assert "Danderyd" in page.split("Utan representant:")[1].split("</p>")[0]
    assert "kan inte nås: för få medlemmar har en representant" in page
    assert reverse("decisions:deputies", args=["koordination-norrort"]) in page


def test_with_most_members_seated_the_quorum_can_be_reached(client, cast) -> None:
    norrort = Consortium.objects.get(slug="koordination-norrort")
    for municipality in norrort.members.exclude(code="0191")[:8]:
        RoleAssignmentFactory(role=Role.STEERING, consortium=norrort, municipality=municipality)
    client.force_login(cast.coordinator)
    page = client.get(reverse("decisions:motion-create")).content.decode()
    assert "9 av 15 medlemmar" in page
    assert "hälften av medlemmarna (8 röster), kan nås." in page


def test_taking_a_project_to_the_steering_group_prefills_the_motion_and_the_agenda(
    client, cast
) -> None:
    norrort = Consortium.objects.get(slug="koordination-norrort")
    project = ProjectFactory(
        consortium=norrort,
        owner=Municipality.objects.get(code="0184"),
        participants=list(norrort.members.all()),
        title="Traumamedveten personal",
        requested_sek=1_800_000,
    )
    now = timezone.now()
    network = Meeting.objects.create(
        consortium=norrort,
        kind=Meeting.Kind.NETWORK,
        title="Nätverksträff",
        starts_at=now + timedelta(days=3),
        ends_at=now + timedelta(days=3, hours=1),
    )
    steering = Meeting.objects.create(
        consortium=norrort,
        title="Styrgruppsmöte",
        starts_at=now + timedelta(days=10),
        ends_at=now + timedelta(days=10, hours=2),
    )
    client.force_login(cast.coordinator)
    url = reverse("decisions:motion-create") + f"?projekt={project.pk}"
    form = client.get(url).context["form"]
    assert form.initial["title"] == "Ansöka om medel: Traumamedveten personal"
    assert form.initial["proposal"].startswith("Att Solna som projektägare söker medel")
    assert "Sökt belopp: 1\xa0800\xa0000\xa0kr." in form.initial["background"]
    assert f"/projekt/{project.pk}/" in form.initial["background"]
    assert form.initial["meeting"] == steering  # the next steering group meeting, not any meeting
    assert network in form.fields["meeting"].queryset
    closes = (now + timedelta(days=7)).astimezone(timezone.get_current_timezone())
    answer = client.post(
        url,
        {
            "consortium": norrort.pk,
            "title": form.initial["title"],
            "proposal": form.initial["proposal"],
            "background": form.initial["background"],
            "project": project.pk,
            "closes_at": closes.strftime("%Y-%m-%dT%H:%M"),
            "quorum_percent": 50,
            "majority": "simple",
            "base": "cast",
            "tie": "fails",
            "meeting": steering.pk,
        },
    )
    motion = Motion.objects.get(project=project)
    assert answer.status_code == 302
    assert motion.meeting == steering
    assert list(steering.agenda.values_list("title", "motion")) == [
        (f"{motion.number} {motion.title}", motion.pk)
    ]


@pytest.fixture
def joint(cast) -> Project:
    """A project of the whole of Koordination Norrort waiting for the steering group."""
    norrort = Consortium.objects.get(slug="koordination-norrort")
    return ProjectFactory(
        consortium=norrort,
        owner=Municipality.objects.get(code="0160"),
        participants=list(norrort.members.all()),
        status=Project.Status.DECISION,
        scope=Project.Scope.CONSORTIUM,
    )


def test_the_project_page_leads_to_the_steering_group_instead_of_a_manual_box(
    client, cast, joint
) -> None:
    client.force_login(cast.coordinator)
    page = client.get(reverse("projects:project-detail", args=[joint.pk])).content.decode()
    steering = reverse("decisions:project-steering", args=[joint.pk])
    assert steering in page
    assert "tills beslutsärenden" not in page  # the outdated sentence of the manual box is gone
    # Early, the section offers the motion; at *decision* with its call the page's next step
    # does, and the section does not offer it twice.
    joint.status = Project.Status.NEEDS_ANALYSIS
    joint.save(update_fields=["status"])
    panel = client.get(steering, headers={"HX-Request": "true"}).content.decode()
    assert "Ta upp i styrgruppen" in panel
    assert f"{reverse('decisions:motion-create')}?projekt={joint.pk}" in panel
    joint.status, joint.call = Project.Status.DECISION, CallFactory()
    joint.save(update_fields=["status", "call"])
    page = client.get(reverse("projects:project-detail", args=[joint.pk])).content.decode()
    assert f"{reverse('decisions:motion-create')}?projekt={joint.pk}" in page
    panel = client.get(steering, headers={"HX-Request": "true"}).content.decode()
    assert "Ta upp i styrgruppen" not in panel
    assert "Ta upp i styrgruppen" in client.get(steering).content.decode()
    client.force_login(cast.contact)
    panel = client.get(steering, headers={"HX-Request": "true"}).content.decode()
    assert "genom omröstning" in panel
    assert "Ta upp i styrgruppen" not in panel  # only a coordinator puts motions


def test_a_motion_out_to_vote_and_then_the_decision_show_on_the_project(
    client, cast, joint
) -> None:
    motion = MotionFactory(consortium=joint.consortium, project=joint)
    client.force_login(cast.coordinator)
    steering = reverse("decisions:project-steering", args=[joint.pk])
    panel = client.get(steering).content.decode()
    assert reverse("decisions:motion-detail", args=[motion.pk]) in panel
    assert "omröstning till" in panel
    assert "Ta upp i styrgruppen" not in panel  # one motion at a time
    motion.votes.update(
        choice="yes", cast_by=cast.steering, cast_as="representative", cast_at=timezone.now()
    )
    client.post(reverse("decisions:motion-close", args=[motion.pk]))
    panel = client.get(steering).content.decode()
    assert f"({motion.number}): projektet får söka." in panel
    joint.refresh_from_db()
    assert joint.steering_decision_reference == motion.number


def test_a_representative_is_told_once_when_a_vote_opens(cast, motion) -> None:
    now = timezone.now()
    assert services.vote_openings_send(now) == 1  # Sigtuna's, the one seat of Norrort
    assert services.vote_openings_send(now) == 0
    told = Notification.objects.get(user=cast.steering)
    assert told.title.startswith(f"Omröstningen om {motion.number}")
    assert told.url == reverse("decisions:motion-detail", args=[motion.pk])


def test_the_invitation_says_who_could_not_be_invited(client, cast, mailoutbox) -> None:
    norrort = Consortium.objects.get(slug="koordination-norrort")
    silent = UserFactory(username="utan.epost", first_name="Per", last_name="Post", email="")
    RoleAssignmentFactory(
        user=silent,
        role=Role.STEERING,
        consortium=norrort,
        municipality=Municipality.objects.get(code="0160"),
    )
    now = timezone.now()
    meeting = Meeting.objects.create(
        consortium=norrort,
        title="Styrgruppsmöte",
        starts_at=now + timedelta(days=10),
        ends_at=now + timedelta(days=10, hours=2),
    )
    client.force_login(cast.coordinator)
    answer = client.post(reverse("decisions:meeting-invite", args=[meeting.pk]), follow=True)
    page = answer.content.decode()
    assert "Kallelsen skickades till 1" in page or len(mailoutbox) == 1
    assert "Kunde inte bjudas in:" in page
    assert "Danderyd (ingen representant)" in page
    assert "Per Post (ingen e-postadress)" in page
    assert "Sigtuna (ingen representant)" not in page
