"""The application services: templates, versions, conflicts, reuse, the risk register, review."""

import pytest
from auditlog.models import LogEntry

from navet.applications import services
from navet.applications.models import Application, Comment, SectionVersion
from navet.calls.models import Programme
from navet.core.errors import DomainError, NotFound, PermissionDenied
from navet.core.models import Notification
from navet.knowledge.models import Entry
from navet.organisations.models import Consortium, Municipality
from navet.projects.models import Project
from navet.risks.services import risk_create
from tests.applications.conftest import section
from tests.factories import CallFactory, ProgrammeFactory, ProjectFactory

pytestmark = pytest.mark.django_db

HEADINGS = [
    "Syfte",
    "Mål och indikatorer",
    "Målgrupp",
    "Aktiviteter och tidsplan",
    "Organisation",
    "Budget",
    "Risker",
    "Uppföljning och utvärdering",
    "Långsiktig förankring i ordinarie verksamhet",
    "Jämställdhet",
    "Barnets rättigheter",
    "Tillgänglighet",
    "Delaktighet",
    "Icke-diskriminering",
]


def test_an_application_gets_the_programme_template_in_order(application):
    assert application.template_key == "lst-37"
    sections = list(application.sections.order_by("position"))
    assert [s.heading for s in sections] == HEADINGS
    purpose = sections[0]
    assert "behovsanalysen" in purpose.guidance
    assert "mottagningskapacitet" in purpose.guidance  # the § 37 note
    assert all(s.text == "" and s.version == 0 and s.word_limit is None for s in sections)


def test_a_programme_without_a_template_gets_the_generic_one(cast, project):
    project.call = CallFactory(programme=ProgrammeFactory(name="Okänd stödform"))
    project.save()
    application = services.application_create(actor=cast.contact, project=project)
    assert application.template_key == "allman"
    assert application.sections.count() == len(HEADINGS)


def test_another_county_boards_section_37a_gets_the_37a_template(cast, project):
    other = Programme.objects.get(slug="lst-stockholm-37a")
    programme = ProgrammeFactory(slug="lst-uppsala-37a", name="§37 a", funder=other.funder)
    call = CallFactory(programme=programme)
    application = services.application_create(actor=cast.contact, project=project, call=call)
    assert application.template_key == "lst-37a"


def test_one_application_per_project_and_call(cast, application, project):
    with pytest.raises(DomainError, match="redan en ansökan"):
        services.application_create(actor=cast.coordinator, project=project)


def test_a_project_without_a_call_cannot_start_an_application(cast, norrort):
    project = ProjectFactory(consortium=norrort, owner=Municipality.objects.get(code="0160"))
    with pytest.raises(DomainError, match="utlysning"):
        services.application_create(actor=cast.contact, project=project)


def test_every_save_is_a_version_with_author(cast, sigtuna_contact, application):
    purpose = section(application, "purpose")
    services.section_save(actor=cast.contact, section=purpose, text="Första texten.", based_on=0)
    services.section_save(
        actor=sigtuna_contact, section=purpose, text="Andra texten.\r\n", based_on=1
    )
    purpose.refresh_from_db()
    assert (purpose.text, purpose.version) == ("Andra texten.", 2)
    versions = list(purpose.versions.order_by("number"))
    assert [(v.number, v.text, v.author) for v in versions] == [
        (1, "Första texten.", cast.contact),
        (2, "Andra texten.", sigtuna_contact),
    ]


def test_saving_the_same_text_again_makes_no_version(cast, application):
    purpose = section(application, "purpose")
    services.section_save(actor=cast.contact, section=purpose, text="Text.", based_on=0)
    services.section_save(actor=cast.contact, section=purpose, text="Text.", based_on=1)
    assert purpose.versions.count() == 1


def test_a_save_based_on_an_old_version_is_a_conflict_and_loses_nothing(
    cast, sigtuna_contact, application
):
    purpose = section(application, "purpose")
    services.section_save(actor=cast.contact, section=purpose, text="Täbys text.", based_on=0)
    stale = section(application, "purpose")
    stale.version = 0  # what Sigtuna's contact opened
    with pytest.raises(services.SectionConflict) as raised:
        services.section_save(
            actor=sigtuna_contact, section=stale, text="Sigtunas text.", based_on=0
        )
    assert raised.value.section.text == "Täbys text."
    assert raised.value.attempted == "Sigtunas text."
    purpose.refresh_from_db()
    assert (purpose.text, purpose.version) == ("Täbys text.", 1)
    # The merge is saved on top of the version now saved.
    services.section_save(
        actor=sigtuna_contact,
        section=purpose,
        text="Täbys text. Sigtunas text.",
        based_on=1,
        merged=True,
    )
    latest = purpose.versions.get(number=2)
    assert latest.origin == SectionVersion.Origin.MERGED
    assert latest.text == "Täbys text. Sigtunas text."


def test_restore_makes_an_old_text_the_newest_version(cast, application):
    purpose = section(application, "purpose")
    services.section_save(actor=cast.contact, section=purpose, text="Ett", based_on=0)
    services.section_save(actor=cast.contact, section=purpose, text="Två", based_on=1)
    services.section_restore(actor=cast.coordinator, section=purpose, number=1, based_on=2)
    purpose.refresh_from_db()
    assert (purpose.text, purpose.version) == ("Ett", 3)
    restored = purpose.versions.get(number=3)
    assert restored.origin == SectionVersion.Origin.RESTORED
    assert restored.restored_from == 1
    assert purpose.versions.count() == 3
    with pytest.raises(NotFound):
        services.section_restore(actor=cast.coordinator, section=purpose, number=9, based_on=3)


def test_the_risk_section_is_filled_from_the_register(cast, application, project):
    risks = section(application, "risks")
    with pytest.raises(DomainError, match="inga öppna risker"):
        services.section_fill_from_risks(actor=cast.contact, section=risks, based_on=0)
    risk_create(
        actor=cast.coordinator,
        project=project,
        title="Få deltagare anmäler sig",
        likelihood="medium",
        consequence="more_serious",
        owner=cast.coordinator,
        measures="Samarbeta med SFI.",
    )
    services.section_save(actor=cast.contact, section=risks, text="Egen text.", based_on=0)
    services.section_fill_from_risks(actor=cast.contact, section=risks, based_on=1)
    risks.refresh_from_db()
    assert "Få deltagare anmäler sig – Medel/Mer allvarliga" in risks.text
    assert "Förebyggande åtgärder: Samarbeta med SFI." in risks.text
    version = risks.versions.get(number=2)
    assert version.origin == SectionVersion.Origin.RISK_REGISTER
    assert project.title in version.source_note
    assert risks.versions.get(number=1).text == "Egen text."
    with pytest.raises(DomainError):
        services.section_fill_from_risks(
            actor=cast.contact, section=section(application, "purpose"), based_on=0
        )


def test_copy_from_an_earlier_section_records_the_source(cast, norrort, application):
    earlier_project = ProjectFactory(
        consortium=norrort,
        owner=Municipality.objects.get(code="0191"),
        title="Språkcafé",
        call=CallFactory(),
        status=Project.Status.RUNNING,
    )
    earlier = services.application_create(actor=cast.coordinator, project=earlier_project)
    source = section(earlier, "target_group")
    services.section_save(
        actor=cast.coordinator, section=source, text="Nyanlända föräldrar.", based_on=0
    )
    target = section(application, "target_group")
    services.section_save(actor=cast.contact, section=target, text="Vår text.", based_on=0)
    services.section_copy_section(actor=cast.contact, section=target, source=source, based_on=1)
    target.refresh_from_db()
    assert target.text == "Vår text.\n\nNyanlända föräldrar."
    version = target.versions.get(number=2)
    assert version.origin == SectionVersion.Origin.COPIED_SECTION
    assert version.source_section == source
    assert "Språkcafé" in version.source_note


def test_copy_from_a_hidden_application_is_not_found(cast, application):
    sodertorn_project = ProjectFactory(
        consortium=Consortium.objects.get(slug="etablering-sodertorn"),
        owner=Municipality.objects.get(code="0126"),
        call=CallFactory(),
    )
    hidden = services.application_create(
        actor=cast.sodertorn_coordinator, project=sodertorn_project
    )
    target = section(application, "purpose")
    with pytest.raises(NotFound):
        services.section_copy_section(
            actor=cast.contact, section=target, source=section(hidden, "purpose"), based_on=0
        )


def test_copy_from_the_knowledge_bank_records_the_entry(cast, norrort, application):
    entry = Entry.objects.create(
        consortium=norrort,
        owner=Municipality.objects.get(code="0191"),
        kind=Entry.Kind.METHOD,
        title="Digitala guider",
        description="Guider hjälper nyanlända med e-tjänster.",
    )
    target = section(application, "activities")
    services.section_copy_entry(actor=cast.contact, section=target, entry=entry, based_on=0)
    version = target.versions.get()
    assert version.text == "Guider hjälper nyanlända med e-tjänster."
    assert (version.origin, version.source_entry) == (SectionVersion.Origin.COPIED_ENTRY, entry)
    assert version.source_note == "Kunskapsbanken: Digitala guider"


def test_comments_are_added_and_resolved(cast, sigtuna_contact, application):
    purpose = section(application, "purpose")
    comment = services.comment_add(actor=cast.coordinator, section=purpose, text=" Mät mer. ")
    assert comment.text == "Mät mer."
    services.comment_resolve(actor=sigtuna_contact, comment=comment)
    comment.refresh_from_db()
    assert comment.resolved_at is not None
    assert comment.resolved_by == sigtuna_contact
    services.comment_resolve(actor=cast.contact, comment=comment, resolved=False)
    comment.refresh_from_db()
    assert comment.resolved_at is None
    with pytest.raises(DomainError, match="Skriv kommentaren"):
        services.comment_add(actor=cast.contact, section=purpose, text="   ")


def test_review_request_notifies_the_coordinators_and_the_answer_the_requester(cast, application):
    services.review_request(actor=cast.contact, application=application)
    application.refresh_from_db()
    assert application.review_status == Application.ReviewStatus.REVIEW_REQUESTED
    assert application.review_requested_by == cast.contact
    told = Notification.objects.get(user=cast.coordinator)
    assert application.project.title in told.title
    assert told.url == f"/ansokningar/{application.pk}/"
    assert not Notification.objects.filter(user=cast.sodertorn_coordinator).exists()
    with pytest.raises(DomainError, match="redan begärd"):
        services.review_request(actor=cast.contact, application=application)

    services.review_decide(actor=cast.coordinator, application=application, approve=False)
    application.refresh_from_db()
    assert application.review_status == Application.ReviewStatus.CHANGES_REQUESTED
    assert Notification.objects.filter(user=cast.contact).count() == 1

    services.review_request(actor=cast.contact, application=application)
    assert Notification.objects.filter(user=cast.coordinator).count() == 2
    services.review_decide(actor=cast.coordinator, application=application, approve=True)
    application.refresh_from_db()
    assert application.review_status == Application.ReviewStatus.APPROVED
    moves = [
        (entry.actor, entry.changes_dict["review_status"][1])
        for entry in LogEntry.objects.get_for_object(application).order_by("timestamp", "pk")
        if "review_status" in entry.changes_dict and entry.action == LogEntry.Action.UPDATE
    ]
    assert moves == [
        (cast.contact, "review_requested"),
        (cast.coordinator, "changes_requested"),
        (cast.contact, "review_requested"),
        (cast.coordinator, "approved"),
    ]
    with pytest.raises(DomainError):
        services.review_decide(actor=cast.coordinator, application=application, approve=True)
    # A change after the approval makes it a draft again.
    purpose = section(application, "purpose")
    services.section_save(actor=cast.contact, section=purpose, text="Ändrat.", based_on=0)
    application.refresh_from_db()
    assert application.review_status == Application.ReviewStatus.DRAFT


# --- refusals ---------------------------------------------------------------------------------


@pytest.fixture
def refused(cast):
    """Read the project but may not write: Solna's contact (not taking part), the steering
    representative, the viewer and the administrator; and the other consortium's coordinator."""
    return [
        cast.solna_contact,
        cast.steering,
        cast.viewer,
        cast.admin,
        cast.sodertorn_coordinator,
        cast.outsider,
    ]


def test_only_writers_start_an_application(cast, project, refused, sigtuna_contact):
    for user in refused:
        with pytest.raises(PermissionDenied):
            services.application_create(actor=user, project=project)
    assert services.application_create(actor=sigtuna_contact, project=project).pk


def test_every_write_is_refused_to_those_who_may_not_write(cast, application, project, refused):
    purpose = section(application, "purpose")
    risks = section(application, "risks")
    services.section_save(actor=cast.contact, section=purpose, text="Text", based_on=0)
    comment = Comment.objects.create(section=purpose, author=cast.coordinator, text="Ok?")
    entry = Entry.objects.create(
        consortium=project.consortium, owner=project.owner, title="E", description="D"
    )
    writes = [
        lambda u: services.section_save(actor=u, section=purpose, text="Nej", based_on=1),
        lambda u: services.section_restore(actor=u, section=purpose, number=1, based_on=1),
        lambda u: services.section_fill_from_risks(actor=u, section=risks, based_on=0),
        lambda u: services.section_copy_entry(actor=u, section=purpose, entry=entry, based_on=1),
        lambda u: services.section_copy_section(actor=u, section=purpose, source=risks, based_on=1),
        lambda u: services.comment_add(actor=u, section=purpose, text="Nej"),
        lambda u: services.comment_resolve(actor=u, comment=comment),
        lambda u: services.review_request(actor=u, application=application),
    ]
    for user in refused:
        for write in writes:
            with pytest.raises(PermissionDenied):
                write(user)
    purpose.refresh_from_db()
    assert (purpose.text, purpose.version) == ("Text", 1)
    assert Comment.objects.get().resolved_at is None


def test_only_coordinators_review(cast, application, sigtuna_contact):
    services.review_request(actor=cast.contact, application=application)
    for user in (cast.contact, sigtuna_contact, cast.steering, cast.sodertorn_coordinator):
        with pytest.raises(PermissionDenied):
            services.review_decide(actor=user, application=application, approve=True)
    application.refresh_from_db()
    assert application.review_status == Application.ReviewStatus.REVIEW_REQUESTED
