"""The explorer's rows as CSV for spreadsheets, formula-safe through app.tabular, streamed.

Columns hold slugs and raw yuan for machines plus labels in the reader's language and script for
people; data text follows the 简/繁 choice like the page the CSV was linked from. Rows are written in
chunks as the database yields them, so a large export neither waits for its last row nor sits whole
in memory.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Row

from app.tabular import BOM, safe_cell
from app.web.i18n import Prefs

FIELDS = (
    "id",
    "place",
    "place_slug",
    "province",
    "category",
    "category_label",
    "amount_yuan",
    "amount_kind",
    "period",
    "duration_months",
    "targets",
    "target_levels",
    "conditions",
    "quote",
    "article_id",
    "article_title",
    "publisher",
    "published",
    "url",
)
CHUNK_ROWS = 500


def _cells(row: Row, prefs: Prefs) -> list[Any]:
    return [
        safe_cell(value)
        for value in (
            row.id,
            prefs.data(row.place_name),
            row.place_slug,
            prefs.data(row.province_name),
            row.category,
            prefs.category(row.category),
            row.amount_yuan,
            row.amount_kind,
            row.period,
            row.duration_months,
            [prefs.data(t) for t in row.targets],
            row.target_levels,
            prefs.data(row.conditions),
            prefs.data(row.quote),
            row.article_id,
            prefs.data(row.article_title),
            prefs.data(row.article_source),
            row.article_published.isoformat() if row.article_published else None,
            f"/incentives/{row.id}",
        )
    ]


def csv_chunks(rows: Iterable[Row], prefs: Prefs) -> Iterator[bytes]:
    """UTF-8 with a BOM (Excel reads the Chinese correctly), CRLF lines, a chunk per CHUNK_ROWS rows."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    buf.write(BOM)
    writer.writerow(FIELDS)
    for n, row in enumerate(rows, start=1):
        writer.writerow(_cells(row, prefs))
        if n % CHUNK_ROWS == 0:
            yield buf.getvalue().encode("utf-8")
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue().encode("utf-8")
