"""The explorer's rows as CSV for spreadsheets, through app.tabular (BOM, formula-safe cells).

Columns hold slugs and raw yuan for machines plus labels in the reader's language and script for
people; data text follows the 简/繁 choice like the page the CSV was linked from.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from app.query.incentives import IncentiveRow
from app.tabular import to_csv
from app.web.i18n import Prefs

FIELDS = (
    "id", "place", "place_slug", "province", "category", "category_label", "amount_yuan", "amount_kind",
    "period", "duration_months", "targets", "target_levels", "conditions", "quote", "article_id",
    "article_title", "publisher", "published", "url",
)


def _record(row: IncentiveRow, prefs: Prefs) -> dict[str, Any]:
    inc = row.incentive
    return {
        "id": inc.id, "place": prefs.data(row.place_name), "place_slug": row.place_slug,
        "province": prefs.data(row.province_name), "category": inc.category,
        "category_label": prefs.category(inc.category), "amount_yuan": inc.amount_yuan,
        "amount_kind": inc.amount_kind, "period": inc.period, "duration_months": inc.duration_months,
        "targets": [prefs.data(t) for t in inc.targets], "target_levels": inc.target_levels,
        "conditions": prefs.data(inc.conditions), "quote": prefs.data(inc.quote), "article_id": inc.article_id,
        "article_title": prefs.data(row.article_title), "publisher": prefs.data(row.article_source),
        "published": row.article_published.isoformat() if row.article_published else None,
        "url": f"/incentives/{inc.id}",
    }


def _records(rows: Iterable[IncentiveRow], prefs: Prefs) -> Iterator[dict[str, Any]]:
    for row in rows:
        yield _record(row, prefs)


def csv_bytes(rows: Iterable[IncentiveRow], prefs: Prefs) -> bytes:
    return to_csv(_records(rows, prefs), FIELDS, bom=True).encode("utf-8")
