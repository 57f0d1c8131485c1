"""Phrasings common in talent-policy articles beyond the gold sets, one sentence each.

They guard the rules' generality: each sentence is written the way city announcements write offers
(and traps), and each expectation is what a careful reader would record.
"""

from __future__ import annotations

import pytest

from app.extract.article import extract

# sentence -> [(category, amount_yuan, amount_kind, period, target levels)]
OFFERS = {
    "对新引进的博士研究生、硕士研究生、本科生，分别给予每人每月3000元、2000元、1000元生活补贴，连续发放3年。": [
        ("living_allowance", 3000, "exact", "monthly", ["doctorate"]),
        ("living_allowance", 2000, "exact", "monthly", ["master"]),
        ("living_allowance", 1000, "exact", "monthly", ["bachelor"]),
    ],
    "博士、硕士、本科毕业生分别给予10万元、5万元、2万元安家费。": [
        ("settling_allowance", 100000, "exact", "one_off", ["doctorate"]),
        ("settling_allowance", 50000, "exact", "one_off", ["master"]),
        ("settling_allowance", 20000, "exact", "one_off", ["bachelor", "graduate"]),
    ],
    "对A类人才给予200万元安家补贴，B类人才100万元，C类人才50万元。": [
        ("settling_allowance", 2000000, "exact", "one_off", ["top_talent"]),
        ("settling_allowance", 1000000, "exact", "one_off", []),
        ("settling_allowance", 500000, "exact", "one_off", []),
    ],
    "落户我市的全日制博士，给予一次性50万元购房补贴；硕士给予20万元购房补贴；本科给予5万元购房补贴。": [
        ("housing_subsidy", 500000, "exact", "one_off", ["doctorate"]),
        ("housing_subsidy", 200000, "exact", "one_off", ["master"]),
        ("housing_subsidy", 50000, "exact", "one_off", ["bachelor"]),
    ],
    # A one-off 补贴 whose purpose is not named is settling-in money (annotation.md, Categories).
    "高校毕业生来我市就业创业，本科生每人补贴1万元、硕士研究生每人2万元、博士研究生每人5万元。": [
        ("settling_allowance", 10000, "exact", "one_off", ["bachelor"]),
        ("settling_allowance", 20000, "exact", "one_off", ["master"]),
        ("settling_allowance", 50000, "exact", "one_off", ["doctorate"]),
    ],
    "硕士研究生每月给予1000元生活补贴，博士研究生每月给予2000元生活补贴。": [
        ("living_allowance", 1000, "exact", "monthly", ["master"]),
        ("living_allowance", 2000, "exact", "monthly", ["doctorate"]),
    ],
    "引进人才可申请最高500万元的人才贷款贴息。": [("startup_support", 5000000, "up_to", "one_off", [])],
    "来我市创业的大学生，可申请最高30万元的创业担保贷款。": [
        ("startup_support", 300000, "up_to", "one_off", ["graduate"])
    ],
    "一次性发放安家费20万元。": [("settling_allowance", 200000, "exact", "one_off", [])],
    "首次购房的给予房价款10%、最高30万元的补贴。": [("housing_subsidy", 300000, "up_to", "one_off", [])],
    "年薪不低于50万元。": [("living_allowance", 500000, "from", "yearly", [])],
    "引进人才最高可获得1000万元项目资助。": [("research_funding", 10000000, "up_to", "one_off", [])],
    "博士后进站给予每人30万元生活补贴。": [("living_allowance", 300000, "exact", "one_off", ["postdoc"])],
    "给予每人每年2万元的岗位补贴。": [("living_allowance", 20000, "exact", "yearly", [])],
    "给予3000元/月的生活补贴。": [("living_allowance", 3000, "exact", "monthly", [])],
    "住房补贴每月最高2000元。": [("rent_subsidy", 2000, "up_to", "monthly", [])],
    "每年遴选10名青年人才，每人给予10万元资助。": [
        ("research_funding", 100000, "exact", "one_off", ["young_talent"])
    ],
    # annotation.md: 综合资助 with no stated purpose is a package
    "对顶尖人才团队最高给予1亿元综合资助。": [
        ("package", 100000000, "up_to", "one_off", ["top_talent", "team"])
    ],
    "租房补贴每月1500元，最长36个月。": [("rent_subsidy", 1500, "exact", "monthly", [])],
}


@pytest.mark.parametrize("sentence", list(OFFERS))
def test_offers_are_read_with_amount_period_and_who(sentence: str) -> None:
    rows = [
        (i.category, i.amount_yuan, i.amount_kind, i.period, i.target_levels)
        for i in extract(sentence).incentives
        if i.amount_yuan is not None
    ]
    assert rows == OFFERS[sentence]


def test_a_range_keeps_both_ends() -> None:
    [row] = [
        i for i in extract("符合条件的人才可享受5万元至20万元不等的购房补贴。").incentives if i.amount_yuan
    ]
    assert (row.category, row.amount_min, row.amount_yuan, row.amount_kind) == (
        "housing_subsidy",
        50000,
        200000,
        "up_to",
    )


def test_a_stated_duration_is_kept_in_months() -> None:
    [row] = [i for i in extract("租房补贴每月1500元，最长36个月。").incentives if i.amount_yuan]
    assert row.duration_months == 36


# Sentences whose sums nobody receives as an offer.
NOT_OFFERS = [
    "按每平方米1000元给予购房补贴。",  # a rate, not a sum
    "对年度纳税额达到500万元以上的企业给予扶持。",  # a threshold a company must pass
    "企业引进年薪50万元以上的高端人才。",  # a salary threshold
    "市财政每年安排1亿元人才专项资金。",  # a budget
    "设立5亿元人才发展基金。",  # a fund
    "共有326名人才享受各类补贴1200余万元。",  # a total paid to many people
    "全市累计发放人才补贴4.98万元，惠及26人。",  # a total paid to many people
]


@pytest.mark.parametrize("sentence", NOT_OFFERS)
def test_sums_that_are_not_offers(sentence: str) -> None:
    assert [i for i in extract(sentence).incentives if i.amount_yuan is not None] == []


def test_a_replaced_rate_is_dropped_and_the_new_one_kept() -> None:
    rows = [i.amount_yuan for i in extract("购房补贴标准由10万元提高至20万元。").incentives if i.amount_yuan]
    assert rows == [200000]


def test_a_part_of_a_sum_is_not_a_second_offer() -> None:
    text = "全职引进的国家级领军人才，给予300万元安家补贴，其中一次性发放100万元。"
    assert [i.amount_yuan for i in extract(text).incentives if i.amount_yuan] == [3000000]


def test_budgets_and_funds_become_metrics_named_by_their_fund() -> None:
    metrics = extract("设立5亿元人才发展基金。市财政每年安排1亿元人才专项资金。").metrics
    assert [(m.name, m.value, m.unit) for m in metrics] == [
        ("人才发展基金", 500000000.0, "元"),
        ("人才专项资金", 100000000.0, "元"),
    ]


def test_an_offer_after_a_revenue_threshold_is_still_an_offer() -> None:
    rows = extract("对主营业务收入首次突破1亿元的企业给予30万元奖励。").incentives
    assert [(i.category, i.amount_yuan) for i in rows if i.amount_yuan] == [("award", 300000)]


def test_an_old_monthly_rate_named_before_its_replacement_is_dropped() -> None:
    rows = extract("原有的每月1500元生活补贴调整为每月3000元。").incentives
    assert [(i.amount_yuan, i.period) for i in rows if i.amount_yuan] == [(3000, "monthly")]


def test_lettered_classes_sharing_one_noun_are_zipped_with_their_amounts() -> None:
    rows = extract("对A类、B类、C类人才分别给予100万元、50万元、30万元的购房补贴。").incentives
    assert [(i.amount_yuan, i.targets) for i in rows if i.amount_yuan] == [
        (1000000, ["A类人才"]),
        (500000, ["B类人才"]),
        (300000, ["C类人才"]),
    ]


def test_a_total_paid_to_a_counted_group_is_a_metric() -> None:
    ex = extract("今年以来，全市共有3200名高校毕业生领取租房补贴，发放资金1536万元。")
    assert [i for i in ex.incentives if i.amount_yuan] == []
    assert [m.value for m in ex.metrics if m.unit == "元"] == [15360000.0]


def test_every_item_of_a_listed_budget_becomes_a_named_metric() -> None:
    metrics = extract("2024年人才和科技专项资金投入分别达到2.96亿元、12.32亿元。").metrics
    assert [(m.name, m.value) for m in metrics] == [
        ("2024年人才和科技专项资金投入", 296000000.0),
        ("2024年人才和科技专项资金投入", 1232000000.0),
    ]


def test_a_headline_that_repeats_the_body_adds_no_row() -> None:
    title = "江北新区出台人才安居新政 博士最高可获100万元购房补贴"
    text = f"{title}\n对新引进的全日制博士研究生，给予最高100万元购房补贴，分5年发放。\n"
    rows = [(i.category, i.amount_yuan, i.targets) for i in extract(text, title).incentives if i.amount_yuan]
    assert rows == [("housing_subsidy", 1000000, ["全日制博士研究生"])]


def test_a_headline_amount_the_body_does_not_give_is_kept() -> None:
    title = "博士来我市可领50万元安家费"
    rows = [
        i.amount_yuan
        for i in extract(f"{title}\n市里出台了新的人才政策。\n", title).incentives
        if i.amount_yuan
    ]
    assert rows == [500000]


def test_a_comma_ends_a_group_of_targets_before_an_enumeration() -> None:
    text = "对来新区工作的高校毕业生，本科、硕士、博士分别给予每月1000元、2000元、3000元的租房补贴。"
    rows = [(i.amount_yuan, i.targets) for i in extract(text).incentives if i.amount_yuan]
    assert rows == [(1000, ["本科"]), (2000, ["硕士"]), (3000, ["博士"])]
