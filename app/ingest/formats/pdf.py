"""PDF notices: the text layer, put back into paragraphs.

A PDF has no paragraphs, only lines placed on pages, so a sentence of a notice arrives broken at
every line end and at every page end, between page numbers. pdfminer.six gives each line with its
position (pypdf reads the same characters but not where they sit), and its CMaps read the Adobe-GB1
fonts older government PDFs use. A line is joined to the next when it runs to the right margin and
the next does not start indented. A scan with no text layer is refused: it needs OCR first.
"""

from __future__ import annotations

import io
import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from typing import Any

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTAnno, LTChar, LTFigure, LTImage, LTPage, LTTextBox, LTTextLine
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.utils import decode_text

from app.ingest.formats.document import Document, SourceMeta, declared_title
from app.ingest.read import UnreadableArticle

# "— 1 —", "- 2 -", "第 3 页 共 8 页", "4/8": a page number, never part of the text.
_PAGE_NUMBER = re.compile(
    r"^[\s\-—–－_·]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*(?:[/／]|共)\s*\d{1,4}\s*页?)?[\s\-—–－_·]*$"
)
_SENTENCE_END = "。！？!?"
_ASCII_WORD = re.compile(r"[A-Za-z]")  # a word broken at a line end is rejoined with a space; digits are not
_CID = re.compile(r"\(cid:\d+\)")
EDGE_LINES = 2  # how far from a page's top and foot a running head or foot stands
MIN_TEXT_CHARS = 20  # fewer characters than this on every page: the text layer is a scan's stray marks


@dataclass(frozen=True)
class Line:
    page: int
    x0: float
    x1: float
    height: float
    text: str


def line_text(line: LTTextLine) -> str:
    """The characters the line draws. pdfminer adds a space wherever glyphs stand apart, which a
    justified Chinese line does everywhere ("30 0万元"); such a space is kept only between two Latin
    letters, where it parts words."""
    out: list[str] = []
    items = list(line)
    for i, item in enumerate(items):
        if isinstance(item, LTChar):
            out.append(item.get_text())
        elif isinstance(item, LTAnno) and item.get_text() == " ":
            before = out[-1][-1:] if out else ""
            after = next((c.get_text()[:1] for c in items[i + 1 :] if isinstance(c, LTChar)), "")
            if before.isascii() and before.isalpha() and after.isascii() and after.isalpha():
                out.append(" ")
    return "".join(out)


def page_lines(page: LTPage, number: int) -> tuple[list[Line], int]:
    """The page's text lines top to bottom (left to right on one baseline), and its images."""
    found: list[tuple[float, float, Line]] = []
    images = 0
    stack = list(page)
    while stack:
        item = stack.pop()
        if isinstance(item, LTTextBox | LTFigure):
            stack.extend(item)
        elif isinstance(item, LTTextLine):
            text = line_text(item)
            if text.strip():
                found.append((-round(item.y1), item.x0, Line(number, item.x0, item.x1, item.height, text)))
        elif isinstance(item, LTImage):
            images += 1
    found.sort(key=lambda t: (t[0], t[1]))
    return [line for _, _, line in found], images


def drop_furniture(lines: list[Line], pages: int) -> list[Line]:
    """Lines that are not the notice: page numbers, and a short line repeated at the top or foot of
    most pages (a running head such as the document's number), digits aside."""
    def key(line: Line) -> str:
        return re.sub(r"\d+", "#", line.text.strip())

    repeated: set[str] = set()
    if pages >= 2:
        edges: Counter[str] = Counter()
        for p in range(pages):
            on_page = [line for line in lines if line.page == p]
            edges.update({key(line) for line in on_page[:EDGE_LINES] + on_page[-EDGE_LINES:]})
        repeated = {k for k, n in edges.items() if n >= max(2, pages // 2 + 1) and len(k) <= 40}
    return [line for line in lines if not _PAGE_NUMBER.match(line.text) and key(line) not in repeated]


def reflow(lines: list[Line]) -> str:
    """Paragraphs from placed lines: a line that reaches the right margin, does not end a sentence,
    and is followed by a line that is not indented, runs on into it, across a page break too."""
    if not lines:
        return ""
    h = statistics.median(line.height for line in lines)
    left = Counter(round(line.x0) for line in lines).most_common(1)[0][0]
    widest = max(line.x1 for line in lines)
    wide = [round(line.x1) for line in lines if line.x1 - left > 0.5 * (widest - left)]
    right = Counter(wide).most_common(1)[0][0] if wide else widest

    def runs_on(line: Line, nxt: Line) -> bool:
        text = line.text.rstrip()
        indented = nxt.x0 > left + 0.8 * h or nxt.text[:1].isspace()
        return line.x1 >= right - 1.5 * h and not text.endswith(tuple(_SENTENCE_END)) and not indented

    paragraphs = [lines[0].text.strip()]
    for line, nxt in itertools.pairwise(lines):
        piece = nxt.text.strip()
        if runs_on(line, nxt):
            gap = " " if _ASCII_WORD.match(paragraphs[-1][-1:]) and _ASCII_WORD.match(piece[:1]) else ""
            paragraphs[-1] += gap + piece
        else:
            paragraphs.append(piece)
    return "\n".join(paragraphs)


def _title(document: PDFDocument) -> str | None:
    """The Title of the document information dictionary, when it is a real one (declared_title)."""
    for entry in document.info:
        value: Any = entry.get("Title")  # any PDF object: a string, a reference to one, anything
        value = value.resolve() if hasattr(value, "resolve") else value
        if isinstance(value, bytes):
            return declared_title(decode_text(value))  # PDFDocEncoding or UTF-16 with its BOM
    return None


def read_pdf(raw: bytes) -> Document:
    """The text of a PDF's text layer, in paragraphs; raises UnreadableArticle for an encrypted,
    damaged or scanned file."""
    lines: list[Line] = []
    images = pages = 0
    try:
        # One parse gives both the pages and the document's properties (extract_pages would parse
        # the file a second time for the title).
        document = PDFDocument(PDFParser(io.BytesIO(raw)))
        resources = PDFResourceManager()
        device = PDFPageAggregator(resources, laparams=LAParams())
        interpreter = PDFPageInterpreter(resources, device)
        for number, pdf_page in enumerate(PDFPage.create_pages(document)):
            interpreter.process_page(pdf_page)
            found, pictures = page_lines(device.get_result(), number)
            lines.extend(found)
            images += pictures
            pages = number + 1
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise UnreadableArticle("an encrypted PDF; it needs a password before it can be read") from exc
    except Exception as exc:  # pdfminer fails on a malformed file in many ways; each means "damaged"
        raise UnreadableArticle(f"a damaged PDF: {exc.__class__.__name__}: {exc}") from exc
    chars = sum(len(line.text.strip()) for line in lines)
    if chars < MIN_TEXT_CHARS:
        what = f"{pages} page{'s' if pages != 1 else ''} of images" if images else f"{pages} page(s) with no text"
        raise UnreadableArticle(f"a scanned PDF with no text layer ({what}); it needs OCR before it can be read")
    cids = sum(len(m) for line in lines for m in _CID.findall(line.text))
    if cids > chars / 4:
        raise UnreadableArticle("a PDF whose fonts do not say which characters they draw; it needs OCR before it can be read")
    text = reflow(drop_furniture(lines, pages))
    # a creation date is not a publication date: the date comes from the text (dateline or 落款)
    return Document(text, "pdf", "pdf", SourceMeta(title=_title(document)))
