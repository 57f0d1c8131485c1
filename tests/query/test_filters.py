"""Every parameter of the filters' table, through resolve(): the rows its condition selects (against a
reference written in Python over the same synthetic rows), its labels in both languages, and its
canonical URL. A filter added to the table without a case here fails test_every_filter_has_a_case.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qsl

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from app.models import Incentive, Place
from app.query.filters import resolve
from app.query.params import FILTER_BY_KEY, FILTERS, IncentiveFilters
from app.query.tree import place_tree
from app.web.i18n import TEXT
from tests.query.test_search import rows  # noqa: F401 - the same synthetic rows as the search tests

Row = dict
Predicate = Callable[[Row, dict[str, Place], set[int]], bool]


# key -> (parameters, expected chips as (param, value, zh, en), which rows match)
CASES: dict[str, tuple[dict, list[tuple[str, str, str, str]], Predicate]] = {
    "category": (
        {"category": ["housing_subsidy", "rent_subsidy"]},
        [
            ("category", "housing_subsidy", "购房补贴", "Home-purchase subsidy"),
            ("category", "rent_subsidy", "租房补贴", "Rent subsidy"),
        ],
        lambda r, places, below: r["category"] in ("housing_subsidy", "rent_subsidy"),
    ),
    "target_level": (
        {"target_level": ["doctorate"]},
        [("target_level", "doctorate", "博士", "Doctorate")],
        lambda r, places, below: "doctorate" in r["target_levels"],
    ),
    "province": (
        {"province": "guangdong"},
        [("province", "guangdong", "广东省", "广东省")],
        lambda r, places, below: r["province_code"] == places["guangdong"].province_code,
    ),
    "place": (
        {"place": "shenzhen"},
        [("place", "shenzhen", "深圳市", "深圳市")],
        lambda r, places, below: r["place_id"] in below | {places["shenzhen"].id},
    ),
    "place_only": (
        {"place": "shenzhen", "place_only": True},
        [("place", "shenzhen", "深圳市(仅本级)", "深圳市 (this place only)")],
        lambda r, places, below: r["place_id"] == places["shenzhen"].id,
    ),
    "amount_min": (
        {"amount_min": 30_000},
        [("amount_min", "30000", "≥ 3万元", "≥ ¥30,000")],
        lambda r, places, below: r["amount_yuan"] is not None and r["amount_yuan"] >= 30_000,
    ),
    "amount_max": (
        {"amount_max": 30_000},
        [("amount_max", "30000", "≤ 3万元", "≤ ¥30,000")],
        lambda r, places, below: r["amount_yuan"] is not None and r["amount_yuan"] <= 30_000,
    ),
    "period": (
        {"period": "yearly"},
        [("period", "yearly", "每年", "Yearly")],
        lambda r, places, below: r["period"] == "yearly",
    ),
    "has_amount": (
        {"has_amount": False},
        [("has_amount", "false", "无金额(实物)", "In kind (no amount)")],
        lambda r, places, below: r["amount_yuan"] is None,
    ),
    "year": (
        {"year": 2016},
        [("year", "2016", "2016年", "2016")],
        lambda r, places, below: r["published"] is not None and r["published"].year == 2016,
    ),
    "q": (
        {"q": "第12"},
        [("q", "第12", "“第12”", "“第12”")],
        lambda r, places, below: "第12" in r["quote"],
    ),
}


def test_every_filter_has_a_case() -> None:
    assert set(CASES) == set(FILTER_BY_KEY), "a filter of the table has no test here, or a case no filter"


@pytest.mark.parametrize("key", [f.key for f in FILTERS])
def test_every_filter_has_a_label_in_both_languages(key: str) -> None:
    zh, en = TEXT[key]
    assert zh and en and zh != en


@pytest.mark.parametrize("key", list(CASES))
def test_a_filter_selects_what_it_says_and_names_it(engine: Engine, rows: list[Row], key: str) -> None:  # noqa: F811
    query, chips, matches = CASES[key]
    params = IncentiveFilters.model_validate(query)
    with Session(engine) as session:
        places = {p.slug: p for p in session.exec(select(Place)).all()}
        below = set(place_tree(session).descendants(places["shenzhen"].id))
        resolved = resolve(session, params)
        selected = set(session.exec(select(Incentive.id).where(*resolved.conditions)).all())
    expected = {r["id"] for r in rows if matches(r, places, below)}
    assert expected, f"the synthetic rows have no match for {key}: the case tests nothing"
    assert expected != {r["id"] for r in rows}, f"every row matches {key}: the case tests nothing"
    assert selected == expected
    assert [(v.param, v.value, v.label("zh"), v.label("en")) for v in resolved.values] == chips
    condition_keys = set(query) - {"place_only"}  # a modifier changes its filter's condition
    assert set(resolved.where) == condition_keys


def test_all_filters_at_once_are_one_canonical_url_in_the_tables_order() -> None:
    query = {}
    for case_query, _, _ in CASES.values():
        query.update(case_query)
    params = IncentiveFilters.model_validate(query | {"sort": "date", "page": 2})
    pairs = params.query_pairs()
    keys = list(dict.fromkeys(k for k, _ in pairs))
    assert keys == [f.key for f in FILTERS] + ["sort", "page"]
    assert IncentiveFilters.model_validate(_as_query(pairs)) == params


def test_defaults_and_modifiers_stay_out_of_the_url() -> None:
    assert IncentiveFilters().query_pairs() == []
    assert IncentiveFilters(place_only=True).query_pairs() == []  # no place: nothing to narrow
    assert IncentiveFilters(place="shenzhen", place_only=False).query_pairs() == [("place", "shenzhen")]
    assert IncentiveFilters(has_amount=False).query_pairs() == [("has_amount", "false")]


@pytest.mark.parametrize("bad", [{"year": "1900"}, {"year": "2101"}, {"year": "二〇二四"}, {"year": "2024.5"}])
def test_a_year_out_of_range_or_not_a_year_is_refused(bad: dict) -> None:
    with pytest.raises(ValueError, match="year"):
        IncentiveFilters.model_validate(bad)


def _as_query(pairs: list[tuple[str, str]]) -> dict:
    """Pairs as FastAPI hands them to the model: repeated keys of a list filter as a list."""
    out: dict = {}
    for key, value in parse_qsl("&".join(f"{k}={v}" for k, v in pairs)):
        if FILTER_BY_KEY.get(key) and FILTER_BY_KEY[key].many:
            out.setdefault(key, []).append(value)
        else:
            out[key] = value
    return out
