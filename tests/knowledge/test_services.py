"""The writes: adding and changing entries, files, reuse; every write refused for the wrong
role or municipality, and audited with its actor."""

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile

from navet.core.errors import DomainError, PermissionDenied
from navet.knowledge.models import Entry, Reuse
from navet.knowledge.services import attachment_add, entry_create, entry_reuse, entry_update
from navet.needs.models import Need
from navet.projects.models import Project
from tests.factories import NeedFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _create(actor, consortium, owner, **fields):
    return entry_create(
        actor=actor,
        consortium=consortium,
        owner=owner,
        kind=fields.pop("kind", Entry.Kind.LESSON),
        title=fields.pop("title", "Lärdom om språkstöd"),
        **fields,
    )


def test_a_contact_adds_an_entry_for_their_municipality_with_themes_and_audit(cast, norrort, taby):
    entry = _create(
        cast.contact,
        norrort,
        taby,
        themes=["digital-inkludering"],
        links="https://example.se/metod\n\n",
    )
    assert entry.owner == taby
    assert [t.slug for t in entry.themes.all()] == ["digital-inkludering"]
    assert entry.link_list() == ["https://example.se/metod"]
    log = LogEntry.objects.get_for_object(entry).filter(action=LogEntry.Action.CREATE).get()
    assert log.actor == cast.contact


def test_a_coordinator_adds_for_any_member(cast, norrort, sigtuna):
    assert _create(cast.coordinator, norrort, sigtuna).owner == sigtuna


@pytest.mark.parametrize(
    "who", ["viewer", "steering", "admin", "outsider", "sodertorn_coordinator"]
)
def test_others_may_not_add_for_taby(cast, norrort, taby, who):
    with pytest.raises(PermissionDenied):
        _create(getattr(cast, who), norrort, taby)


def test_a_contact_may_not_add_for_another_municipality(cast, norrort, sigtuna):
    with pytest.raises(PermissionDenied):
        _create(cast.contact, norrort, sigtuna)


def test_bad_links_and_unknown_themes_are_refused_in_swedish(cast, norrort, taby):
    with pytest.raises(DomainError):
        _create(cast.contact, norrort, taby, links="javascript:alert(1)")
    with pytest.raises(DomainError):
        _create(cast.contact, norrort, taby, themes=["inget-sadant-tema"])
    assert not Entry.objects.exists()


def test_update_by_the_owner_and_refused_for_another_municipality(cast, entry):
    entry_update(actor=cast.coordinator, entry=entry, title="Ny titel", themes=[])
    entry.refresh_from_db()
    assert entry.title == "Ny titel"
    assert not entry.themes.exists()
    with pytest.raises(PermissionDenied):
        entry_update(actor=cast.contact, entry=entry, title="Täbys titel")  # Sigtuna's entry
    with pytest.raises(PermissionDenied):
        entry_update(actor=cast.viewer, entry=entry, title="x")


def test_files_are_checked_and_stored_under_a_safe_name(cast, entry, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    attachment = attachment_add(
        actor=cast.coordinator,
        entry=entry,
        upload=SimpleUploadedFile("../../Mall för ansökan.pdf", PDF),
    )
    assert attachment.name == "Mall för ansökan.pdf"
    assert attachment.file.name.startswith("knowledge/")
    assert ".." not in attachment.file.name
    with pytest.raises(DomainError):
        attachment_add(
            actor=cast.coordinator,
            entry=entry,
            upload=SimpleUploadedFile("mall.pdf", b"<script>alert(1)</script>"),
        )
    with pytest.raises(PermissionDenied):
        attachment_add(actor=cast.viewer, entry=entry, upload=SimpleUploadedFile("mall.pdf", PDF))


def test_reuse_starts_a_project_idea_for_the_need_and_keeps_the_link(cast, entry, taby):
    need = NeedFactory(municipality=taby, title="Digitalt stöd i Täby")
    project = entry_reuse(actor=cast.contact, entry=entry, need=need)
    assert project.status == Project.Status.IDEA
    assert project.owner == taby
    assert list(project.needs.all()) == [need]
    assert project.consortium == entry.consortium
    reuse = Reuse.objects.get()
    assert (reuse.entry, reuse.project, reuse.municipality) == (entry, project, taby)


def test_reuse_is_refused_for_another_municipalitys_need_and_for_readers(cast, entry, sigtuna):
    need = NeedFactory(municipality=sigtuna)
    with pytest.raises(DomainError):
        entry_reuse(actor=cast.contact, entry=entry, need=need)  # Täby's contact
    with pytest.raises(DomainError):
        entry_reuse(actor=cast.viewer, entry=entry, need=need)
    with pytest.raises(PermissionDenied):
        entry_reuse(actor=cast.sodertorn_coordinator, entry=entry, need=need)
    assert not Reuse.objects.exists()
    assert Need.objects.filter(projects__isnull=False).count() == 0
