"""Reading a document back as a funder or a board would get it: A4, the Swedish margins, the
header naming consortium and project, "Sida X av Y", and no amount split across lines."""

import re
from io import BytesIO

import docx
import pypdf
import pytest

A4_POINTS = (595.28, 841.89)
# An amount broken at the end of a line: "12 500" / "000 kr", or "12 500 000" / "kr".
SPLIT_AMOUNT = re.compile(r"\d\n[\u00a0 ]?(?:\d{3}\b|kr\b)")


def docx_of(content: bytes, header: str) -> docx.document.Document:
    """The Word document, after checking its page and header."""
    word = docx.Document(BytesIO(content))
    for section in word.sections:
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
        margins = (
            section.top_margin,
            section.bottom_margin,
            section.left_margin,
            section.right_margin,
        )
        assert [round(margin.mm) for margin in margins] == [25, 25, 25, 25]
        line = section.header.paragraphs[0]
        assert line.text.startswith(f"{header}\tSida "), line.text
        fields = [code.text.strip() for code in line._p.iter(docx.oxml.ns.qn("w:instrText"))]
        assert fields == ["PAGE", "NUMPAGES"]
    return word


def docx_text(word: docx.document.Document) -> str:
    cells = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in word.paragraphs] + cells)


def pdf_text(content: bytes, header: str) -> str:
    """The PDF's text, after checking that every page is A4 and headed "<header> … Sida n av N",
    and that no amount is split across lines."""
    pages = pypdf.PdfReader(BytesIO(content)).pages
    texts = []
    for number, page in enumerate(pages, start=1):
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx(A4_POINTS, abs=0.5)
        text = page.extract_text()
        first_line = text.splitlines()[0]
        assert first_line.startswith(header), first_line
        assert first_line.endswith(f"Sida {number} av {len(pages)}"), first_line
        assert not SPLIT_AMOUNT.search(text), SPLIT_AMOUNT.search(text)
        texts.append(text)
    return "\n".join(texts)
