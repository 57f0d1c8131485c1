"""`python -m app export`: every incentive, place, policy or metric as JSON or CSV on stdout, and the
original articles back to a folder, byte for byte, so the database can always be rebuilt."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from app.export.records import INCENTIVE_COLUMNS, as_stored, record
from app.models import Article, Incentive, Metric, Place, Policy
from app.query.incentives import every_record
from app.tabular import to_csv
from app.vocab import CATEGORIES, label

PLACE_FIELDS = (
    "adcode", "name", "slug", "level", "parent", "province", "short_names", "nicknames", "longitude",
    "latitude", "articles", "incentives",
)  # fmt: skip
POLICY_FIELDS = (
    "id",
    "file",
    "article_id",
    "place",
    "province",
    "name",
    "kind",
    "quote",
    "quote_start",
    "quote_end",
)
METRIC_FIELDS = (
    "id", "file", "article_id", "place", "province", "name", "value", "unit", "year", "qualifier", "quote",
    "quote_start", "quote_end",
)  # fmt: skip


def shown_names(session: Session) -> dict[str, str]:
    """The name each article is exported under: its base name where no other article has it (x.txt,
    as the owner's scorer and a person expect), its path otherwise (a/x.txt, b/x.txt); an absolute
    path loses its leading slash, so that `export articles` writes it inside DEST."""
    names = list(session.scalars(select(col(Article.file_name))))
    bases = Counter(n.rsplit("/", 1)[-1] for n in names)
    out: dict[str, str] = {}
    for name in names:
        base = name.rsplit("/", 1)[-1]
        out[name] = base if bases[base] == 1 else name.lstrip("/")
    return out


def incentive_rows(session: Session) -> Iterator[dict[str, Any]]:
    """Every incentive as an IncentiveRecord (the web's CSV columns too), stored text and Chinese
    labels, under the file name `export articles` writes its article to."""
    shown = shown_names(session)
    for row in every_record(session):
        values = record(row, _chinese_category, as_stored)
        values["file"] = shown[values["file"]]
        yield values


def _chinese_category(slug: str) -> str:
    return label(CATEGORIES, slug, "zh")


def place_rows(session: Session) -> Iterator[dict[str, Any]]:
    parent = aliased(Place)
    articles = select(col(Article.place_id), func.count().label("n")).group_by(col(Article.place_id)).subquery()
    incentives = (
        select(col(Incentive.place_id), func.count().label("n")).group_by(col(Incentive.place_id)).subquery()
    )
    stmt = (
        select(Place, col(parent.name), articles.c.n, incentives.c.n)
        .outerjoin(parent, col(parent.id) == col(Place.parent_id))
        .outerjoin(articles, articles.c.place_id == col(Place.id))
        .outerjoin(incentives, incentives.c.place_id == Place.id)
        .order_by(Place.adcode)
    )
    for place, parent_name, n_articles, n_incentives in session.execute(stmt):
        yield {
            "adcode": place.adcode,
            "name": place.name,
            "slug": place.slug,
            "level": place.level,
            "parent": parent_name,
            "province": place.province_name,
            "short_names": place.short_names,
            "nicknames": place.nicknames,
            "longitude": place.longitude,
            "latitude": place.latitude,
            "articles": n_articles or 0,
            "incentives": n_incentives or 0,
        }


def _article_fact_rows(session: Session, model: type[Policy] | type[Metric], fields: tuple[str, ...]):
    stmt = (
        select(model, col(Article.file_name), col(Place.name), col(Place.province_name))
        .join(Article, col(Article.id) == col(model.article_id))
        .outerjoin(Place, col(Place.id) == col(model.place_id))
        .order_by(col(model.id))
    )
    shown = shown_names(session)
    for row, file_name, place, province in session.execute(stmt):
        data = {f: getattr(row, f, None) for f in fields}
        data.update(file=shown[file_name], place=place, province=province)
        yield data


TABLES = {
    "incentives": (INCENTIVE_COLUMNS, incentive_rows),
    "places": (PLACE_FIELDS, place_rows),
    "policies": (POLICY_FIELDS, lambda s: _article_fact_rows(s, Policy, POLICY_FIELDS)),
    "metrics": (METRIC_FIELDS, lambda s: _article_fact_rows(s, Metric, METRIC_FIELDS)),
}


def write_table(session: Session, table: str, fmt: str, out: TextIO) -> int:
    fields, rows = TABLES[table]
    data = list(rows(session))
    if fmt == "json":
        json.dump(data, out, ensure_ascii=False, indent=1)
        out.write("\n")
    else:
        out.write(to_csv(data, fields, bom=False))
    return len(data)


def write_originals(session: Session, dest: Path) -> int:
    """Every article's bytes exactly as read, under the name it is exported by (shown_names)."""
    dest.mkdir(parents=True, exist_ok=True)
    shown = shown_names(session)
    count = 0
    for file_name, raw in session.execute(
        select(col(Article.file_name), col(Article.raw_bytes)).order_by(col(Article.id))
    ):
        target = dest / shown[file_name]
        if ".." in Path(shown[file_name]).parts:  # a stored name never climbs out of DEST
            target = dest / Path(file_name).name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(raw)
        count += 1
    return count


def run_export_command(engine: Engine, table: str, fmt: str, dest: Path | None, out: TextIO) -> int:
    """The CLI's export on a prepared database (the CLI checks DEST and upgrades the database first)."""
    with Session(engine) as session:
        if table == "articles":
            assert dest is not None
            n = write_originals(session, dest)
            print(f"wrote {n} articles to {dest}", file=sys.stderr)
        else:
            write_table(session, table, fmt, out)
    return 0
