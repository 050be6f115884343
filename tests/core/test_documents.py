"""Word and PDF renderings carry the same text on the same page: read back with python-docx and
pypdf."""

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
from navet.core.documents.layout import TEXT_WIDTH_MM, column_widths, dejavu_width
from navet.core.text import format_sek
from navet.core.views import document_response
from tests.documents import docx_of
from tests.documents import pdf_text as pdf_text_checked

EXAMPLE = Document(
    title="Protokollsutdrag – Styrgruppen",
    subtitle="Koordination Norrort, 2026-11-23",
    author="Anna Åberg",
    consortium="Koordination Norrort",
    project="Digitala guider",
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
        "Koordination Norrort · Digitala guider Sida 1 av 2",
        "Koordination Norrort · Digitala guider Sida 2 av 2",
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


def test_word_pages_are_a4_with_swedish_margins_and_a_header_counting_pages() -> None:
    word = docx_of(to_docx(EXAMPLE), header="Koordination Norrort · Digitala guider")

    assert word.sections[0].header.paragraphs[0].text.endswith("Sida 1 av 1")  # until Word counts
    assert word.sections[0].header_distance.mm == pytest.approx(12.5, abs=0.1)


def test_pdf_pages_are_a4_with_the_header_on_every_page() -> None:
    text = pdf_text_checked(to_pdf(EXAMPLE), header="Koordination Norrort · Digitala guider")

    assert text.count("Sida ") == 2


def test_a_document_without_consortium_is_headed_by_its_title() -> None:
    document = Document(title="Kalender", blocks=(Paragraph("Text"),))

    pdf_text_checked(to_pdf(document), header="Kalender")
    docx_of(to_docx(document), header="Kalender")


NINE_COLUMNS = Table(
    header=(
        "Kommun",
        "Antal",
        "Sökt",
        "Beviljat",
        "Använt",
        "Återbetalt",
        "Andel av kostnaden",
        "Nettovinst",
        "Hävstång",
    ),
    rows=[
        (
            f"Upplands Väsby {n}",
            "3",
            format_sek(12_500_000 + n),
            format_sek(11_250_000),
            format_sek(9_999_999),
            format_sek(1_000_000),
            format_sek(-345_678),
            format_sek(10_123_456),
            "12,5",
        )
        for n in range(40)
    ],
    caption="Varje kommuns pengar",
    numeric=range(1, 9),
)


def test_a_wide_pdf_table_splits_no_amount_and_no_word() -> None:
    document = Document(
        title="Utvärdering", consortium="Koordination Norrort", blocks=[NINE_COLUMNS]
    )

    text = pdf_text_checked(to_pdf(document), header="Koordination Norrort")

    lines = text.replace("\u00a0", " ").splitlines()
    for n in range(40):
        assert any(f"{12_500_000 + n:,} kr".replace(",", " ") in line for line in lines), n
    assert any("10 123 456 kr" in line for line in lines)
    assert "Återbetalt" in text  # a header word kept whole
    assert len(pypdf.PdfReader(BytesIO(to_pdf(document))).pages) > 1


def test_columns_hold_their_longest_amount_and_word_and_fill_the_line() -> None:
    header, rows = NINE_COLUMNS.header, NINE_COLUMNS.rows

    size, widths = column_widths(header, rows, NINE_COLUMNS.numeric, available=160, padding=3)

    assert sum(widths) == pytest.approx(160)
    for column, width in enumerate(widths):
        longest_word = max(dejavu_width(w, True, size) for w in header[column].split())
        if column:  # the amounts whole
            longest = max(dejavu_width(row[column], False, size) for row in rows)
        else:
            longest = max(dejavu_width(w, False, size) for row in rows for w in row[0].split())
        assert width >= max(longest, longest_word) + 3 - 1e-6, header[column]


def test_a_narrow_table_is_as_wide_as_the_text() -> None:
    _, widths = column_widths(
        ("Kommun", "Belopp"), [("Täby", "1 kr")], (1,), available=160, padding=3
    )

    assert sum(widths) == pytest.approx(TEXT_WIDTH_MM)
    assert widths[0] > widths[1]


def test_word_tables_get_the_same_widths_and_numbers_that_never_wrap() -> None:
    word = docx_of(to_docx(Document(title="T", blocks=[NINE_COLUMNS])), header="T")

    table = word.tables[0]
    widths = [cell.width.mm for cell in table.rows[1].cells]
    assert sum(widths) == pytest.approx(TEXT_WIDTH_MM, abs=0.5)
    amount_cell = table.rows[1].cells[2]._tc
    assert amount_cell.tcPr.find(docx.oxml.ns.qn("w:noWrap")) is not None


def test_a_table_too_wide_for_its_words_breaks_words_and_keeps_amounts_whole() -> None:
    header = ("Kommun", *(f"Beloppsfördelning{n}" for n in range(7)))
    rows = [("Upplands Väsby", *(format_sek(12_345_678) for _ in range(7)))]

    size, widths = column_widths(header, rows, range(1, 8), available=160, padding=3)

    assert size == 7
    amount = dejavu_width(format_sek(12_345_678), False, size) + 3
    assert all(width >= amount - 1e-6 for width in widths[1:])
    assert sum(widths) == pytest.approx(160)


def test_no_heading_or_caption_ends_a_pdf_page_alone() -> None:
    blocks: list = []
    for n in range(30):
        blocks += [
            Heading(f"Rubrik {n}", 2),
            Paragraph("Text som fyller sidan. " * 12),
            Table(("Post", "Belopp"), [("Personal", format_sek(n))], caption=f"Tabell {n}"),
        ]
    content = to_pdf(Document(title="Lång", blocks=blocks))

    pages = pypdf.PdfReader(BytesIO(content)).pages
    assert len(pages) > 3
    for page in pages:
        last = page.extract_text().splitlines()[-1]
        assert not last.startswith(("Rubrik", "Tabell")), last


def _filled_rectangles(content: bytes) -> list[tuple[tuple[float, ...], list[float]]]:
    """Each filled rectangle of the PDF with its fill colour (RGB, 0–1)."""
    found: list[tuple[tuple[float, ...], list[float]]] = []
    state: dict = {"colour": (0.0, 0.0, 0.0), "rectangle": None}

    def visit(operator: bytes, operands: list, *_: object) -> None:
        if operator == b"rg":
            state["colour"] = tuple(float(value) for value in operands)
        elif operator == b"re":
            state["rectangle"] = [float(value) for value in operands]
        elif operator in (b"f", b"f*", b"B", b"B*") and state["rectangle"]:
            found.append((state["colour"], state["rectangle"]))
            state["rectangle"] = None

    for page in pypdf.PdfReader(BytesIO(content)).pages:
        page.extract_text(visitor_operand_before=visit)
    return found


def test_every_table_row_is_light_behind_its_black_text_even_after_a_chart() -> None:
    document = Document(
        title="Utvärdering",
        blocks=(
            Bars("Nettovinst", (("Täby", 0.5, "10 kr"), ("Ekerö", -0.5, "−10 kr"))),
            Table(("Kommun", "Belopp"), [("Täby", format_sek(n)) for n in range(6)], numeric=(1,)),
        ),
    )

    rows = [
        (colour, rectangle)
        for colour, rectangle in _filled_rectangles(to_pdf(document))
        if abs(rectangle[3]) > 14  # taller than a bar: a table's row
    ]

    assert len(rows) == 2 * 7  # the header and six rows, two cells each
    for colour, _ in rows:
        red, green, blue = colour
        assert 0.2126 * red + 0.7152 * green + 0.0722 * blue > 0.8, colour
