"""A document as .docx: Word's built-in styles (Title, Heading 1–3, List Bullet, Caption, Table
Grid), so headings reach Word's navigation pane and a municipality's own template applies."""

from collections.abc import Sequence
from io import BytesIO

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as WordParagraph

from navet.core.documents.blocks import (
    Bars,
    Bullets,
    Document,
    Heading,
    PageBreak,
    Paragraph,
    Table,
)
from navet.core.documents.layout import (
    HEADER_FROM_EDGE_MM,
    MARGIN_MM,
    PAGE_HEIGHT_MM,
    PAGE_NUMBER,
    PAGE_WIDTH_MM,
    TEXT_WIDTH_MM,
    column_widths,
)

# The tables' cell margins (Word's default is 1.9 mm), and what the widths add for the borders.
_CELL_MARGIN_MM = 1.2
_CELL_PADDING_MM = 2 * _CELL_MARGIN_MM + 0.8


def to_docx(document: Document) -> bytes:
    word = docx.Document()
    properties = word.core_properties
    properties.title = document.title
    properties.author = document.author
    properties.language = "sv-SE"
    _docx_page(word, document)
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


def _docx_page(word: docx.document.Document, document: Document) -> None:
    """A4 with the Swedish margins; the header: consortium and project left, "Sida X av Y"
    right, as Word fields that Word and LibreOffice fill in on every page."""
    section = word.sections[0]
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Mm(MARGIN_MM))
    section.header_distance = section.footer_distance = Mm(HEADER_FROM_EDGE_MM)
    # The Header style's own tab stops are set for US Letter: one right stop at the text's edge.
    stops = word.styles["Header"].paragraph_format.tab_stops
    stops.clear_all()
    stops.add_tab_stop(Mm(TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT)
    header = section.header.paragraphs[0]
    header.add_run(f"{document.running_header}\t")
    before, between, after = (
        PAGE_NUMBER.replace("{page}", "\0").replace("{pages}", "\0").split("\0")
    )
    header.add_run(before)
    _docx_field(header, "PAGE", "1")
    header.add_run(between)
    _docx_field(header, "NUMPAGES", "1")
    header.add_run(after)
    for run in header.runs:
        run.font.size = Pt(8.5)
        run.font.color.rgb = RGBColor(0x40, 0x40, 0x40)


def _docx_field(paragraph: WordParagraph, instruction: str, shown: str) -> None:
    """A Word field (`PAGE`, `NUMPAGES`) with `shown` as its result until Word updates it."""

    def char(kind: str) -> None:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(element)

    char("begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    paragraph.add_run()._r.append(code)
    char("separate")
    paragraph.add_run(shown)
    char("end")


def _docx_cell_margins(table: DocxTable) -> None:
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(round(_CELL_MARGIN_MM * 1440 / 25.4)))  # twentieths of a point
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.append(margins)


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
    size, widths = column_widths(
        header, rows, numeric, available=TEXT_WIDTH_MM, padding=_CELL_PADDING_MM
    )
    table = word.add_table(rows=len(rows) + show_header, cols=len(header), style="Table Grid")
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    _docx_cell_margins(table)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)
    all_rows = [header, *rows] if show_header else list(rows)
    for row_cells, values in zip(table.rows, all_rows, strict=True):
        for column, (cell, value) in enumerate(zip(row_cells.cells, values, strict=True)):
            cell.width = Mm(widths[column])
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(str(value))
            run.font.size = Pt(size)
            if column in numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                cell._tc.get_or_add_tcPr().append(OxmlElement("w:noWrap"))
            if show_header and values is header:
                run.bold = True
    word.add_paragraph()
