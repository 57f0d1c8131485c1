"""Saved web pages: the article's main text, without the page around it.

A news or government page is mostly not the article: navigation, sidebars of other cities' offers,
share buttons, comments, footers and inline scripts full of numbers. trafilatura finds the main
text (compared with readability-lxml on Chinese pages, it alone left out the attachment lists,
related-reading links and image captions, and it keeps tables as rows); the page's own metadata
gives the title, date, publisher and URL. The charset comes from the page's declaration first,
as a browser reads it.
"""

from __future__ import annotations

import codecs
import email
import email.policy
import re

import lxml.html
import trafilatura

from app.ingest.formats.document import Document, SourceMeta
from app.ingest.metadata import find_published, find_source
from app.ingest.read import UnreadableArticle, check_chinese, decode

# WHATWG looks for the declaration in the first 1024 bytes; Chinese portals often put it after a
# long comment or script block, so we look a little further.
_PRESCAN_BYTES = 4096
_DECLARED = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
# GB2312 and GBK pages use GBK characters freely; GB18030 reads them all (browsers do the same).
_LABELS = {
    "gb2312": ("gb18030",), "gbk": ("gb18030",), "gb_2312-80": ("gb18030",), "x-gbk": ("gb18030",),
    "gb18030": ("gb18030",), "big5": ("cp950", "big5hkscs"), "x-x-big5": ("cp950", "big5hkscs"),
    "big5-hkscs": ("big5hkscs",), "cp950": ("cp950",), "utf-8": ("utf-8",), "utf8": ("utf-8",),
}
MIN_ARTICLE_CHARS = 20  # less main text than this: a front page or a list of links, not an article
HEAD_LINES = 6  # the title is looked for this far into the text before it is put first
_SOURCE_META = ("contentsource", "source", "copyfrom", "mediaid")
_SITE_META = ("og:site_name", "sitename", "application-name")


def declared_charset(raw: bytes) -> tuple[str, ...]:
    """The codecs to try for the charset the page declares, best first; empty when it declares none
    we know."""
    m = _DECLARED.search(raw[:_PRESCAN_BYTES])
    if not m:
        return ()
    label = m.group(1).decode("ascii", "ignore").lower()
    return _LABELS.get(label, ())


def decode_page(raw: bytes, charsets: tuple[str, ...] = ()) -> tuple[str, str]:
    """The page as text and the encoding read: a BOM, then the charset given (by a MIME header),
    then the page's declaration, then the same detection as for a text article. A declaration the
    bytes contradict (a page re-saved as UTF-8 that still says gb2312) is passed over."""
    if not raw.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        for enc in (*charsets, *declared_charset(raw)):
            try:
                return raw.decode(enc), enc
            except (UnicodeDecodeError, LookupError):
                continue
    decoded = decode(raw, chinese=False)
    return decoded.text, decoded.encoding


def _meta_content(tree: lxml.html.HtmlElement, names: tuple[str, ...]) -> str | None:
    wanted = {n.lower() for n in names}
    for meta in tree.iter("meta"):
        key = (meta.get("name") or meta.get("property") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if key in wanted and content:
            return content
    return None


def _page_url(tree: lxml.html.HtmlElement, fallback: str | None) -> str | None:
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            href = (link.get("href") or "").strip()
            if href.startswith(("http://", "https://")):
                return href
    og = _meta_content(tree, ("og:url",))
    if og and og.startswith(("http://", "https://")):
        return og
    return fallback


def _visible_lines(tree: lxml.html.HtmlElement) -> list[str]:
    """The page's text lines outside scripts and styles, for a "来源:" the extractor left out. Read
    from the tree without changing it, before trafilatura (which prunes it) gets it."""
    texts = tree.xpath("//body//text()[not(ancestor::script or ancestor::style or ancestor::noscript)]")
    return [line.strip() for line in "".join(texts).split("\n") if line.strip()]


def _text_lines(text: str) -> list[str]:
    """trafilatura writes a table row as "| a | b |"; our table reader takes cells apart by spaces."""
    lines = []
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|"):
            cells = [re.sub(r"\s+", "", c) for c in stripped.strip("|").split("|")]
            line = " ".join(c for c in cells if c)
        lines.append(line)
    return lines


def read_html(raw: bytes, charsets: tuple[str, ...] = (), url: str | None = None, kind: str = "html") -> Document:
    """The main text of a saved page, with its title as the first line the way a text article
    starts; raises UnreadableArticle when the page holds no article."""
    page, encoding = decode_page(raw, charsets)
    page = _XML_DECLARATION.sub("", page, count=1)  # lxml refuses a str that declares its encoding
    try:
        tree = lxml.html.document_fromstring(page)
    except (ValueError, lxml.etree.ParserError) as exc:
        raise UnreadableArticle(f"an HTML page that cannot be parsed: {exc}") from exc
    source = _meta_content(tree, _SOURCE_META)
    site = _meta_content(tree, _SITE_META)
    page_url = _page_url(tree, url)
    published = _meta_content(tree, ("article:published_time", "pubdate", "publishdate", "firstpublishedtime"))
    lines = _visible_lines(tree) if source is None else []
    try:
        found = trafilatura.bare_extraction(
            tree, include_tables=True, include_comments=False, include_images=False, with_metadata=True
        )
    except Exception as exc:  # a page the extractor chokes on is one failed file, never a failed run
        raise UnreadableArticle(f"an HTML page that cannot be read: {exc.__class__.__name__}: {exc}") from exc
    assert not isinstance(found, dict), "bare_extraction gives a dict only when as_dict is set"
    text = (found.text or "").strip() if found is not None else ""
    if found is None or len(text) < MIN_ARTICLE_CHARS:
        raise UnreadableArticle(
            "an HTML page with no article text in it (a front page, a list of links, or a page drawn by JavaScript)"
        )
    check_chinese(text, encoding)
    title = (found.title or "").strip() or None
    body = _text_lines(text)
    if title and title not in (line.strip() for line in body[:HEAD_LINES]):
        body = [title, *body]
    meta = SourceMeta(
        title=title,
        published=find_published([d for d in (published, found.date) if d]),
        source=source or find_source(lines[:80]) or site or found.sitename or None,
        url=page_url,
    )
    return Document("\n".join(body), encoding, kind, meta)


def read_mhtml(raw: bytes) -> Document:
    """A page saved as one file (.mhtml, .mht): the HTML part of the MIME message, read as a page,
    with the address it was saved from."""
    message = email.message_from_bytes(raw, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if not isinstance(payload, bytes):
                break
            charset = part.get_content_charset()
            charsets = _LABELS.get(charset, (charset,)) if charset else ()
            location = str(part.get("Content-Location") or message.get("Snapshot-Content-Location") or "")
            location = re.sub(r"\s+", "", location)  # a long header is folded over lines
            url = location if location.startswith(("http://", "https://")) else None
            return read_html(payload, charsets, url, kind="mhtml")
    raise UnreadableArticle("a saved web archive (MHTML) with no HTML page in it")
