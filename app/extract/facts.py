"""What extraction returns for one article's incentives: plain values the store writes as they are."""

from __future__ import annotations

from dataclasses import dataclass

from app.extract.conditions import Condition
from app.extract.numbers import Money
from app.extract.sentences import Sentence


@dataclass
class IncentiveFact:
    category: str
    amount_yuan: int | None
    amount_min: int | None
    amount_kind: str | None
    period: str | None
    duration_months: int | None
    targets: list[str]
    target_levels: list[str]
    conditions: tuple[Condition, ...]  # the terms, typed, in the article's words
    quote: str
    quote_start: int
    quote_end: int
    at: int  # where the figure (or the in-kind word) stands: the place it belongs to is read from here
    place: str | None = None  # administrative code of its own place, when it is not the article's
    read_by: str = "default"  # what named its category: a strategy of app.extract.category, a table
    # column, or "in_kind" for a benefit named without money


@dataclass
class MoneyAggregate:
    """A sum that describes the city rather than a beneficiary: becomes a metric."""

    money: Money  # offsets are absolute in the article text
    sentence: Sentence
