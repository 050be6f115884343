"""The agreement: written by the coordinators (every write refused to others), goals with
measurable sub-goals and measurements, the action plan, and the yearly follow-up page in a
fixed number of queries."""

from datetime import date
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.test import Client

from navet.core.errors import DomainError, PermissionDenied
from navet.decisions.models import ActionItem, Agreement, Measurement, SubGoal
from navet.decisions.services import agreement as services
from navet.organisations.models import Municipality


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def agreement(cast, norrort) -> Agreement:
    return services.agreement_save(
        actor=cast.coordinator,
        consortium=norrort,
        title="Samverkansöverenskommelse Koordination Norrort",
        vision="Fler relevanta insatser för nyanlända genom samverkan.",
        adopted_on=date(2014, 4, 15),
    )


@pytest.fixture
def subgoal(cast, agreement) -> SubGoal:
    goal = services.goal_save(actor=cast.coordinator, agreement=agreement, title="Fler ansökningar")
    return services.subgoal_save(
        actor=cast.coordinator,
        goal=goal,
        title="Gemensamma ansökningar per år",
        indicator="Antal gemensamma ansökningar om externa medel",
        unit="st",
        baseline=Decimal("1"),
        baseline_on=date(2024, 1, 1),
        target=Decimal("5"),
        target_on=date(2026, 12, 31),
    )


def test_the_agreement_is_written_once_and_changed_after(cast, norrort, agreement) -> None:
    again = services.agreement_save(
        actor=cast.coordinator, consortium=norrort, title="Ny titel", vision="Ny vision"
    )
    assert again.pk == agreement.pk
    assert Agreement.objects.get().title == "Ny titel"
    assert LogEntry.objects.get_for_object(agreement).count() == 2


def test_goals_and_sub_goals_are_kept_in_order(cast, agreement, subgoal) -> None:
    second = services.goal_save(actor=cast.coordinator, agreement=agreement, title="Andra målet")
    assert [g.position for g in agreement.goals.all()] == [1, 2]
    assert second.position == 2
    assert subgoal.position == 1


def test_a_sub_goal_needs_a_target_other_than_its_baseline_and_a_later_date(cast, subgoal) -> None:
    with pytest.raises(DomainError):
        services.subgoal_save(
            actor=cast.coordinator,
            goal=subgoal.goal,
            title="x",
            indicator="y",
            baseline=Decimal(1),
            baseline_on=date(2024, 1, 1),
            target=Decimal(1),
            target_on=date(2025, 1, 1),
        )
    with pytest.raises(DomainError, match="Måldatumet"):
        services.subgoal_save(
            actor=cast.coordinator,
            goal=subgoal.goal,
            title="x",
            indicator="y",
            baseline=Decimal(1),
            baseline_on=date(2024, 1, 1),
            target=Decimal(2),
            target_on=date(2023, 1, 1),
        )
    assert SubGoal.objects.count() == 1


def test_a_second_measurement_on_a_day_replaces_the_first(cast, subgoal) -> None:
    services.measurement_record(
        actor=cast.coordinator, subgoal=subgoal, measured_on=date(2025, 1, 1), value=Decimal(2)
    )
    services.measurement_record(
        actor=cast.coordinator, subgoal=subgoal, measured_on=date(2025, 1, 1), value=Decimal(3)
    )
    assert list(Measurement.objects.values_list("value", flat=True)) == [Decimal(3)]
    with pytest.raises(DomainError):
        services.measurement_record(
            actor=cast.coordinator, subgoal=subgoal, measured_on=date(2023, 1, 1), value=1
        )


def test_the_responsible_municipality_must_be_a_member(cast, agreement, county) -> None:
    item = services.action_save(
        actor=cast.coordinator,
        agreement=agreement,
        area="Samverkan",
        action="Styrgruppen följer upp överenskommelsen årligen.",
        responsible_body="Styrgruppen",
    )
    assert item.responsible == "Styrgruppen"
    nacka = Municipality.objects.get(code="0182")
    with pytest.raises(DomainError, match="Nacka"):
        services.action_save(
            actor=cast.coordinator,
            agreement=agreement,
            area="Samverkan",
            action="x",
            responsible_municipality=nacka,
        )
    with pytest.raises(DomainError):
        services.action_save(actor=cast.coordinator, agreement=agreement, area="a", action="b")
    assert ActionItem.objects.count() == 1


@pytest.mark.parametrize("role", ["steering", "contact", "viewer", "outsider", "sodertorn"])
def test_every_write_is_refused_to_all_but_the_coordinators(
    cast, norrort, agreement, subgoal, role
) -> None:
    actor = {
        "steering": cast.steering,
        "contact": cast.contact,
        "viewer": cast.viewer,
        "outsider": cast.outsider,
        "sodertorn": cast.sodertorn_coordinator,
    }[role]
    writes = [
        lambda: services.agreement_save(actor=actor, consortium=norrort, title="x", vision="y"),
        lambda: services.goal_save(actor=actor, agreement=agreement, title="x"),
        lambda: services.subgoal_save(
            actor=actor,
            goal=subgoal.goal,
            subgoal=subgoal,
            title="x",
            indicator="y",
            baseline=Decimal(0),
            baseline_on=date(2024, 1, 1),
            target=Decimal(1),
            target_on=date(2025, 1, 1),
        ),
        lambda: services.measurement_record(
            actor=actor, subgoal=subgoal, measured_on=date(2025, 1, 1), value=Decimal(1)
        ),
        lambda: services.action_save(
            actor=actor, agreement=agreement, area="a", action="b", responsible_body="c"
        ),
    ]
    for write in writes:
        with pytest.raises(PermissionDenied):
            write()
    assert Agreement.objects.get().title.startswith("Samverkans")
    assert not Measurement.objects.exists()


def test_the_pages_refuse_writes_to_others_and_hide_other_consortia(
    cast, norrort, agreement, subgoal
) -> None:
    steering = client_for(cast.steering)
    slug = norrort.slug
    assert steering.get(f"/beslut/overenskommelse/{slug}/").status_code == 200
    for url in (
        f"/beslut/overenskommelse/{slug}/andra/",
        f"/beslut/overenskommelse/{slug}/mal/nytt/",
        f"/beslut/overenskommelse/{slug}/atgard/nytt/",
        f"/beslut/overenskommelse/mal/{subgoal.goal_id}/delmal/nytt/",
        f"/beslut/overenskommelse/delmal/{subgoal.pk}/andra/",
    ):
        assert steering.post(url, {"title": "x"}).status_code == 403, url
    response = steering.post(
        f"/beslut/overenskommelse/delmal/{subgoal.pk}/",
        {"measured_on": "2025-01-01", "value": "3"},
    )
    assert response.status_code == 403
    other = client_for(cast.sodertorn_coordinator)
    assert other.get(f"/beslut/overenskommelse/{slug}/").status_code == 404
    assert other.get(f"/beslut/overenskommelse/delmal/{subgoal.pk}/").status_code == 404
    assert not Measurement.objects.exists()


def test_the_coordinator_writes_through_the_pages(cast, norrort, agreement, subgoal) -> None:
    client = client_for(cast.coordinator)
    response = client.post(
        f"/beslut/overenskommelse/delmal/{subgoal.pk}/",
        {"measured_on": "2025-06-30", "value": "2,5", "note": "Halvår"},
    )
    assert response.status_code == 302
    assert Measurement.objects.get().value == Decimal("2.5")
    sigtuna = Municipality.objects.get(code="0191")
    response = client.post(
        f"/beslut/overenskommelse/{norrort.slug}/atgard/nytt/",
        {
            "area": "Ansökningar",
            "action": "Gemensam ansökan om § 37-medel",
            "responsible_municipality": sigtuna.pk,
            "due_on": "2026-10-15",
            "status": "ongoing",
        },
    )
    assert response.status_code == 302
    assert ActionItem.objects.get().responsible_municipality == sigtuna
    bad = client.post(f"/beslut/overenskommelse/{norrort.slug}/atgard/nytt/", {"area": "x"})
    assert bad.status_code == 200
    assert ActionItem.objects.count() == 1


def test_the_follow_up_shows_progress_in_a_fixed_number_of_queries(
    cast, norrort, agreement, subgoal, django_assert_max_num_queries
) -> None:
    services.measurement_record(
        actor=cast.coordinator, subgoal=subgoal, measured_on=date(2025, 6, 30), value=Decimal(3)
    )
    client = client_for(cast.viewer)
    url = f"/beslut/overenskommelse/{norrort.slug}/uppfoljning/?ar=2025"
    client.get(url)
    with django_assert_max_num_queries(14) as captured:
        response = client.get(url)
    first = len(captured)
    body = response.content.decode()
    assert "<svg" in body
    assert 'id="followup-table"' in body
    assert "Gemensamma ansökningar per år" in body
    assert "50 %" in body  # 1 → 3 of 1 → 5
    for n in range(4):
        services.subgoal_save(
            actor=cast.coordinator,
            goal=subgoal.goal,
            title=f"Delmål {n}",
            indicator="Antal",
            baseline=Decimal(0),
            baseline_on=date(2024, 1, 1),
            target=Decimal(10),
            target_on=date(2026, 1, 1),
        )
    with django_assert_max_num_queries(first):
        client.get(url)
