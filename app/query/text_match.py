"""Full-text matching of incentives, the only dialect-specific SQL in the application.

Chinese has no spaces between words, so a word index is useless; SQLite's FTS5 trigram tokenizer
(table incentive_fts, migration 0002) indexes every three-character window instead. A trigram index
cannot answer a query of one or two characters ("博士"), so those fall back to LIKE over the same FTS
table, which still holds plain text. PostgreSQL uses ILIKE, which pg_trgm's GIN index accelerates.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Text, and_, cast, column, func, or_, select, table
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.sql.elements import ColumnElement

from app.models import Incentive, Place

MAX_TOKENS = 8
TRIGRAM = 3

_fts = table("incentive_fts", column("rowid"), column("quote"), column("targets"), column("conditions"),
             column("place_name"))


def _like_pattern(token: str) -> str:
    escaped = token.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _fts_phrase(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _sqlite(tokens: list[str]) -> ColumnElement[bool]:
    long_tokens = [t for t in tokens if len(t) >= TRIGRAM]
    short_tokens = [t for t in tokens if len(t) < TRIGRAM]
    where: list[ColumnElement[bool]] = []
    if long_tokens:
        match = " AND ".join(_fts_phrase(t) for t in long_tokens)
        where.append(column("incentive_fts").op("MATCH")(match))
    for token in short_tokens:
        pattern = _like_pattern(token)
        where.append(or_(*(c.like(pattern, escape="\\") for c in
                           (_fts.c.quote, _fts.c.targets, _fts.c.conditions, _fts.c.place_name))))
    return Incentive.id.in_(select(_fts.c.rowid).where(*where))


def _ilike_all(tokens: list[str], target_matches: Callable[[str], ColumnElement[bool]]) -> ColumnElement[bool]:
    conditions = []
    for token in tokens:
        pattern = _like_pattern(token)
        place_ids = select(Place.id).where(Place.name.ilike(pattern, escape="\\"))
        conditions.append(or_(
            Incentive.quote.ilike(pattern, escape="\\"),
            Incentive.conditions.ilike(pattern, escape="\\"),
            target_matches(pattern),
            Incentive.place_id.in_(place_ids),
        ))
    return and_(*conditions)


def _postgresql_target_matches(pattern: str) -> ColumnElement[bool]:
    # Each target separately: the JSON text would also match its own quotes and brackets.
    targets = func.jsonb_array_elements_text(cast(Incentive.targets, JSONB)).table_valued("value")
    return select(1).select_from(targets).where(targets.c.value.ilike(pattern, escape="\\")).exists()


def _postgresql(tokens: list[str]) -> ColumnElement[bool]:
    return _ilike_all(tokens, _postgresql_target_matches)


def _generic(tokens: list[str]) -> ColumnElement[bool]:
    return _ilike_all(tokens, lambda pattern: cast(Incentive.targets, Text).ilike(pattern, escape="\\"))


_BY_DIALECT: dict[str, Callable[[list[str]], ColumnElement[bool]]] = {"sqlite": _sqlite, "postgresql": _postgresql}


def tokens_of(query: str) -> list[str]:
    """Words of a query, split on spaces; each must occur (AND), extra words beyond a few are ignored."""
    return query.split()[:MAX_TOKENS]


def text_condition(dialect_name: str, query: str) -> ColumnElement[bool]:
    """A WHERE condition true for incentives whose quote, targets, conditions or place contain the query."""
    return _BY_DIALECT.get(dialect_name, _generic)(tokens_of(query))
