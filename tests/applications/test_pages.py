"""The application pages: wiring, permissions, conflicts shown with both texts, exports."""

from io import BytesIO

import docx
import pypdf
import pytest

from navet.applications import services
from navet.applications.models import Application, Comment
from navet.core.models import Notification
from navet.followup.services import budget_set
from navet.organisations.models import Consortium, Municipality
from navet.projects.models import Project
from tests import documents
from tests.applications.conftest import client_for, section
from tests.factories import CallFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def url(application: Application, key: str = "", action: str = "") -> str:
    base = f"/ansokningar/{application.pk}/"
    if key:
        base += f"avsnitt/{key}/"
    return base + action


def test_the_project_page_offers_to_start_the_application(
    cast, project, django_assert_max_num_queries
):
    client = client_for(cast.contact)
    with django_assert_max_num_queries(12):
        fragment = client.get(f"/projekt/{project.pk}/ansokningar/", headers={"HX-Request": "true"})
    assert "Starta ansökan till Utvecklingsmedel § 37 2027" in fragment.content.decode()
    response = client.post(f"/projekt/{project.pk}/ansokningar/")
    application = Application.objects.get(project=project)
    assert response.status_code == 302
    assert response["Location"] == url(application)
    page = client.get(f"/projekt/{project.pk}/")
    assert f"/projekt/{project.pk}/ansokningar/" in page.content.decode()


def test_the_application_page_shows_sections_checklist_and_score(
    cast, application, django_assert_max_num_queries
):
    services.section_save(
        actor=cast.contact, section=section(application, "purpose"), text="Syftet.", based_on=0
    )
    client = client_for(cast.viewer)
    with django_assert_max_num_queries(20):
        response = client.get(url(application))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Syftet." in html
    assert "Långsiktig förankring i ordinarie verksamhet" in html
    # 1 of 14 sections and the deadline: 2 of 16 items.
    assert "12 % klart" in html
    assert "Avsnittet är inte skrivet." in html
    assert "Projektet har ingen budget än." in html
    assert "30 dagar kvar" in html
    assert "Begär granskning" not in html  # the viewer may not


def test_the_checklist_goes_green_with_every_section_and_a_budget(cast, application, project):
    _write_all(application, cast.contact)
    client = client_for(cast.contact)
    html = client.get(url(application)).content.decode()
    assert "94 % klart" in html  # 14 sections and the deadline of 16 items
    assert "Projektet har ingen budget än." in html
    budget_set(
        actor=cast.contact,
        project=project,
        municipality=None,
        amounts={("staff", 2027): 1_000_000},
    )
    html = client.get(url(application)).content.decode()
    assert "Det sökta beloppet" not in html
    assert "100 % klart" in html
    assert "Allt är på plats." in html
    Project.objects.filter(pk=project.pk).update(requested_sek=2_500_000)
    html = client.get(url(application)).content.decode()
    assert "94 % klart" in html
    assert "större än utlysningens högsta belopp" in html


def test_a_section_is_saved_as_a_version(cast, application):
    client = client_for(cast.contact)
    response = client.post(url(application, "goals"), {"text": "Mål 1.", "based_on": 0})
    assert response.status_code == 302
    page = client.get(url(application, "goals"))
    assert "Version 1, sparad av" in page.content.decode()
    assert section(application, "goals").text == "Mål 1."


def test_a_conflicting_save_shows_both_texts_and_keeps_the_stored_one(
    cast, sigtuna_contact, application
):
    services.section_save(
        actor=cast.contact, section=section(application, "goals"), text="Täbys mål.", based_on=0
    )
    client = client_for(sigtuna_contact)
    response = client.post(url(application, "goals"), {"text": "Sigtunas mål.", "based_on": 0})
    html = response.content.decode()
    assert response.status_code == 409
    assert "Någon annan sparade först" in html
    assert "Täbys mål." in html
    assert "Sigtunas mål." in html
    assert '<del><span class="diff-label">borttaget:</span> Täbys' in html
    assert '<ins><span class="diff-label">tillagt:</span> Sigtunas' in html
    assert 'name="based_on" value="1"' in html
    assert section(application, "goals").text == "Täbys mål."
    merged = client.post(
        url(application, "goals"),
        {"text": "Täbys mål. Sigtunas mål.", "based_on": 1, "merged": "on"},
    )
    assert merged.status_code == 302
    assert section(application, "goals").text == "Täbys mål. Sigtunas mål."


def test_versions_are_compared_and_restored(cast, application):
    goals = section(application, "goals")
    services.section_save(actor=cast.contact, section=goals, text="Ett två tre.", based_on=0)
    services.section_save(actor=cast.contact, section=goals, text="Ett fyra tre.", based_on=1)
    client = client_for(cast.coordinator)
    html = client.get(url(application, "goals", "versioner/") + "?old=1&new=2").content.decode()
    assert "Från version 1 till version 2" in html
    assert '<del><span class="diff-label">borttaget:</span> två</del>' in html
    assert '<ins><span class="diff-label">tillagt:</span> fyra</ins>' in html
    assert "1 ord borttagna, 1 ord tillagda." in html
    response = client.post(url(application, "goals", "aterstall/"), {"number": 1, "based_on": 2})
    assert response.status_code == 302
    goals.refresh_from_db()
    assert (goals.text, goals.version) == ("Ett två tre.", 3)


def test_comments_and_review_through_the_pages(cast, application):
    contact, coordinator = client_for(cast.contact), client_for(cast.coordinator)
    coordinator.post(url(application, "purpose", "kommentarer/"), {"comment-text": "Mät effekten."})
    comment = Comment.objects.get()
    html = contact.get(url(application, "purpose")).content.decode()
    assert "Mät effekten." in html
    assert "olöst" in html
    contact.post(f"/ansokningar/kommentarer/{comment.pk}/", {"resolved": "1"})
    comment.refresh_from_db()
    assert comment.resolved_by == cast.contact
    contact.post(url(application, action="granskning/"))
    assert Notification.objects.filter(user=cast.coordinator).count() == 1
    coordinator.post(url(application, action="granska/"), {"decision": "approve"})
    application.refresh_from_db()
    assert application.review_status == Application.ReviewStatus.APPROVED
    assert "Godkänd" in contact.get(url(application)).content.decode()


def test_the_risk_button_fills_the_risk_section(cast, application, project):
    from navet.risks.services import risk_create  # noqa: PLC0415

    risk_create(
        actor=cast.coordinator,
        project=project,
        title="Låg närvaro",
        likelihood="high",
        consequence="serious",
        owner=cast.coordinator,
    )
    client = client_for(cast.contact)
    assert (
        "Fyll i från projektets riskregister"
        in client.get(url(application, "risks")).content.decode()
    )
    client.post(url(application, "risks", "risker/"), {"based_on": 0})
    assert "Låg närvaro – Hög/Allvarliga" in section(application, "risks").text


def test_filling_from_the_register_keeps_what_was_typed_as_a_version(cast, application, project):
    from navet.risks.services import risk_create  # noqa: PLC0415

    risk_create(
        actor=cast.coordinator,
        project=project,
        title="Låg närvaro",
        likelihood="high",
        consequence="serious",
        owner=cast.coordinator,
    )
    client = client_for(cast.contact)
    client.post(
        url(application, "risks", "risker/"), {"based_on": 0, "text": "Vår egen riskanalys."}
    )
    risks = section(application, "risks")
    assert "Låg närvaro" in risks.text
    assert risks.versions.get(number=1).text == "Vår egen riskanalys."


@pytest.mark.parametrize("user", ["solna_contact", "steering", "viewer", "admin"])
def test_every_write_page_is_refused_to_readers(cast, application, user):
    client = client_for(getattr(cast, user))
    services.section_save(
        actor=cast.contact, section=section(application, "purpose"), text="Text", based_on=0
    )
    comment = Comment.objects.create(
        section=section(application, "purpose"), author=cast.coordinator, text="?"
    )
    posts = [
        (f"/projekt/{application.project_id}/ansokningar/", {}),
        (url(application, "purpose"), {"text": "Nej", "based_on": 1}),
        (url(application, "purpose", "aterstall/"), {"number": 1, "based_on": 1}),
        (url(application, "purpose", "kopiera/"), {"copy": "entry:1", "based_on": 1}),
        (url(application, "risks", "risker/"), {"based_on": 0}),
        (url(application, "purpose", "kommentarer/"), {"comment-text": "Nej"}),
        (f"/ansokningar/kommentarer/{comment.pk}/", {"resolved": "1"}),
        (url(application, action="granskning/"), {}),
        (url(application, action="granska/"), {"decision": "approve"}),
    ]
    for path, data in posts:
        assert client.post(path, data).status_code == 403, path
    assert section(application, "purpose").text == "Text"
    assert Comment.objects.get().resolved_at is None
    application.refresh_from_db()
    assert application.review_status == Application.ReviewStatus.DRAFT
    # They still read it.
    assert client.get(url(application)).status_code == 200


def test_another_consortium_sees_nothing(cast, application):
    client = client_for(cast.sodertorn_coordinator)
    assert client.get(url(application)).status_code == 404
    assert client.get(url(application, "purpose")).status_code == 404
    assert client.get(url(application, action="ansokan.docx")).status_code == 404
    assert client.post(url(application, "purpose"), {"text": "x", "based_on": 0}).status_code == 404


def _write_all(application, user):
    for s in application.sections.order_by("position"):
        services.section_save(
            actor=user,
            section=s,
            text=f"Text om {s.heading.lower()}.\n\nAndra stycket.",
            based_on=0,
        )


def test_the_application_downloads_as_docx_with_every_section(cast, application):
    _write_all(application, cast.contact)
    response = client_for(cast.viewer).get(url(application, action="ansokan.docx"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    document = docx.Document(BytesIO(response.content))
    paragraphs = [p.text for p in document.paragraphs]
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    for s in application.sections.order_by("position"):
        assert s.heading in headings
        assert f"Text om {s.heading.lower()}." in paragraphs
    order = [headings.index(s.heading) for s in application.sections.order_by("position")]
    assert order == sorted(order)


def test_the_application_downloads_as_pdf_with_every_section(cast, application):
    _write_all(application, cast.contact)
    response = client_for(cast.contact).get(url(application, action="ansokan.pdf"))
    reader = pypdf.PdfReader(BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for s in application.sections.order_by("position"):
        assert s.heading in text
        assert f"Text om {s.heading.lower()}." in text


def test_the_summary_is_one_page_with_the_facts(cast, application):
    _write_all(application, cast.contact)
    response = client_for(cast.contact).get(url(application, action="sammanfattning.pdf"))
    header = "Koordination Norrort · Digital delaktighet för nyanlända"
    text = " ".join(documents.pdf_text(response.content, header=header).split())
    assert "Sida 1 av 1" in text
    assert "Digital delaktighet för nyanlända" in text
    assert "Täby" in text
    assert "Sigtuna" in text
    assert "800 000 kr" in text.replace("\u00a0", " ")
    word = client_for(cast.contact).get(url(application, action="sammanfattning.docx"))
    document = documents.docx_of(word.content, header=header)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Utvecklingsmedel § 37 2027" in cells
    assert (
        client_for(cast.contact).get(url(application, action="sammanfattning.odt")).status_code
        == 404
    )


def test_the_section_page_offers_similar_sections_and_copies_with_the_source(
    cast, norrort, application
):
    earlier_project = ProjectFactory(
        consortium=norrort,
        owner=Municipality.objects.get(code="0191"),
        title="Språkcafé",
        call=CallFactory(),
        status=Project.Status.FINISHED,
    )
    earlier = services.application_create(actor=cast.coordinator, project=earlier_project)
    source = section(earlier, "target_group")
    services.section_save(
        actor=cast.coordinator, section=source, text="Digital kunskap för nyanlända.", based_on=0
    )
    client = client_for(cast.contact)
    html = client.get(url(application, "target_group")).content.decode()
    assert "Språkcafé" in html
    assert "beviljad" in html
    assert f'name="copy" value="section:{source.pk}"' in html
    response = client.post(
        url(application, "target_group", "kopiera/"),
        {"copy": f"section:{source.pk}", "based_on": 0},
    )
    assert response.status_code == 302
    target = section(application, "target_group")
    assert target.text == "Digital kunskap för nyanlända."
    assert target.versions.get().source_section == source
    hidden = ProjectFactory(
        consortium=Consortium.objects.get(slug="etablering-sodertorn"), call=CallFactory()
    )
    other = services.application_create(actor=cast.sodertorn_coordinator, project=hidden)
    refused = client.post(
        url(application, "target_group", "kopiera/"),
        {"copy": f"section:{section(other, 'purpose').pk}", "based_on": 1},
    )
    assert refused.status_code == 404
    assert section(application, "target_group").version == 1


def test_copying_adds_after_the_typed_text_and_loses_none_of_it(cast, norrort, application):
    earlier_project = ProjectFactory(
        consortium=norrort, title="Språkcafé", call=CallFactory(), status=Project.Status.FINISHED
    )
    earlier = services.application_create(actor=cast.coordinator, project=earlier_project)
    source = section(earlier, "target_group")
    services.section_save(
        actor=cast.coordinator, section=source, text="Digital kunskap för nyanlända.", based_on=0
    )
    response = client_for(cast.contact).post(
        url(application, "target_group", "kopiera/"),
        {"copy": f"section:{source.pk}", "based_on": 0, "text": "Föräldrar i Täby, ej sparat."},
    )
    assert response.status_code == 302
    assert section(application, "target_group").text == (
        "Föräldrar i Täby, ej sparat.\n\nDigital kunskap för nyanlända."
    )


def test_a_copy_that_cannot_be_made_keeps_the_typed_text_in_the_editor(cast, application):
    response = client_for(cast.contact).post(
        url(application, "target_group", "kopiera/"),
        {"copy": "nothing", "based_on": 0, "text": "Föräldrar i Täby, ej sparat."},
    )
    assert response.status_code == 200
    assert 'id="form-errors"' in response.content.decode()
    assert "Föräldrar i Täby, ej sparat." in response.content.decode()


def test_a_draft_is_kept_while_writing_and_opened_from_the_versions_page(cast, application):
    client = client_for(cast.contact)
    client.post(url(application, "purpose"), {"text": "Första texten.", "based_on": 0})
    # Someone else saves meanwhile: keeping a draft is no conflict and makes no version.
    kept = client.post(
        url(application, "purpose", "utkast/"), {"text": "Halvskriven andra text", "based_on": 1}
    )
    assert kept.status_code == 200
    assert "Utkastet sparades automatiskt" in kept.content.decode()
    services.section_save(
        actor=cast.coordinator, section=section(application, "purpose"), text="Ny.", based_on=1
    )
    assert section(application, "purpose").version == 2
    versions = client.get(url(application, "purpose", "versioner/")).content.decode()
    assert "Ditt osparade utkast" in versions
    editor = client.get(url(application, "purpose") + "?utkast=1").content.decode()
    assert "Halvskriven andra text" in editor
    assert 'name="based_on" value="1"' in editor  # saved from where it was written
    # Saving it from version 1 meets the other's version 2 as a conflict, with both texts.
    answer = client.post(
        url(application, "purpose"), {"text": "Halvskriven andra text", "based_on": 1}
    )
    assert answer.status_code == 409
    client.post(
        url(application, "purpose"),
        {"text": "Halvskriven andra text", "based_on": 2, "merged": "True"},
    )
    assert section(application, "purpose").text == "Halvskriven andra text"
    assert (
        "Ditt osparade utkast"
        not in client.get(url(application, "purpose", "versioner/")).content.decode()
    )


def test_a_section_links_to_the_previous_and_next_section_by_their_headings(
    cast, application, django_assert_max_num_queries
):
    first, second, third = application.sections.order_by("position")[:3]
    client = client_for(cast.contact)
    with django_assert_max_num_queries(30):
        middle = client.get(url(application, second.key)).content.decode()
    assert f'href="{url(application, first.key)}" rel="prev">' in middle
    assert f'href="{url(application, third.key)}" rel="next">' in middle
    assert f"Föregående avsnitt</span> {first.heading}</a>" in middle
    assert f"Nästa avsnitt</span> {third.heading}</a>" in middle
    opening = client.get(url(application, first.key)).content.decode()
    assert 'rel="prev"' not in opening
    last = application.sections.order_by("position").last()
    closing = client.get(url(application, last.key)).content.decode()
    assert 'rel="next"' not in closing


def test_the_application_page_has_a_menu_of_its_parts(cast, application):
    html = client_for(cast.viewer).get(url(application)).content.decode()
    assert "På sidan" in html
    for part in ("review", "checklist", "sections", "export"):
        assert f'<a href="#{part}-heading">' in html
        assert f'id="{part}-heading"' in html
