"""Word and PDF renderings carry the same text: read back with python-docx and pypdf."""

from io import BytesIO

import docx
import pypdf
import pytest
from django.http import Http404

from navet.core.documents import (
    Bars,
    Bullets,
    Document,
    Heading,
    PageBreak,
    Paragraph,
    Table,
    to_docx,
    to_pdf,
)
from navet.core.views import document_response

EXAMPLE = Document(
    title="Protokollsutdrag – Styrgruppen",
    subtitle="Koordination Norrort, 2026-11-23",
    author="Anna Åberg",
    blocks=(
        Heading("§ 12 Ansökan till § 37a"),
        Paragraph("Styrgruppen beslutar att söka medel för språkstöd.\nAndra stycket."),
        Bullets(("Täby: ja", "Vallentuna: nej", "Österåker: avstår")),
        Table(
            header=("Kommun", "Belopp"),
            rows=(("Danderyd", "33 333 kr"), ("Ekerö", "1 250 000 kr")),
            caption="Fördelning per kommun",
            numeric=(1,),
        ),
        Bars("Måluppfyllelse", (("Delmål 1", 0.8, "80 %"), ("Delmål 2", 0.0, "0 %"))),
        PageBreak(),
        Heading("Paragrafen justeras omedelbart", level=2),
    ),
)


def docx_text(content: bytes) -> tuple[list[tuple[str, str]], list[list[str]]]:
    word = docx.Document(BytesIO(content))
    paragraphs = [(p.style.name, p.text) for p in word.paragraphs]
    cells = [[cell.text for cell in row.cells] for table in word.tables for row in table.rows]
    return paragraphs, cells


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(BytesIO(content)).pages)


def test_docx_has_every_block_with_its_structure() -> None:
    paragraphs, cells = docx_text(to_docx(EXAMPLE))

    assert ("Title", "Protokollsutdrag – Styrgruppen") in paragraphs
    assert ("Heading 1", "§ 12 Ansökan till § 37a") in paragraphs
    assert ("Heading 2", "Paragrafen justeras omedelbart") in paragraphs
    assert ("List Bullet", "Österåker: avstår") in paragraphs
    assert ("Caption", "Fördelning per kommun") in paragraphs
    assert ["Ekerö", "1 250 000 kr"] in cells
    assert ["Delmål 1", "80 %"] in cells
    assert docx.Document(BytesIO(to_docx(EXAMPLE))).core_properties.author == "Anna Åberg"


def test_pdf_has_the_same_text_with_swedish_letters_and_page_numbers() -> None:
    content = to_pdf(EXAMPLE)
    text = pdf_text(content)
    reader = pypdf.PdfReader(BytesIO(content))

    for expected in (
        "Protokollsutdrag – Styrgruppen",
        "§ 12 Ansökan till § 37a",
        "Österåker: avstår",
        "1 250 000 kr",
        "Delmål 1",
        "80 %",
        "Paragrafen justeras omedelbart",
        "1 (2)",
    ):
        assert expected in text
    assert len(reader.pages) == 2
    assert reader.metadata is not None
    assert reader.metadata.title == "Protokollsutdrag – Styrgruppen"


def test_long_tables_continue_on_new_pages() -> None:
    rows = [(f"Rad {n}", f"{n} kr") for n in range(200)]
    document = Document(title="Lång", blocks=(Table(("Rad", "Belopp"), rows),))

    text = pdf_text(to_pdf(document))

    assert "Rad 199" in text
    assert len(pypdf.PdfReader(BytesIO(to_pdf(document))).pages) > 1


@pytest.mark.parametrize(
    ("fmt", "content_type", "magic"),
    [
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK"),
        ("pdf", "application/pdf", b"%PDF"),
    ],
)
def test_document_response_is_a_download_named_in_swedish(
    fmt: str, content_type: str, magic: bytes
) -> None:
    response = document_response(EXAMPLE, "protokollsutdrag-§12-Österåker", fmt)

    assert response["Content-Type"] == content_type
    assert response.content.startswith(magic)
    assert "attachment" in response["Content-Disposition"]
    assert "%C3%96ster%C3%A5ker" in response["Content-Disposition"]


def test_document_response_refuses_other_formats() -> None:
    with pytest.raises(Http404):
        document_response(EXAMPLE, "x", "odt")


def test_bars_take_losses_left_of_zero() -> None:
    document = Document(
        title="Nettovinst",
        blocks=(Bars("Per kommun", (("Täby", 1.0, "20 000 kr"), ("Ekerö", -0.5, "−10 000 kr"))),),
    )

    text = pdf_text(to_pdf(document))
    _, cells = docx_text(to_docx(document))

    assert "−10 000 kr" in text
    assert ["Ekerö", "−10 000 kr"] in cells
