"""An incentive's public fields, defined once: the JSON API's incentive, the explorer's CSV and the
CLI's export (JSON and CSV) all take their fields, order and meaning from the models here.

IncentiveFacts are what every form shares (the offer itself, its quote and where it sits in the
article); IncentiveRecord adds the place and the article as flat columns, which is what a
spreadsheet and the CLI want; the API nests them as references instead (app.web.api_models).
Labels and data text follow the reader's language and script where there is a reader: the
builders take the two functions that do that, and the CLI passes the stored text and Chinese labels.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from pydantic import BaseModel, Field

from app.links import article_url, incentive_url
from app.places.english import english_name


class IncentiveFacts(BaseModel):
    id: int
    url: str = Field(description="the incentive's page")
    category: str = Field(description="category slug (taxonomy)")
    category_label: str
    amount_yuan: int | None = Field(description="yuan; the upper figure of a range; null for in kind")
    amount_min: int | None = Field(description="the lower figure of a range")
    amount_kind: str | None = Field(description="exact, up_to, range, ...")
    period: str | None
    duration_months: int | None
    targets: list[str] = Field(description="who qualifies, as the article says it")
    target_levels: list[str] = Field(description="who qualifies, as target-level slugs")
    conditions: str | None
    quote: str = Field(description="the sentence the figure comes from")
    quote_start: int = Field(description="offset of the quote in the article's normalised text")
    quote_end: int


# The facts read straight off a stored incentive (or a row with the same column names).
STORED_FACTS = tuple(name for name in IncentiveFacts.model_fields if name not in ("url", "category_label"))
# What the reader's script applies to among them (slugs and numbers stay as stored).
_TEXT_FACTS = ("conditions", "quote")

Text = Callable[[str | None], str | None]
Labeller = Callable[[str], str]


def as_stored(text: str | None) -> str | None:
    """The data text as stored (simplified): for readers with no script to convert to."""
    return text


def facts(source: Any, category_label: Labeller, text: Text) -> dict[str, Any]:
    """The facts of an incentive, an ORM Incentive or a row of app.query.incentives.RECORD_COLUMNS."""
    values = {name: getattr(source, name) for name in STORED_FACTS}
    for name in _TEXT_FACTS:
        values[name] = text(values[name])
    values["targets"] = [text(t) for t in values["targets"]]
    values["url"] = incentive_url(source.id)
    values["category_label"] = category_label(source.category)
    return values


class IncentiveRecord(IncentiveFacts):
    """One incentive as a flat row: a CSV line, an object of `python -m app export incentives`."""

    place: str | None = Field(description="the place's Chinese name")
    place_en: str | None = Field(description='pinyin with its type, e.g. "Kelamayi City"')
    place_slug: str | None
    level: str | None = Field(description="the place's administrative level: province, prefecture, ...")
    province: str | None
    article_id: int
    article_url: str
    article_title: str | None
    publisher: str | None
    published: date | None = Field(description="the article's publication date")
    file: str = Field(description="the article's file as ingested")


INCENTIVE_COLUMNS = tuple(IncentiveRecord.model_fields)


def record(row: Any, category_label: Labeller, text: Text) -> dict[str, Any]:
    """A row of RECORD_COLUMNS as an IncentiveRecord's fields, in INCENTIVE_COLUMNS order; dates as
    ISO text, so the dict is JSON as it stands. Plain dicts, not models: a CSV of 20,000 rows
    would spend most of its time validating what the database already typed."""
    values = facts(row, category_label, text)
    values.update(
        place=text(row.place_name),
        place_en=english_name(row.place_name) if row.place_name else None,
        place_slug=row.place_slug,
        level=row.place_level,
        province=text(row.province_name),
        article_id=row.article_id,
        article_url=article_url(row.article_id),
        article_title=text(row.article_title),
        publisher=text(row.article_source),
        published=row.article_published.isoformat() if row.article_published else None,
        file=row.file_name,
    )
    return {name: values[name] for name in INCENTIVE_COLUMNS}
