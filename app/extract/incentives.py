"""Incentives: what one beneficiary gets, with the amount, period, who qualifies and on what terms.

A sum of money in a sentence is either an incentive ("给予一次性50万元购房补助") or an aggregate about the
city (a budget, a fund, a total paid to many people, revenue): the second kind becomes a metric, never
an incentive. An old rate that an article says was replaced ("由300万元提高至...") is neither.
"""

from __future__ import annotations

import re

from app.extract.attach import (
    MONTHLY,
    OWN_SUBJECT,
    YEARLY,
    Reading,
    assign_targets,
    duration_months,
    kind_of,
    period_of,
)
from app.extract.categories import money_words
from app.extract.category import categorise
from app.extract.conditions import conditions_before, find_terms
from app.extract.facts import IncentiveFact, MoneyAggregate
from app.extract.figure import Figure
from app.extract.gates import PER_PERSON, is_aggregate, not_received
from app.extract.mentions import Mention
from app.extract.numbers import Money
from app.extract.sentences import CLAUSE_BREAK, Sentence, quote_span
from app.extract.tables import column_category, column_of
from app.extract.targets import find_targets, target_levels


def _category(
    text: str,
    m: Mention,
    previous: tuple[Mention, Reading] | None,
    kept: list[Mention],
    period: str,
    context: str,
) -> tuple[str, str]:
    """The category the figure's own words give it (see app.extract.category for the strategies)."""
    last = previous[1].category if previous else None
    joined = previous is not None and not CLAUSE_BREAK.search(text, previous[0].money.end, m.money.start)
    figure = Figure(
        text=text,
        start=m.money.start,
        end=m.money.end,
        since=m.segment_start,
        previous=last if joined else None,
        last=last,
        figures=tuple((k.money.start, k.money.end) for k in kept),
        period=period,
        context=context,
    )
    return categorise(figure)


def _continues_report(text: str, r: Mention) -> bool:
    """The next sum of a report of totals: "已兑现人才政策资金3.6亿元，发放购房补贴1.2亿元". After a
    total, a sum is another total unless its own clause names who gets it or how much each gets."""
    if r.continues_list:
        return True
    left = text[r.segment_start : r.money.start]
    return not PER_PERSON.search(left) and not find_targets(left) and not OWN_SUBJECT.search(left)


# "每年2.4万元（每月2000元）", "最高100万元（其中购房补贴50万元）": a figure in brackets right after
# another restates it in other terms or names a part of it; it is no offer of its own.
_GLOSS_OPEN = re.compile(r"\s*[(（][^()（）\d，,；;。]{0,8}")
_GLOSS_CLOSE = re.compile(r"[^()（）\d，,；;。]{0,8}[)）]")


def _restates(text: str, previous: Money, money: Money) -> bool:
    """True for a bracketed figure after another that names no one of its own: "（硕士5万元）" is a
    second offer, for someone else."""
    return bool(
        _GLOSS_OPEN.fullmatch(text, previous.end, money.start)
        and _GLOSS_CLOSE.match(text, money.end)
        and not find_targets(text, previous.end, money.start)
    )


def extract_from_sentence(
    sentence: Sentence,
    mentions: list[Mention],
    context_before: str = "",
    columns: list[str] | None = None,
    paragraph_before: list[str] | None = None,
) -> tuple[list[IncentiveFact], list[MoneyAggregate]]:
    """Incentives with amounts in one sentence, and the aggregates that are not incentives.
    `mentions`: the sentence's sums (find_mentions); `columns`: the header of the table this line is
    a row of, if any (see table_columns); `paragraph_before`: the sentences of context that are in
    this sentence's paragraph."""
    text = sentence.text
    aggregates: list[MoneyAggregate] = []
    kept: list[Mention] = []
    since = 0  # context before a threshold ("收入突破1亿元的企业给予30万元") is the threshold's
    reason: str | None = None
    aggregate = False  # whether the figure before was a total
    for i, r in enumerate(mentions):
        if i > 0 and _restates(text, mentions[i - 1].money, r.money):
            aggregate = False
            continue
        # An item of a list shares the verdict of the item before it: "分别提高2000元、500元、200元"
        # are three relative figures, though only the first stands after 提高.
        reason = reason if r.continues_list and reason else not_received(text, r.money, since)
        if reason == "threshold":
            since = r.money.end
        if reason:
            aggregate = False
            continue
        aggregate = is_aggregate(text, r.money, since) or (aggregate and _continues_report(text, r))
        if aggregate:
            aggregates.append(MoneyAggregate(_absolute(r.money, sentence.start), sentence))
            continue
        kept.append(r)
    targets = assign_targets(sentence, kept, context_before, paragraph_before or [])
    facts: list[IncentiveFact] = []
    previous: tuple[Mention, Reading] | None = None
    terms = find_terms(text) if kept else []
    for r, who in zip(kept, targets, strict=True):
        reading = _read(text, r, previous, kept, columns, context_before)
        previous = (r, reading)
        names = list(dict.fromkeys(t.text for t in who))
        q_start, q_end = quote_span(sentence, sentence.start + r.money.start, sentence.start + r.money.end)
        conditions = conditions_before(text, r.money.start, terms)
        facts.append(
            IncentiveFact(
                category=reading.category,
                amount_yuan=r.money.yuan,
                amount_min=r.money.low,
                amount_kind=reading.kind,
                period=reading.period,
                duration_months=duration_months(text, r.money, reading.period),
                targets=names,
                target_levels=target_levels(names),
                conditions=conditions,
                quote=text[q_start - sentence.start : q_end - sentence.start],
                quote_start=q_start,
                quote_end=q_end,
                at=sentence.start + r.money.start,
                read_by=reading.read_by,
            )
        )
    return facts, aggregates


def _absolute(money: Money, offset: int) -> Money:
    return Money(money.start + offset, money.end + offset, money.yuan, money.low, money.more_than, money.text)


def _read(
    text: str,
    r: Mention,
    previous: tuple[Mention, Reading] | None,
    kept: list[Mention],
    columns: list[str] | None,
    context: str,
) -> Reading:
    """What the figure is, from its own words, its table column, or the list item before it."""
    # Cells of a table row are apart by spaces like items of a list, but each takes its own
    # column's name: "领军人才 200万元 500万元 100万元" under "人才类别 安家费 科研启动经费 年薪".
    column = column_of(text, r.money, columns)
    before = previous[1] if previous and r.continues_list and column is None else None
    kind = before.kind if before else kind_of(text, r)
    if before and not money_words(text, r.money.end, r.money.end + 8):
        category, read_by, period = before.category, before.read_by, before.period
    else:
        period = period_of(text, r, kind)
        from_column = column_category(column)
        category, read_by = (
            (from_column, "column") if from_column else _category(text, r, previous, kept, period, context)
        )
        if column and period == "one_off":
            period = "monthly" if MONTHLY.search(column) else "yearly" if YEARLY.search(column) else period
        if before and period == "one_off":
            period = before.period
    if category == "housing_subsidy" and period == "monthly":
        category = "rent_subsidy"  # 住房补贴 paid by the month is help with rent (taxonomy)
    return Reading(category, read_by, kind, period)
