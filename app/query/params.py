"""The explorer's query parameters as one validated object, shared by the pages, the API and CSV.

Validation happens here, once: a value outside the vocabulary, a negative amount, an oversized page or
query is a 422 before any SQL is built. Plain HTML forms submit empty fields ("amount_min="), so empty
strings mean "not set" rather than errors.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from app.vocab import CATEGORIES, PERIODS, TARGET_LEVELS

MAX_PAGE = 1000
MAX_PAGE_SIZE = 200
DEFAULT_PAGE_SIZE = 50
MAX_QUERY_LENGTH = 100
MAX_AMOUNT = 10**12  # a trillion yuan: far above any offer, small enough for every integer column
MAX_MULTI_VALUES = 20

CategorySlug = Literal[tuple(t.slug for t in CATEGORIES)]  # type: ignore[valid-type]
TargetLevelSlug = Literal[tuple(t.slug for t in TARGET_LEVELS)]  # type: ignore[valid-type]
PeriodSlug = Literal[tuple(t.slug for t in PERIODS)]  # type: ignore[valid-type]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,79}$")]

SORTS = ("amount", "amount_asc", "place", "category", "date", "date_asc")
SortKey = Literal[SORTS]  # type: ignore[valid-type]
DEFAULT_SORT = "amount"

LIST_FIELDS = ("category", "target_level")


class IncentiveFilters(BaseModel):
    """What the explorer shows: filters, sort order and page. Every field is a query parameter."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    category: list[CategorySlug] = Field(default_factory=list, max_length=MAX_MULTI_VALUES)
    province: Slug | None = Field(default=None, description="slug of a province, e.g. xinjiang")
    place: Slug | None = Field(default=None, description="slug of a place, e.g. kelamayi; includes the places under it")
    place_only: bool | None = Field(default=None, description="true: the place itself, not the places under it")
    target_level: list[TargetLevelSlug] = Field(default_factory=list, max_length=MAX_MULTI_VALUES)
    amount_min: int | None = Field(default=None, ge=0, le=MAX_AMOUNT, description="yuan")
    amount_max: int | None = Field(default=None, ge=0, le=MAX_AMOUNT, description="yuan")
    period: PeriodSlug | None = None
    has_amount: bool | None = Field(default=None, description="true: money only; false: in kind only")
    q: str | None = Field(default=None, max_length=MAX_QUERY_LENGTH, description="full text, Chinese works")
    sort: SortKey = DEFAULT_SORT
    page: int = Field(default=1, ge=1, le=MAX_PAGE)
    size: int = Field(default=DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="rows per page")

    @model_validator(mode="before")
    @classmethod
    def _blank_means_unset(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        cleaned: dict[str, Any] = {}
        for key, value in data.items():
            if isinstance(value, str):
                value = value.strip()
                if value == "":
                    continue
            if key in LIST_FIELDS:
                values = value if isinstance(value, list) else [value]
                # Repeated values mean nothing more; dropping them keeps URLs canonical.
                value = list(dict.fromkeys(v.strip() for v in values if isinstance(v, str) and v.strip()))
            cleaned[key] = value
        if isinstance(cleaned.get("q"), str):
            cleaned["q"] = " ".join(cleaned["q"].split()) or None
        return cleaned

    @model_validator(mode="after")
    def _range_is_ordered(self) -> IncentiveFilters:
        if self.amount_min is not None and self.amount_max is not None and self.amount_min > self.amount_max:
            raise ValueError("amount_min must not be greater than amount_max")
        return self

    def query_pairs(self, *, page: bool = True) -> list[tuple[str, str]]:
        """The canonical query string as pairs: set fields only, defaults left out, stable order."""
        pairs: list[tuple[str, str]] = []
        pairs += [("category", c) for c in self.category]
        pairs += [("target_level", t) for t in self.target_level]
        for name in ("province", "place"):
            value = getattr(self, name)
            if value:
                pairs.append((name, value))
        if self.place and self.place_only:
            pairs.append(("place_only", "true"))
        for name in ("amount_min", "amount_max"):
            value = getattr(self, name)
            if value is not None:
                pairs.append((name, str(value)))
        if self.period:
            pairs.append(("period", self.period))
        if self.has_amount is not None:
            pairs.append(("has_amount", "true" if self.has_amount else "false"))
        if self.q:
            pairs.append(("q", self.q))
        if self.sort != DEFAULT_SORT:
            pairs.append(("sort", self.sort))
        if self.size != DEFAULT_PAGE_SIZE:
            pairs.append(("size", str(self.size)))
        if page and self.page != 1:
            pairs.append(("page", str(self.page)))
        return pairs
