"""Filters as data: the parameters resolved, once per request, into one object that drives everything a
filtered view needs: the WHERE clause, the page title and Open Graph description ("购房补贴 · 博士 ·
新疆维吾尔自治区"), the "remove this filter" links, and facet counts (which need the WHERE clause
without one parameter). resolve() walks the filters' table (app.query.params.FILTERS) and asks each
set filter's builder (app.query.conditions) for its clause: adding a filter touches neither.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col

from app.models import IncentiveTally, Place
from app.query.conditions import EVERY_LEVEL, FilterValue
from app.query.params import FILTERS, IncentiveFilters


@dataclass(frozen=True)
class ResolvedFilters:
    """Validated parameters plus the places they name, their labels and one condition per parameter."""

    params: IncentiveFilters
    place: Place | None
    province: Place | None
    values: tuple[FilterValue, ...]
    where: dict[str, ColumnElement[bool]]
    # the same selection over incentive_tally, per parameter; None where the tally has no column
    # for it (an amount range, a text query, a place below a province, several levels at once)
    tally: dict[str, ColumnElement[bool] | None]
    # the conditions that have a per-row form (see conditions_probing)
    per_row: dict[str, ColumnElement[bool]]

    @property
    def conditions(self) -> list[ColumnElement[bool]]:
        return list(self.where.values())

    def conditions_probing(self, *params: str) -> list[ColumnElement[bool]]:
        """The WHERE clause with these parameters asked per candidate row (a primary-key probe of
        incentive_target_level, a rowid lookup in the full-text index) instead of as the list of
        every qualifying id, which costs as much as the level or the word has rows however few a
        page needs: what a page read by walking an index in its own order wants."""
        return [self.per_row.get(p, c) if p in params else c for p, c in self.where.items()]

    def tally_conditions(self, without: str | None = None) -> list[ColumnElement[bool]] | None:
        """The WHERE clause over incentive_tally (optionally without one parameter), or None when a
        filter cannot be counted there. With no level filter the rows of every level ("*") are the
        ones to add up; without="target_level" leaves the choice of levels to the caller."""
        conditions = []
        for param, condition in self.tally.items():
            if param == without:
                continue
            if condition is None:
                return None
            conditions.append(condition)
        if "target_level" not in self.tally and without != "target_level":
            conditions.append(col(IncentiveTally.level) == EVERY_LEVEL)
        return conditions

    def conditions_except(self, param: str) -> list[ColumnElement[bool]]:
        """The WHERE clause without one parameter: what that parameter's facet counts need."""
        return [c for p, c in self.where.items() if p != param]

    def title(self, lang: str) -> str:
        return " · ".join(v.label(lang) for v in self.values)


def resolve(session: Session, params: IncentiveFilters) -> ResolvedFilters:
    """Turn validated parameters into SQL conditions and labels, looking up the places they name.

    Labels come in the table's reading order: what, for whom, where, how much ("购房补贴 · 博士 · 新疆").
    """
    clauses = {}
    for f in FILTERS:
        value = getattr(params, f.key)
        if f.spec.clause is None or value is None or value == []:
            continue
        clauses[f.key] = f.spec.clause(session, value, params)
    return ResolvedFilters(
        params=params,
        place=clauses["place"].place if "place" in clauses else None,
        province=clauses["province"].place if "province" in clauses else None,
        values=tuple(v for c in clauses.values() for v in c.values),
        where={k: c.where for k, c in clauses.items()},
        tally={k: c.tally for k, c in clauses.items()},
        per_row={k: c.per_row for k, c in clauses.items() if c.per_row is not None},
    )
