"""Word and PDF documents from one plain description.

Minutes extracts, board memos, applications and reports are written once as a `Document` of
blocks (each app's `documents.py`) and rendered to .docx (python-docx: municipalities finish
documents in Word) or PDF (fpdf2). Both renderings carry the same text, headings and tables, so a
test can read either back, on the same page: A4 with the margins of Word's Swedish template, a
header naming the consortium and the project, and "Sida X av Y" (ADR 0012).
"""

from navet.core.documents.blocks import (
    Bars,
    Block,
    Bullets,
    Document,
    Heading,
    PageBreak,
    Paragraph,
    Table,
)
from navet.core.documents.pdf import to_pdf
from navet.core.documents.word import to_docx

__all__ = [
    "Bars",
    "Block",
    "Bullets",
    "Document",
    "Heading",
    "PageBreak",
    "Paragraph",
    "Table",
    "to_docx",
    "to_pdf",
]
