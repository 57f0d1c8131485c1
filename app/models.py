"""Database tables: places, articles, and what was read from the articles.

Incentive and metric rows copy the few article and place fields the dashboard filters and sorts by
(place, province, publication date), so that the explorer's hot query never has to join; the copies
are written once, at ingest, and an article's rows are always replaced together.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, BigInteger, Column, Index, LargeBinary, Text
from sqlmodel import Field, SQLModel


class Place(SQLModel, table=True):
    """A province, prefecture, county or district of mainland China (plus the national new areas)."""

    __tablename__ = "place"

    id: int | None = Field(default=None, primary_key=True)
    adcode: str = Field(max_length=12, unique=True, index=True)
    name: str = Field(max_length=64, index=True)
    level: str = Field(max_length=16, index=True)  # province | prefecture | county | district
    parent_id: int | None = Field(default=None, foreign_key="place.id", index=True)
    province_code: str = Field(max_length=12, index=True)
    province_name: str = Field(max_length=64)
    slug: str = Field(max_length=80, unique=True, index=True)
    short_names: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    nicknames: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    longitude: float | None = None
    latitude: float | None = None


class Article(SQLModel, table=True):
    __tablename__ = "article"

    id: int | None = Field(default=None, primary_key=True)
    # its path relative to the folder ingested, or its absolute path (migration 0005 widened it)
    file_name: str = Field(max_length=1024, unique=True, index=True)
    title: str | None = Field(default=None, sa_column=Column(Text))
    source: str | None = Field(default=None, max_length=255)
    published: date | None = Field(default=None, index=True)
    authors: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # Kept byte for byte so that the database can always rebuild the corpus it was made from.
    raw_bytes: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    encoding: str = Field(max_length=32)
    # what the file was: text | html | mhtml | pdf | docx (by its content, not its name)
    format: str = Field(default="text", max_length=8, sa_column_kwargs={"server_default": "text"})
    url: str | None = Field(default=None, sa_column=Column(Text))  # a saved page's canonical URL
    original_text: str = Field(sa_column=Column(Text, nullable=False))
    normalised_text: str = Field(sa_column=Column(Text, nullable=False))
    script: str = Field(max_length=16)  # simplified | traditional | mixed
    damage: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    warnings: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    content_hash: str = Field(max_length=64, index=True)
    place_id: int | None = Field(default=None, foreign_key="place.id", index=True)
    ingested_at: datetime


class Policy(SQLModel, table=True):
    __tablename__ = "policy"

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True, ondelete="CASCADE")
    place_id: int | None = Field(default=None, foreign_key="place.id", index=True)
    name: str = Field(max_length=255)
    kind: str = Field(max_length=16)  # document (《…》) | programme (quoted name)
    quote: str = Field(sa_column=Column(Text, nullable=False))
    quote_start: int
    quote_end: int


class Incentive(SQLModel, table=True):
    __tablename__ = "incentive"
    __table_args__ = (
        Index("ix_incentive_category_amount", "category", "amount_yuan"),
        Index("ix_incentive_province_category", "province_code", "category"),
        Index("ix_incentive_place_category_amount", "place_id", "category", "amount_yuan"),
        Index("ix_incentive_category_published", "category", "published"),
        Index("ix_incentive_province_published", "province_code", "published"),
    )

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True, ondelete="CASCADE")
    place_id: int | None = Field(default=None, foreign_key="place.id")
    province_code: str | None = Field(default=None, max_length=12)
    published: date | None = Field(default=None, index=True)
    category: str = Field(max_length=32)
    amount_yuan: int | None = Field(default=None, sa_column=Column(BigInteger, index=True))
    amount_min: int | None = Field(default=None, sa_column=Column(BigInteger))
    amount_kind: str | None = Field(default=None, max_length=8)  # exact | up_to | from
    period: str | None = Field(default=None, max_length=16, index=True)
    duration_months: int | None = None  # a stated cap: "3年内" -> 36, "最长6个月" -> 6
    targets: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    target_levels: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    conditions: str | None = Field(default=None, sa_column=Column(Text))  # the terms, for display and search
    # the same terms typed, [{"kind": "service", "text": "连续工作满5年", "years": 5}, ...]; NULL for rows
    # stored before the extractor typed them (migration 0004)
    condition_items: list[dict[str, object]] | None = Field(default=None, sa_column=Column(JSON))
    quote: str = Field(sa_column=Column(Text, nullable=False))
    quote_start: int
    quote_end: int


class IncentiveTargetLevel(SQLModel, table=True):
    """One row per (incentive, normalised target level): makes "who qualifies" an indexed filter."""

    __tablename__ = "incentive_target_level"
    __table_args__ = (Index("ix_itl_level_incentive", "level", "incentive_id"),)

    incentive_id: int = Field(foreign_key="incentive.id", primary_key=True, ondelete="CASCADE")
    level: str = Field(max_length=24, primary_key=True)


class IncentiveTally(SQLModel, table=True):
    """How many incentives there are per (province, category, level, period, has an amount).

    Written only by the database's own triggers (migration 0008), in the transaction that writes the
    incentives, so it is never out of step with them: the application reads it and never writes it.
    Each incentive counts under level "*" (every level) and under each of its target levels; a
    missing province or period is "".
    """

    __tablename__ = "incentive_tally"

    level: str = Field(max_length=24, primary_key=True)
    category: str = Field(max_length=32, primary_key=True)
    province_code: str = Field(max_length=12, primary_key=True)
    period: str = Field(max_length=16, primary_key=True)
    has_amount: bool = Field(primary_key=True)
    n: int


class CalculatorTargetList(SQLModel, table=True):
    """Each distinct (targets, target_levels) of an incentive with a place, once: who an offer is for.

    This and the two tables below are written only by the database's own triggers (migration 0011), in
    the transaction that writes the incentives, like incentive_tally; rows here and in
    calculator_terms are only ever added, so an id keeps its meaning for the database's life.
    """

    __tablename__ = "calculator_target_list"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(sa_column=Column(Text, nullable=False, unique=True))
    targets: str = Field(sa_column=Column(Text, nullable=False))  # the incentive's JSON, as text
    target_levels: str = Field(sa_column=Column(Text, nullable=False))


class CalculatorTerms(SQLModel, table=True):
    """Each distinct set of terms an offer is valued and excluded by, once (see CalculatorTargetList)."""

    __tablename__ = "calculator_terms"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(sa_column=Column(Text, nullable=False, unique=True))
    category: str = Field(max_length=32)
    amount_yuan: int | None = Field(default=None, sa_column=Column(BigInteger))
    amount_min: int | None = Field(default=None, sa_column=Column(BigInteger))
    amount_kind: str | None = Field(default=None, max_length=8)
    period: str | None = Field(default=None, max_length=16)
    duration_months: int | None = None
    # From condition_items: a "purchase" item, and the largest years of a "service" item. Both NULL
    # for a row stored before the terms were typed (0004), whose joined line is conditions_text.
    needs_purchase: bool | None = None
    service_years: int | None = None
    conditions_text: str | None = Field(default=None, sa_column=Column(Text))


class CalculatorOffer(SQLModel, table=True):
    """One row per incentive with a place: where it is, who it is for and on what terms, as ids."""

    __tablename__ = "calculator_offer"
    __table_args__ = (
        Index("ix_calculator_offer_list", "target_list_id", "province_code", "place_id", "terms_id", "incentive_id"),
    )

    incentive_id: int = Field(primary_key=True)
    place_id: int
    province_code: str | None = Field(default=None, max_length=12)
    target_list_id: int
    terms_id: int


class Metric(SQLModel, table=True):
    __tablename__ = "metric"

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True, ondelete="CASCADE")
    place_id: int | None = Field(default=None, foreign_key="place.id", index=True)
    name: str = Field(max_length=255)
    value: float
    unit: str = Field(max_length=16)
    year: int | None = None
    qualifier: str | None = Field(default=None, max_length=16)
    quote: str = Field(sa_column=Column(Text, nullable=False))
    quote_start: int
    quote_end: int


# Ids are 32-bit INTEGER columns on PostgreSQL: every id a URL carries is checked against this, so a
# larger one is a 4xx rather than a driver error.
MAX_ID = 2**31 - 1

# Meta's keys. The data version changes with every ingest commit; the read side's caches key on it, so
# it is named here, below both the writer and the readers.
DATA_VERSION_KEY = "data_version"
GAZETTEER_FINGERPRINT_KEY = "gazetteer_fingerprint"


class Meta(SQLModel, table=True):
    """Small key/value facts about the database: the data version caches key on, the gazetteer's hash."""

    __tablename__ = "meta"

    key: str = Field(max_length=64, primary_key=True)
    value: str = Field(max_length=255)
