"""The pages of a project's preparation: the checklist with its files, the partners' forms, the
reason to submit without them; every write refused for those who may not, files served only
to readers, and the project's page and the portfolio showing the progress."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from navet.core.models import Notification
from navet.projects.models import NeedsAnalysisFile, NeedsAnalysisItem, PartnerConfirmation, Project
from tests import documents
from tests.factories import PartnerConfirmationFactory, ProjectFactory
from tests.matching.test_matches_page import municipality as municipality_of
from tests.projects.conftest import PDF, complete_needs_analysis

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- the checklist -----------------------------------------------------------------------------


def test_the_checklist_page_lists_the_six_items_with_their_forms(cast, idea):
    complete_needs_analysis(idea, leave=2)
    response = _client(cast.contact).get(f"/projekt/{idea.pk}/behovsanalys/")
    text = response.content.decode()
    assert response.status_code == 200
    assert text.count('<section class="checklist-item') == 6
    assert text.count("checklist-item--ok") == 4
    assert "4 av 6" in text
    assert text.count('name="item"') == 6


def test_a_reader_sees_the_checklist_without_forms(cast, idea):
    text = _client(cast.viewer).get(f"/projekt/{idea.pk}/behovsanalys/").content.decode()
    assert 'name="item"' not in text
    assert "0 av 6" in text


def test_an_item_is_saved_with_its_file_and_the_file_is_served_to_readers(cast, idea):
    client = _client(cast.contact)
    response = client.post(
        f"/projekt/{idea.pk}/behovsanalys/",
        {
            "item": "interviews",
            "interviews-done": "on",
            "interviews-notes": "Intervjuer med deltagare, handläggare och enhetschefer.",
            "interviews-file": SimpleUploadedFile("intervjuer.pdf", PDF),
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#item-interviews")
    item = NeedsAnalysisItem.objects.get(project=idea, kind="interviews")
    assert item.done
    attached = NeedsAnalysisFile.objects.get()
    download = _client(cast.viewer).get(f"/projekt/behovsanalys/filer/{attached.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert "attachment" in download["Content-Disposition"]
    assert download["X-Content-Type-Options"] == "nosniff"
    other = _client(cast.sodertorn_coordinator)
    assert other.get(f"/projekt/behovsanalys/filer/{attached.pk}/").status_code == 404


def test_a_bad_file_is_refused_in_swedish_and_the_notes_are_not_lost(cast, idea):
    response = _client(cast.contact).post(
        f"/projekt/{idea.pk}/behovsanalys/",
        {
            "item": "study_visits",
            "study_visits-done": "on",
            "study_visits-notes": "Studiebesök i Stockholms stad.",
            "study_visits-file": SimpleUploadedFile("besok.pdf", b"<script>x</script>"),
        },
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "stämmer inte" in text or "innehåll" in text
    assert "Studiebesök i Stockholms stad." in text  # what was typed is still there
    assert not NeedsAnalysisItem.objects.exists()


def test_saving_one_item_keeps_what_was_typed_in_the_others(cast, idea):
    """The page is one form: the item whose button was pressed and every other item typed into
    are saved together."""
    NeedsAnalysisItem.objects.create(
        project=idea, kind="earlier_research", done=True, notes="Läst FoU."
    )
    response = _client(cast.contact).post(
        f"/projekt/{idea.pk}/behovsanalys/",
        {
            "item": "interviews",
            "interviews-done": "on",
            "interviews-notes": "Fem deltagare intervjuade.",
            "study_visits-notes": "Besök i Stockholms stad.",
            "environment_scan-notes": "",
            "earlier_research-done": "on",
            "earlier_research-notes": "Läst FoU.",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#item-interviews")
    notes = dict(NeedsAnalysisItem.objects.filter(project=idea).values_list("kind", "notes"))
    assert notes == {
        "interviews": "Fem deltagare intervjuade.",
        "study_visits": "Besök i Stockholms stad.",
        "earlier_research": "Läst FoU.",
    }


def test_a_bad_file_in_one_item_keeps_the_text_of_every_item_and_saves_none(cast, idea):
    response = _client(cast.contact).post(
        f"/projekt/{idea.pk}/behovsanalys/",
        {
            "item": "interviews",
            "interviews-notes": "Fem deltagare intervjuade.",
            "study_visits-notes": "Besök i Stockholms stad.",
            "study_visits-file": SimpleUploadedFile("besok.pdf", b"<script>x</script>"),
        },
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Fem deltagare intervjuade." in text
    assert "Besök i Stockholms stad." in text
    assert not NeedsAnalysisItem.objects.exists()


@pytest.mark.parametrize(
    "who", ["steering", "viewer", "admin", "outsider", "solna_contact", "sodertorn_coordinator"]
)
def test_others_may_not_save_the_checklist(cast, idea, who):
    response = _client(getattr(cast, who)).post(
        f"/projekt/{idea.pk}/behovsanalys/", {"item": "interviews", "interviews-done": "on"}
    )
    assert response.status_code in (403, 404)
    assert not NeedsAnalysisItem.objects.exists()


def test_the_decision_button_tells_why_until_the_checklist_is_done(cast, idea):
    idea.status = Project.Status.NEEDS_ANALYSIS
    idea.save()
    client = _client(cast.coordinator)
    text = client.get(f"/projekt/{idea.pk}/").content.decode()
    assert "behovsanalysen" in text
    assert 'name="to" value="decision"' not in text
    assert "0 av 6" in text
    complete_needs_analysis(idea)
    text = client.get(f"/projekt/{idea.pk}/").content.decode()
    assert 'name="to" value="decision"' in text
    assert "6 av 6" in text


def test_the_portfolio_shows_each_projects_checklist(cast, norrort, idea):
    complete_needs_analysis(idea, leave=2)
    ProjectFactory(consortium=norrort, title="Utan analys")
    text = _client(cast.coordinator).get("/projekt/").content.decode()
    assert "4 av 6" in text
    assert "0 av 6" in text


# --- the partners' confirmations ---------------------------------------------------------------


def test_the_confirmations_page_lists_each_partner(cast, group):
    PartnerConfirmationFactory(project=group, municipality=group.participants.get(code="0191"))
    response = _client(cast.coordinator).get(f"/projekt/{group.pk}/samverkansintyg/")
    text = response.content.decode()
    assert response.status_code == 200
    assert 'id="partner-0191"' in text
    assert 'id="partner-0184"' in text
    assert 'id="partner-0160"' not in text  # the owner signs the application itself
    assert "Britt-Marie Ekström, socialdirektör" in text
    assert "1 av 2" in text
    assert "/samverkansintyg/0184/begar/" in text


def test_the_coordinator_asks_and_the_contact_is_told(cast, group):
    response = _client(cast.coordinator).post(f"/projekt/{group.pk}/samverkansintyg/0184/begar/")
    assert response.status_code == 302
    assert PartnerConfirmation.objects.get().requested_by == cast.coordinator
    assert Notification.objects.filter(user=cast.solna_contact).count() == 1


def test_asking_the_owner_or_a_stranger_is_not_found(cast, group):
    client = _client(cast.coordinator)
    assert client.post(f"/projekt/{group.pk}/samverkansintyg/0160/begar/").status_code == 404
    assert client.post(f"/projekt/{group.pk}/samverkansintyg/0180/begar/").status_code == 404
    assert not PartnerConfirmation.objects.exists()


def _signature(**changes):
    return {
        "signed_by_name": "Britt-Marie Ekström",
        "signed_by_title": "socialdirektör",
        "signed_on": "2026-11-02",
        "board_decision_reference": "Socialnämnden 2026-10-20 § 7",
        "file": SimpleUploadedFile("blankett.pdf", PDF),
        **changes,
    }


def test_solnas_contact_records_its_signed_form(cast, group):
    client = _client(cast.solna_contact)
    assert client.get(f"/projekt/{group.pk}/samverkansintyg/0184/").status_code == 200
    response = client.post(f"/projekt/{group.pk}/samverkansintyg/0184/", _signature())
    assert response.status_code == 302
    confirmation = PartnerConfirmation.objects.get()
    assert (confirmation.municipality.code, confirmation.signed_by_title) == (
        "0184",
        "socialdirektör",
    )
    download = _client(cast.viewer).get(f"/projekt/samverkansintyg/filer/{confirmation.pk}/")
    assert b"".join(download.streaming_content) == PDF
    assert (
        _client(cast.outsider).get(f"/projekt/samverkansintyg/filer/{confirmation.pk}/").status_code
        == 404
    )


def test_a_form_without_its_file_is_refused_in_swedish(cast, group):
    response = _client(cast.coordinator).post(
        f"/projekt/{group.pk}/samverkansintyg/0184/", _signature(file="")
    )
    assert response.status_code == 200
    assert "Britt-Marie Ekström" in response.content.decode()
    assert "måste fyllas i" in response.content.decode()
    assert not PartnerConfirmation.objects.exists()


@pytest.mark.parametrize("who", ["contact", "steering", "viewer", "admin", "outsider"])
def test_others_may_not_record_solnas_form(cast, group, who):
    client = _client(getattr(cast, who))
    response = client.post(f"/projekt/{group.pk}/samverkansintyg/0184/", _signature())
    assert response.status_code in (403, 404)
    assert not PartnerConfirmation.objects.exists()


@pytest.mark.parametrize(
    "who", ["contact", "solna_contact", "steering", "viewer", "admin", "sodertorn_coordinator"]
)
def test_only_coordinators_ask_and_record_a_reason(cast, group, who):
    client = _client(getattr(cast, who))
    asked = client.post(f"/projekt/{group.pk}/samverkansintyg/0184/begar/")
    waived = client.post(f"/projekt/{group.pk}/samverkansintyg/skal/", {"reason": "Skäl."})
    assert asked.status_code in (403, 404)
    assert waived.status_code in (403, 404)
    assert not PartnerConfirmation.objects.exists()
    assert Project.objects.get(pk=group.pk).confirmations_waiver_reason == ""


def test_the_reason_is_recorded_and_shown_on_the_project(cast, group):
    client = _client(cast.coordinator)
    text = client.get(f"/projekt/{group.pk}/").content.decode()
    assert 'name="to" value="submitted"' not in text
    assert "samverkansblankett" in text
    response = client.post(
        f"/projekt/{group.pk}/samverkansintyg/skal/",
        {"reason": "Sigtunas nämnd sammanträder efter sista ansökningsdag."},
    )
    assert response.status_code == 302
    text = client.get(f"/projekt/{group.pk}/").content.decode()
    assert "Sigtunas nämnd sammanträder efter sista ansökningsdag." in text
    assert 'name="to" value="submitted"' in text
    assert "0 av 2" in text


def test_the_cooperation_form_is_filled_in_for_each_partner(cast, group, sigtuna):
    group.description = "Handledning i e-tjänster på bibliotek."
    group.save()
    response = _client(cast.steering).get(
        f"/projekt/{group.pk}/samverkansintyg/0184/samverkansblankett.docx"
    )
    assert response.status_code == 200
    assert "samverkansblankett-0184" in response["Content-Disposition"]
    word = documents.docx_of(response.content, header="Koordination Norrort · Digital vardag")
    text = "\n".join(p.text for p in word.paragraphs)
    cells = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    assert "Samverkansblankett" in word.core_properties.title
    assert "Handledning i e-tjänster på bibliotek." in text
    assert "Solna bekräftar" in text
    assert "Digital vardag" in cells
    assert "Täby" in cells  # the applicant
    assert "1\u00a0200\u00a0000\u00a0kr" in cells
    assert "Namnförtydligande" in cells
    assert timezone.localtime(group.call.closes).date().isoformat() in cells  # a date, no time
    pdf = _client(cast.steering).get(
        f"/projekt/{group.pk}/samverkansintyg/0191/samverkansblankett.pdf"
    )
    assert "Sigtuna" in documents.pdf_text(
        pdf.content, header="Koordination Norrort · Digital vardag"
    )
    client = _client(cast.coordinator)
    assert (
        client.get(f"/projekt/{group.pk}/samverkansintyg/0160/samverkansblankett.docx").status_code
        == 404
    )
    assert (
        client.get(f"/projekt/{group.pk}/samverkansintyg/0184/samverkansblankett.odt").status_code
        == 404
    )
    other = _client(cast.sodertorn_coordinator)
    assert (
        other.get(f"/projekt/{group.pk}/samverkansintyg/0184/samverkansblankett.docx").status_code
        == 404
    )


def test_the_preparation_pages_make_the_same_number_of_queries_whatever_the_number(
    cast, group, django_assert_max_num_queries
):
    client = _client(cast.coordinator)
    pages = [f"/projekt/{group.pk}/behovsanalys/", f"/projekt/{group.pk}/samverkansintyg/"]
    complete_needs_analysis(group, leave=5)  # one item: its files are looked for
    counts = []
    for path in pages:
        client.get(path)  # warm up the session and the caches
        with CaptureQueriesContext(connection) as few:
            client.get(path)
        counts.append(len(few.captured_queries))
    complete_needs_analysis(group)
    for kind in ("interviews", "risk_analysis"):
        item = group.needs_analysis_items.get(kind=kind)
        for n in range(3):
            NeedsAnalysisFile.objects.create(item=item, name=f"fil{n}.pdf", file=f"x/fil{n}.pdf")
    for code in ("0186", "0187", "0188"):
        PartnerConfirmationFactory(project=group, municipality=municipality_of(code))
    for path, count in zip(pages, counts, strict=True):
        with django_assert_max_num_queries(count):
            assert client.get(path).status_code == 200
