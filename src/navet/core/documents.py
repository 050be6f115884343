"""Word and PDF documents from one plain description.

Minutes extracts, board memos, applications and reports are written once as a `Document` of
blocks and rendered to .docx (python-docx: municipalities finish documents in Word) or PDF
(fpdf2). Both renderings carry the same text, headings and tables, so a test can read either back.
"""

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from fpdf import FPDF
from fpdf.enums import XPos, YPos

# Debian's fonts-dejavu-core (installed by scripts/system-deps): the PDF core fonts lack "–", "≥" …
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

# fontTools, which fpdf2 uses to embed the fonts, logs every glyph subset at INFO.
logging.getLogger("fontTools").setLevel(logging.WARNING)


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: Sequence[str]


@dataclass(frozen=True)
class Table:
    header: Sequence[str]
    rows: Sequence[Sequence[str]]
    caption: str = ""
    numeric: Sequence[int] = ()  # indexes of right-aligned columns


@dataclass(frozen=True)
class Bars:
    """A horizontal bar chart; each value is also written out, so it reads without the bars.
    A negative share (a loss) grows left from the zero line."""

    caption: str
    rows: Sequence[tuple[str, float, str]]  # label, share of the longest bar (−1–1), value text


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Paragraph | Bullets | Table | Bars | PageBreak


@dataclass(frozen=True)
class Document:
    title: str
    blocks: Sequence[Block] = field(default_factory=tuple)
    subtitle: str = ""
    author: str = "Navet"


def to_docx(document: Document) -> bytes:
    word = docx.Document()
    properties = word.core_properties
    properties.title = document.title
    properties.author = document.author
    properties.language = "sv-SE"
    word.add_heading(document.title, level=0)
    if document.subtitle:
        word.add_paragraph(document.subtitle, style="Subtitle")
    for block in document.blocks:
        match block:
            case Heading(text, level):
                word.add_heading(text, level=min(max(level, 1), 3))
            case Paragraph(text):
                word.add_paragraph(text)
            case Bullets(items):
                for item in items:
                    word.add_paragraph(item, style="List Bullet")
            case Table(header, rows, caption, numeric):
                _docx_table(word, caption, header, rows, numeric)
            case Bars(caption, rows):
                _docx_table(
                    word, caption, ("", ""), [(label, value) for label, _, value in rows], (1,)
                )
            case PageBreak():
                word.add_page_break()
    buffer = BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _docx_table(
    word: docx.document.Document,
    caption: str,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    numeric: Sequence[int],
) -> None:
    if caption:
        word.add_paragraph(caption, style="Caption")
    show_header = any(header)
    table = word.add_table(rows=len(rows) + show_header, cols=len(header), style="Table Grid")
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    all_rows = [header, *rows] if show_header else list(rows)
    for row_cells, values in zip(table.rows, all_rows, strict=True):
        for column, (cell, value) in enumerate(zip(row_cells.cells, values, strict=True)):
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(str(value))
            if column in numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if show_header and values is header:
                run.bold = True
    word.add_paragraph()


_HEADING_SIZES = {1: 15, 2: 12.5, 3: 11}
_BODY = 10.5
_LINE = 5.2


class _Pdf(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("DejaVu", size=8)
        self.cell(0, 6, f"{self.page_no()} ({{nb}})", align="C")


def to_pdf(document: Document) -> bytes:
    pdf = _Pdf(format="A4")
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_title(document.title)
    pdf.set_author(document.author)
    pdf.set_creator("Navet")
    pdf.set_lang("sv-SE")
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 18)
    _pdf_text(pdf, document.title, 8)
    if document.subtitle:
        pdf.set_font("DejaVu", size=12)
        _pdf_text(pdf, document.subtitle, 6)
    pdf.ln(3)
    for block in document.blocks:
        match block:
            case Heading(text, level):
                pdf.ln(2)
                pdf.set_font("DejaVu", "B", _HEADING_SIZES.get(level, _BODY))
                _pdf_text(pdf, text, 7)
            case Paragraph(text):
                pdf.set_font("DejaVu", size=_BODY)
                _pdf_text(pdf, text, _LINE)
                pdf.ln(1.5)
            case Bullets(items):
                pdf.set_font("DejaVu", size=_BODY)
                for item in items:
                    _pdf_text(pdf, f"•  {item}", _LINE)
                pdf.ln(1.5)
            case Table(header, rows, caption, numeric):
                _pdf_table(pdf, caption, header, rows, numeric)
            case Bars(caption, rows):
                _pdf_bars(pdf, caption, rows)
            case PageBreak():
                pdf.add_page()
    return bytes(pdf.output())


def _pdf_text(pdf: FPDF, text: str, height: float) -> None:
    pdf.multi_cell(0, height, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _pdf_caption(pdf: FPDF, caption: str) -> None:
    if caption:
        pdf.set_font("DejaVu", "B", _BODY)
        _pdf_text(pdf, caption, _LINE)


def _pdf_table(
    pdf: FPDF,
    caption: str,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    numeric: Sequence[int],
) -> None:
    _pdf_caption(pdf, caption)
    pdf.set_font("DejaVu", size=9)
    show_header = any(header)
    align = tuple("RIGHT" if i in numeric else "LEFT" for i in range(len(header)))
    with pdf.table(
        text_align=align, first_row_as_headings=show_header, line_height=_LINE, padding=1
    ) as table:
        for values in [header, *rows] if show_header else rows:
            row = table.row()
            for value in values:
                row.cell(str(value))
    pdf.ln(3)


def _pdf_bars(pdf: FPDF, caption: str, rows: Sequence[tuple[str, float, str]]) -> None:
    _pdf_caption(pdf, caption)
    pdf.set_font("DejaVu", size=9)
    label_width, value_width = 55.0, 35.0
    bar_width = pdf.epw - label_width - value_width - 4
    shares = [min(max(share, -1.0), 1.0) for _, share, _ in rows]
    low, high = min([0.0, *shares]), max([0.0, *shares])
    scale = bar_width / ((high - low) or 1.0)
    zero_x = pdf.l_margin + label_width + 2 - low * scale
    for (label, _, value), share in zip(rows, shares, strict=True):
        if pdf.will_page_break(_LINE + 1):
            pdf.add_page()
        y = pdf.get_y()
        pdf.cell(label_width, _LINE, label)
        pdf.set_fill_color(31, 94, 138)
        length = abs(share) * scale
        if length > 0:
            x = zero_x if share > 0 else zero_x - length
            pdf.rect(x, y + 1, length, _LINE - 2, style="F")
        pdf.set_x(pdf.l_margin + label_width + bar_width + 4)
        pdf.cell(value_width, _LINE, value, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_y(y + _LINE + 1)
    pdf.ln(3)
