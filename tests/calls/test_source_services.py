"""Changing and removing a source: who may, what is kept, and what the audit trail records."""

import pytest
from auditlog.models import LogEntry

from navet.calls.models import Call, Funder, ImportRun, Programme, Source
from navet.calls.services import source_delete, source_save, source_update
from navet.core.errors import DomainError, PermissionDenied

pytestmark = pytest.mark.django_db


@pytest.fixture
def source(cast, calls) -> Source:
    return source_save(
        actor=cast.coordinator,
        name="Länsstyrelsen Stockholm – § 37 a",
        format="page",
        url="https://www.lansstyrelsen.se/stockholm/samhalle/social-hallbarhet/integration/bidrag-for-flyktingguider-och-familjekontakter.html",
        schedule="weekly",
    )


def test_a_coordinator_changes_some_settings_and_the_change_is_audited(cast, source) -> None:
    updated = source_update(
        actor=cast.sodertorn_coordinator, source=source, schedule="daily", region_selector="main"
    )
    source.refresh_from_db()
    assert (source.schedule, source.region_selector, source.format) == ("daily", "main", "page")
    assert updated.customised
    entry = LogEntry.objects.get_for_object(source).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == cast.sodertorn_coordinator
    assert set(entry.changes_dict) == {"schedule", "region_selector"}


def test_an_update_that_changes_nothing_leaves_the_source_uncustomised(cast, source) -> None:
    source_update(actor=cast.coordinator, source=source, schedule="weekly")
    source.refresh_from_db()
    assert not source.customised


def test_a_broken_setting_is_refused_in_swedish_and_nothing_is_stored(cast, source) -> None:
    with pytest.raises(DomainError, match="CSS-väljare eller med markörer"):
        source_update(
            actor=cast.coordinator,
            source=source,
            region_selector="main",
            region_start="A",
            region_end="B",
        )
    with pytest.raises(DomainError, match="har ingen inställning"):
        source_update(actor=cast.coordinator, source=source, page_text="x")
    source.refresh_from_db()
    assert (source.region_selector, source.customised) == ("", False)


def test_a_programme_of_another_funder_is_refused(cast, source) -> None:
    with pytest.raises(DomainError, match="inte en av"):
        source_update(
            actor=cast.coordinator,
            source=source,
            default_funder=Funder.objects.get(slug="esf-radet"),
            default_programme=Programme.objects.get(slug="lst-stockholm-37a"),
        )


def test_removing_a_source_keeps_its_calls_and_is_audited(cast, source) -> None:
    ImportRun.objects.create(source=source)
    calls = Call.objects.count()
    source_delete(actor=cast.admin, source=source)
    assert not Source.objects.exists()
    assert not ImportRun.objects.exists()
    assert Call.objects.count() == calls
    entry = LogEntry.objects.filter(action=LogEntry.Action.DELETE).get()
    assert (entry.actor, entry.object_repr) == (cast.admin, "Länsstyrelsen Stockholm – § 37 a")


@pytest.mark.parametrize("role", ["steering", "contact", "viewer", "outsider"])
def test_only_coordinators_and_admins_change_or_remove_sources(cast, source, role) -> None:
    actor = getattr(cast, role)
    with pytest.raises(PermissionDenied):
        source_update(actor=actor, source=source, active=False)
    with pytest.raises(PermissionDenied):
        source_delete(actor=actor, source=source)
    source.refresh_from_db()
    assert source.active
