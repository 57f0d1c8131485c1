"""Which kind of incentive a word names: the taxonomy's typical words, as data.

Two tables: MONEY_WORDS classify a sum of money by the nearest word around it (50万元购房补助 ->
housing_subsidy); IN_KIND_WORDS are phrases that name a benefit by themselves, with or without an
amount (人才公寓, 配偶就业, 人才卡). Longer words win over the shorter words inside them
(创业经费 is start-up support although 经费 alone is research funding).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import ahocorasick

# 综合资助, 综合支持: support for everything, a package unless a purpose word says what for (annotation.md)
PACKAGE_HEADS = ("综合资助", "综合支持", "综合补贴", "综合补助")

MONEY_WORDS: dict[str, tuple[str, ...]] = {
    "package": ("加起来", "合计", "总计", "人才待遇", "待遇支持", "综合待遇", "待遇", *PACKAGE_HEADS),
    "housing_subsidy": (
        "购房补贴",
        "购房补助",
        "购房款",
        "房票",
        "安居补贴",
        "安居补助",
        "住房补贴",
        "住房补助",
        "购房落户补贴",
        "住房奖励补贴",
        "别墅奖励补贴",
        "购房",
        "买房",
        "购买住房",
        "购买商品住房",
        "购买商品房",
        "购买首套住房",
        "购买首套房",
        "购置住房",
    ),
    "settling_allowance": ("安家费", "安家补贴", "安家补助", "安家", "学费补贴"),
    "rent_subsidy": (
        "租房补贴",
        "租房补助",
        "租金补贴",
        "房租补贴",
        "租赁补贴",
        "住房租金",
        "租住补贴",
        "租房",
        "房租",
        "租金",
    ),
    "living_allowance": (
        "特聘补贴",
        "工作补贴",
        "工作补助",
        "落户津贴",
        "交通补贴",
        "探亲交通补贴",
        "生活补贴",
        "生活补助",
        "生活津贴",
        "岗位津贴",
        "人才津贴",
        "政府津贴",
        "津贴",
        "薪酬补贴",
        "年薪",
        "薪酬",
        "工资",
        "生活费",
    ),
    "research_funding": (
        "技能提升补贴",
        "培训补贴",
        "培训经费",
        "科研经费",
        "项目经费",
        "工作经费",
        "培养经费",
        "启动经费",
        "启动资金",
        "项目资助",
        "团队资助",
        "项目资金",
        "资金扶持",
        "资金支持",
        "经费支持",
        "资助",
        "托举",
        "经费",
        "支持",
        "扶持",
    ),
    "startup_support": (
        "贷款",
        "信用贷款",
        "免息贷款",
        "创业资助",
        "创业扶持",
        "创业经费",
        "创业补贴",
        "创业资金",
        "引导投资",
        "股权投资",
        "天使投资",
        "人才贷",
        "贴息",
        "担保",
        "创业",
    ),
    "award": ("奖励补贴", "奖励", "奖金", "贡献奖", "配套奖励", "奖补"),
    "internship": ("实习", "见习", "实践"),
    # Set phrases that contain an incentive word but name none: 就业创业 describes a graduate, and
    # 创新创业 a project or a team, not start-up money. Matching them first keeps 创业 from firing.
    "": ("就业创业", "创新创业", "创业创新"),
}

IN_KIND_WORDS: dict[str, tuple[str, ...]] = {
    "talent_housing": ("人才公寓", "周转房", "人才住房", "拎包入住", "免费居住", "人才驿站", "周转公寓"),
    "family_support": (
        "配偶就业",
        "配偶安置",
        "配偶工作",
        "子女入学",
        "子女就学",
        "子女上学",
        "子女教育",
        "孩子转学",
        "孩子上学",
        "孩子入学",
        "转学",
        "随迁",
        "家属安置",
        "同等待遇",
        "医疗服务",
        "医疗保障",
        "养老保险",
        "医疗养老保险",
        "落户“零门槛”",
        "落户零门槛",
        "零门槛落户",
        "先落户后就业",
        "先落户后择业",
        "医疗保健",
        "健康体检",
    ),
    "service_perk": (
        "人才卡",
        "服务卡",
        "金卡",
        "人才绿卡",
        "服务专员",
        "绿色通道",
        "一站式",
        "代办",
        "特聘专员",
        "免费开放",
        "丧葬",
        "折扣",
    ),
    "internship": ("实习实践基地", "实践基地", "社会实践", "实习见习", "见习基地", "实践学子"),
    "housing_subsidy": (
        "购房补贴",
        "购房补助",
        "房票",
        "安居补贴",
        "住房补贴",
        "住房奖励补贴",
        "购房优惠",
        "购房落户补贴",
        "别墅奖励补贴",
    ),
    "settling_allowance": ("安家费", "安家补贴", "安家补助"),
    "rent_subsidy": ("租房补贴", "租金补贴", "房租补贴", "租住补贴", "租赁补贴", "住房租金"),
    "living_allowance": ("生活补贴", "生活补助", "岗位津贴", "人才津贴", "政府津贴", "薪酬补贴"),
    "research_funding": (
        "科研经费",
        "项目资助",
        "资助经费",
        "培养经费",
        "工作经费",
        "启动经费",
        "项目启动补助",
        "科研启动",
        "团队资助",
    ),
    "startup_support": (
        "人才贷",
        "创业贷",
        "贴息",
        "创业担保",
        "引导投资",
        "创业资助",
        "创业扶持",
        "人才金融",
    ),
    "award": ("贡献奖", "人才奖"),
}


# Head nouns that say money is given but not what for: a purpose word before them in their clause
# decides instead (创业项目…资助 is start-up support, 房票奖励 a housing subsidy; annotation.md).
GENERIC_HEADS = frozenset(
    {"资助", "支持", "扶持", "资金扶持", "资金支持", "经费支持", "经费", "奖励", "奖金", "托举"}
    | set(PACKAGE_HEADS)
)
PURPOSE_WORDS: dict[str, tuple[str, ...]] = {
    "startup_support": ("创业",),
    "housing_subsidy": ("购房", "安居", "房票", "购房券"),
    "rent_subsidy": ("租房", "租金"),
    "internship": ("实习", "见习", "实践"),
    "research_funding": ("培训", "技能提升", "研发", "科研", "创新平台"),
}


# What the money is for, said by a verb phrase rather than a compound noun.
PURPOSE_PHRASES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "housing_subsidy",
        re.compile(
            r"(?:购买|购置|购)[^，,；;。\d]{0,4}[\d.]*[^，,；;。]{0,10}?(?:住房|住宅|商品房|房屋|房产)"
        ),
    ),
    ("rent_subsidy", re.compile(r"租(?:赁|住|用)[^，,；;。]{0,8}?(?:住房|房屋|公寓)")),
    ("startup_support", re.compile(r"自主创业|创办企业|领办")),
    ("internship", re.compile(r"实习|见习")),
    ("research_funding", re.compile(r"培训|技能提升")),
)


# Words that name an activity rather than a benefit (来柳创业, 在地区范围内购房, 实践活动): they
# classify a figure only from inside its own clause, never from across the sentence.
WEAK_WORDS = frozenset(
    {"创业", "购房", "买房", "租房", "房租", "租金", "实习", "见习", "实践", "安家", "待遇", "支持", "扶持"}
    | {"购买住房", "购买商品住房", "购买商品房", "购买首套住房", "购买首套房", "购置住房"}
)


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    text: str
    category: str

    @property
    def weak(self) -> bool:
        return self.text in WEAK_WORDS


def _compile(table: dict[str, tuple[str, ...]]) -> tuple[ahocorasick.Automaton, dict[str, str]]:
    owner: dict[str, str] = {}
    for category, words in table.items():
        for w in words:
            owner.setdefault(w, category)
    automaton = ahocorasick.Automaton()
    for w in owner:
        automaton.add_word(w, w)
    automaton.make_automaton()
    return automaton, owner


def _words(
    automaton: ahocorasick.Automaton, owner: dict[str, str], text: str, start: int, end: int
) -> list[Word]:
    """Every word in text[start:end], overlaps resolved as a reader does: the longer word wins, and of
    two as long the later one, since the last noun of a compound names it ("住房租赁补贴" is a 租赁补贴,
    not the 房租 a leftmost match would read)."""
    found = [
        Word(e + 1 - len(w), e + 1, w, owner[w])
        for e, w in automaton.iter(text, start, end)
        if e + 1 - len(w) >= start
    ]
    chosen: list[Word] = []
    for w in sorted(found, key=lambda w: (-len(w.text), -w.end)):
        if all(w.end <= c.start or w.start >= c.end for c in chosen):
            chosen.append(w)
    return sorted(chosen, key=lambda w: w.start)


_MONEY, _MONEY_OWNER = _compile(MONEY_WORDS)
_IN_KIND, _IN_KIND_OWNER = _compile(IN_KIND_WORDS)


def money_words(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    stop = len(text) if end is None else end
    if stop <= start:
        return []
    # set phrases (就业创业) are matched only to be skipped
    return [w for w in _words(_MONEY, _MONEY_OWNER, text, start, stop) if w.category]


def in_kind_words(text: str) -> list[Word]:
    return _words(_IN_KIND, _IN_KIND_OWNER, text, 0, len(text))
