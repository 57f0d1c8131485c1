"""Which kind of incentive a figure is: named strategies, tried in order, each with its examples.

Chinese money words are head-final and a reader looks for the figure's own words first: the noun
right after it ("50万元购房补助"), its own clause before it ("购房补贴最高50万元"), the noun that closes
the list it stands in ("每人600元/月、800元/月租房补贴"), and only then further out: the rest of its list
item, a purpose word ("购买住房一次性补贴7万元"), the sentences before it (a heading). A semicolon ends
a list item: "按照1000元/人给予补贴;为自主创业的大学生发放5000元创业补贴" are two offers, and the second's
创业 says nothing of the first. Every strategy lists sentences that show it; tests run them all.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from app.extract.categories import PURPOSE_PHRASES, money_words
from app.extract.figure import Figure, noun_after, purposed
from app.extract.sentences import CLAUSE_BREAK

# What may stand between two figures of one list: a list mark, a per-unit word, a short name with
# its cap ("按学士1万元、硕士3万元", "每人600元/月、800元/月", "个人5万元、团队最高50万元").
_BETWEEN_ITEMS = re.compile(r"[、和或及与\s]*(?:每[人月年])?[^\d，,；;。]{0,6}")

# Money paid to an employer, a recommender or an agency for each person it brings in is a reward
# for recruiting, whatever its noun: "每引进一名博士奖励企业1万元", "给予企业每人6000元补贴".
_TO_EMPLOYER = re.compile(r"(?:奖励|给予|补贴|补助|资助)(?:用人)?(?:企业|单位|机构|用人单位|中介机构|推荐人)")
_EMPLOYER_SUBJECT = re.compile(r"^对[^，,；;。]{0,24}?(?:企业|用人单位|单位|机构)[，,]")
_PER_HEAD = re.compile(r"[/／]人|每人|每名|每引进|每吸纳|每招用|每招收|每新增")


def paid_per_head(f: Figure) -> str | None:
    start, end = f.item
    clause_start = f.clause[0]
    before = f.text[clause_start : f.start]
    per_head = _PER_HEAD.search(f.text, start, min(end, f.end + 3))
    if _TO_EMPLOYER.search(before) and (per_head or "每" in f.text[start : f.start]):
        return "award"
    if _EMPLOYER_SUBJECT.match(f.text[start:end]) and per_head:
        return "award"
    return None


def head_after(f: Figure) -> str | None:
    return noun_after(f, f.end)


def own_clause_before(f: Figure) -> str | None:
    start = max(f.clause[0], f.since)
    words = money_words(f.text, start, f.start)
    return purposed(f, words[-1]) if words else None


def list_trailer(f: Figure) -> str | None:
    """The noun after the last figure of the list this figure opens or continues."""
    later = [(s, e) for s, e in f.figures if s >= f.end]
    end = f.end
    for s, e in later:
        if not _BETWEEN_ITEMS.fullmatch(f.text, end, s) or CLAUSE_BREAK.search(f.text, end, s):
            break
        end = e
    return noun_after(f, end) if end != f.end else None


def item_before(f: Figure) -> str | None:
    start = max(f.item[0], f.since)
    words = [w for w in money_words(f.text, start, f.start) if not w.weak]
    return words[-1].category if words else None


def previous_in_list(f: Figure) -> str | None:
    return f.previous


def later_in_clause(f: Figure) -> str | None:
    words = money_words(f.text, f.end, f.clause[1])
    return words[0].category if words else None


def elided_item(f: Figure) -> str | None:
    """A list item with no money word of its own continues the item before it: "发放一次性人才奖励8万元；
    硕士3万元；本科1万元" gives 硕士 and 本科 the same reward."""
    start, end = f.item
    if f.last is None or start == 0 or money_words(f.text, start, end) or _BARE.search(f.text, start, end):
        return None
    return f.last


def purpose(f: Figure) -> str | None:
    start = f.item[0]
    found = [(m.end(), cat) for cat, rule in PURPOSE_PHRASES for m in rule.finditer(f.text, start, f.start)]
    return max(found)[1] if found else None


# "…每人每月1200元,发放三年 安家补贴:硕士研究生每人10万元": a money word with a colon is the label
# of what follows it, never the name of a figure before it.
_LABEL_MARK = re.compile(r"\s*[:：]")


def item_nearest(f: Figure) -> str | None:
    start, end = f.item
    words = [
        w
        for w in money_words(f.text, start, end)
        if not w.weak and not (w.start > f.end and _LABEL_MARK.match(f.text, w.end))
    ]
    if not words:
        return None
    return min(words, key=lambda w: w.start - f.end if w.start >= f.end else f.start - w.end).category


def weak_before(f: Figure) -> str | None:
    words = money_words(f.text, max(f.item[0], f.since), f.start)
    return words[-1].category if words else None


def context_before(f: Figure) -> str | None:
    """A compound word in the sentences just before: "补贴标准:博士5万元"."""
    words = [w for w in money_words(f.context) if len(w.text) >= 3 and not w.weak]
    return words[-1].category if words else None


_BARE = re.compile(r"补贴|补助|资助|奖补|扶持")
# A cap after a yearly or monthly payment of the same item caps that stipend ("每年发放30万,最高可达150万补助").
_RECURRING = re.compile(r"每年|每月|按年|按月|[/／][年月]")


def bare_subsidy(f: Figure) -> str | None:
    """A 补贴 whose purpose is not named: settling-in money when paid once, a stipend when recurring."""
    start, end = f.item
    if not _BARE.search(f.text, start, end) and not _BARE.search(f.context[-12:]):
        return None
    recurring = f.period != "one_off" or _RECURRING.search(f.text, start, f.start)
    return "living_allowance" if recurring else "settling_allowance"


class Example(NamedTuple):
    """A sentence whose figure the strategy names, with what the extractor would pass beside it:
    `before`, the text of the sentences before (a heading); `previous`, the category of the figure
    before it in its clause; `last`, that of the figure before it anywhere in the sentence."""

    sentence: str
    figure: str
    category: str
    before: str = ""
    previous: str | None = None
    last: str | None = None


@dataclass(frozen=True)
class Strategy:
    name: str
    decide: Callable[[Figure], str | None]
    examples: tuple[Example | tuple[str | None, ...], ...]  # Example fields, in order

    def __post_init__(self) -> None:
        object.__setattr__(self, "examples", tuple(Example(*e) for e in self.examples))


STRATEGIES: tuple[Strategy, ...] = (
    Strategy(
        "paid_per_head",
        paid_per_head,
        (
            ("对吸纳大学生的中小微民营企业,按照1000元/人给予补贴", "1000元", "award"),
            ("每引进一名博士奖励企业1万元", "1万元", "award"),
            ("给予企业每人6000元补贴", "6000元", "award"),
        ),
    ),
    Strategy(
        "head_after",
        head_after,
        (
            ("博士给予一次性50万元购房补助", "50万元", "housing_subsidy"),
            ("给予最高100万元（其中购房补贴50万元）的综合待遇", "100万元", "package"),
            ("对大学生创业项目择优给予最高8万元资助", "8万元", "startup_support"),
            ("给予入选个人5万元、团队最高50万元资助", "50万元", "research_funding"),
        ),
    ),
    Strategy(
        "own_clause_before",
        own_clause_before,
        (
            ("安家费、岗位津贴、购房补贴加起来有53万元", "53万元", "package"),
            ("博士研究生给予安家费8万元", "8万元", "settling_allowance"),
            ("人才奖励额度为30—100万元资助期为3年", "100万元", "award"),
            ("硕士生每月住房补贴1200元、生活补贴1000元", "1200元", "housing_subsidy"),
        ),
    ),
    Strategy(
        "list_trailer",
        list_trailer,
        (
            ("达到社平工资1.5倍、3倍的,分别给予每人1000元/月、2000元/月租房补贴", "1000元", "rent_subsidy"),
            ("按学士1万元、硕士3万元、博士10万元发放生活补贴", "1万元", "living_allowance"),
            ("给予入选个人5万元、团队最高50万元奖励", "5万元", "award"),
        ),
    ),
    Strategy(
        "item_before", item_before, (("住房租赁补贴标准为:拔尖人才5000元/月", "5000元", "rent_subsidy"),)
    ),
    Strategy(
        "previous_in_list",
        previous_in_list,
        (
            (
                "博士研究生每人每月1500元、硕士研究生每人每月1000元",
                "1000元",
                "living_allowance",
                "",
                "living_allowance",
                "living_allowance",
            ),
        ),
    ),
    Strategy(
        "later_in_clause",
        later_in_clause,
        (
            (
                "按照本科生、硕士研究生每月分别给予400元、600元发放12个月的生活补贴",
                "600元",
                "living_allowance",
            ),
        ),
    ),
    Strategy(
        "elided_item",
        elided_item,
        (("对新引进的博士,发放一次性人才奖励8万元；硕士3万元；本科1万元", "3万元", "award", "", None, "award"),),
    ),
    Strategy(
        "purpose",
        purpose,
        (
            ("B类人才购买140平方米以上住房一次性补贴7万元", "7万元", "housing_subsidy"),
            ("租住人才公寓的,每月补贴1000元", "1000元", "rent_subsidy"),
        ),
    ),
    Strategy(
        "item_nearest",
        item_nearest,
        (
            ("每人每月1500元,作为生活补贴", "1500元", "living_allowance"),
            (
                "生活补贴:硕士每人每月800元,紧缺专业硕士每人每月1200元,发放三年 安家补贴:硕士每人10万元",
                "1200元",
                "living_allowance",
            ),
        ),
    ),
    Strategy("weak_before", weak_before, (("来柳创业的青年人才,给予3万元", "3万元", "startup_support"),)),
    Strategy("context_before", context_before, (("博士5万元", "5万元", "settling_allowance", "第三条 安家补贴标准"),)),
    Strategy(
        "bare_subsidy",
        bare_subsidy,
        (
            ("新引进入户的硕士研究生补贴3万元", "3万元", "settling_allowance"),
            ("对到基层工作的高校毕业生每月补助800元", "800元", "living_allowance"),
            ("特优人才每年发放30万元,最高可达150万元补助", "150万元", "living_allowance"),
        ),
    ),
)


def default_category(period: str) -> str:
    """A figure no word names: a one-off sum is settling-in money, one paid again and again a living
    allowance (annotation.md: a one-off 补贴 whose purpose is not named is settling_allowance)."""
    return "settling_allowance" if period == "one_off" else "living_allowance"


def categorise(f: Figure) -> tuple[str, str]:
    """The category of the figure and the name of the strategy that decided it ("default" when
    none did: the figure has no word of its own anywhere near)."""
    for strategy in STRATEGIES:
        found = strategy.decide(f)
        if found:
            return found, strategy.name
    return default_category(f.period), "default"
