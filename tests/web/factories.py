"""Realistic rows for web tests: the five seed articles as the gold file describes them.

The rows are written straight through the models, so web tests do not depend on the ingest pipeline;
texts are the real seed files (converted to simplified characters, pinyin glosses removed) and every
incentive, policy and metric is the gold annotation with its quote located in that text.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path

from opencc import OpenCC
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from app.models import Article, Incentive, IncentiveTargetLevel, Meta, Metric, Place, Policy

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
GOLD = REPO / "tests" / "corpus" / "gold" / "seeds.json"
INGESTED_AT = datetime(2026, 11, 1, 9, 30, tzinfo=UTC)

# The gold file words targets as the articles do; the explorer filters on normalised levels.
TARGET_LEVEL_OF = {
    "博士": "doctorate", "博士研究生": "doctorate", "硕博学子": "doctorate",
    "硕士": "master", "硕士研究生": "master", "本科": "bachelor", "学士学位人员": "bachelor",
    "战略人才": "top_talent", "领军人才": "leading_talent", "青年人才": "young_talent",
    "副高级及以上技术人才": "senior_title", "副高级以上专业技术人才": "senior_title",
    "高级技师及以上技能人才": "skilled_worker", "急需紧缺高级技师": "skilled_worker",
    "本地高校毕业生": "graduate", "大学生": "graduate", "高层次人才团队": "team",
}

_PINYIN_GLOSS = re.compile(r"\([a-zü\u00e0-\u01dc]+\)")


@dataclass(frozen=True)
class Seeded:
    """Ids of what was inserted, by place slug, so tests can address rows without guessing."""

    articles: dict[str, int]
    incentives: dict[str, list[int]]


@cache  # the same five seed texts for every test: OpenCC's dictionaries load once, not 200 times
def _normalise(text: str) -> str:
    return _PINYIN_GLOSS.sub("", OpenCC("t2s").convert(text))


def _span(text: str, quote: str) -> tuple[int, int]:
    start = text.find(quote)
    return (start, start + len(quote)) if start >= 0 else (0, 0)


def gold_articles() -> list[dict]:
    return json.loads(GOLD.read_text(encoding="utf-8"))


def seed_gold(engine: Engine, data_version: str = "test-1") -> Seeded:
    """Insert the five gold articles with their incentives, policies and metrics."""
    articles: dict[str, int] = {}
    incentives: dict[str, list[int]] = {}
    with Session(engine) as session:
        for gold in gold_articles():
            place = session.exec(select(Place).where(Place.name == gold["city"])).one()
            raw = (SEEDS / gold["file"]).read_bytes()
            original = raw.decode("utf-8", errors="replace")
            text = _normalise(original)
            article = Article(
                file_name=gold["file"], title=gold["title"], source=gold["source"],
                published=date.fromisoformat(gold["published"]) if gold["published"] else None,
                raw_bytes=raw, encoding="utf-8", original_text=original, normalised_text=text,
                script=gold["script"], damage=list(gold["damage"]),
                warnings=[f"damage: {d}" for d in gold["damage"]],
                content_hash=hashlib.sha256(raw).hexdigest(), place_id=place.id, ingested_at=INGESTED_AT,
            )
            session.add(article)
            session.flush()
            articles[place.slug] = article.id
            ids = incentives.setdefault(place.slug, [])
            for item in gold["incentives"]:
                start, end = _span(text, item["quote"])
                levels = sorted({TARGET_LEVEL_OF[t] for t in item["targets"] if t in TARGET_LEVEL_OF})
                incentive = Incentive(
                    article_id=article.id, place_id=place.id, province_code=place.province_code,
                    published=article.published, category=item["category"], amount_yuan=item["amount_yuan"],
                    amount_kind=item["amount_kind"], period=item["period"], targets=list(item["targets"]),
                    target_levels=levels, conditions=item["conditions"], quote=item["quote"],
                    quote_start=start, quote_end=end,
                )
                session.add(incentive)
                session.flush()
                session.add_all(IncentiveTargetLevel(incentive_id=incentive.id, level=lv) for lv in levels)
                ids.append(incentive.id)
            for name in gold["policies"]:
                start, end = _span(text, name)
                session.add(Policy(article_id=article.id, place_id=place.id, name=name, kind="document",
                                   quote=name, quote_start=start, quote_end=end))
            for metric in gold["metrics_examples"]:
                start, end = _span(text, metric["name"])
                session.add(Metric(article_id=article.id, place_id=place.id, name=metric["name"],
                                   value=metric["value"], unit=metric["unit"], year=metric.get("year"),
                                   qualifier=metric.get("qualifier"), quote=metric["name"],
                                   quote_start=start, quote_end=end))
        session.merge(Meta(key="data_version", value=data_version))
        session.commit()
    return Seeded(articles=articles, incentives=incentives)
