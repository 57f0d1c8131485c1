"""The calculator's rules on hand-made offers: valuation over years, totals, packages, alternatives, matching.

No database: valuation.py works on plain Offer rows, so each rule is checked on the smallest example that
would break if the rule did.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import get_args

import pytest
from pydantic import ValidationError

from app.calculator.conditions import CheckKind, read_conditions
from app.calculator.matching import match
from app.calculator.profile import CHOICES, Profile
from app.calculator.service import load_offers
from app.calculator.valuation import (
    Offer,
    PlaceRef,
    PlaceResult,
    Reason,
    Status,
    Value,
    calculate,
    value_offer,
)
from app.extract.conditions import Condition, conditions_from_text
from app.models import Article, Incentive, Place
from app.web.calculator.labels import TEXT

TOWN = PlaceRef("town", "某市", "prefecture", "某省")
CITY = PlaceRef("city", "另一市", "prefecture", "某省")
DOCTOR = Profile(degree="doctorate", buy_home=1, years=5)

_ids = iter(range(1, 10_000))


def offer(
    category: str = "settling_allowance",
    amount: int | None = 100_000,
    *,
    place: PlaceRef = TOWN,
    levels: tuple[str, ...] = ("doctorate",),
    targets: tuple[str, ...] = ("博士",),
    **fields,
) -> Offer:
    return Offer(
        id=next(_ids),
        place=place,
        category=category,
        amount_yuan=amount,
        targets=targets,
        target_levels=levels,
        quote="引文",
        **fields,
    )


def place_result(results: list[PlaceResult], place: PlaceRef = TOWN) -> PlaceResult:
    return next(r for r in results if r.place == place)


def status(result: PlaceResult, item: Offer) -> str:
    return next(line.status for line in result.lines if line.offer.id == item.id)


# --- one offer over the committed years


def test_one_off_counts_once() -> None:
    assert value_offer(offer(amount=500_000), years=5) == Value(exact=500_000, up_to=0, payments=1)


def test_monthly_is_twelve_times_years() -> None:
    value = value_offer(offer("rent_subsidy", 800, period="monthly"), years=5)
    assert (value.exact, value.payments, value.capped) == (800 * 60, 60, False)


def test_monthly_is_capped_by_a_stated_duration() -> None:
    value = value_offer(offer("rent_subsidy", 800, period="monthly", duration_months=36), years=5)
    assert (value.exact, value.payments, value.capped) == (800 * 36, 36, True)


def test_a_duration_longer_than_the_commitment_does_not_add_months() -> None:
    value = value_offer(offer("rent_subsidy", 800, period="monthly", duration_months=36), years=2)
    assert (value.exact, value.capped) == (800 * 24, False)


def test_yearly_is_times_years_and_capped_by_a_duration() -> None:
    assert value_offer(offer("living_allowance", 10_000, period="yearly"), years=3).exact == 30_000
    capped = value_offer(offer("living_allowance", 10_000, period="yearly", duration_months=24), years=5)
    assert (capped.exact, capped.payments, capped.capped) == (20_000, 2, True)


def test_multi_year_total_is_pro_rated_to_a_shorter_stay() -> None:
    package = offer("package", 1_050_000, amount_kind="up_to", period="multi_year", duration_months=60)
    assert value_offer(package, years=5) == Value(exact=0, up_to=1_050_000, payments=1)
    short = value_offer(package, years=3)
    assert (short.up_to, short.prorated) == (630_000, True)


def test_up_to_is_a_ceiling_from_is_certain_and_a_range_is_split() -> None:
    assert value_offer(offer(amount=100_000, amount_kind="up_to"), years=1) == Value(0, 100_000, 1)
    assert value_offer(offer(amount=100_000, amount_kind="from"), years=1) == Value(100_000, 0, 1)
    ranged = value_offer(offer(amount=300_000, amount_min=100_000, amount_kind="exact"), years=1)
    assert (ranged.exact, ranged.up_to) == (100_000, 200_000)


def test_in_kind_has_no_value() -> None:
    assert value_offer(offer("talent_housing", None), years=5) is None


# --- totals of a place


def test_up_to_and_exact_are_summed_separately() -> None:
    housing = offer("housing_subsidy", 500_000)
    research = offer("research_funding", 100_000, amount_kind="up_to")
    result = place_result(calculate([housing, research], DOCTOR))
    assert (result.exact, result.up_to, result.total) == (500_000, 100_000, 600_000)
    assert result.by_category() == [("housing_subsidy", 500_000, 0), ("research_funding", 0, 100_000)]


def test_a_package_larger_than_its_parts_replaces_them() -> None:
    parts = [offer("housing_subsidy", 300_000), offer("settling_allowance", 100_000)]
    package = offer("package", 530_000)
    result = place_result(calculate([*parts, package], DOCTOR))
    assert result.total == 530_000  # not 930,000
    assert [status(result, p) for p in parts] == ["in_package", "in_package"]
    assert status(result, package) == "counted"


def test_a_package_smaller_than_its_parts_is_shown_but_not_added() -> None:
    parts = [offer("housing_subsidy", 300_000), offer("settling_allowance", 100_000)]
    package = offer("package", 350_000)
    result = place_result(calculate([*parts, package], DOCTOR))
    assert result.total == 400_000
    assert status(result, package) == "package_not_added"


def test_a_place_with_only_in_kind_offers_is_listed_without_a_total_after_ranked_places() -> None:
    apartment = offer("talent_housing", None, place=CITY)
    results = calculate([apartment, offer("settling_allowance", 1_000)], DOCTOR)
    assert [r.place for r in results] == [TOWN, CITY]
    in_kind = place_result(results, CITY)
    assert (in_kind.rank, in_kind.exact, in_kind.total) == (None, None, None)
    assert status(in_kind, apartment) == "in_kind"


def test_places_rank_by_certain_total_then_ceiling() -> None:
    results = calculate(
        [
            offer(amount=100_000, place=TOWN),
            offer(amount=5_000_000, amount_kind="up_to", place=CITY),
        ],
        DOCTOR,
    )
    assert [(r.place, r.rank) for r in results] == [(TOWN, 1), (CITY, 2)]


def test_offers_naming_no_level_may_apply_but_are_not_added() -> None:
    generic = offer("startup_support", 10_000_000, amount_kind="up_to", levels=(), targets=("高层次人才",))
    result = place_result(calculate([generic], DOCTOR))
    assert status(result, generic) == "may_apply"
    assert result.total is None and result.rank is None
    assert result.lines[0].checks[0].kind == "no_level"


# --- alternatives


def test_two_offers_of_one_category_count_once_the_best_by_default() -> None:
    prefecture = offer("housing_subsidy", 500_000, conditions=conditions_from_text("在地区连续工作满5年；在地区范围内购房"))
    zone = offer("housing_subsidy", 700_000, conditions=conditions_from_text("在高新技术产业开发区工作"))
    result = place_result(calculate([prefecture, zone], DOCTOR))
    assert result.total == 700_000  # not 1,200,000
    alternative = next(line for line in result.lines if line.offer.id == prefecture.id)
    assert (alternative.status, alternative.instead_of) == ("alternative", zone.id)
    assert alternative.group == tuple(sorted((prefecture.id, zone.id)))


def test_the_reader_can_pick_an_alternative() -> None:
    prefecture = offer("housing_subsidy", 500_000)
    zone = offer("housing_subsidy", 700_000)
    picked = DOCTOR.picking(prefecture.id, (prefecture.id, zone.id))
    result = place_result(calculate([prefecture, zone], picked))
    assert result.total == 500_000
    assert status(result, zone) == "alternative"


# --- conditions that the profile settles


def test_housing_subsidy_needs_buy_home() -> None:
    housing = offer("housing_subsidy", 500_000)
    renting = place_result(calculate([housing], Profile(degree="doctorate", buy_home=0)))
    assert status(renting, housing) == "excluded" and renting.lines[0].reason == "no_home"
    assert renting.total is None
    assert place_result(calculate([housing], DOCTOR)).total == 500_000


def test_a_required_service_longer_than_the_commitment_excludes_the_offer() -> None:
    housing = offer("housing_subsidy", 500_000, conditions=conditions_from_text("全职引进；在地区连续工作满5年；在地区范围内购房"))
    short = place_result(calculate([housing], DOCTOR.model_copy(update={"years": 3})))
    assert (short.lines[0].status, short.lines[0].reason, short.lines[0].detail) == (
        "excluded",
        "service",
        "5",
    )
    stays = place_result(calculate([housing], DOCTOR)).lines[0]
    assert stays.status == "counted"
    assert stays.settled == ("在地区连续工作满5年", "在地区范围内购房")
    assert [(c.kind, c.text) for c in stays.checks] == [("recruitment", "全职引进")]


def test_unverifiable_conditions_become_checks() -> None:
    read = read_conditions(
        conditions_from_text("在阿克苏阿拉尔国家高新技术产业开发区工作；35周岁以下；经认定后；5年内；签订3年以上劳动合同"),
        "对符合国家重点学科专业的博士给予补贴",
    )
    assert read.service_years == 3
    assert [c.kind for c in read.checks] == ["location", "age", "certification", "discipline"]


# --- who qualifies


@pytest.mark.parametrize(
    ("targets", "levels", "profile", "kind"),
    [
        (("博士研究生",), ("doctorate",), Profile(degree="doctorate"), "match"),
        (("博士研究生",), ("doctorate",), Profile(degree="postdoc"), "match"),
        (("博士后",), ("postdoc",), Profile(degree="doctorate"), "other"),
        (("本科毕业生",), ("bachelor", "graduate"), Profile(degree="postdoc"), "other"),
        (("本科及以上学历",), ("bachelor",), Profile(degree="master"), "match"),
        (("本科",), ("bachelor",), Profile(degree="master"), "other"),
        (("副高级及以上技术人才",), ("senior_title",), Profile(title="full"), "match"),
        (("正高级职称人才",), ("senior_title",), Profile(title="associate"), "too_low"),
        (("教授",), ("senior_title",), Profile(title="associate"), "too_low"),
        (("副教授",), ("senior_title",), Profile(title="associate"), "match"),
        (("教授级高级工程师",), ("senior_title",), Profile(title="associate"), "too_low"),
        (("教授、副教授",), ("senior_title",), Profile(title="associate"), "match"),
        (("正高级或副高级职称人才",), ("senior_title",), Profile(title="associate"), "match"),
        (("急需紧缺高级技师",), ("skilled_worker",), Profile(skill="technician"), "too_low"),
        (("技师",), ("skilled_worker",), Profile(skill="senior_technician"), "match"),
        (("领军人才",), ("leading_talent",), Profile(degree="doctorate"), "other"),
        (("高层次人才",), (), Profile(degree="doctorate"), "generic"),
    ],
)
def test_matching(targets, levels, profile, kind) -> None:
    assert match(targets, levels, profile).kind == kind


def test_a_rung_too_low_is_excluded_with_the_phrase_it_lacks() -> None:
    skilled = offer("housing_subsidy", 700_000, levels=("skilled_worker",), targets=("急需紧缺高级技师",))
    line = calculate([skilled], Profile(skill="technician", buy_home=1))[0].lines[0]
    assert (line.status, line.reason, line.detail) == ("excluded", "rank", "急需紧缺高级技师")


def test_a_graduates_only_offer_asks_the_reader_to_check() -> None:
    grads = offer("rent_subsidy", 500, levels=("graduate",), targets=("高校毕业生",), period="monthly")
    line = calculate([grads], DOCTOR)[0].lines[0]
    assert line.status == "counted" and line.checks[0].kind == "graduate"


# --- the profile as URL parameters


def test_profile_round_trips_through_its_url() -> None:
    profile = Profile(
        degree="master",
        title="associate",
        skill="technician",
        buy_home=1,
        years=7,
        province="xinjiang",
        pick=[4, 9],
    )
    query = dict(p for p in profile.query_pairs() if p[0] != "pick")
    assert Profile.model_validate({**query, "pick": ["4", "9"]}) == profile
    assert profile.url() == (
        "/calculator?degree=master&title=associate&skill=technician&buy_home=1&years=7"
        "&province=xinjiang&pick=4&pick=9"
    )


@pytest.mark.parametrize(
    "bad",
    [
        {"degree": "phd"},
        {"years": "0"},
        {"years": "11"},
        {"buy_home": "2"},
        {"buy_home": "yes"},
        {"title": "正高"},
        {"province": "新疆"},
        {"pick": ["0"]},
    ],
)
def test_bad_values_are_rejected(bad: dict) -> None:
    with pytest.raises(ValidationError):
        Profile.model_validate(bad)


def test_blank_form_fields_mean_unset() -> None:
    assert Profile.model_validate({"province": "", "degree": "doctorate", "years": " 3 "}) == Profile(
        degree="doctorate", years=3
    )


def test_every_status_reason_and_check_has_a_label_in_both_languages() -> None:
    keys = [f"status_{s}" for s in get_args(Status)] + [f"reason_{r}" for r in get_args(Reason) if r]
    keys += [f"check_{k}" for k in get_args(CheckKind)]
    keys += [f"{field}_{v}" for field, values in CHOICES.items() for v in values]  # the form's options
    missing = [k for k in keys if k not in TEXT or not all(TEXT[k])]
    assert missing == []


def test_rows_stored_before_terms_were_typed_are_read_from_their_line(engine) -> None:
    """An incentive row from before migration 0004 has no condition_items; its line is typed instead.
    Read as load_offers reads it: Core columns, the JSON as text."""
    from sqlmodel import Session, select

    with Session(engine) as session:
        place = session.exec(select(Place).where(Place.slug == "kelamayi")).one()
        article = Article(file_name="x.txt", raw_bytes=b"x", encoding="utf-8", original_text="x", normalised_text="x",
                          script="simplified", content_hash="x", ingested_at=datetime.now(UTC), place_id=place.id)
        session.add(article)
        session.flush()
        stored = dict(article_id=article.id, place_id=place.id, category="housing_subsidy", amount_yuan=1,
                      targets=["博士"], target_levels=["doctorate"], quote="q", quote_start=0, quote_end=1)
        session.add(Incentive(**stored, conditions="在地区连续工作满5年；在地区范围内购房"))
        session.add(Incentive(**stored, condition_items=[{"kind": "service", "text": "工作满5年", "years": 5}]))
        session.commit()
        old, new = load_offers(session, Profile(degree="doctorate"), None)
    assert [c.kind for c in old.conditions] == ["service", "purchase"]
    assert new.conditions == (Condition("service", "工作满5年", 5),)
    assert new.targets == ("博士",) and new.target_levels == ("doctorate",) and new.place.slug == "kelamayi"


def test_a_districts_result_adds_its_citys_offers_once_and_keeps_the_larger_of_one_kind() -> None:
    district = PlaceRef("district", "某区", "district", "某省")
    own_housing = offer("housing_subsidy", 200_000, place=district)
    city_housing = offer("housing_subsidy", 300_000, place=TOWN)
    city_settling = offer("settling_allowance", 100_000, place=TOWN)
    results = calculate(
        [own_housing, city_housing, city_settling], DOCTOR, ancestors={"district": ("town",), "town": ()}
    )
    here = place_result(results, district)
    by_id = {line.offer.id: line for line in here.lines}
    assert set(by_id) == {own_housing.id, city_housing.id, city_settling.id}  # each offer once
    assert here.origin(by_id[city_settling.id]) == TOWN and here.origin(by_id[own_housing.id]) is None
    # two housing subsidies are alternatives: the city's larger one counts, the district's does not add
    assert (by_id[city_housing.id].status, by_id[own_housing.id].status) == ("counted", "alternative")
    assert here.exact == 300_000 + 100_000
    town = place_result(results, TOWN)  # the city's own result is unchanged by its district
    assert town.exact == 400_000 and all(town.origin(line) is None for line in town.lines)
