"""Flattened tables: a header line of column names, then rows whose cells each take their column's name."""

from __future__ import annotations

import re

from app.extract.categories import money_words
from app.extract.numbers import Money

# A table flattened to text: a header line of column names, then one line per row, cells apart by
# whitespace ("引进人才类别 安家费 生活补贴 备注" / "博士研究生 20万元 每月3000元 连续发放5年").
_CELL_GAP = re.compile(r"[ \t\u3000]+")


def table_columns(line: str) -> list[str] | None:
    """The column names of a table header line: three or more cells, no figures, and at least one
    cell that names an incentive (安家费, 生活补贴); None for any other line."""
    cells = _CELL_GAP.split(line.strip())
    if len(cells) < 3 or any(ch.isdigit() for ch in line):
        return None
    if not any(money_words(c) for c in cells):
        return None
    return cells


def column_of(text: str, money: Money, columns: list[str] | None) -> str | None:
    """The name of the column a table row's figure stands in, when the row has as many cells as
    the header has columns."""
    if not columns:
        return None
    cells = list(re.finditer(r"[^ \t\u3000]+", text))
    if len(cells) != len(columns):
        return None
    for cell, name in zip(cells, columns, strict=True):
        if cell.start() <= money.start < cell.end():
            return name
    return None


def column_category(name: str | None) -> str | None:
    """The category a column's name gives its figures (安家费, 科研启动经费, 年薪)."""
    if not name:
        return None
    words = [w for w in money_words(name) if not w.weak] or money_words(name)
    return words[0].category if words else None
