"""The plain data every format reader returns: the article's text, and what the file itself says
about it where the text cannot (a page's <title>, its canonical URL, a PDF's title)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class SourceMeta:
    """Metadata the file declares; each field None when it declares nothing we trust."""

    title: str | None = None
    published: date | None = None
    source: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Document:
    text: str
    encoding: str  # the text's encoding; for a PDF or a Word file, the format's name
    format: str  # text | html | mhtml | pdf | docx
    meta: SourceMeta = SourceMeta()
