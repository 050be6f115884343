"""The minutes extract (protokollsutdrag) of a closed motion and the agreement's follow-up, read
back from the PDF and Word files; the paragraph and "justeras omedelbart" set by coordinators
only."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from navet.core.errors import PermissionDenied
from navet.decisions import services
from navet.decisions.services import agreement as agreement_services
from tests import documents
from tests.factories import MotionFactory


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def pdf_text(content: bytes, header: str = "Koordination Norrort") -> str:
    """The text of a steering-group document, checked to be fit to send (`tests.documents`)."""
    return documents.pdf_text(content, header=header).replace("\xa0", " ")


@pytest.fixture
def decided(cast, norrort, sigtuna, taby, taby_steering):
    """A motion on which Sigtuna voted yes and Täby no, closed after its window."""
    motion = MotionFactory(
        consortium=norrort,
        number="2099/014",
        title="Ansöka om § 37-medel för en gemensam resurs",
        quorum_percent=10,
    )
    services.vote_cast(actor=cast.steering, motion=motion, municipality=sigtuna, choice="yes")
    services.vote_cast(actor=taby_steering, motion=motion, municipality=taby, choice="yes")
    services.motion_minutes_set(
        actor=cast.coordinator, motion=motion, paragraph="§ 5", adjusted_immediately=True
    )
    return services.motion_close(
        actor=None, motion=motion, now=motion.closes_at + timedelta(minutes=1)
    )


def test_the_extract_pdf_holds_the_decision_votes_turnout_and_adjustment(cast, decided) -> None:
    response = client_for(cast.viewer).get(f"/beslut/{decided.pk}/protokollsutdrag.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert "protokollsutdrag-2099-014.pdf" in response["Content-Disposition"]
    text = pdf_text(response.content)
    for expected in (
        "Protokollsutdrag",
        "Koordination Norrort",
        "2099/014",
        "§ 5",
        "Ansöka om § 37-medel för en gemensam resurs",
        "Styrgruppen bifaller förslaget.",
        "Sigtuna",
        "Täby",
        "2 av 15",
        "Paragrafen justeras omedelbart.",
    ):
        assert expected in text, expected


def test_without_immediate_adjustment_the_extract_does_not_say_so(cast, decided) -> None:
    services.motion_minutes_set(
        actor=cast.coordinator, motion=decided, paragraph="§ 5", adjusted_immediately=False
    )
    response = client_for(cast.viewer).get(f"/beslut/{decided.pk}/protokollsutdrag.docx")
    word = documents.docx_of(response.content, header="Koordination Norrort")
    text = "\n".join(p.text for p in word.paragraphs)
    assert "Styrgruppen bifaller förslaget." in text
    assert "justeras omedelbart" not in text


def test_no_extract_before_the_close_or_for_other_consortia(cast, motion, decided) -> None:
    assert (
        client_for(cast.viewer).get(f"/beslut/{motion.pk}/protokollsutdrag.pdf").status_code == 404
    )
    other = client_for(cast.sodertorn_coordinator)
    assert other.get(f"/beslut/{decided.pk}/protokollsutdrag.pdf").status_code == 404


def test_only_coordinators_set_the_paragraph(cast, motion) -> None:
    for actor in (cast.steering, cast.viewer, cast.contact, cast.sodertorn_coordinator):
        with pytest.raises(PermissionDenied):
            services.motion_minutes_set(
                actor=actor, motion=motion, paragraph="§ 9", adjusted_immediately=True
            )
    response = client_for(cast.steering).post(
        f"/beslut/{motion.pk}/protokoll/", {"paragraph": "§ 9", "adjusted_immediately": "on"}
    )
    assert response.status_code == 403
    motion.refresh_from_db()
    assert (motion.paragraph, motion.adjusted_immediately) == ("", False)
    ok = client_for(cast.coordinator).post(
        f"/beslut/{motion.pk}/protokoll/", {"paragraph": "§ 9", "adjusted_immediately": "on"}
    )
    assert ok.status_code == 302
    motion.refresh_from_db()
    assert (motion.paragraph, motion.adjusted_immediately) == ("§ 9", True)


def test_the_follow_up_pdf_shows_the_progress_per_sub_goal(cast, norrort) -> None:
    agreement = agreement_services.agreement_save(
        actor=cast.coordinator, consortium=norrort, title="Överenskommelse", vision="Vision"
    )
    goal = agreement_services.goal_save(actor=cast.coordinator, agreement=agreement, title="Mål")
    subgoal = agreement_services.subgoal_save(
        actor=cast.coordinator,
        goal=goal,
        title="Beviljade externa medel per år",
        indicator="Beviljat belopp",
        baseline=Decimal(431_000),
        baseline_on=date(2023, 2, 1),
        target=Decimal(1_000_000),
        target_on=date(2030, 12, 31),
    )
    today = timezone.localdate()
    agreement_services.measurement_record(
        actor=cast.coordinator, subgoal=subgoal, measured_on=today, value=Decimal(715_500)
    )
    response = client_for(cast.viewer).get(
        f"/beslut/overenskommelse/{norrort.slug}/uppfoljning.pdf?ar={today.year}"
    )
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert f"Uppföljning {today.year}" in text
    assert "Beviljade externa medel per år" in text
    assert "431 000" in text
    assert "715 500" in text
    assert "50 %" in text
