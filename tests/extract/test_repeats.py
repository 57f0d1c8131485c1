"""One offer stated twice is one row (annotation.md, "What is a row"), two offers alike stay two."""

from __future__ import annotations

from app.extract.article import extract
from app.extract.repeats import drop_repeats, drop_summaries


def _rows(text: str) -> list[tuple[str, int | None, list[str]]]:
    facts = drop_repeats(extract(text).incentives, text)
    return [(f.category, f.amount_yuan, f.targets) for f in facts if f.amount_yuan is not None]


def test_a_later_paragraph_that_states_the_offer_again_is_no_new_row() -> None:
    text = (
        "政策明确,对新就业高校毕业生,按学士1万元、硕士3万元发放生活补贴。\n"
        "记者了解到,其中包括对在宁就业高校毕业生,按学士1万元、硕士3万元发放一次性生活补贴。\n"
    )
    assert _rows(text) == [
        ("living_allowance", 10_000, ["学士"]),
        ("living_allowance", 30_000, ["硕士"]),
    ]


def test_the_same_figure_twice_in_one_paragraph_is_two_offers() -> None:
    text = (
        "对全职引进的博士研究生给予一次性50万元购房补助;硕士研究生给予一次性40万元购房补助。"
        "另外,在高新区工作的博士研究生给予70万元购房补助,硕士研究生可享受40万元购房补助。\n"
    )
    assert [amount for _, amount, _ in _rows(text)] == [500_000, 400_000, 700_000, 400_000]


def test_tiers_with_one_amount_stay_apart() -> None:
    text = (
        "A类人才购买140平方米以下住房一次性补贴5万元。\n"
        "B类人才购买140平方米以下住房一次性补贴5万元。\n"
    )
    assert len(_rows(text)) == 2


def test_a_bare_figure_on_a_line_of_its_own_restates_an_offer() -> None:
    text = "对博士给予30—100万元人才奖励。\n最高可获得100万元\n"
    assert _rows(text) == [("award", 1_000_000, ["博士"])]


def test_a_lead_range_over_the_tiers_below_is_no_row() -> None:
    text = (
        "对来区就业的各类人才首次购买新建商品住宅的,给予7万元至300万元的房票奖励。\n"
        "按照A类300万元、B类150万元基础标准给予房票奖励;本科生15万元、大专毕业生7万元。\n"
    )
    facts = drop_repeats(drop_summaries(extract(text).incentives), text)
    amounts = [f.amount_yuan for f in facts if f.amount_yuan is not None]
    assert amounts == [3_000_000, 1_500_000, 150_000, 70_000]


def test_a_range_that_is_an_offer_of_its_own_stays() -> None:
    text = "对顶尖人才给予10万元至30万元购房补贴。\n硕士研究生给予5万元购房补贴。\n"
    facts = drop_summaries(extract(text).incentives)
    assert [f.amount_yuan for f in facts] == [300_000, 50_000]
