"""An incentive as a listing shows it: every label, address and date in the reader's language, and
the row's markup.

Why not a Jinja macro per row: a row made some twenty-five calls into Python through Jinja
(`p.category(...)`, `links.place_url(...)`, `outdated(...)`), each paying Jinja's per-call checks,
and fifty rows were 5 ms of a cold explorer page, more than its query. Built as plain values first
(RowView) that was 1.6 ms, of which most was still the macro: its call, and an escape that made a
Markup object for each of some fifteen outputs a row has. Written out here with html.escape, the
labels every row repeats escaped once per listing, fifty rows take a fraction of that. Every
listing (explorer, place page) renders its rows through `incentive_items`, so the markup is in one place.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import astuple, dataclass
from html import escape

from markupsafe import Markup

from app import links
from app.query.history import outdated_limit
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
    old_before = outdated_limit()
    views = []
    for row in rows:
        inc = row.incentive
        iid, published = inc.id or 0, inc.published  # each ORM attribute read costs; read once
        views.append(
            RowView(
                id=iid,
                href=links.incentive_url(iid),
                category=p.category(inc.category),
                amount=p.amount(inc.amount_yuan, inc.amount_kind),
                period=p.period(inc.period) if inc.period else "",
                place=p.place(row.place_name),
                place_href=links.place_url(row.place_slug) if row.place_slug else None,
                quote=p.data(inc.quote),
                targets=p.data("、".join(inc.targets)) if inc.targets else "",
                levels=tuple(p.level(lv) for lv in inc.target_levels),
                conditions=p.data(inc.conditions),
                article_href=links.article_url(inc.article_id, f"incentive-{iid}"),
                article_title=p.data(row.article_title) or unknown,
                published=row.article_published.isoformat() if row.article_published else None,
                outdated=published is not None and published < old_before,
                labels=labels,
            )
        )
    return views


def _e(text: str) -> str:
    """Escaped as Jinja escapes the rest of the page (markupsafe's entities), without a Markup each."""
    return escape(text, quote=False).replace('"', "&#34;").replace("'", "&#39;")


def _row_html(v: RowView, labels: RowLabels, show_place: bool) -> str:
    """One row's <li>; `labels` are already escaped."""
    head = f'<h3 id="inc-{v.id}-h"><a href="{_e(v.href)}">{_e(v.category)}</a></h3>'
    if v.amount:
        head += f'\n    <span class="amount">{_e(v.amount)}</span>'
    else:
        head += f'\n    <span class="amount in-kind">{labels.in_kind}</span>'
    if v.period:
        head += f'\n    <span class="period">{_e(v.period)}</span>'
    if show_place and v.place_href:
        head += f'\n    <a class="place-link" href="{_e(v.place_href)}">{_e(v.place)}</a>'
    facts = ""
    if v.targets:
        tags = "".join(f' <span class="tag">{_e(lv)}</span>' for lv in v.levels)
        facts += f"\n    <div><dt>{labels.who}</dt><dd>{_e(v.targets)}{tags}</dd></div>"
    if v.conditions:
        facts += f"\n    <div><dt>{labels.conditions}</dt><dd>{_e(v.conditions)}</dd></div>"
    source = f'<a href="{_e(v.article_href)}">{_e(v.article_title)}</a>'
    if v.published:
        source += f' · <time datetime="{v.published}">{v.published}</time>'
    if v.outdated:
        source += (
            f' <span class="outdated" data-testid="outdated" title="{labels.outdated_note}">{labels.outdated}</span>'
        )
    return (
        f'<li><article class="incentive" aria-labelledby="inc-{v.id}-h">\n'
        f'  <header class="incentive-head">\n    {head}\n  </header>\n'
        f'  <blockquote class="quote">{_e(v.quote)}</blockquote>\n'
        f'  <dl class="facts">{facts}\n'
        f"    <div><dt>{labels.source_article}</dt><dd>{source}</dd></div>\n"
        "  </dl>\n</article></li>"
    )


def incentive_items(p: Prefs, rows: Iterable[IncentiveRow], show_place: bool = True) -> Markup:
    """The <li> of every row of one listing, for an <ol class="incentive-list">; the place link
    only where the listing spans places (not on a place's own page)."""
    views = row_views(p, rows)
    if not views:
        return Markup("")
    labels = RowLabels(*(_e(text) for text in astuple(views[0].labels)))
    return Markup("".join(_row_html(v, labels, show_place) for v in views))
