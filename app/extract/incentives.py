"""Incentives: what one beneficiary gets, with the amount, period, who qualifies and on what terms.

A sum of money in a sentence is either an incentive ("给予一次性50万元购房补助") or an aggregate about the
city (a budget, a fund, a total paid to many people, revenue): the second kind becomes a metric, never
an incentive. An old rate that an article says was replaced ("由300万元提高至...") is neither.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.extract.categories import Word, in_kind_words, money_words
from app.extract.category import Figure, categorise
from app.extract.gates import PER_PERSON, RECEIVING, is_aggregate, not_received
from app.extract.numbers import Money, NumberError, find_money, parse_number
from app.extract.sentences import CLAUSE_BREAK, Sentence, clause_left, clause_right, quote_span
from app.extract.targets import Target, find_targets, target_levels

_LIST_GLUE = re.compile(r"^[、,，和及与或\s]*(?:分别)?[、,，和及与或\s]*$")

_UP_TO = re.compile(r"(?:最高|不超过|最多|上限|可达|至多|封顶|最高不超过)[^\d，,；;。]{0,16}$")
_FROM_BEFORE = re.compile(r"(?:不低于|不少于|至少)[^\d，,；;。]{0,6}$")
_FROM_AFTER = re.compile(r"\s*(?:以上|起)")
_MONTHLY = re.compile(r"每月|月均|每个月|[/／]月|按月")
_YEARLY = re.compile(r"每年|年薪|[/／]年|按年|每年度")
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

_CONDITIONS = re.compile(
    r"(?:在[^，,；;。、]{1,24}?)?连续(?:工作|服务)满?\s*\d+\s*年"
    r"|(?:工作|服务)满\s*(?:\d+|[一二三四五六七八九十两])\s*年"
    r"|在[^，,；;。、]{1,24}?(?:购房|购买(?:首套|新建)?(?:商品)?住?房[^，,；;。的]{0,6}|工作|落户|创业|就业|缴纳社会保险费?|参加社会保险[^，,；;。]{0,8})"
    r"|全职引进|柔性引进|经认定(?:后)?|一事一议|新引进"
    r"|签订\s*\d+\s*年以上[^，,；;。]{0,8}合同"
    r"|(?:不超过|未满)\s*\d+\s*周?岁|\d+\s*周?岁以下"
    r"|非[^，,；;。]{1,8}户籍"
    r"|(?:补助|补贴)期限\s*\d+\s*年|\d+\s*年内|最长\s*\d+\s*个月"
)


@dataclass
class IncentiveFact:
    category: str
    amount_yuan: int | None
    amount_min: int | None
    amount_kind: str | None
    period: str | None
    duration_months: int | None
    targets: list[str]
    target_levels: list[str]
    conditions: str | None
    quote: str
    quote_start: int
    quote_end: int
    at: int  # where the figure (or the in-kind word) stands: the place it belongs to is read from here
    place: str | None = None  # administrative code of its own place, when it is not the article's


@dataclass
class MoneyAggregate:
    """A sum that describes the city rather than a beneficiary: becomes a metric."""

    money: Money  # offsets are absolute in the article text
    sentence: Sentence


@dataclass
class _Reading:
    money: Money
    segment_start: int
    continues_list: bool
    category: str | None = None
    targets: list[Target] = field(default_factory=list)
    kind: str = "exact"
    period: str = "one_off"
    aggregate: bool = False


def _category(
    text: str, r: _Reading, previous: _Reading | None, kept: list[_Reading], period: str, context: str
) -> str:
    """The category the figure's own words give it (see app.extract.category for the strategies)."""
    joined = previous is not None and previous.category and not CLAUSE_BREAK.search(
        text, previous.money.end, r.money.start
    )
    figure = Figure(
        text=text,
        start=r.money.start,
        end=r.money.end,
        since=r.segment_start,
        previous=previous.category if joined and previous else None,
        last=previous.category if previous else None,
        figures=tuple((k.money.start, k.money.end) for k in kept),
        period=period,
        context=context,
    )
    return categorise(figure)[0]


# A table flattened to text: a header line of column names, then one line per row, cells apart by
# whitespace ("引进人才类别 安家费 生活补贴 备注" / "博士研究生 20万元 每月3000元 连续发放5年").
_CELL_GAP = re.compile(r"[ \t\u3000]+")


def table_columns(line: str) -> list[str] | None:
    """The column names of a table header line: three or more cells, no figures, and at least one
    cell that names an incentive (安家费, 生活补贴); None for any other line."""
    cells = _CELL_GAP.split(line.strip())
    if len(cells) < 3 or any(ch.isdigit() for ch in line):
        return None
    if not any(money_words(c) for c in cells):
        return None
    return cells


def _column(text: str, money: Money, columns: list[str] | None) -> str | None:
    """The name of the column a table row's figure stands in, when the row has as many cells as
    the header has columns."""
    if not columns:
        return None
    cells = list(re.finditer(r"[^ \t\u3000]+", text))
    if len(cells) != len(columns):
        return None
    for cell, name in zip(cells, columns, strict=True):
        if cell.start() <= money.start < cell.end():
            return name
    return None


def _column_category(name: str | None) -> str | None:
    """The category a column's name gives its figures (安家费, 科研启动经费, 年薪)."""
    if not name:
        return None
    words = [w for w in money_words(name) if not w.weak] or money_words(name)
    return words[0].category if words else None


def _kind(text: str, r: _Reading) -> str:
    m = r.money
    left = text[r.segment_start : m.start]
    if m.low is not None or _UP_TO.search(clause_left(text, m.start)) or _UP_TO.search(left):
        return "up_to"
    if _FROM_BEFORE.search(left) or _FROM_AFTER.match(text, m.end) or m.more_than:
        return "from"
    return "exact"


def _period(text: str, r: _Reading, kind: str) -> str:
    after = _PERIOD_AFTER.match(text, r.money.end)  # "3000元/月", "5万元/人/年"
    if after:
        return "monthly" if after.group("unit") == "月" else "yearly"
    left = clause_left(text, r.money.start)
    if _MONTHLY.search(left):
        return "monthly"
    if _YEARLY.search(left):
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


def _duration_months(text: str, money: Money, period: str) -> int | None:
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


# 全职引进 and 柔性引进 are alternatives: "全职引进博士给予30万元，柔性引进的给予10万元" gives each offer the one
# named last before it, never both.
_HIRE_MODES = ("全职引进", "柔性引进")


def _conditions(text: str, end: int) -> str | None:
    matches = [m.group(0).strip() for m in _CONDITIONS.finditer(text, 0, end)]
    last_mode = [c for c in matches if c in _HIRE_MODES][-1:]
    found = [c for c in dict.fromkeys(matches) if c not in _HIRE_MODES or c in last_mode]
    return "；".join(found) or None


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
_OWN_SUBJECT = re.compile(r"(?:^|[，,；;：:])\s*对[^，,；;。]{1,40}?的")


def _open_group(previous: str) -> list[Target]:
    """The group of targets a previous sentence ends with, when it is still waiting for its offer.
    A group that was already given its own sum ("本科每月1500元、硕士每月2500元、博士每月4000元")
    is done: the next sentence ("同时提供一次性生活补助5000元") is for everyone, not for the last item."""
    group = _group_before(find_targets(previous), previous)
    if group and find_money(previous[group[-1].end :]):
        return []
    return group


def _assign_targets(
    sentence: Sentence, readings: list[_Reading], context_before: str, paragraph_before: list[str]
) -> None:
    text = sentence.text
    # "本科、硕士、博士分别给予每月300元、500元、800元": zip the two lists when their lengths agree.
    # When the sentence lists no as many targets, the list may be in the paragraph's sentences just
    # before: the group the last one ends with, else the nearest list of exactly as many levels
    # ("具有博士、硕士、学士学位的…。…高校毕业生，给予房租补贴。根据学历不同，…分别为2000元、1500元、1000元").
    order = _IN_ORDER.search(text)
    if order:
        idx = order.start()
        listed = [r for r in readings if r.money.start > idx]
        prefix_targets = _group_before(find_targets(text, 0, idx), text)
        if len(listed) > 1 and len(prefix_targets) != len(listed):
            before = "\n".join(paragraph_before)
            back = _group_before(find_targets(before), before)
            if len(back) != len(listed):
                back = _graded_list([*paragraph_before, text[: listed[0].money.start]], len(listed))
            prefix_targets = back if len(back) == len(listed) else prefix_targets
        if len(listed) > 1 and len(prefix_targets) == len(listed):
            for r, t in zip(listed, prefix_targets, strict=True):
                r.targets = [t]
    previous: list[Target] = []
    for r in readings:
        if not r.targets:
            own = find_targets(text, r.segment_start, r.money.start)
            if own:
                r.targets = _group_before(own, text)
            elif _OWN_SUBJECT.search(text, r.segment_start, r.money.start):
                r.targets = []  # "…每人奖励2000元；对获得“柳州工匠”称号的，给予每人5000元奖励"
            elif r.continues_list or previous:
                r.targets = previous
            else:
                # Nobody named before the figure: the group the previous sentence ended with
                # ("引进…院士1-2名。全职引进的每人给予100万元").
                r.targets = _group_before(find_targets(text, 0, r.money.start), text) or (
                    []
                    if _OWN_SUBJECT.search(text, 0, r.money.start)
                    else _open_group(last_line(context_before))
                )
        previous = r.targets


def _continues_report(text: str, r: _Reading, previous: _Reading) -> bool:
    """The next sum of a report of totals: "已兑现人才政策资金3.6亿元，发放购房补贴1.2亿元". After a
    total, a sum is another total unless its own clause names who gets it or how much each gets."""
    if not previous.aggregate:
        return False
    if r.continues_list:
        return True
    left = text[r.segment_start : r.money.start]
    return not PER_PERSON.search(left) and not find_targets(left) and not _OWN_SUBJECT.search(left)


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
    context_before: str = "",
    columns: list[str] | None = None,
    paragraph_before: list[str] | None = None,
) -> tuple[list[IncentiveFact], list[MoneyAggregate]]:
    """Incentives with amounts in one sentence, and the aggregates that are not incentives.
    `columns`: the header of the table this line is a row of, if any (see table_columns);
    `paragraph_before`: the sentences of context that are in this sentence's paragraph."""
    text = sentence.text
    readings: list[_Reading] = []
    prev_end = 0
    for money in find_money(text):
        glue = text[prev_end : money.start]
        readings.append(_Reading(money, prev_end, bool(readings) and bool(_LIST_GLUE.match(glue))))
        prev_end = money.end
    facts: list[IncentiveFact] = []
    aggregates: list[MoneyAggregate] = []
    kept: list[_Reading] = []
    since = 0  # context before a threshold ("收入突破1亿元的企业给予30万元") is the threshold's
    for i, r in enumerate(readings):
        if i > 0 and _restates(text, readings[i - 1].money, r.money):
            continue
        reason = not_received(text, r.money, since)
        if reason == "threshold":
            since = r.money.end
        if reason:
            continue
        r.aggregate = is_aggregate(text, r.money, since) or (
            i > 0 and _continues_report(text, r, readings[i - 1])
        )
        if r.aggregate:
            absolute = Money(
                r.money.start + sentence.start,
                r.money.end + sentence.start,
                r.money.yuan,
                r.money.low,
                r.money.more_than,
                r.money.text,
            )
            aggregates.append(MoneyAggregate(absolute, sentence))
            continue
        kept.append(r)
    _assign_targets(sentence, kept, context_before, paragraph_before or [])
    previous: _Reading | None = None
    for r in kept:
        # Cells of a table row are apart by spaces like items of a list, but each takes its own
        # column's name: "领军人才 200万元 500万元 100万元" under "人才类别 安家费 科研启动经费 年薪".
        column = _column(text, r.money, columns)
        inherit = r.continues_list and previous is not None and column is None
        r.kind = previous.kind if inherit and previous else _kind(text, r)
        if inherit and previous and not money_words(text, r.money.end, r.money.end + 8):
            r.category, r.period = previous.category, previous.period
        else:
            r.period = _period(text, r, r.kind)
            r.category = _column_category(column) or _category(text, r, previous, kept, r.period, context_before)
            if column and r.period == "one_off":
                r.period = (
                    "monthly" if _MONTHLY.search(column) else "yearly" if _YEARLY.search(column) else r.period
                )
            if inherit and previous and r.period == "one_off":
                r.period = previous.period
        if r.category == "housing_subsidy" and r.period == "monthly":
            r.category = "rent_subsidy"  # 住房补贴 paid by the month is help with rent (taxonomy)
        previous = r
        names = list(dict.fromkeys(t.text for t in r.targets))
        q_start, q_end = quote_span(sentence, sentence.start + r.money.start, sentence.start + r.money.end)
        facts.append(
            IncentiveFact(
                category=r.category or "living_allowance",
                amount_yuan=r.money.yuan,
                amount_min=r.money.low,
                amount_kind=r.kind,
                period=r.period,
                duration_months=_duration_months(text, r.money, r.period),
                targets=names,
                target_levels=target_levels(names),
                conditions=_conditions(text, r.money.start),
                quote=text[q_start - sentence.start : q_end - sentence.start],
                quote_start=q_start,
                quote_end=q_end,
                at=sentence.start + r.money.start,
            )
        )
    return facts, aggregates


_FIRST_PERSON = re.compile(r"我们?|咱们")


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


# A heading names a topic, not an offer: "第三条 安家补贴。", "（二）人才公寓", "四、购房优惠", or a short
# line of its own with no figure and no verb of giving. The offer is in the lines under it.
_LABEL = re.compile(
    r"^(?:第[一二三四五六七八九十百零\d]+[条章节款项]|[（(][一二三四五六七八九十\d]+[)）]"
    r"|[一二三四五六七八九十]+[、.．]|\d+[、.．]|[★☆●◆■▲►✔√·\-—])\s*"
)
_HEADING_END = re.compile(r"[。：:；;！!]$")
_GIVING_VERB = re.compile(
    r"给予|提供|享受|享有|发放|安排|解决|落实|予以|协调|入住|免费|办理|开通|配备|优先|纳入|可|按|每|对"
)
HEADING_MAX = 12


def is_heading(text: str, own_line: bool) -> bool:
    """True for a heading or a table header: a label followed only by a short topic ("第三条 安家补贴。",
    "二、发放生活补贴"), a short line of its own with no verb of giving, or the column names of a
    flattened table."""
    if table_columns(text) is not None:
        return True
    label = _LABEL.match(text)
    if not label and not own_line:
        return False
    topic = _HEADING_END.sub("", text[label.end() if label else 0 :]).strip()
    if not 0 < len(topic) <= HEADING_MAX or re.search(r"[\d，,、]", topic):
        return False
    # a numbered heading may name its topic with a verb ("二、发放生活补贴"); an unnumbered line may not
    return bool(label) or not _GIVING_VERB.search(topic)


# The last noun of a compound is what it names: "人才公寓租住补贴" is money towards rent, "人才住房补贴"
# money towards a home; the benefit word before the subsidy only says what the money is for. A word
# that already names money ("住房租金奖励补贴") is qualified, not renamed, by the generic subsidy after it.
_SUBSIDY_HEAD = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:补贴|补助|津贴)")


def _head_of_compound(text: str, w: Word) -> Word:
    """The word that names a compound an in-kind word begins: the money word ending it, if any."""
    head = _SUBSIDY_HEAD.match(text, w.end)
    if not head or money_words(w.text):  # "住房租金奖励补贴": a subsidy word keeps its own name
        return w
    inside = [m for m in money_words(text, w.start, head.end()) if m.end == head.end() and m.end > w.end]
    return Word(w.start, head.end(), text[w.start : head.end()], inside[-1].category) if inside else w


# The rest of a fund's name after a benefit word: "人才奖|补资金", "人才公寓租赁补贴|资金".
_FUND_NAME = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:资金|经费|基金)")


def _total_clauses(sentence: Sentence, totals: list[Money]) -> list[tuple[int, int]]:
    """The clauses (offsets in the sentence) that report a total: "去年共兑现人才奖补资金1.2亿元"."""
    text = sentence.text
    spans = []
    for m in totals:
        start, end = m.start - sentence.start, m.end - sentence.start
        spans.append((start - len(clause_left(text, start)), end + len(clause_right(text, end))))
    return spans


# A clause that reports what was built, done or presented ("已建成人才公寓2000套", "介绍了人才公寓建设情况",
# "去年共为86名人才办理人才卡") mentions a benefit in passing; it offers nobody anything.
_REPORTED = re.compile(
    r"介绍了?|汇报|通报|建成|建设情况|新开工|开工建设|竣工|在建|已建|筹建|共为|已为|累计为|先后为|共有|已有"
)


def in_kind_from_sentence(
    sentence: Sentence, money_categories: set[str], totals: list[Money] | None = None
) -> list[IncentiveFact]:
    """Benefits named without an amount (人才公寓, 配偶就业, 人才卡): one row per category per sentence.
    `totals`: the sums of the sentence read as aggregates (absolute offsets). In the clause of one, a
    benefit the money was paid as is still one the city offers ("兑现人才津贴、购房补贴3700余万元"), but a
    word that opens the name of the fund paid from ("兑现人才奖补资金1.2亿元") names no benefit."""
    out: list[IncentiveFact] = []
    seen = set(money_categories)
    names: list[str] | None = None  # who and on what terms: the same for every row of the sentence
    conditions: str | None = None
    reported = _total_clauses(sentence, totals or [])
    for found in in_kind_words(sentence.text):
        w = _head_of_compound(sentence.text, found)
        if w.category in seen or RECEIVING.search(clause_left(sentence.text, w.start) + w.text):
            continue
        clause = clause_left(sentence.text, w.start) + clause_right(sentence.text, w.start)
        if _REPORTED.search(clause):
            continue
        if _FUND_NAME.match(sentence.text, w.end) and any(s <= w.start < e for s, e in reported):
            continue
        seen.add(w.category)
        if names is None:
            names = list(dict.fromkeys(t.text for t in find_targets(sentence.text)))
            conditions = _conditions(sentence.text, len(sentence.text))
        q_start, q_end = quote_span(sentence, sentence.start + w.start, sentence.start + w.end)
        out.append(
            IncentiveFact(
                category=w.category,
                amount_yuan=None,
                amount_min=None,
                amount_kind=None,
                period=None,
                duration_months=None,
                targets=names,
                target_levels=target_levels(names),
                conditions=conditions,
                quote=sentence.text[q_start - sentence.start : q_end - sentence.start],
                quote_start=q_start,
                quote_end=q_end,
                at=sentence.start + w.start,
            )
        )
    return out
