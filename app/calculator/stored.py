"""Reading an incentive's stored JSON columns (as text) into the calculator's plain values, memoised:
the same few thousand lists recur across 100,000 rows, so each distinct text is parsed once per
process. Used by the full calculation (service.py), and by the ranking (ranking.py) for the target
lists and the untyped lines the database keeps for it (migration 0011)."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from sqlalchemy import SQLColumnExpression, Text, cast
from sqlmodel import col

from app.extract.conditions import Condition, conditions_from_items, conditions_from_text
from app.models import Incentive

# What an offer's value and eligibility are read from, in this order, JSON columns as their text
# (which the parsers below read once per distinct value): the full calculation selects them.
TERMS_COLUMNS: tuple[SQLColumnExpression[Any], ...] = (
    col(Incentive.amount_yuan),
    col(Incentive.amount_min),
    col(Incentive.amount_kind),
    col(Incentive.period),
    col(Incentive.duration_months),
    cast(col(Incentive.targets), Text),
    cast(col(Incentive.target_levels), Text),
    cast(col(Incentive.condition_items), Text),
    col(Incentive.conditions),
)


@lru_cache(maxsize=16384)
def parsed_strings(raw: str | None) -> tuple[str, ...]:
    """A JSON list of strings as stored ("[\\"博士\\"]"). The same few thousand lists recur across
    100,000 rows, so each is parsed once per process rather than once per row."""
    return tuple(json.loads(raw)) if raw else ()


@lru_cache(maxsize=16384)
def parsed_conditions(raw_items: str | None, line: str | None) -> tuple[Condition, ...]:
    """The typed terms as stored, or, for a row from before they were typed (migration 0004), read
    from its joined line; memoised like parsed_strings."""
    if raw_items is not None and raw_items != "null":
        return conditions_from_items(json.loads(raw_items))
    return conditions_from_text(line)
