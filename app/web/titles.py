"""What a filtered view is called, in the reader's language: the explorer's title, the API's and the feed's."""

from __future__ import annotations

from app.query.filters import ResolvedFilters
from app.query.incentives import ResultPage
from app.web.i18n import Prefs


def described(resolved: ResolvedFilters, prefs: Prefs) -> str:
    """ "购房补贴 · 博士 · 新疆维吾尔自治区", or the explorer's own name when nothing is filtered."""
    return prefs.data(resolved.title(prefs.lang)) or prefs.t("incentives_title")


def view_title(resolved: ResolvedFilters, result: ResultPage, prefs: Prefs) -> str:
    """The view and its size ("1000+" for a text query past the counting limit)."""
    return f"{described(resolved, prefs)} - {result.shown_total} {prefs.t('count_incentives')}"
