"""Writing rows as CSV that spreadsheets open safely, shared by the CLI export and the web CSV.

A cell that starts with = + - @ (or a tab or carriage return) is a formula to Excel and LibreOffice;
article text comes from the open web, so such cells get a leading apostrophe (OWASP's advice).
Lists become one cell joined with "；" so that a row stays a row.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "；"
BOM = "\ufeff"


def safe_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = LIST_SEPARATOR.join(str(v) for v in value)
    text = str(value)
    if isinstance(value, str) and text.startswith(FORMULA_START):
        return "'" + text
    return text


def to_csv(rows: Iterable[Mapping[str, Any]], fields: Sequence[str], bom: bool = True) -> str:
    buf = io.StringIO()
    if bom:
        buf.write(BOM)
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(fields)
    for row in rows:
        writer.writerow([safe_cell(row.get(f)) for f in fields])
    return buf.getvalue()
