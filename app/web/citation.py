"""The citation a researcher pastes: which article said it, who published it when, and when we read it.

The read date matters because articles are edited or taken down; the file name lets anyone find the
exact text the atlas holds (the export command writes the originals back out under those names).
"""

from __future__ import annotations

from app.models import Article
from app.web.i18n import Prefs


def citation(article: Article, url: str, prefs: Prefs) -> str:
    unknown = prefs.t("unknown")
    title = prefs.data(article.title) or article.file_name
    publisher = prefs.data(article.source) or unknown
    published = article.published.isoformat() if article.published else unknown
    read_on = article.ingested_at.date().isoformat()
    if prefs.lang == "zh":
        return prefs.data(
            f"《{title}》,{publisher},{published}。文件:{article.file_name}。"
            f"人才政策地图读取于 {read_on}。{url}"
        )
    return (
        f"“{title}”. {publisher}, {published}. File: {article.file_name}. "
        f"Read by Talent Policy Atlas on {read_on}. {url}"
    )
