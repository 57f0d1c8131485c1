"""Every gate stops its own examples (and no gate before it does); aggregates become metrics."""

from __future__ import annotations

import pytest

from app.extract.gates import AGGREGATE_EXAMPLES, GATES, is_aggregate, not_received
from app.extract.numbers import Money, find_money


def figure(sentence: str, text: str) -> Money:
    """The money mention of `text` in `sentence`."""
    [m] = [m for m in find_money(sentence) if text in m.text]
    return m


EXAMPLES = [
    pytest.param(gate.name, sentence, text, id=f"{gate.name}:{sentence[:20]}")
    for gate in GATES
    for sentence, text in gate.examples
]


@pytest.mark.parametrize(("gate", "sentence", "text"), EXAMPLES)
def test_each_gate_stops_its_examples(gate: str, sentence: str, text: str) -> None:
    assert not_received(sentence, figure(sentence, text)) == gate


def test_every_gate_has_examples() -> None:
    assert all(gate.examples for gate in GATES)


@pytest.mark.parametrize(("sentence", "text"), AGGREGATE_EXAMPLES)
def test_aggregates_are_the_citys_not_a_beneficiarys(sentence: str, text: str) -> None:
    m = figure(sentence, text)
    assert not_received(sentence, m) is None
    assert is_aggregate(sentence, m)


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("博士购房补贴由10万元提高至20万元", "20万元"),  # the new rate is the offer
        ("其中顶尖人才600万元、一类人才200万元", "600万元"),  # 其中 split by who gets it
        ("提供最高1000万元纯信用贷款", "1000万元"),  # start-up credit, not a personal loan
        ("最高可提供免息贷款10万元", "10万元"),
        ("对新引进的博士给予每月3000元生活补贴", "3000元"),
    ],
)
def test_offers_pass_every_gate(sentence: str, text: str) -> None:
    m = figure(sentence, text)
    assert not_received(sentence, m) is None
    assert not is_aggregate(sentence, m)


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("新引进入户的博士研究生总额5万元", "5万元"),  # 总额 of one person's offer
        ("购房补贴标准为每平方米补助300元,总额最高3万元", "3万元"),
        ("个人住房补贴可达到1,000万元", "1,000万元"),  # 可达到 is a cap, not a total reached
        ("若博士出站留企,可能额外获得安家补助(20万—30万元)", "20万—30万元"),
    ],
)
def test_offers_that_look_like_totals_are_offers(sentence: str, text: str) -> None:
    [money] = [m for m in find_money(sentence) if m.text == text]
    assert not_received(sentence, money) is None
    assert not is_aggregate(sentence, money)
