"""The explorer's query parameters as one validated object, shared by the pages, the API and CSV.

Validation happens here, once: a value outside the vocabulary, a negative amount, an oversized page or
query is a 422 before any SQL is built. Plain HTML forms submit empty fields ("amount_min="), so empty
strings mean "not set" rather than errors.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, Literal, get_origin

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from app.query import conditions
from app.query.conditions import ClauseBuilder, FacetCounts
from app.vocab import CATEGORIES, PERIODS, TARGET_LEVELS, Term

MAX_PAGE = 1000
MAX_PAGE_SIZE = 200
DEFAULT_PAGE_SIZE = 50
MAX_QUERY_LENGTH = 100
MAX_AMOUNT = 10**12  # a trillion yuan: far above any offer, small enough for every integer column
MAX_MULTI_VALUES = 20
MIN_YEAR = 1978  # talent policies as this atlas knows them begin with reform and opening
MAX_YEAR = 2100

# The vocabularies' slugs as types pydantic validates against; a type checker cannot read a Literal
# built at run time, so to it they are plain strings.
if TYPE_CHECKING:
    CategorySlug = str
    TargetLevelSlug = str
    PeriodSlug = str
else:
    CategorySlug = Literal[tuple(t.slug for t in CATEGORIES)]
    TargetLevelSlug = Literal[tuple(t.slug for t in TARGET_LEVELS)]
    PeriodSlug = Literal[tuple(t.slug for t in PERIODS)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,79}$")]

SORTS = ("amount", "amount_asc", "place", "category", "date", "date_asc")
SortKey = Literal[SORTS]  # type: ignore[valid-type]
DEFAULT_SORT = "amount"


@dataclass(frozen=True)
class Filter:
    """What a parameter of IncentiveFilters means as a filter, beyond its type and bounds.

    This is the filters' table: each filter is one field of IncentiveFilters with a Filter in its
    Annotated metadata, and everything else reads it from there: resolve() (the SQL), the canonical
    URL (query_pairs), facets, the labels and the explorer's and the map's forms. The field's name
    is also its label key in app.web.i18n.
    """

    clause: ClauseBuilder | None  # None: a modifier that another filter's builder reads (place_only)
    # how the forms show it: search, checks, select (a vocabulary), province, place, amount_range
    # (minimum and maximum together), number, tristate; "" when another field's widget shows it
    widget: str
    vocab: tuple[Term, ...] = ()
    facet: FacetCounts | None = None  # counted per value beside the results
    on_map: bool = False  # the map's form shows it (the map keeps the others as they are)
    only_with: str | None = None  # written to a URL only when this other filter is set
    true_only: bool = False  # written only when true (false means the same as unset)


class IncentiveFilters(BaseModel):
    """What the explorer shows: filters, then sort order and page. Every field is a query parameter."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    # The filters, in reading order (what, for whom, where, how much, when, words): the order of a
    # view's title, its chips and its canonical URL.
    category: Annotated[
        list[CategorySlug],
        Filter(conditions.category, "checks", CATEGORIES, facet=conditions.CATEGORY_FACET, on_map=True),
    ] = Field(default_factory=list, max_length=MAX_MULTI_VALUES)
    target_level: Annotated[
        list[TargetLevelSlug],
        Filter(conditions.target_level, "checks", TARGET_LEVELS, facet=conditions.TARGET_LEVEL_FACET, on_map=True),
    ] = Field(default_factory=list, max_length=MAX_MULTI_VALUES)
    province: Annotated[Slug | None, Filter(conditions.province, "province")] = Field(
        default=None, description="slug of a province, e.g. xinjiang"
    )
    place: Annotated[Slug | None, Filter(conditions.place, "place")] = Field(
        default=None, description="slug of a place, e.g. kelamayi; includes the places under it"
    )
    place_only: Annotated[bool | None, Filter(None, "", only_with="place", true_only=True)] = Field(
        default=None, description="true: the place itself, not the places under it"
    )
    amount_min: Annotated[int | None, Filter(conditions.amount_min, "amount_range")] = Field(
        default=None, ge=0, le=MAX_AMOUNT, description="yuan"
    )
    amount_max: Annotated[int | None, Filter(conditions.amount_max, "")] = Field(
        default=None, ge=0, le=MAX_AMOUNT, description="yuan"
    )
    period: Annotated[PeriodSlug | None, Filter(conditions.period, "select", PERIODS, on_map=True)] = None
    has_amount: Annotated[bool | None, Filter(conditions.has_amount, "tristate", on_map=True)] = Field(
        default=None, description="true: money only; false: in kind only"
    )
    year: Annotated[int | None, Filter(conditions.year, "number", on_map=True)] = Field(
        default=None, ge=MIN_YEAR, le=MAX_YEAR, description="the year the article was published, e.g. 2024"
    )
    q: Annotated[str | None, Filter(conditions.text, "search")] = Field(
        default=None, max_length=MAX_QUERY_LENGTH, description="full text, Chinese works"
    )
    # How the matches are shown.
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
        for f in FILTERS:
            value = getattr(self, f.key)
            if f.spec.only_with and not getattr(self, f.spec.only_with):
                continue
            if f.spec.true_only and value is not True:
                continue
            pairs += [(f.key, v) for v in _written(value)]
        if self.sort != DEFAULT_SORT:
            pairs.append(("sort", self.sort))
        if self.size != DEFAULT_PAGE_SIZE:
            pairs.append(("size", str(self.size)))
        if page and self.page != 1:
            pairs.append(("page", str(self.page)))
        return pairs


def _written(value: object) -> list[str]:
    """A value as it appears in a URL: one pair per list item, booleans as true/false, unset as none."""
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    if isinstance(value, bool):
        return ["true" if value else "false"]
    return [str(value)]


@dataclass(frozen=True)
class FilterField:
    """A filter with its parameter's name: one row of the filters' table."""

    key: str
    spec: Filter
    many: bool  # a list: repeated parameters, any of the values


def _table() -> tuple[FilterField, ...]:
    rows = []
    for key, info in IncentiveFilters.model_fields.items():
        specs = [m for m in info.metadata if isinstance(m, Filter)]
        if specs:
            rows.append(FilterField(key, specs[0], get_origin(info.annotation) is list))
    return tuple(rows)


FILTERS = _table()
FILTER_BY_KEY = {f.key: f for f in FILTERS}
LIST_FIELDS = tuple(f.key for f in FILTERS if f.many)
