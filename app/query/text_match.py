"""Full-text matching of incentives, the only dialect-specific SQL in the application.

Chinese has no spaces between words, so a word index is useless; SQLite's FTS5 trigram tokenizer
(table incentive_fts, migration 0002) indexes every three-character window instead. A trigram index
cannot answer a query of one or two characters ("博士"), so those go to incentive_bigram (migration
0003), which holds every overlapping character pair as a token: a two-character word is one token, a
single character the prefix of some ("博"*). Only a short word with punctuation or spaces inside, which
pairs cannot spell, still falls back to LIKE over the FTS table's plain text.

PostgreSQL matches ILIKE on one expression (quote, conditions and targets) that one pg_trgm GIN index
covers (migration 0003); the place names a word matches are looked up first, so the incentives of
those places join through the place_id index rather than an unindexed OR.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Text, and_, cast, column, func, literal_column, or_, select, table
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col

from app.models import Incentive, Place

MAX_TOKENS = 8
TRIGRAM = 3

# Exactly the expression migration 0003 indexes (GIN, gin_trgm_ops): the planner uses the index only
# for the same expression. The JSONB text of targets spells Chinese as is (JSON text escapes it).
SEARCH_TEXT: ColumnElement[str] = literal_column(
    "(incentive.quote || ' ' || coalesce(incentive.conditions, '') || ' ' || (incentive.targets::jsonb)::text)"
)

_bigram = table("incentive_bigram", column("rowid"))
_fts = table(
    "incentive_fts",
    column("rowid"),
    column("quote"),
    column("targets"),
    column("conditions"),
    column("place_name"),
)


def _like_pattern(token: str) -> str:
    escaped = token.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _fts_phrase(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _pairs_query(token: str) -> str | None:
    """The bigram table's MATCH for a one- or two-character word, or None when pairs cannot spell it.

    unicode61 splits only on spaces and punctuation, so a word of letters and digits (Chinese
    characters are letters) is one token there, as each stored pair is.
    """
    if not token.isalnum():
        return None
    return _fts_phrase(token) + ("*" if len(token) == 1 else "")


# The incentive's id with SQLite's unary "+", which stops the term from choosing an index: the
# matches are still listed once, but only to test rows against, while the page walks the index of its
# own order and stops after a page's worth.
_ID_NOT_DRIVING: ColumnElement[int] = literal_column("+incentive.id")


def _matched(table_rowid: ColumnElement[int], where: list[ColumnElement[bool]], per_row: bool) -> ColumnElement[bool]:
    """The incentive's id among an FTS table's matches. Why not a correlated probe of the FTS table for
    `per_row`: a phrase lookup per candidate row took 2.6 s for a page of 购房补贴 (8,800 matches)."""
    identity = _ID_NOT_DRIVING if per_row else col(Incentive.id)
    return identity.in_(select(table_rowid).where(*where))


def _sqlite(tokens: list[str], per_row: bool) -> ColumnElement[bool]:
    long_tokens = [t for t in tokens if len(t) >= TRIGRAM]
    short_tokens = [t for t in tokens if len(t) < TRIGRAM]
    pair_queries = [q for q in map(_pairs_query, short_tokens) if q is not None]
    like_tokens = [t for t in short_tokens if _pairs_query(t) is None]
    conditions: list[ColumnElement[bool]] = []
    if long_tokens or like_tokens:
        where: list[ColumnElement[bool]] = []
        if long_tokens:
            match = " AND ".join(_fts_phrase(t) for t in long_tokens)
            where.append(column("incentive_fts").op("MATCH")(match))
        for token in like_tokens:
            pattern = _like_pattern(token)
            where.append(
                or_(
                    *(
                        c.like(pattern, escape="\\")
                        for c in (_fts.c.quote, _fts.c.targets, _fts.c.conditions, _fts.c.place_name)
                    )
                )
            )
        conditions.append(_matched(_fts.c.rowid, where, per_row))
    if pair_queries:
        pairs = column("incentive_bigram").op("MATCH")(" AND ".join(pair_queries))
        conditions.append(_matched(_bigram.c.rowid, [pairs], per_row))
    return and_(*conditions)


JSON_SYNTAX = frozenset('"[],\\')


def _ilike_all(
    session: Session,
    tokens: list[str],
    text: ColumnElement[str],
    target_matches: Callable[[str], ColumnElement[bool]],
) -> ColumnElement[bool]:
    """Each word in `text` (or a place of that name). A word with JSON punctuation could match the
    targets' JSON spelling in `text` rather than a target, so those words are checked field by field
    too, on the rows the index found."""
    conditions = []
    for token in tokens:
        pattern = _like_pattern(token)
        named = select(col(Place.id)).where(col(Place.name).ilike(pattern, escape="\\"))
        place_ids = session.execute(named).scalars().all()
        by_place = [col(Incentive.place_id).in_(place_ids)] if place_ids else []
        condition = or_(text.ilike(pattern, escape="\\"), *by_place)
        if JSON_SYNTAX & set(token):
            exact = or_(
                col(Incentive.quote).ilike(pattern, escape="\\"),
                col(Incentive.conditions).ilike(pattern, escape="\\"),
                target_matches(pattern),
                *by_place,
            )
            condition = and_(condition, exact)
        conditions.append(condition)
    return and_(*conditions)


def _postgresql_target_matches(pattern: str) -> ColumnElement[bool]:
    # Each target separately: the JSON text would also match its own quotes and brackets.
    targets = func.jsonb_array_elements_text(cast(Incentive.targets, JSONB)).table_valued("value")
    return select(1).select_from(targets).where(targets.c.value.ilike(pattern, escape="\\")).exists()


def _postgresql(session: Session, tokens: list[str]) -> ColumnElement[bool]:
    return _ilike_all(session, tokens, SEARCH_TEXT, _postgresql_target_matches)


def _generic(session: Session, tokens: list[str]) -> ColumnElement[bool]:
    text = (
        Incentive.quote + " " + func.coalesce(Incentive.conditions, "") + " " + cast(Incentive.targets, Text)
    )
    return _ilike_all(
        session, tokens, text, lambda pattern: cast(Incentive.targets, Text).ilike(pattern, escape="\\")
    )


# Where matching is ILIKE, which is asked per row already (the place names a word matches are
# looked up first, once).
_ILIKE_BY_DIALECT: dict[str, Callable[[Session, list[str]], ColumnElement[bool]]] = {
    "postgresql": _postgresql,
}


def tokens_of(query: str) -> list[str]:
    """Words of a query, split on spaces; each must occur (AND), extra words beyond a few are ignored."""
    return query.split()[:MAX_TOKENS]


def text_conditions(session: Session, query: str) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    """A WHERE condition true for incentives whose quote, targets, conditions or place contain the
    query, twice: as a list of every match (what counts want), and asked per candidate row (what a
    page walking an index wants); the two are one condition where ILIKE is per row already."""
    tokens = tokens_of(query)
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        return _sqlite(tokens, per_row=False), _sqlite(tokens, per_row=True)
    condition = _ILIKE_BY_DIALECT.get(dialect, _generic)(session, tokens)
    return condition, condition
