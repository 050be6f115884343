"""Writes to risks and the SWOT board: who may, what is checked, what the history keeps, the
overdue reviews told once, and a project's risks as text."""

from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.db import IntegrityError
from django.utils import timezone

from navet.core.errors import DomainError, PermissionDenied
from navet.core.models import Notification
from navet.projects.models import Project
from navet.risks import selectors, services
from navet.risks.models import Risk, SwotItem
from navet.risks.tasks import send_review_reminders

RISK = {
    "title": "Brist på interna resurser inom kommunerna",
    "likelihood": "high",
    "consequence": "serious",
}


def test_a_coordinator_registers_a_consortium_risk_with_its_severity(cast, consensus) -> None:
    assert consensus.severity == 9
    assert consensus.level == "high"
    entry = LogEntry.objects.get_for_object(consensus).get()
    assert entry.actor == cast.coordinator


@pytest.mark.parametrize(
    "who", ["steering", "contact", "viewer", "outsider", "sodertorn_coordinator"]
)
def test_only_coordinators_register_consortium_risks(cast, norrort, who) -> None:
    with pytest.raises(PermissionDenied):
        services.risk_create(
            actor=getattr(cast, who), consortium=norrort, owner=cast.coordinator, **RISK
        )


def test_the_owners_contact_registers_a_risk_of_an_idea(cast, idea) -> None:
    risk = services.risk_create(actor=cast.contact, project=idea, owner=cast.contact, **RISK)
    assert risk.project == idea
    assert risk.severity == 4


@pytest.mark.parametrize("who", ["steering", "solna_contact", "viewer", "sodertorn_coordinator"])
def test_others_may_not_touch_a_projects_risks(cast, idea, who) -> None:
    with pytest.raises(PermissionDenied):
        services.risk_create(actor=getattr(cast, who), project=idea, owner=cast.contact, **RISK)
    risk = services.risk_create(actor=cast.coordinator, project=idea, owner=cast.contact, **RISK)
    with pytest.raises(PermissionDenied):
        services.risk_update(actor=getattr(cast, who), risk=risk, status="closed")


def test_past_the_needs_analysis_only_coordinators_change_a_projects_risks(cast, idea) -> None:
    risk = services.risk_create(actor=cast.contact, project=idea, owner=cast.contact, **RISK)
    Project.objects.filter(pk=idea.pk).update(status=Project.Status.APPLICATION)
    with pytest.raises(PermissionDenied):
        services.risk_update(actor=cast.contact, risk=risk, likelihood="low")
    services.risk_update(actor=cast.coordinator, risk=risk, likelihood="low")


def test_an_update_is_kept_in_the_history_and_moves_the_severity(cast, consensus) -> None:
    changed = services.risk_update(
        actor=cast.coordinator, risk=consensus, likelihood="medium", status="mitigated"
    )
    assert changed.severity == 8
    history = selectors.risk_history(changed)
    assert len(history) == 2
    assert LogEntry.objects.get_for_object(consensus).latest("timestamp").actor == cast.coordinator


@pytest.mark.parametrize("who", ["steering", "contact", "viewer"])
def test_members_may_not_change_a_consortium_risk(cast, consensus, who) -> None:
    with pytest.raises(PermissionDenied):
        services.risk_update(actor=getattr(cast, who), risk=consensus, status="closed")


def test_the_owner_must_have_a_role_in_the_consortium(cast, norrort) -> None:
    with pytest.raises(DomainError):
        services.risk_create(
            actor=cast.coordinator, consortium=norrort, owner=cast.outsider, **RISK
        )
    with pytest.raises(DomainError):
        services.risk_create(actor=cast.coordinator, consortium=norrort, owner=None, **RISK)


def test_a_risk_belongs_to_exactly_one_of_consortium_and_project(cast, norrort, idea) -> None:
    with pytest.raises(DomainError):
        services.risk_create(
            actor=cast.coordinator, consortium=norrort, project=idea, owner=cast.coordinator, **RISK
        )
    with pytest.raises(IntegrityError):
        Risk.objects.create(consortium=norrort, project=idea, **RISK)


def test_values_off_the_scales_are_refused(cast, norrort) -> None:
    with pytest.raises(DomainError):
        services.risk_create(
            actor=cast.coordinator,
            consortium=norrort,
            owner=cast.coordinator,
            title="X",
            likelihood="huge",
            consequence="serious",
        )


def test_overdue_reviews_are_told_to_the_owner_once_per_review_date(cast, consensus) -> None:
    today = timezone.localdate()
    services.risk_update(
        actor=cast.coordinator, risk=consensus, review_on=today - timedelta(days=1)
    )
    assert services.review_reminders_send(today) == 1
    assert services.review_reminders_send(today) == 0
    send_review_reminders.call()
    note = Notification.objects.get(user=cast.coordinator)
    assert note.url == f"/risker/{consensus.pk}/"
    # a new review date, once passed, tells again; a closed risk tells nobody
    services.risk_update(
        actor=cast.coordinator, risk=consensus, review_on=today - timedelta(days=0)
    )
    assert services.review_reminders_send(today) == 0  # due today is not overdue
    assert services.review_reminders_send(today + timedelta(days=1)) == 1
    services.risk_update(actor=cast.coordinator, risk=consensus, status="closed")
    assert services.review_reminders_send(today + timedelta(days=30)) == 0
    assert Notification.objects.filter(user=cast.coordinator).count() == 2


def test_a_projects_risks_as_text_for_the_application(cast, idea) -> None:
    services.risk_create(
        actor=cast.contact,
        project=idea,
        owner=cast.contact,
        measures="Förankra i ordinarie verksamhet.",
        **RISK,
    )
    services.risk_create(
        actor=cast.contact,
        project=idea,
        owner=cast.contact,
        title="Stängd risk",
        likelihood="low",
        consequence="serious",
        status="closed",
    )
    text = selectors.risk_section_text(idea)
    assert text.startswith("Brist på interna resurser inom kommunerna – Hög/Allvarliga")
    assert "Förebyggande åtgärder: Förankra i ordinarie verksamhet." in text
    assert "Stängd risk" not in text
    assert selectors.risk_section_text(Project.objects.exclude(pk=idea.pk).first() or idea)


def test_the_coordinator_keeps_the_swot_board(cast, norrort) -> None:
    first = services.swot_item_add(
        actor=cast.coordinator, consortium=norrort, quadrant="strength", text=" Kunskapsutbyte "
    )
    second = services.swot_item_add(
        actor=cast.coordinator, consortium=norrort, quadrant="strength", text="Helhetsperspektiv"
    )
    assert (first.text, first.position, second.position) == ("Kunskapsutbyte", 0, 1)
    services.swot_item_update(actor=cast.coordinator, item=second, quadrant="opportunity", text="X")
    services.swot_item_delete(actor=cast.coordinator, item=first)
    board = {q.value: [i.text for i in q.items] for q in selectors.swot_board(cast.viewer, norrort)}
    assert board == {"strength": [], "weakness": [], "opportunity": ["X"], "threat": []}


@pytest.mark.parametrize("who", ["steering", "contact", "viewer", "sodertorn_coordinator"])
def test_only_coordinators_edit_the_swot_board(cast, norrort, who) -> None:
    actor = getattr(cast, who)
    with pytest.raises(PermissionDenied):
        services.swot_item_add(actor=actor, consortium=norrort, quadrant="threat", text="Hot")
    item = SwotItem.objects.create(consortium=norrort, quadrant="threat", text="Hot")
    with pytest.raises(PermissionDenied):
        services.swot_item_update(actor=actor, item=item, quadrant="threat", text="Annat")
    with pytest.raises(PermissionDenied):
        services.swot_item_delete(actor=actor, item=item)


def test_what_each_role_reads(cast, norrort, consensus, idea) -> None:
    services.risk_create(actor=cast.contact, project=idea, owner=cast.contact, **RISK)
    for who in ("coordinator", "steering", "contact", "viewer", "admin"):
        risks = selectors.risk_register(getattr(cast, who), norrort, selectors.RiskFilter())
        assert [r.severity for r in risks] == [9, 4], who
    with pytest.raises(PermissionDenied):
        selectors.risk_register(cast.sodertorn_coordinator, norrort, selectors.RiskFilter())
