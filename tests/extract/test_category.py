"""Every category strategy decides its own examples, and no earlier strategy takes them first."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.extract.article import extract
from app.extract.category import STRATEGIES, Example, categorise
from app.extract.figure import Figure
from app.extract.numbers import find_money

EXAMPLES = [
    pytest.param(strategy.name, example, id=f"{strategy.name}:{example.sentence[:24]}")
    for strategy in STRATEGIES
    for example in strategy.examples
]


def figure_in(sentence: str, figure: str, last: str | None = None) -> Figure:
    """The Figure the extractor would build for the mention of `figure` in `sentence`."""
    mentions = find_money(sentence)
    [target] = [m for m in mentions if figure in m.text]
    before = [m for m in mentions if m.end <= target.start]
    return Figure(
        text=sentence,
        start=target.start,
        end=target.end,
        since=before[-1].end if before else 0,
        figures=tuple((m.start, m.end) for m in mentions),
        period="monthly" if "每月" in sentence[: target.start] else "one_off",
        last=last,
    )


@pytest.mark.parametrize(("strategy", "example"), EXAMPLES)
def test_each_strategy_decides_its_examples(strategy: str, example: Example) -> None:
    f = figure_in(example.sentence, example.figure, example.last)
    f = replace(f, context=example.before, previous=example.previous)
    assert categorise(f) == (example.category, strategy)


def test_every_strategy_has_examples() -> None:
    assert all(s.examples for s in STRATEGIES)


def test_a_figure_no_word_names_is_settling_money_once_and_a_living_allowance_monthly() -> None:
    # annotation.md: a one-off 补贴 whose purpose is not named is settling_allowance
    once = figure_in("新引进入户的博士研究生总额5万元", "5万元")
    assert categorise(once) == ("settling_allowance", "default")
    assert categorise(figure_in("博士每月2000元", "2000元")) == ("living_allowance", "default")


def test_a_place_label_starts_a_new_topic_for_the_context() -> None:
    text = "南沙区:硕士住房补贴4万元/人。\n花都区:新引进入户的博士研究生总额5万元。\n"
    assert [(f.category, f.amount_yuan) for f in extract(text).incentives] == [
        ("housing_subsidy", 40_000),
        ("settling_allowance", 50_000),
    ]


def test_one_amount_for_two_kinds_is_the_first_kinds() -> None:
    # annotation.md: "租房和生活补贴" is rent_subsidy (also the second, and package)
    text = "对新引进人才提供为期2年的租房和生活补贴,其中全日制本科每人共发2.6万元。"
    rows = [(f.category, f.amount_yuan) for f in extract(text).incentives if f.amount_yuan]
    assert rows == [("rent_subsidy", 26_000)]
