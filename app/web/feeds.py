"""Atom feeds of explorer views: a talent office follows "购房补贴 · 博士 · 广东省" in a feed reader and
sees each new offer once, when the atlas reads it.

Written with ElementTree rather than a template, so every value is escaped as XML and the document is
well-formed by construction. Entry ids are the incentive's absolute URL, stable across fetches.
"""

from __future__ import annotations

from datetime import UTC, datetime
from xml.etree import ElementTree as ET

from app.query.incentives import NewRow
from app.web.i18n import Prefs

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FEED_ENTRIES = 50
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)  # an empty feed's "updated": nothing has happened yet


def _stamp(moment: datetime) -> str:
    if moment.tzinfo is None:  # SQLite gives naive datetimes back; the store writes UTC
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def atom_feed(rows: list[NewRow], *, title: str, feed_url: str, view_url: str, base: str, prefs: Prefs) -> bytes:
    """The feed document for rows newest first; `base` is the site's absolute address."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: "en" if prefs.lang == "en" else "zh"})
    _add(feed, "id", feed_url)
    _add(feed, "title", title)
    _add(feed, "updated", _stamp(max((r.ingested_at for r in rows), default=EPOCH)))
    _add(feed, "link", rel="self", type="application/atom+xml", href=feed_url)
    _add(feed, "link", rel="alternate", type="text/html", href=view_url)
    author = _add(feed, "author")
    _add(author, "name", prefs.t("site"))
    _add(feed, "generator", prefs.t("site"))
    for new in rows:
        row, inc = new.row, new.row.incentive
        url = f"{base}/incentives/{inc.id}"
        amount = prefs.yuan(inc.amount_yuan) or prefs.t("in_kind")
        entry = _add(feed, "entry")
        _add(entry, "id", url)
        _add(entry, "title", f"{prefs.place(row.place_name) or prefs.t('unknown')} · {prefs.category(inc.category)} · {amount}")
        _add(entry, "updated", _stamp(new.ingested_at))
        if row.article_published:
            _add(entry, "published", f"{row.article_published.isoformat()}T00:00:00Z")
        _add(entry, "link", rel="alternate", type="text/html", href=url)
        _add(entry, "category", term=inc.category, label=prefs.category(inc.category))
        if row.article_source:
            source_author = _add(entry, "author")
            _add(source_author, "name", prefs.data(row.article_source))
        who = "、".join(prefs.data(t) for t in inc.targets)
        summary = prefs.data(inc.quote) + (f"\n{prefs.t('who')}: {who}" if who else "")
        _add(entry, "summary", summary, type="text")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
