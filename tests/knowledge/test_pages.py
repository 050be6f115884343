"""The pages: the list with search and a constant number of queries, an entry, the form (also
filled in from a finished project), file downloads with safe headers, reuse, and the related
entries on a need's and a project's page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from navet.knowledge.models import Entry, Reuse
from navet.knowledge.services import attachment_add
from navet.projects.models import Project
from tests.factories import NeedFactory, ProjectFactory
from tests.knowledge.conftest import EntryFactory, client_for

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_the_list_searches_and_shows_the_nav_item(cast, entry):
    response = client_for(cast.viewer).get("/kunskap/?q=e-tjänster")
    text = response.content.decode()
    assert response.status_code == 200
    assert entry.title in text
    assert 'href="/kunskap/"' in text  # the main navigation
    assert entry.title not in client_for(cast.viewer).get("/kunskap/?q=ingenting").content.decode()


def test_the_list_makes_the_same_number_of_queries_whatever_the_number(
    cast, entry, norrort, taby, django_assert_num_queries
):
    client = client_for(cast.coordinator)
    client.get("/kunskap/")
    with django_assert_num_queries(8) as few:
        client.get("/kunskap/")
    for n in range(5):
        EntryFactory(consortium=norrort, owner=taby, themes=["sprak"], title=f"Fler {n}")
    with django_assert_num_queries(len(few.captured_queries)):
        client.get("/kunskap/")


def test_the_entry_page_renders_markdown_safely(cast, entry):
    entry.description = "**Fet** <script>alert(1)</script> [x](javascript:alert(1))"
    entry.save()
    text = client_for(cast.steering).get(f"/kunskap/{entry.pk}/").content.decode()
    assert "<strong>Fet</strong>" in text
    assert "<script>alert(1)" not in text
    assert 'href="javascript:' not in text


def test_other_consortia_and_outsiders_get_404(cast, entry):
    assert client_for(cast.sodertorn_coordinator).get(f"/kunskap/{entry.pk}/").status_code == 404
    assert client_for(cast.outsider).get(f"/kunskap/{entry.pk}/").status_code == 404


def test_a_contact_adds_an_entry_with_a_file(cast, norrort, taby, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    response = client_for(cast.contact).post(
        "/kunskap/ny/",
        {
            "consortium": norrort.pk,
            "owner": taby.pk,
            "kind": "template",
            "title": "Mall för lägesrapport",
            "themes": ["sprak"],
            "file": SimpleUploadedFile("mall.pdf", PDF),
        },
    )
    entry = Entry.objects.get()
    assert response.status_code == 302
    assert entry.attachments.get().name == "mall.pdf"


def _add_with_file(client, norrort, taby, upload):
    return client.post(
        "/kunskap/ny/",
        {
            "consortium": norrort.pk,
            "owner": taby.pk,
            "kind": "template",
            "title": "Mall",
            "file": upload,
        },
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("mall.exe", b"MZ\x90\x00", "Filer av typen .exe är inte tillåtna."),
        ("mall.svg", b"<svg onload=alert(1)></svg>", "Filer av typen .svg är inte tillåtna."),
        ("mall.html", b"<script>alert(1)</script>", "Filer av typen .html är inte tillåtna."),
        ("mall.pdf", b"<script>alert(1)", "Filens innehåll stämmer inte med filtypen .pdf."),
        ("mall.docx", PDF, "Filens innehåll stämmer inte med filtypen .docx."),
        ("mall.txt", b"text\x00\x01\x02binary", "Filens innehåll stämmer inte med filtypen .txt."),
        ("mall", PDF, "Filer av typen .? är inte tillåtna."),
    ],
)
def test_a_bad_file_is_refused_on_the_form_and_nothing_is_stored(
    cast, norrort, taby, settings, tmp_path, name, content, message
):
    settings.MEDIA_ROOT = tmp_path
    response = _add_with_file(
        client_for(cast.contact), norrort, taby, SimpleUploadedFile(name, content)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Entry.objects.exists()
    assert not any(tmp_path.iterdir())


def test_a_file_over_the_size_limit_is_refused(cast, norrort, taby, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.NAVET_UPLOAD_MAX_BYTES = 1024
    upload = SimpleUploadedFile("stor.pdf", PDF + b"0" * 1024)
    response = _add_with_file(client_for(cast.contact), norrort, taby, upload)
    assert "Filen är för stor. Största tillåtna storlek är 1,0\xa0kB." in response.content.decode()
    assert not Entry.objects.exists()


def test_a_path_in_the_file_name_stays_inside_the_upload_folder(
    cast, norrort, taby, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    upload = SimpleUploadedFile("../../../etc/passwd.pdf", PDF)
    response = _add_with_file(client_for(cast.contact), norrort, taby, upload)
    attachment = Entry.objects.get().attachments.get()
    assert response.status_code == 302
    assert attachment.name == "passwd.pdf"
    stored = (tmp_path / "media" / attachment.file.name).resolve()
    assert stored.is_relative_to((tmp_path / "media").resolve())
    assert stored.read_bytes() == PDF
    assert not (tmp_path / "etc").exists()


@pytest.mark.parametrize("who", ["viewer", "admin", "outsider"])
def test_readers_may_not_add_or_edit(cast, entry, who):
    client = client_for(getattr(cast, who))
    assert client.get("/kunskap/ny/").status_code == 403
    assert client.post(f"/kunskap/{entry.pk}/andra/", {"title": "x"}).status_code in (403, 404)


def test_another_municipalitys_contact_may_not_edit(cast, entry):
    response = client_for(cast.contact).post(f"/kunskap/{entry.pk}/andra/", {"title": "x"})
    assert response.status_code == 403


def test_files_download_with_safe_headers_only_for_readers(cast, entry, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    attachment = attachment_add(
        actor=cast.coordinator, entry=entry, upload=SimpleUploadedFile("rapport.pdf", PDF)
    )
    response = client_for(cast.viewer).get(f"/kunskap/filer/{attachment.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF
    other = client_for(cast.sodertorn_coordinator).get(f"/kunskap/filer/{attachment.pk}/")
    assert other.status_code == 404


def test_a_finished_project_offers_and_prefills_its_entry(cast, norrort, taby):
    need = NeedFactory(municipality=taby)
    need.themes.create(slug="sprak", sv="Språk (svenska)", en="Language (Swedish)")
    project = ProjectFactory(
        consortium=norrort, owner=taby, needs=[need], status=Project.Status.FINISHED,
        title="Språkcafé", granted_sek=500_000,
    )  # fmt: skip
    fragment = client_for(cast.contact).get(f"/kunskap/relaterade/projekt/{project.pk}/")
    assert f"/kunskap/ny/?projekt={project.pk}" in fragment.content.decode()
    form = client_for(cast.contact).get(f"/kunskap/ny/?projekt={project.pk}").context["form"]
    assert form.initial["title"] == "Språkcafé"
    assert form.initial["themes"] == ["sprak"]
    assert form.initial["owner"] == taby
    assert "500\xa0000\xa0kr" in form.initial["results"]
    viewer = client_for(cast.viewer).get(f"/kunskap/relaterade/projekt/{project.pk}/")
    assert "/kunskap/ny/" not in viewer.content.decode()


def test_a_need_page_lists_related_entries_by_htmx(cast, entry, taby):
    need = NeedFactory(municipality=taby)
    need.themes.set(entry.themes.all())
    page = client_for(cast.contact).get(f"/behov/{need.pk}/").content.decode()
    assert f"/kunskap/relaterade/behov/{need.pk}/" in page
    fragment = client_for(cast.contact).get(
        f"/kunskap/relaterade/behov/{need.pk}/", headers={"HX-Request": "true"}
    )
    assert entry.title in fragment.content.decode()
    assert "<html" not in fragment.content.decode()


def test_reuse_from_the_entry_page_and_who_reused_it(cast, entry, taby):
    need = NeedFactory(municipality=taby, title="Digitalt i Täby")
    client = client_for(cast.contact)
    page = client.get(f"/kunskap/{entry.pk}/").content.decode()
    assert "Digitalt i Täby" in page
    response = client.post(f"/kunskap/{entry.pk}/ateranvand/", {"need": need.pk})
    reuse = Reuse.objects.get()
    assert response["Location"] == f"/projekt/{reuse.project.pk}/"
    page = client_for(cast.viewer).get(f"/kunskap/{entry.pk}/").content.decode()
    assert "Täby" in page
    assert reuse.project.title in page


def test_reuse_is_refused_to_readers(cast, entry, taby):
    need = NeedFactory(municipality=taby)
    response = client_for(cast.viewer).post(f"/kunskap/{entry.pk}/ateranvand/", {"need": need.pk})
    assert response.status_code in (302, 403)
    assert not Reuse.objects.exists()
