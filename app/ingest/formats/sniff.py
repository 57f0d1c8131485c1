"""What a file is, told by its first bytes rather than its name: a saved page called .txt is still
HTML, and a PDF renamed .doc is still a PDF. Formats we cannot read are refused with what to do."""

from __future__ import annotations

import codecs
import io
import re
import zipfile

from app.ingest.read import UnreadableArticle

# The markup a saved page opens with, once a BOM, white space and an XML declaration are skipped.
_HTML_START = re.compile(rb"^(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|meta|title|body)[\s>/]", re.I | re.S)
# A page saved by a browser as one file ("Webpage, Single File") is a MIME message holding the HTML:
# header lines ("Name: value", or a folded continuation) up to the first blank line.
_MIME_HEADER = re.compile(rb"^(?:[A-Za-z][A-Za-z0-9-]*:|[ \t])")

_REFUSED = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Word 97-2003 (.doc) or other old Office file; save it as .docx or PDF"),
    (b"{\\rtf", "an RTF document; save it as .docx or PDF"),
    (b"\x89PNG", "an image (PNG); a picture of a notice needs OCR before it can be read"),
    (b"\xff\xd8\xff", "an image (JPEG); a picture of a notice needs OCR before it can be read"),
    (b"GIF8", "an image (GIF), not an article"),
    (b"II*\x00", "an image (TIFF); a scan needs OCR before it can be read"),
    (b"MM\x00*", "an image (TIFF); a scan needs OCR before it can be read"),
    (b"\x1f\x8b", "a gzip archive; unpack it first"),
    (b"Rar!", "a RAR archive; unpack it first"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive; unpack it first"),
)
_OFFICE_OTHERS = {
    "xl/workbook.xml": "a spreadsheet (.xlsx), not an article",
    "ppt/presentation.xml": "a presentation (.pptx), not an article",
}


def sniff(raw: bytes) -> str:
    """"pdf", "docx", "html", "mhtml" or "text"; raises UnreadableArticle for a format that holds no
    article we can read."""
    head = raw[:2048]
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(raw)
    for magic, reason in _REFUSED:
        if head.startswith(magic):
            raise UnreadableArticle(reason)
    if _is_mime(head):
        return "mhtml"
    if _HTML_START.match(_ascii_head(head)):
        return "html"
    return "text"


def _is_mime(head: bytes) -> bool:
    headers = head.replace(b"\r\n", b"\n").split(b"\n\n", 1)[0].split(b"\n")
    return all(_MIME_HEADER.match(h) for h in headers if h) and any(
        h.lower().startswith(b"mime-version:") for h in headers
    )


def _ascii_head(head: bytes) -> bytes:
    """The start of the file as bytes an ASCII pattern can match: without a BOM and leading white
    space, and narrowed from UTF-16 when the page was saved in it."""
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom) and not head.startswith(codecs.BOM_UTF32_LE):
            return head[2:].decode(enc, "ignore").encode("ascii", "ignore").lstrip()
    return head.removeprefix(codecs.BOM_UTF8).lstrip()


def _zip_kind(raw: bytes) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(raw)).namelist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise UnreadableArticle(f"a damaged ZIP or Office file: {exc}") from exc
    if "word/document.xml" in names:
        return "docx"
    for part, reason in _OFFICE_OTHERS.items():
        if part in names:
            raise UnreadableArticle(reason)
    raise UnreadableArticle("a ZIP archive; unpack it first and ingest the folder")
