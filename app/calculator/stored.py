"""Reading an incentive's stored JSON columns (as text) into the calculator's plain values, memoised:
the same few thousand lists recur across 100,000 rows, so each distinct text is parsed once per
process. Used by the full calculation (service.py) and the ranking (ranking.py) alike."""

from __future__ import annotations

import json
from functools import lru_cache

from app.extract.conditions import Condition, conditions_from_items, conditions_from_text


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
