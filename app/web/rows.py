"""An incentive as a listing shows it: every label, address and date already in the reader's language.

Why not let the row macro ask for each piece: a row made some twenty-five calls into Python through
Jinja (`p.category(...)`, `links.place_url(...)`, `outdated(...)`), each paying Jinja's per-call
checks, and fifty rows were 5 ms of a cold explorer page, more than its query. Built here, a row is
plain attribute reads for the template; the labels every row repeats are looked up once per page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app import links
from app.query.history import outdated
from app.query.incentives import IncentiveRow
from app.web.i18n import Prefs


@dataclass(frozen=True, slots=True)
class RowLabels:
    """The interface words every row of a page repeats."""

    who: str
    conditions: str
    source_article: str
    in_kind: str
    outdated: str
    outdated_note: str

    @classmethod
    def of(cls, p: Prefs) -> RowLabels:
        return cls(
            who=p.t("who"),
            conditions=p.t("conditions"),
            source_article=p.t("source_article"),
            in_kind=p.t("in_kind"),
            outdated=p.t("outdated"),
            outdated_note=p.t("outdated_note"),
        )


@dataclass(frozen=True, slots=True)
class RowView:
    id: int
    href: str
    category: str
    amount: str  # "" for an in-kind benefit
    period: str
    place: str
    place_href: str | None
    quote: str
    targets: str
    levels: tuple[str, ...]
    conditions: str
    article_href: str
    article_title: str
    published: str | None  # the article's date, ISO
    outdated: bool
    labels: RowLabels


def row_views(p: Prefs, rows: Iterable[IncentiveRow]) -> list[RowView]:
    """The rows of one listing, ready to render."""
    labels = RowLabels.of(p)
    unknown = p.t("unknown")
    views = []
    for row in rows:
        inc = row.incentive
        views.append(
            RowView(
                id=inc.id or 0,
                href=links.incentive_url(inc.id or 0),
                category=p.category(inc.category),
                amount=p.amount(inc.amount_yuan, inc.amount_kind),
                period=p.period(inc.period) if inc.period else "",
                place=p.place(row.place_name),
                place_href=links.place_url(row.place_slug) if row.place_slug else None,
                quote=p.data(inc.quote),
                targets=p.data("、".join(inc.targets)) if inc.targets else "",
                levels=tuple(p.level(lv) for lv in inc.target_levels),
                conditions=p.data(inc.conditions),
                article_href=links.article_url(inc.article_id, f"incentive-{inc.id}"),
                article_title=p.data(row.article_title) or unknown,
                published=row.article_published.isoformat() if row.article_published else None,
                outdated=outdated(inc.published),
                labels=labels,
            )
        )
    return views
