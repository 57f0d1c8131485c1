"""Metrics: aggregate figures about a place (talent totals, people recruited, budgets, platforms)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.extract.facts import MoneyAggregate
from app.extract.numbers import MULTIPLIERS
from app.extract.sentences import Sentence, quote_span

_COUNT = re.compile(
    r"(?<![\d.第])(?P<num>\d+(?:\.\d+)?)\s*(?P<mult>万|亿)?\s*(?P<q>余|多)?\s*"
    r"(?P<unit>人次|人|名|个|家|套|项|间|所|位|支)(?!民|才|员|以上学历|月|工作日)"
)
_RELEVANT = re.compile(
    r"人才|引进|毕业生|专家|院士|平台|工作站|公寓|团队|基地|博士|硕士|学子|就业|岗位|企业|项目|载体"
)
_CLAUSE_BREAK = re.compile(r"[，,；;：:。、（(]")
_LEADING = re.compile(r"^(?:其中|截至目前|目前|同时|此外|另外|共|全市|全州|全县|全区|已|累计|先后|共有)+")
_TRAILING = re.compile(r"(?:达到|达|为|共|累计|突破|超过|已|了|有|分别|共计|约|近|计)+$")
_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"(20\d\d)\s*年")
_FUND_AFTER = re.compile(
    r"\s*(?:的)?(?P<name>[\u4e00-\u9fff“”]{0,10}?(?:专项资金|发展资金|引导基金|产业基金|基金|资金池|财政资金|预算))"
)


@dataclass
class MetricFact:
    name: str
    value: float
    unit: str
    year: int | None
    qualifier: str | None
    quote: str
    quote_start: int
    quote_end: int


_CHANGE = re.compile(r"(?:已|将)?(?:由|从)[^，,；;。]*$")  # "专项资金已由300万元提高至"


def _name(text: str, pos: int) -> str:
    start = max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, pos)), default=0)
    name = _TRAILING.sub("", _LEADING.sub("", _CHANGE.sub("", text[start:pos].strip())))
    return name.strip("“”\"' ")[:120]


def _year(text: str) -> int | None:
    m = _YEAR.search(text)
    return int(m.group(1)) if m else None


def metrics_from_counts(sentence: Sentence) -> list[MetricFact]:
    """Counts of people, platforms, apartments and the like, named by the words before them."""
    out: list[MetricFact] = []
    text = sentence.text
    if not _DIGIT.search(text):
        return out
    for m in _COUNT.finditer(text):
        name = _name(text, m.start())
        if len(name) < 2 or not _RELEVANT.search(name + m.group("unit")):
            continue
        value = float(m.group("num")) * MULTIPLIERS.get(m.group("mult") or "", 1)
        q_start, q_end = quote_span(sentence, sentence.start + m.start(), sentence.start + m.end())
        out.append(
            MetricFact(
                name=name,
                value=value,
                unit=m.group("unit"),
                year=_year(text),
                qualifier=m.group("q"),
                quote=text[q_start - sentence.start : q_end - sentence.start],
                quote_start=q_start,
                quote_end=q_end,
            )
        )
    return out


def metrics_from_aggregates(aggregates: list[MoneyAggregate]) -> list[MetricFact]:
    """Budgets, funds and totals paid out: sums of money that are not one person's incentive."""
    out: list[MetricFact] = []
    previous: tuple[Sentence, str] | None = None
    for agg in aggregates:
        sentence = agg.sentence
        rel = agg.money.start - sentence.start
        # "设立5亿元人才发展基金": the fund is named after the figure, not before it.
        after = _FUND_AFTER.match(sentence.text, agg.money.end - sentence.start)
        name = after.group("name") if after else _name(sentence.text, rel)
        if len(name) < 2 and previous is not None and previous[0] is sentence:
            name = previous[1]  # the next item of a list: "投入分别达到2.96亿元、12.32亿元"
        if len(name) < 2:
            continue
        previous = (sentence, name)
        q_start, q_end = quote_span(sentence, agg.money.start, agg.money.end)
        out.append(
            MetricFact(
                name=name,
                value=float(agg.money.yuan),
                unit="元",
                year=_year(sentence.text),
                qualifier="余" if agg.money.more_than else None,
                quote=sentence.text[q_start - sentence.start : q_end - sentence.start],
                quote_start=q_start,
                quote_end=q_end,
            )
        )
    return out
