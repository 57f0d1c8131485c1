"""The plain data every format reader returns: the article's text, and what the file itself says
about it where the text cannot (a page's <title>, its canonical URL, a PDF's title)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# A title a file's properties carry that is no title: the file's own name, or a tool's placeholder.
_FILE_TITLE = re.compile(r"\.(?:docx?|wps|pdf|xlsx?)$|^Microsoft Word|^untitled|^无标题", re.I)
_CJK = re.compile(r"[\u4e00-\u9fff]")


def declared_title(title: str | None) -> str | None:
    """The title a PDF's or Word file's properties declare, when it is one a person wrote (Chinese,
    and not "Microsoft Word - 附件1.doc")."""
    title = (title or "").strip()
    if not title or _FILE_TITLE.search(title) or not _CJK.search(title):
        return None
    return title


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
