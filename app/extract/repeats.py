"""Repeats: one offer stated more than once is one row (annotation.md, "What is a row").

Articles restate their offers: the headline echoes the body ("南京最高补贴10万"), an interviewee repeats
it in their own words, a summary line gives the amount again without its noun ("最高可获得100万元"),
a news report states a policy, then quotes it ("按学士1万元…发放生活补贴" … "发放一次性生活补贴"), and a
lead sums up the tiers below as a range ("给予7万元至315万元的房票奖励" over 7万 … 300万).
Keeping each would count one offer two or three times on every page that sums them.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from app.extract.facts import IncentiveFact

_FIRST_PERSON = re.compile(r"我们?|咱们")
_LINE_BREAK = re.compile("\n")


def drop_restatements(facts: list[IncentiveFact], headline_end: int = 0) -> list[IncentiveFact]:
    """An amount repeated in the headline ("博士最高可获100万元购房补贴") or in someone's own words
    ("还会给我一次性50万元购房补助" in an interview) restates a row the body states; keeping it would
    count one offer twice. An amount only the headline gives is kept.

    A headline is too short to name the offer the way the body does ("博士最高可享150万元支持" for
    "3年内给予最高150万元人才待遇支持"), so its amount alone says it is an echo; words quoted from
    someone are matched on the category too."""

    def headline(f: IncentiveFact) -> bool:
        return f.quote_start < headline_end

    def first_person(f: IncentiveFact) -> bool:
        return bool(_FIRST_PERSON.search(f.quote))

    body = [f for f in facts if f.amount_yuan is not None and not headline(f) and not first_person(f)]
    amounts = {f.amount_yuan for f in body}
    stated = {(f.category, f.amount_yuan) for f in body}

    def restated(f: IncentiveFact) -> bool:
        if f.amount_yuan is None:
            return False
        if headline(f):
            return f.amount_yuan in amounts
        return first_person(f) and (f.category, f.amount_yuan) in stated

    return [f for f in facts if not restated(f)]


def _offer(f: IncentiveFact) -> tuple[object, ...]:
    """What makes two rows one offer: whose, what kind, how much, how often and for whom. Two tiers
    with one amount differ in their targets ("A类人才…5万元", "B类人才…5万元") and stay two rows;
    one group named in two words (本科生, 本科毕业生) is one group by its level."""
    who = tuple(f.target_levels) or tuple(f.targets)  # 本科生 and 本科毕业生 are one group
    return (f.place, f.category, f.amount_yuan, f.period, who)


def drop_repeats(facts: list[IncentiveFact], text: str) -> list[IncentiveFact]:
    """Keep the first statement of each offer; a later paragraph that states it again repeats it.
    Within one paragraph the same figure twice is two offers told apart by terms a row does not
    key on ("…给予40万元；另外，在高新区工作的…可享受40万元"). A figure whose category no word decided
    (the "default" reading: "最高可获得100万元" on a line of its own) repeats any row of its place
    with the same amount. Run it once each row has its place."""
    breaks = [m.start() for m in _LINE_BREAK.finditer(text)]
    first: dict[tuple[object, ...], int] = {}  # offer -> the paragraph it was first stated in
    named = {(f.place, f.amount_yuan) for f in facts if f.amount_yuan is not None and f.read_by != "default"}
    out: list[IncentiveFact] = []
    for f in facts:
        if f.amount_yuan is None:
            out.append(f)
            continue
        paragraph = bisect_left(breaks, f.at)
        key = _offer(f)
        if first.get(key, paragraph) != paragraph:
            continue
        if f.read_by == "default" and (f.place, f.amount_yuan) in named:
            continue
        first.setdefault(key, paragraph)
        out.append(f)
    return out


def _spans_tiers(f: IncentiveFact, facts: list[IncentiveFact]) -> bool:
    """A range whose ends are reached by two other rows of its place and kind, one at an end, is a
    summary of those tiers, not an offer of its own (annotation.md: "7万至315万" over the tiers)."""
    if f.amount_min is None or f.amount_yuan is None:
        return False
    low, high = f.amount_min, f.amount_yuan
    inside = [
        g.amount_yuan
        for g in facts
        if g is not f
        and g.amount_yuan is not None
        and g.amount_min is None
        and (g.place, g.category) == (f.place, f.category)
        and low <= g.amount_yuan <= high
    ]
    return len(inside) >= 2 and (low in inside or high in inside)


def drop_summaries(facts: list[IncentiveFact]) -> list[IncentiveFact]:
    """Every row but the ranges that sum up tiers stated as rows of their own."""
    return [f for f in facts if not _spans_tiers(f, facts)]
