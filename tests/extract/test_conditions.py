"""Each term of an offer is typed once, by the extractor, so the calculator never reads the words again."""

from __future__ import annotations

import pytest

from app.extract.conditions import (
    Condition,
    conditions_before,
    conditions_from_items,
    conditions_from_text,
    conditions_text,
    read_condition,
)


@pytest.mark.parametrize(
    ("clause", "condition"),
    [
        ("在地区连续工作满5年", Condition("service", "在地区连续工作满5年", 5)),
        ("签订5年以上劳动合同", Condition("service", "签订5年以上劳动合同", 5)),
        ("工作满三年", Condition("service", "工作满三年", 3)),
        ("在地区范围内购房", Condition("purchase", "在地区范围内购房")),
        ("在高新区购买首套商品住房", Condition("purchase", "在高新区购买首套商品住房")),
        ("5年内", Condition("duration", "5年内")),
        ("最长6个月", Condition("duration", "最长6个月")),
        ("全职引进", Condition("recruitment", "全职引进")),
        ("经认定后", Condition("certification", "经认定后")),
        ("一事一议", Condition("case_by_case", "一事一议")),
        ("35周岁以下", Condition("age", "35周岁以下")),
        ("非本市户籍", Condition("hukou", "非本市户籍")),
        ("在高新区工作", Condition("location", "在高新区工作")),
    ],
)
def test_each_term_has_its_kind(clause: str, condition: Condition) -> None:
    assert read_condition(clause) == condition


def test_terms_of_a_sentence_in_order() -> None:
    text = "对全职引进的博士研究生，在地区连续工作满5年且在地区范围内购房的，经认定后给予一次性50万元购房补助。"
    found = conditions_before(text, text.index("50万元"))
    assert [c.kind for c in found] == ["recruitment", "service", "purchase", "certification"]
    assert conditions_text(found) == "全职引进；在地区连续工作满5年；在地区范围内购房；经认定后"


def test_stored_terms_read_back_the_same_from_json_or_from_the_joined_line() -> None:
    terms = conditions_from_text("全职引进；在地区连续工作满5年")
    items = [{"kind": c.kind, "text": c.text, "years": c.years} for c in terms]
    assert conditions_from_items(items) == terms
    assert conditions_text(()) is None
