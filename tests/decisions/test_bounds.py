"""Nothing absurd is stored in the steering group's records: texts within their limits, no board
decision dated in the future, no meeting or vote that ends before it starts; each refused in
Swedish with what was typed kept."""

from datetime import timedelta

import pytest
from django.utils import timezone

from navet.core.errors import DomainError
from navet.decisions.models import BoardDecision, Meeting, Motion
from navet.decisions.services import meeting_create, motion_create
from tests.decisions.test_boards import client_for
from tests.decisions.test_boards import project as project  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


def test_a_board_decision_dated_in_the_future_is_refused_and_the_form_kept(cast, project, taby):
    tomorrow = timezone.localdate() + timedelta(days=1)
    answer = client_for(cast.contact).post(
        f"/beslut/projekt/{project.pk}/namndbeslut/{taby.pk}/",
        {"body": "Socialnämnden i Täby", "decided_on": tomorrow.isoformat(), "outcome": "approved"},
    )
    text = answer.content.decode()
    assert "kan inte vara daterat i framtiden" in text
    assert "Socialnämnden i Täby" in text
    assert not BoardDecision.objects.exists()


def test_a_meeting_that_ends_before_it_starts_is_refused(cast, norrort):
    starts = timezone.now() + timedelta(days=7)
    with pytest.raises(DomainError, match="Mötet måste sluta efter att det börjar"):
        meeting_create(
            actor=cast.coordinator,
            consortium=norrort,
            kind="steering",
            title="Styrgruppsmöte",
            starts_at=starts,
            ends_at=starts - timedelta(hours=2),
        )
    assert not Meeting.objects.exists()


def test_a_vote_that_closes_before_it_opens_is_refused(cast, norrort):
    opens = timezone.now() + timedelta(days=1)
    with pytest.raises(DomainError, match="Röstningen måste stänga efter att den öppnat"):
        motion_create(
            actor=cast.coordinator,
            consortium=norrort,
            title="Ansöka om § 37-medel",
            proposal="Styrgruppen beslutar att ansöka.",
            opens_at=opens,
            closes_at=opens - timedelta(days=2),
        )
    assert not Motion.objects.exists()


def test_a_proposal_of_several_megabytes_is_refused(cast, norrort):
    with pytest.raises(DomainError, match="som mest 20000 tecken"):
        motion_create(
            actor=cast.coordinator,
            consortium=norrort,
            title="Ansöka om § 37-medel",
            proposal="x" * 3_000_000,
            closes_at=timezone.now() + timedelta(days=7),
        )
    assert not Motion.objects.exists()


def test_the_motion_form_states_the_limit_of_its_texts(cast):
    page = client_for(cast.coordinator).get("/beslut/nytt/?samverkan=koordination-norrort")
    assert page.status_code == 200
    assert page.content.decode().count("Högst 20\xa0000 tecken.") == 2  # proposal, background
