"""Files in every format an article arrives in, each read to plain text by its own reader: the one
stage of ingest that knows about markup, PDF pages and Word tables. The format is told by the
file's content (see sniff), never by its name.

The readers' libraries (trafilatura, pdfminer.six, python-docx) take about half a second to import,
so each is imported when the first file of its kind arrives: the web server, which imports the
ingest package for its data version key, and an ingest of text files never pay for them.
"""

from __future__ import annotations

from app.ingest.formats.document import Document, SourceMeta
from app.ingest.formats.sniff import sniff
from app.ingest.read import decode

__all__ = ["Document", "SourceMeta", "read_document"]


def read_document(raw: bytes) -> Document:
    """The article's text and what the file says about it; raises UnreadableArticle with a reason."""
    kind = sniff(raw)
    if kind == "pdf":
        from app.ingest.formats.pdf import read_pdf

        return read_pdf(raw)
    if kind == "docx":
        from app.ingest.formats.docx import read_docx

        return read_docx(raw)
    if kind in ("html", "mhtml"):
        from app.ingest.formats.html import read_html, read_mhtml

        return read_html(raw) if kind == "html" else read_mhtml(raw)
    decoded = decode(raw)
    return Document(decoded.text, decoded.encoding, "text")
