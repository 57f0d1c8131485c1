"""Attach: what an offer's figure carries besides its category, read from the words around it: how
much (exact, up to, from), how often (one-off, monthly, yearly, over several years) and for how long,
and for whom (targets, zipped with the figures when a sentence lists both). Its terms are read by
app.extract.conditions. Every function here returns values and changes nothing it is given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.extract.mentions import Mention
from app.extract.numbers import Money, NumberError, find_money, parse_number
from app.extract.sentences import Sentence, clause_left
from app.extract.targets import Target, find_targets, target_levels

_UP_TO = re.compile(r"(?:最高|不超过|最多|上限|可达|至多|封顶|最高不超过)[^\d，,；;。]{0,16}$")
_FROM_BEFORE = re.compile(r"(?:不低于|不少于|至少)[^\d，,；;。]{0,6}$")
_FROM_AFTER = re.compile(r"\s*(?:以上|起)")
MONTHLY = re.compile(r"每月|月均|每个月|[/／]月|按月")
YEARLY = re.compile(r"每年|年薪|[/／]年|按年|每年度")
_PERIOD_AFTER = re.compile(
    r"\s*(?:[/／]人)?\s*(?:[/／]|每)(?P<unit>月|年)(?!\s*\d)"
)  # not 每月3000元: the next figure's
_ONE_OFF = re.compile(r"一次性|每人每次|每次")
_WITHIN_YEARS = re.compile(r"(\d+|[一二三四五六七八九十两])\s*年内")
# How long a recurring offer runs: 3年内, 期限为3年, 为期两年, 享受期3年, 连续发放3年, 最长发放36个月, 分三年发放.
# 连续 alone never reaches past an activity (连续工作满5年 is a condition, not a duration).
_N = r"\d+|[一二三四五六七八九十两]{1,3}"
_SPAN_WORD = r"(?:为期|期限|期为|享受期|补助期|补贴期|补贴期限|补助期限|发放期|发放期限|周期)\s*(?:为|是)?"
_RUN_WORD = r"(?:(?:连续|最长|最多|累计)\s*(?:发放|享受|补贴|补助|资助|支持|给予)?|(?:发放|享受))"
_DURATION = re.compile(
    rf"(?P<y1>{_N})\s*年内|{_SPAN_WORD}\s*(?P<y2>{_N})\s*年(?!内)|{_RUN_WORD}\s*(?P<y3>{_N})\s*年(?!内)"
    rf"|分\s*(?P<y4>{_N})\s*年(?:发放|兑现|拨付|支付)"
    rf"|(?:{_SPAN_WORD}|{_RUN_WORD})\s*(?P<m>{_N})\s*个月"
)

@dataclass(frozen=True)
class Reading:
    """What one figure was read as, beside its amount: what kind of money, which strategy named it,
    how the amount is bounded and how often it is paid. The next figure of a list may take it over."""

    category: str
    read_by: str
    kind: str
    period: str


def kind_of(text: str, r: Mention) -> str:
    m = r.money
    left = text[r.segment_start : m.start]
    if m.low is not None or _UP_TO.search(clause_left(text, m.start)) or _UP_TO.search(left):
        return "up_to"
    if _FROM_BEFORE.search(left) or _FROM_AFTER.match(text, m.end) or m.more_than:
        return "from"
    return "exact"


def period_of(text: str, r: Mention, kind: str) -> str:
    after = _PERIOD_AFTER.match(text, r.money.end)  # "3000元/月", "5万元/人/年"
    if after:
        return "monthly" if after.group("unit") == "月" else "yearly"
    left = clause_left(text, r.money.start)
    if MONTHLY.search(left):
        return "monthly"
    if YEARLY.search(left):
        return "yearly"
    if _ONE_OFF.search(left):
        return "one_off"
    if kind == "up_to" and _WITHIN_YEARS.search(text[: r.money.start]):
        return "multi_year"
    return "one_off"


def _years(token: str) -> int:
    try:
        return int(parse_number(token))
    except NumberError:
        return 0


def duration_months(text: str, money: Money, period: str) -> int | None:
    """How long the offer runs. A duration belongs to a sum paid again and again (monthly, yearly,
    or in total over N years); a one-off sum has none, unless the text pays it in instalments
    ("安家费30万元，分3年发放"). A recurring sum takes a run or a term before an instalment phrase,
    which belongs to a one-off sum nearby."""
    best: tuple[bool, int, int] | None = None
    for m in _DURATION.finditer(text):
        instalments = m.group("y4") is not None
        if period == "one_off" and not instalments:
            continue
        years = m.group("y1") or m.group("y2") or m.group("y3") or m.group("y4")
        months = _years(years) * 12 if years else _years(m.group("m") or "0")
        if not months:
            continue
        distance = money.start - m.end() if m.end() <= money.start else m.start() - money.end
        rank = (instalments and period != "one_off", distance, months)
        if best is None or rank[:2] < best[:2]:
            best = rank
    return best[2] if best else None


def _groups(targets: list[Target], text: str) -> list[list[Target]]:
    """Runs of targets joined only by 、/和/或, in order; a comma ends a run."""
    groups: list[list[Target]] = []
    for t in targets:
        if groups and re.fullmatch(r"[、和或及与\s]{0,2}", text[groups[-1][-1].end : t.start]):
            groups[-1].append(t)
        else:
            groups.append([t])
    return groups


def _group_before(targets: list[Target], text: str) -> list[Target]:
    """The last run of targets joined only by 、/和/或 (the group a following amount belongs to);
    a comma ends a group ("高校毕业生，本科、硕士、博士分别…" lists three, not four)."""
    groups = _groups(targets, text)
    return groups[-1] if groups else []


# Amounts given in the order of a list of levels: "本科、硕士、博士分别给予…", "依次给予…",
# "根据学历不同，补贴标准为…".
_IN_ORDER = re.compile(r"分别|依次|(?:根据|按照?)(?:学历|学位|职称)(?:层次)?的?不同")
_UNGRADED = {"team", "graduate"}  # a team, or "graduates" at large, is no rung of a ladder of levels


def _graded_list(texts: list[str], n: int) -> list[Target]:
    """The nearest list of exactly n degree or title levels ("博士、硕士、学士"), looking back from the
    end of the last text; empty when there is none."""
    for text in reversed(texts):
        for group in reversed(_groups(find_targets(text), text)):
            if len(group) == n and all(set(target_levels([t.text])) - _UNGRADED for t in group):
                return group
    return []


def last_line(context: str) -> str:
    return context.rsplit("\n", 1)[-1]


# "对入选“城东英才”的人才，每年给予…": the sentence names its own beneficiaries, even with no
# target word among them, so it borrows nobody from the sentence before.
OWN_SUBJECT = re.compile(r"(?:^|[，,；;：:])\s*对[^，,；;。]{1,40}?的")


def _open_group(previous: str) -> list[Target]:
    """The group of targets a previous sentence ends with, when it is still waiting for its offer.
    A group that was already given its own sum ("本科每月1500元、硕士每月2500元、博士每月4000元")
    is done: the next sentence ("同时提供一次性生活补助5000元") is for everyone, not for the last item."""
    group = _group_before(find_targets(previous), previous)
    if group and find_money(previous[group[-1].end :]):
        return []
    return group


def assign_targets(
    sentence: Sentence, mentions: list[Mention], context_before: str, paragraph_before: list[str]
) -> list[tuple[Target, ...]]:
    """Who each figure is for, in the order of the mentions."""
    text = sentence.text
    out: list[tuple[Target, ...] | None] = [None] * len(mentions)
    # "本科、硕士、博士分别给予每月300元、500元、800元": zip the two lists when their lengths agree.
    # When the sentence lists no as many targets, the list may be in the paragraph's sentences just
    # before: the group the last one ends with, else the nearest list of exactly as many levels
    # ("具有博士、硕士、学士学位的…。…高校毕业生，给予房租补贴。根据学历不同，…分别为2000元、1500元、1000元").
    order = _IN_ORDER.search(text)
    if order:
        idx = order.start()
        listed = [k for k, r in enumerate(mentions) if r.money.start > idx]
        prefix_targets = _group_before(find_targets(text, 0, idx), text)
        if len(listed) > 1 and len(prefix_targets) != len(listed):
            before = "\n".join(paragraph_before)
            back = _group_before(find_targets(before), before)
            if len(back) != len(listed):
                first = mentions[listed[0]].money.start
                back = _graded_list([*paragraph_before, text[:first]], len(listed))
            prefix_targets = back if len(back) == len(listed) else prefix_targets
        if len(listed) > 1 and len(prefix_targets) == len(listed):
            for k, t in zip(listed, prefix_targets, strict=True):
                out[k] = (t,)
    previous: tuple[Target, ...] = ()
    for k, r in enumerate(mentions):
        targets = out[k] or _own_targets(text, r, previous, context_before)
        out[k] = previous = targets
    return [t or () for t in out]


def _own_targets(text: str, r: Mention, previous: tuple[Target, ...], context_before: str) -> tuple[Target, ...]:
    own = find_targets(text, r.segment_start, r.money.start)
    if own:
        return tuple(_group_before(own, text))
    if OWN_SUBJECT.search(text, r.segment_start, r.money.start):
        return ()  # "…每人奖励2000元；对获得“柳州工匠”称号的，给予每人5000元奖励"
    if r.continues_list or previous:
        return previous
    # Nobody named before the figure: the group the previous sentence ended with
    # ("引进…院士1-2名。全职引进的每人给予100万元").
    group = _group_before(find_targets(text, 0, r.money.start), text)
    if group:
        return tuple(group)
    return () if OWN_SUBJECT.search(text, 0, r.money.start) else tuple(_open_group(last_line(context_before)))
