"""The ranking from totals (app.calculator.ranking) against the full calculation (valuation.calculate)
on real articles: every place, its rank and whether it has a total must agree, for every profile.

The corpus is the seeds plus the dev and dev2 articles copied into tests/corpus: roundups, packages,
housing subsidies that need a purchase, service conditions, ranges and "以上" phrases, over places
whose prefectures and provinces have offers of their own.
"""

from __future__ import annotations

import itertools
import random
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import insert
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from app.calculator.profile import Profile
from app.calculator.ranking import rank_places
from app.calculator.service import ancestor_slugs, load_offers
from app.calculator.valuation import calculate
from app.ingest.pipeline import ingest_paths
from app.models import Article, Incentive, IncentiveTargetLevel, Place
from app.query.cache import _cache
from app.query.conditions import place_by_slug

REPO = Path(__file__).resolve().parents[2]
CORPORA = [REPO / "seeds", REPO / "tests" / "corpus" / "dev" / "articles", REPO / "tests" / "corpus" / "dev2" / "articles"]


@pytest.fixture
def corpus(engine: Engine) -> Engine:
    ingest_paths(CORPORA, engine)
    return engine


def _full_ranking(session: Session, profile: Profile, province) -> tuple[tuple[str, int | None], ...]:
    offers = load_offers(session, profile, province)
    results = calculate(offers, profile, ancestor_slugs(session, {o.place.slug for o in offers}))
    return tuple((r.place.slug, r.rank) for r in results)


def _profiles() -> list[Profile]:
    people = [
        {"degree": d, "title": t, "skill": s}
        for d, t, s in itertools.product(
            ("none", "postdoc", "doctorate", "master", "bachelor", "college"),
            ("none", "associate", "full"),
            ("none", "technician"),
        )
        if (d, t, s) != ("none", "none", "none")
    ]
    chosen = []
    for i, person in enumerate(people):
        chosen.append(Profile(**person, buy_home=i % 2, years=(1, 3, 5, 10)[i % 4]))
    chosen.append(Profile(degree="doctorate", skill="senior_technician", buy_home=1, years=2))
    return chosen


def test_the_ranking_from_totals_agrees_with_the_full_calculation_for_every_profile(corpus: Engine) -> None:
    ranked_somewhere = 0
    with Session(corpus) as session:
        for profile in _profiles():
            _cache.clear()
            expected = _full_ranking(session, profile, None)
            got = rank_places(session, profile, None)
            assert got == expected, profile
            ranked_somewhere += any(rank for _, rank in got)
    assert ranked_somewhere > 20, "the corpus should give most profiles a ranked place"


def test_picks_and_a_province_change_the_ranking_as_they_change_the_calculation(corpus: Engine) -> None:
    doctor = Profile(degree="doctorate", buy_home=1, years=5)
    with Session(corpus) as session:
        offers = load_offers(session, doctor, None)
        results = calculate(offers, doctor, ancestor_slugs(session, {o.place.slug for o in offers}))
        # Pick the smallest alternative of every place that has one: totals and order must follow.
        picks = [
            min((line for line in r.lines if line.status == "alternative"), key=lambda li: li.value.total).offer.id
            for r in results
            if any(line.status == "alternative" and line.value for line in r.lines)
        ][:20]
        assert picks, "the corpus has places with alternatives"
        picked = doctor.model_copy(update={"pick": picks})
        assert rank_places(session, picked, None) == _full_ranking(session, picked, None)
        assert rank_places(session, picked, None) != rank_places(session, doctor, None)
        xinjiang = place_by_slug(session, "xinjiang", "province", province=True)
        within = rank_places(session, doctor, xinjiang.province_code)
        assert within == _full_ranking(session, doctor, xinjiang)
        assert within and len(within) < len(rank_places(session, doctor, None))


def test_the_ranking_agrees_on_synthetic_offers_that_meet_every_rule(engine: Engine) -> None:
    """Offers made to collide: a province, a prefecture and its district, each with several offers
    per category, packages worth more or less than their parts, purchase and service conditions on
    any category, ceilings, ranges, durations and levels the profiles meet, miss or fall short of."""
    rng = random.Random(2026)
    slugs = ("xinjiang", "kelamayi", "dushanzi", "akesu", "guangdong", "shenzhen", "futian", "nanshan")
    targets_for = {
        "doctorate": ["博士"], "master": ["硕士及以上"], "bachelor": ["本科"], "senior_title": ["正高级职称"],
        "skilled_worker": ["技师"], "graduate": ["高校毕业生"], "academician": ["院士"],
    }  # fmt: skip
    categories = ("housing_subsidy", "settling_allowance", "living_allowance", "research_funding", "package")
    with Session(engine) as session:
        places = {p.slug: p for p in session.exec(select(Place).where(Place.slug.in_(slugs))).all()}
        assert set(places) == set(slugs)
        article = Article(
            file_name="synthetic.txt", raw_bytes=b"x", encoding="utf-8", original_text="x",
            normalised_text="x", script="hans", content_hash="x", ingested_at=datetime(2026, 12, 1, tzinfo=UTC),
        )  # fmt: skip
        session.add(article)
        session.flush()
        for _ in range(300):
            place = places[rng.choice(slugs)]
            levels = sorted(rng.sample(sorted(targets_for), rng.choice((0, 1, 1, 2))))
            amount = rng.choice((None, 10_000, 50_000, 200_000, 1_000_000))
            conditions = rng.choice(([], [], [{"kind": "purchase", "text": "在本市购房", "years": None}],
                                     [{"kind": "service", "text": "工作满5年", "years": 5}],
                                     [{"kind": "service", "text": "服务满3年", "years": 3}]))  # fmt: skip
            row = {
                "article_id": article.id, "place_id": place.id, "province_code": place.province_code,
                "category": rng.choice(categories), "amount_yuan": amount,
                "amount_min": rng.choice((None, None, 5_000)) if amount else None,
                "amount_kind": rng.choice(("exact", "up_to", "from")), "period": rng.choice(("one_off", "monthly", "yearly", "multi_year")),
                "duration_months": rng.choice((None, 6, 36, 120)), "targets": [t for lv in levels for t in targets_for[lv]],
                "target_levels": levels, "condition_items": conditions, "quote": "x", "quote_start": 0, "quote_end": 1,
            }  # fmt: skip
            ident = session.execute(insert(Incentive).returning(Incentive.id), row).scalar_one()
            if levels:
                session.execute(insert(IncentiveTargetLevel), [{"incentive_id": ident, "level": lv} for lv in levels])
        session.commit()
        for profile in _profiles():
            _cache.clear()
            assert rank_places(session, profile, None) == _full_ranking(session, profile, None), profile


def test_a_package_worth_exactly_its_parts_is_not_added() -> None:
    """As settle_package: the package counts only when it is worth more than the parts it bundles."""
    from app.calculator.ranking import _total

    key = (True, 0, 0)
    assert _total({"package": (key, 100, 0), "award": (key, 60, 40)}) == (60, 40)
    assert _total({"package": (key, 101, 0), "award": (key, 60, 40)}) == (101, 0)
    assert _total({"package": (key, 0, 0)}) is None
