"""A document as PDF (fpdf2, pure Python): DejaVu Sans from Debian, tables whose columns hold
their longest word and amount, black text on white or light grey in every row."""

from collections.abc import Sequence
from typing import cast

from fpdf import FPDF
from fpdf.enums import MethodReturnValue, TableCellFillMode, XPos, YPos
from fpdf.fonts import FontFace

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
    PAGE_NUMBER,
    add_fonts,
    column_widths,
)

_HEADING_SIZES = {1: 15, 2: 12.5, 3: 11}
_BODY = 10.5
_LINE = 5.2
_CELL_PADDING = 1.2
_KEEP_WITH_NEXT_MM = 30  # a heading or caption, and the first lines or rows after it
_TEXT = (0, 0, 0)
_MUTED = (64, 64, 64)  # 10:1 against white
_HEADINGS_FILL = (226, 232, 238)  # black on it: 16:1
_ZEBRA_FILL = (245, 247, 249)


class _Pdf(FPDF):
    def __init__(self, running_header: str, pages: int) -> None:
        super().__init__(format="A4")
        self.running_header = running_header
        self.pages_in_all = pages

    def header(self) -> None:
        self.set_y(HEADER_FROM_EDGE_MM)
        self.set_font("DejaVu", size=8)
        self.set_text_color(*_MUTED)
        number = PAGE_NUMBER.format(page=self.page_no(), pages=self.pages_in_all)
        number_width = self.get_string_width(number) + 2
        self.cell(self.epw - number_width, 5, self._fitting(self.running_header, number_width))
        self.cell(number_width, 5, number, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(*_MUTED)
        self.line(self.l_margin, self.get_y() + 0.5, self.l_margin + self.epw, self.get_y() + 0.5)
        self.set_text_color(*_TEXT)
        self.set_y(MARGIN_MM)

    def _fitting(self, text: str, beside: float) -> str:
        while text and self.get_string_width(text) > self.epw - beside - 4:
            text = text[:-2].rstrip() + "…"
        return text


def to_pdf(document: Document) -> bytes:
    """Rendered twice: the first time counts the pages "Sida X av Y" names."""
    pages = _render_pdf(document, pages=0).pages_count
    return bytes(_render_pdf(document, pages=pages).output())


def _render_pdf(document: Document, pages: int) -> _Pdf:
    pdf = _Pdf(document.running_header, pages)
    add_fonts(pdf)
    pdf.set_title(document.title)
    pdf.set_author(document.author)
    pdf.set_creator("Navet")
    pdf.set_lang("sv-SE")
    pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
    pdf.set_auto_page_break(auto=True, margin=MARGIN_MM)
    pdf.set_text_color(*_TEXT)
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
                _keep_with_next(pdf)
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
    return pdf


def _pdf_text(pdf: FPDF, text: str, height: float) -> None:
    pdf.multi_cell(0, height, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _keep_with_next(pdf: FPDF) -> None:
    """A heading or a caption starts a new page rather than end one alone."""
    if pdf.will_page_break(_KEEP_WITH_NEXT_MM):
        pdf.add_page()


def _pdf_caption(pdf: FPDF, caption: str) -> None:
    _keep_with_next(pdf)
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
    show_header = any(header)
    size, widths = column_widths(
        header, rows, numeric, available=pdf.epw, padding=2 * _CELL_PADDING + 0.6
    )
    pdf.set_font("DejaVu", size=size)
    pdf.set_fill_color(255, 255, 255)  # rows fpdf2 fills without a colour of their own: white
    align = tuple("RIGHT" if i in numeric else "LEFT" for i in range(len(header)))
    pdf.set_draw_color(*_MUTED)
    with pdf.table(
        width=pdf.epw,
        col_widths=widths,
        text_align=align,
        first_row_as_headings=show_header,
        headings_style=FontFace(
            emphasis="BOLD", size_pt=size, color=_TEXT, fill_color=_HEADINGS_FILL
        ),
        cell_fill_color=_ZEBRA_FILL,
        cell_fill_mode=TableCellFillMode.ROWS,
        line_height=size * 0.5,
        padding=_CELL_PADDING,
    ) as table:
        for values in [header, *rows] if show_header else rows:
            row = table.row()
            for value in values:
                row.cell(str(value), style=FontFace(color=_TEXT, size_pt=size))
    pdf.set_text_color(*_TEXT)
    pdf.ln(3)


def _pdf_bars(pdf: FPDF, caption: str, rows: Sequence[tuple[str, float, str]]) -> None:
    _pdf_caption(pdf, caption)
    pdf.set_font("DejaVu", size=9)
    label_width = min(
        max([pdf.get_string_width(label) + 2 for label, _, _ in rows] or [0.0]), pdf.epw * 0.4
    )
    value_width = max([pdf.get_string_width(value) + 2 for _, _, value in rows] or [0.0])
    bar_width = pdf.epw - label_width - value_width - 4
    shares = [min(max(share, -1.0), 1.0) for _, share, _ in rows]
    low, high = min([0.0, *shares]), max([0.0, *shares])
    scale = bar_width / ((high - low) or 1.0)
    zero_x = pdf.l_margin + label_width + 2 - low * scale
    for (label, _, value), share in zip(rows, shares, strict=True):
        lines = cast(
            list[str],
            pdf.multi_cell(label_width, _LINE, label, dry_run=True, output=MethodReturnValue.LINES),
        )
        height = _LINE * len(lines)
        if pdf.will_page_break(height + 1):
            pdf.add_page()
        y = pdf.get_y()
        pdf.multi_cell(label_width, _LINE, label, align="L", new_x=XPos.LMARGIN, new_y=YPos.TOP)
        pdf.set_fill_color(31, 94, 138)
        length = abs(share) * scale
        if length > 0:
            x = zero_x if share > 0 else zero_x - length
            pdf.rect(x, y + 1, length, _LINE - 2, style="F")
        pdf.set_xy(pdf.l_margin + label_width + bar_width + 4, y)
        pdf.cell(value_width, _LINE, value, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_y(y + height + 1)
    pdf.ln(3)
