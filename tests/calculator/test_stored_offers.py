"""The offers the database keeps for the ranking (migration 0011: calculator_offer, its target lists and
terms, written by triggers on incentive) are the incentives' own, through every way rows change: an
ingest, an article replaced or deleted, an update, a row from before terms were typed, and an offer
added while a data version's lookups are already read. Each case also ranks against the full
calculation (valuation.calculate over the incentives themselves), which never reads these tables.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import delete, func, insert, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from app.calculator.profile import Profile
from app.calculator.ranking import rank_places
from app.calculator.service import ancestor_slugs, load_offers
from app.calculator.valuation import calculate
from app.ingest.pipeline import ingest_paths
from app.models import (
    Article,
    CalculatorOffer,
    CalculatorTargetList,
    CalculatorTerms,
    Incentive,
    IncentiveTargetLevel,
    Place,
)
from app.query.cache import _cache
from tests.calculator.offers import expected_offers, stored_offers

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
CORPORA = [SEEDS, REPO / "tests" / "corpus" / "dev" / "articles", REPO / "tests" / "corpus" / "dev2" / "articles"]
PROFILES = [
    Profile(degree="doctorate", buy_home=1, years=5),
    Profile(degree="doctorate", buy_home=0, years=3),
    Profile(degree="master", title="associate", years=10),
    Profile(degree="bachelor", skill="technician", buy_home=1, years=1),
]


def _full_ranking(session: Session, profile: Profile) -> tuple[tuple[str, int | None], ...]:
    offers = load_offers(session, profile, None)
    results = calculate(offers, profile, ancestor_slugs(session, {o.place.slug for o in offers}))
    return tuple((r.place.slug, r.rank) for r in results)


def _assert_in_step(engine: Engine) -> None:
    """The stored offers are the incentives', and every profile ranks as the full calculation."""
    _cache.clear()
    with Session(engine) as session:
        assert stored_offers(session) == expected_offers(session)
        for profile in PROFILES:
            assert rank_places(session, profile, None) == _full_ranking(session, profile), profile


def test_every_incentive_with_a_place_is_one_offer_on_its_own_terms(engine: Engine) -> None:
    ingest_paths(CORPORA, engine)
    _assert_in_step(engine)
    with Session(engine) as session:
        offers = expected_offers(session)
        lists = session.exec(select(func.count()).select_from(CalculatorTargetList)).one()
        terms = session.exec(select(func.count()).select_from(CalculatorTerms)).one()
        without_place = session.exec(select(func.count()).where(Incentive.place_id.is_(None))).one()
    assert len(offers) > 200 and without_place > 0, "the corpus has offers with and without a place"
    # each list and each set of terms once: they are shared, which is what makes a profile's read small
    assert lists == len({(targets, levels) for _, _, targets, levels, _ in offers.values()}) < len(offers) / 3
    assert terms == len({t for *_, t in offers.values()}) < len(offers)
    assert any(t.needs_purchase for *_, t in offers.values()) and any(t.service_years for *_, t in offers.values())
    assert all(t.conditions_text is None for *_, t in offers.values()), "an ingest types every term"


def test_a_replaced_or_deleted_article_takes_its_offers_along(engine: Engine, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    shutil.copytree(SEEDS, folder)
    ingest_paths([folder], engine)
    doctor = PROFILES[0]
    with Session(engine) as session:
        before = rank_places(session, doctor, None)
    assert before[0] == ("akesu", 1)
    akesu = next(folder.glob("001_*.txt"))  # 阿克苏地区 offers a doctorate who buys a home 50万 or 70万
    akesu.write_text(akesu.read_text("utf-8").replace("博士", "院士"), "utf-8")  # now for academicians only
    assert [r.status for r in ingest_paths([folder], engine).results].count("replaced") == 1
    _assert_in_step(engine)
    with Session(engine) as session:
        after = rank_places(session, doctor, None)
        assert after[0] == ("kelamayi", 1) and ("akesu", None) in after
        session.execute(delete(Article).where(Article.file_name == akesu.name))  # its incentives cascade
        session.commit()
    _assert_in_step(engine)
    with Session(engine) as session:
        assert "akesu" not in dict(rank_places(session, doctor, None))
        # what no incentive uses any more stays (an id keeps its meaning), but no offer refers to it
        assert session.exec(select(func.count()).select_from(CalculatorOffer)).one() == len(expected_offers(session))


def test_an_updated_incentive_moves_its_offer(engine: Engine) -> None:
    ingest_paths([SEEDS], engine)
    with Session(engine) as session:
        ids = session.exec(select(Incentive.id).where(Incentive.place_id.is_not(None)).order_by(Incentive.id)).all()
        session.execute(
            update(Incentive)
            .where(Incentive.id.in_(ids[:3]))
            .values(category="package", amount_yuan=9_000_000, targets=["博士（新）"], target_levels=["doctorate"])
        )
        session.execute(update(Incentive).where(Incentive.id.in_(ids[3:5])).values(place_id=None))
        session.execute(
            update(Incentive)
            .where(Incentive.id.in_(ids[5:7]))
            .values(condition_items=[{"kind": "service", "text": "服务满8年", "years": 8}])
        )
        session.commit()
        stored = stored_offers(session)
    assert not set(ids[3:5]) & set(stored), "an offer without a place is no offer"
    assert {stored[i][4].service_years for i in ids[5:7]} == {8}
    _assert_in_step(engine)


def _article(session: Session, name: str) -> int:
    article = Article(
        file_name=name, raw_bytes=b"x", encoding="utf-8", original_text="x", normalised_text="x",
        script="simplified", content_hash=name, ingested_at=datetime(2026, 12, 1, tzinfo=UTC),
    )  # fmt: skip
    session.add(article)
    session.flush()
    assert article.id is not None
    return article.id


def _incentive(session: Session, article_id: int, place: Place, **fields: object) -> int:
    row = {
        "article_id": article_id, "place_id": place.id, "province_code": place.province_code,
        "category": "settling_allowance", "amount_yuan": 300_000, "amount_kind": "exact", "period": "one_off",
        "targets": ["博士"], "target_levels": ["doctorate"], "quote": "q", "quote_start": 0, "quote_end": 1,
        **fields,
    }  # fmt: skip
    ident = session.execute(insert(Incentive).returning(Incentive.id), row).scalar_one()
    levels = row["target_levels"]
    assert isinstance(levels, list)
    if levels:
        session.execute(insert(IncentiveTargetLevel), [{"incentive_id": ident, "level": lv} for lv in levels])
    return ident


def test_a_row_stored_before_terms_were_typed_is_ranked_from_its_line(engine: Engine) -> None:
    """Before migration 0004 there were no condition_items: the trigger cannot type the line, so the
    ranking does, as the full calculation does."""
    with Session(engine) as session:
        kelamayi = session.exec(select(Place).where(Place.slug == "kelamayi")).one()
        article = _article(session, "old.txt")
        old = _incentive(session, article, kelamayi, conditions="在地区连续工作满5年；在地区范围内购房")
        session.commit()
        terms = stored_offers(session)[old][4]
        assert (terms.needs_purchase, terms.conditions_text) == (None, "在地区连续工作满5年；在地区范围内购房")
        ranks = []
        for profile in (
            Profile(degree="doctorate", buy_home=1, years=5),
            Profile(degree="doctorate", buy_home=0, years=5),  # a purchase it will not make
            Profile(degree="doctorate", buy_home=1, years=3),  # fewer years than the service
        ):
            _cache.clear()
            ranks.append(rank_places(session, profile, None))
            assert ranks[-1] == _full_ranking(session, profile)
    assert ranks == [(("kelamayi", 1),), (("kelamayi", None),), (("kelamayi", None),)]


def test_an_offer_with_a_new_target_list_counts_before_the_data_version_changes(engine: Engine) -> None:
    """An ingest bumps the data version about once a second, so a version's lookups (its target lists)
    may be older than the offers a ranking reads: those of a list it does not know must count too."""
    ingest_paths([SEEDS], engine)
    doctor = PROFILES[0]
    with Session(engine) as session:
        assert "hami" not in dict(rank_places(session, doctor, None))  # the lookups are read and kept
        hami = session.exec(select(Place).where(Place.slug == "hami")).one()
        _incentive(session, _article(session, "new.txt"), hami, amount_yuan=90_000_000, targets=["博士（新）"])
        session.commit()  # no new data version: the lookups stay
    with Session(engine) as session:
        ranked = rank_places(session, doctor, None)
        assert ranked[0] == ("hami", 1)
        assert ranked == _full_ranking(session, doctor)
