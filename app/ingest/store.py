"""Writing one processed article and everything read from it, in one transaction.

An article is identified by its file name. The same bytes again change nothing; changed bytes replace
that article's rows and nothing else, keeping its id so that links to it stay valid. Writes change the
data version, which caches key on: at most about once a second during a run, and at its end.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

from sqlalchemy import Table, delete, func, insert, inspect, select
from sqlmodel import Session, SQLModel, col

from app.extract.conditions import conditions_text
from app.ingest.places import add_found_place
from app.ingest.process import ProcessedArticle
from app.models import DATA_VERSION_KEY, Article, Incentive, IncentiveTargetLevel, Meta, Metric, Place, Policy
from app.places.recognise import PlaceGuess

INCENTIVE_FIELDS = (
    "category", "amount_yuan", "amount_min", "amount_kind", "period", "duration_months", "targets",
    "target_levels", "quote", "quote_start", "quote_end",
)  # fmt: skip
METRIC_FIELDS = ("name", "value", "unit", "year", "qualifier", "quote", "quote_start", "quote_end")
POLICY_FIELDS = ("name", "kind", "quote", "quote_start", "quote_end")


class PlaceLookup:
    """Place id and province code by administrative code, read once per ingest run."""

    def __init__(self, session: Session):
        rows = session.execute(select(col(Place.adcode), col(Place.id), col(Place.province_code))).all()
        self._by_code = {code: (pid, prov) for code, pid, prov in rows}

    def __call__(self, adcode: str | None) -> tuple[int | None, str | None]:
        return self._by_code.get(adcode, (None, None)) if adcode else (None, None)

    def ensure(self, session: Session, guess: PlaceGuess | None) -> tuple[int | None, str | None]:
        """Like calling it with the guess's code, adding a place the gazetteer lacks (a development
        zone found in the article) under its parent first."""
        if guess is None:
            return None, None
        code = guess.place.adcode
        if code not in self._by_code and len(guess.chain) > 1:
            parent_id, _ = self(guess.chain[-2].adcode)
            place = add_found_place(session, guess.place, parent_id)
            self._by_code[code] = (place.id, place.province_code)
        return self(code)


def bump_data_version(session: Session) -> None:
    meta = session.get(Meta, DATA_VERSION_KEY) or Meta(key=DATA_VERSION_KEY, value="")
    meta.value = uuid.uuid4().hex
    session.add(meta)


def _delete_rows(session: Session, article_id: int) -> None:
    incentive_ids = select(col(Incentive.id)).where(col(Incentive.article_id) == article_id)
    session.execute(
        delete(IncentiveTargetLevel).where(col(IncentiveTargetLevel.incentive_id).in_(incentive_ids))
    )
    for table in (Incentive, Metric, Policy):
        session.execute(delete(table).where(col(table.article_id) == article_id))


def _table(model: type[SQLModel]) -> Table:
    """The model's Core table, its __table__ (which SQLModel sets but does not declare to mypy)."""
    table = inspect(model).local_table
    assert isinstance(table, Table), "a table model maps one table"
    return table


@dataclass(frozen=True)
class StoredArticle:
    digest: str
    place: str | None
    incentives: int
    metrics: int
    warnings: list[str]


def stored_articles(session: Session) -> dict[str, StoredArticle]:
    """What is stored per file name, in one query: lets a re-run skip unchanged files without
    reading them again and still report what each holds."""
    incentives = (
        select(col(Incentive.article_id), func.count().label("n"))
        .group_by(col(Incentive.article_id))
        .subquery()
    )
    metrics = (
        select(col(Metric.article_id), func.count().label("n")).group_by(col(Metric.article_id)).subquery()
    )
    rows = session.execute(
        select(
            col(Article.file_name),
            col(Article.content_hash),
            col(Place.name),
            incentives.c.n,
            metrics.c.n,
            col(Article.warnings),
        )
        .outerjoin(Place, col(Place.id) == col(Article.place_id))
        .outerjoin(incentives, incentives.c.article_id == col(Article.id))
        .outerjoin(metrics, metrics.c.article_id == col(Article.id))
    )
    return {
        name: StoredArticle(digest, place, n_inc or 0, n_met or 0, list(warnings))
        for name, digest, place, n_inc, n_met, warnings in rows
    }


def store_article(
    session: Session, item: ProcessedArticle, places: PlaceLookup, force: bool = False, bump: bool = True
) -> str:
    """Write the article; returns "added", "replaced" or "unchanged". Commits on success. `bump`:
    change the data version in the same transaction (an ingest run passes False for all but about
    one article a second, and bumps once more at its end; see app.ingest.pipeline.VersionClock)."""
    article = session.execute(
        select(Article).where(col(Article.file_name) == item.file_name)
    ).scalar_one_or_none()
    if article is not None and article.content_hash == item.content_hash and not force:
        return "unchanged"
    status = "added" if article is None else "replaced"
    if article is None:
        # A table model is not validated when made (SQLModel), and every other required field is
        # set below, before the flush; mypy sees only the constructor's required fields.
        article = Article(file_name=item.file_name)  # type: ignore[call-arg]
    else:
        _delete_rows(session, article.id)
    place_id, province_code = places.ensure(session, item.place)
    article.title = item.meta.title
    article.source = item.meta.source
    article.published = item.meta.published
    article.authors = item.meta.authors
    article.raw_bytes = item.raw
    article.encoding = item.encoding
    article.format = item.format
    article.url = item.url
    article.original_text = item.original
    article.normalised_text = item.normalised.text
    article.script = item.normalised.script
    article.damage = item.normalised.damage
    article.warnings = item.warnings
    article.content_hash = item.content_hash
    article.place_id = place_id
    article.ingested_at = datetime.now(UTC)
    session.add(article)
    session.flush()

    # Core inserts, not ORM objects: an article carries dozens of rows, and building and flushing
    # one validated model instance per row was most of the ingest time.
    # A roundup's rows each carry their own place; every other row is the article's.
    incentive_rows = []
    for fact in item.extraction.incentives:
        row_place, row_province = places(fact.place) if fact.place else (place_id, province_code)
        incentive_rows.append(
            {
                "article_id": article.id,
                "place_id": row_place,
                "province_code": row_province,
                "published": item.meta.published,
                **{f: getattr(fact, f) for f in INCENTIVE_FIELDS},
                "conditions": conditions_text(fact.conditions),
                "condition_items": [asdict(c) for c in fact.conditions],
            }
        )
    if incentive_rows:
        table = _table(Incentive)
        ids = (
            session.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), incentive_rows)
            .scalars()
            .all()
        )
        levels = [
            {"incentive_id": iid, "level": level}
            for iid, row in zip(ids, incentive_rows, strict=True)
            for level in row["target_levels"]
        ]
        if levels:
            session.execute(insert(_table(IncentiveTargetLevel)), levels)
    for model, facts, fields in (
        (Metric, item.extraction.metrics, METRIC_FIELDS),
        (Policy, item.extraction.policies, POLICY_FIELDS),
    ):
        rows = [
            {"article_id": article.id, "place_id": place_id, **{f: getattr(fact, f) for f in fields}}
            for fact in facts
        ]
        if rows:
            session.execute(insert(_table(model)), rows)
    if bump:
        bump_data_version(session)
    session.commit()
    return status
