"""Word notices (.docx): paragraphs and tables in the order they stand in the body.

python-docx reads the body only, so running heads, footers and page numbers never reach the text.
A table row becomes one line of cells apart by spaces, the way a table reads in a text article; a
cell merged across columns is read once.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from app.ingest.formats.document import Document, SourceMeta, declared_title
from app.ingest.read import UnreadableArticle


def _table_lines(table: Table) -> Iterator[str]:
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is returned once per column it spans
                continue
            seen.add(id(cell._tc))
            cells.append(re.sub(r"\s+", "", cell.text) or "—")
        if any(c != "—" for c in cells):
            yield " ".join(cells)


def body_lines(document: docx.document.Document) -> Iterator[str]:
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            yield from block.text.split("\n")
        elif isinstance(block, Table):
            yield from _table_lines(block)


def read_docx(raw: bytes) -> Document:
    """The text of a Word document; raises UnreadableArticle for a damaged or empty one."""
    try:
        document = docx.Document(io.BytesIO(raw))
    except Exception as exc:  # python-docx fails on a malformed package in many ways; each means "damaged"
        raise UnreadableArticle(f"a damaged Word document: {exc.__class__.__name__}: {exc}") from exc
    text = "\n".join(line.strip() for line in body_lines(document)).strip()
    if not text:
        pictures = len(document.inline_shapes)
        if pictures:
            raise UnreadableArticle(
                f"a Word document with no text, only {pictures} picture(s); they need OCR before they can be read"
            )
        raise UnreadableArticle("a Word document with no text")
    return Document(text, "docx", "docx", SourceMeta(title=declared_title(document.core_properties.title)))
