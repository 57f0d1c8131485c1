"""Gates: why a sum of money in a sentence is nobody's offer, as a table of named rules.

A sum is an offer only when one beneficiary receives it. The gates below say what else it can be: an
old rate being replaced, a price per square metre, a threshold a company must pass, a personal loan to
repay, a part of a sum already counted, or an aggregate about the city (a budget, a fund, a total paid
to many people), which becomes a metric. Each gate has its examples, sentences in which the figure
named is stopped by that gate and by no gate before it; one test runs them all.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from app.extract.numbers import Money
from app.extract.sentences import clause_left, clause_right
from app.extract.targets import find_targets

CLAUSE_BREAK = re.compile(r"[，,；;：:。]")

_FUND_NOUN = re.compile(
    r"专项资金|发展资金|引导基金|产业基金|基金|资金池|财政资金|财政|预算|支出|收入|利润|税收|规模"
)
# 总额 sums a fund ("补贴资金总额1.2亿元") or one person's offer paid in parts ("博士研究生总额5万元",
# "总额最高3万元"): it is the first only when its clause names no one and no per-person cap.
_TOTAL = re.compile(r"总额")
_FUND_AFTER = re.compile(rf"^\s*(?:的)?[^，,；;。、]{{0,6}}?(?:{_FUND_NOUN.pattern})")
_AGGREGATE = re.compile(
    r"列支|投入|争取|累计|共计|总计|兑现|统筹|筹集|募集|设立|带动|撬动|(?<!可)达到|突破|超过|增长|减税|节约|省出|"
    r"发放人才贷|投保|获批|获得|惠及|拨付|下达|安排资金|共发放|累计发放|"
    r"各类"  # 发放各类人才补贴1.35亿元: an offer names its kind, a total sums "all kinds"
)
_RECIPIENTS = re.compile(r"\d+(?:\.\d+)?\s*(?:万|余|多)?\s*(?:名|人次|人|个|家|户|项|批|支|位)(?!以[上下])")
PER_PERSON = re.compile(
    r"每人|每名|每位|每户|人均|每月|每个团队|每个项目|最高|不超过|一次性|分别|可享受|可[^，,；;。]{0,4}?获|"
    r"可达|给予|奖励"
)
# A sum reported as paid out or spent ("已累计兑现奖励资金8600万元"): a total even when the money is
# named by a word that also names an offer (奖励, 补贴); only an explicit per-beneficiary marker makes
# it one person's offer again.
_PAID_OUT = re.compile(r"(?:已|累计|共|先后|全年|去年)(?:已|累计|共)?(?:兑现|发放|拨付|下达|支付|投入)")
_PER_ONE = re.compile(r"每人|每名|每位|每户|人均|每个团队|每个项目|最高|不超过")
# Money or projects the city received from higher levels ("争取上级资金", "获批人才公寓建设项目"). 获批
# that ends on a person ("获批人才可申请…", "获批省级人才项目的人才可…") is a condition a person met.
RECEIVING = re.compile(
    r"争取|上级|获得国家|获得自治区|获得省"
    r"|获批(?![^，,；;。]{0,12}?(?:人才|人员|专家|者)(?=[可将均能即在享申按由须凭，,、；;]))"
)
# Not a sum anyone receives: a rate per square metre, or a threshold a company must pass.
# A slash is written half- or full-width ("5000元/月", "5000元／月"); both mean "per".
_RATE = re.compile(r"(?:每平方米|每平米|每㎡|[/／]平方米|[/／]㎡)[^\d，,；;。]{0,3}?\s*$")
_RATE_AFTER = re.compile(r"\s*(?:[/／]平方米|[/／]㎡|每平方米)")
_THRESHOLD_BEFORE = re.compile(
    r"营业收入|主营业务收入|销售收入|营收|纳税|税额|产值|注册资本|投资额|总投资|年收入|营业额"
)
# A loan ceiling ("公积金贷款最高可贷120万元", "贷款额度最高可上浮至100万元", "100万元的住房贷款") is
# credit the person repays, not money given: the taxonomy has a place for credit only as start-up
# support (人才贷, 创业担保贷款, 贴息), so any other loan amount is nobody's incentive.
# A loan the person repays is no offer: only a personal loan (a mortgage, 公积金) is stopped, since
# start-up credit (人才贷, 创业担保贷款, 免息贷款 for founders) is start-up support (annotation.md).
_LOAN_BEFORE = re.compile(r"(?:贷|按揭)(?P<between>[^\d，,；;。]{0,10})$")
_LOAN_AFTER = re.compile(r"\s*(?:的)?[^\d，,；;。、]{0,8}?(?:贷款|按揭)")
_GIVING = re.compile(r"给予|补贴|补助|奖励|资助|贴息|发放")
_PERSONAL_LOAN = re.compile(r"住房|公积金|购房|房贷|按揭|消费")
_CREDIT_OFFER = re.compile(r"信用贷|免息|无息|低息|贷款支持|提供[^，,；;。]{0,6}贷款")
_BUSINESS_CREDIT = re.compile(r"创业|担保|贴息|人才贷|人才金融|企业|经营|项目")
_THRESHOLD_AFTER = re.compile(r"\s*(?:及)?以上的?(?:企业|项目|单位|公司|机构|[\u4e00-\u9fff]{0,4}人才)")
# "由10万元提高至20万元", "每月1500元生活补贴调整为每月3000元": the first figure is the old rate.
_OLD_RATE = re.compile(
    r"[^\d，,；;。]{0,8}?(?:提高|提升|上调|增加|调整|增至|调至|提至)(?:为|至|到)?\s*(?:每[月年])?\s*\d"
    r"|\s*(?:提高|提升|上调|增加|调整|增至|调至|提至)"
)
# A total paid to a counted group: "全市共有3200名高校毕业生领取租房补贴,发放资金1536万元".
_COUNTED_GROUP = re.compile(
    r"(?:共有|共计|累计|已有|先后)\s*\d[\d.]*\s*(?:万|余|多)?\s*(?:名|人|位|家|个)"
    r"|\d[\d.]*\s*(?:万|余|多)?\s*(?:名|人|位)[^，,；;。]{0,16}(?:领取|享受|受益|获得)"
)


def _left(text: str, money: Money, since: int) -> str:
    """The clause before a figure, but never reaching back past a threshold already read."""
    clause = clause_left(text, money.start)
    return clause[max(0, since - (money.start - len(clause))) :]


# "其中本科每人1万元，硕士每人2万元": 其中 that opens a per-person rate splits an offer by who gets
# it; a part of a sum ("其中一次性发放100万元") names no one person.
_EACH = re.compile(r"(?:每人|每名|每位|每户)(?!平均)")  # 人均, 每人平均: an average of a total


# "其中国际领先、急需紧缺的可给予最高10亿元": 其中 that picks out those who qualify for more ("…的")
# and gives to them is a higher tier, not a part.
_SUBGROUP = re.compile(r"的[^，,；;。]{0,4}?(?:可|给予|最高)")


def _part(text: str, money: Money, left: str) -> bool:
    """A part of a sum already counted: 其中 that names no one person and no group who gets it
    ("其中一次性发放100万元"); "其中顶尖人才600万元、一类人才200万元" splits an offer by who gets it."""
    return (
        left.startswith("其中")
        and not _EACH.search(left)
        and not find_targets(left)
        and not _SUBGROUP.search(left)
    )


def _old_rate(text: str, money: Money, left: str) -> bool:
    return bool(_OLD_RATE.match(text, money.end))


def _rate(text: str, money: Money, left: str) -> bool:
    return bool(_RATE.search(text, 0, money.start) or _RATE_AFTER.match(text, money.end))


def _threshold(text: str, money: Money, left: str) -> bool:
    return bool(_THRESHOLD_AFTER.match(text, money.end) or _THRESHOLD_BEFORE.search(left))


# "标准分别提高2000元", "较市直均高出1万元", "再上浮20%": a figure relative to another is never
# computed by the reader (annotation.md, Amounts); the offer it changes is read elsewhere.
_RELATIVE = re.compile(r"(?:提高|提升|增加|上浮|高出|多出|增发|上调|追加)了?$")  # not 提高至: that is the new rate
# "按照博士15万元、硕士10万元的标准追加房票奖励": the list of increments is named after it.
_ADDED_AFTER = re.compile(r"[^，,；;。]*?(?:的标准|标准)追加")


def _relative(text: str, money: Money, left: str) -> bool:
    if _ADDED_AFTER.match(text, money.end):
        return True
    return bool(_RELATIVE.search(left)) and not _OLD_RATE.match(text, money.end)


# "1500元/月 × 36个月/人 × 5人 = 27万元": a worked sum shows how an offer adds up; its terms and its
# result restate the offer, which the article states elsewhere (annotation.md: never computed).
_WORKED_AFTER = re.compile(r"\s*(?:[/／][^\s\d×✕*=＝，,；;。]{1,3})?\s*[×✕*=＝]")
_WORKED_BEFORE = re.compile(r"[×✕*=＝]\s*$")


def _worked_sum(text: str, money: Money, left: str) -> bool:
    return bool(_WORKED_AFTER.match(text, money.end) or _WORKED_BEFORE.search(left))


# "办理一份保额不低于50万元的意外保险": the sum an insurance policy covers is not paid to anyone.
_INSURED = re.compile(r"(?:保额|保险金额|保障金额|保险额度)[^\d，,；;。]{0,4}$")


def _insured_sum(text: str, money: Money, left: str) -> bool:
    return bool(_INSURED.search(left))


def _is_loan(text: str, money: Money, left: str) -> bool:
    """A loan amount that is not start-up credit: the loan word right before the figure with no
    word of giving between ("可贷120万元"), or right after it ("80万元的住房公积金贷款")."""
    before = _LOAN_BEFORE.search(left)
    after = _LOAN_AFTER.match(text, money.end)
    if before and _GIVING.search(before.group("between")):
        before = None
    if not before and not after:
        return False
    span = left + (after.group(0) if after else "")
    if _PERSONAL_LOAN.search(span):
        return True
    return not _BUSINESS_CREDIT.search(span) and not _CREDIT_OFFER.search(span)


def is_aggregate(text: str, money: Money, since: int = 0) -> bool:
    """True when the sum describes the city (a budget, fund, revenue, total paid out), not a beneficiary."""
    left = _left(text, money, since)
    right = text[money.end : money.end + 12]
    if _FUND_AFTER.match(right) or _FUND_NOUN.search(left):
        return True
    if _TOTAL.search(left) and not _PER_ONE.search(left) and not find_targets(left):
        return True
    counted = (
        _AGGREGATE.search(left)
        or _RECIPIENTS.search(left)
        or _COUNTED_GROUP.search(text, since, money.start)
        or "惠及" in clause_right(text, money.end + 1)
    )
    if _PAID_OUT.search(left):
        return not _PER_ONE.search(left)
    return bool(counted) and not PER_PERSON.search(left)


@dataclass(frozen=True)
class Gate:
    name: str
    stops: Callable[[str, Money, str], bool]  # (sentence, figure, its clause before it) -> stopped
    examples: tuple[tuple[str, str], ...]  # (sentence, figure it stops)


GATES: tuple[Gate, ...] = (
    Gate("part", _part, (("给予100万元支持，其中一次性发放50万元", "50万元"),)),
    Gate(
        "old_rate",
        _old_rate,
        (
            ("博士购房补贴由10万元提高至20万元", "10万元"),
            ("每月1500元生活补贴调整为每月3000元", "1500元"),
        ),
    ),
    Gate(
        "rate",
        _rate,
        (
            ("按每平方米500元给予补贴", "500元"),
            ("购房补贴标准为500元/平方米", "500元"),
        ),
    ),
    Gate(
        "threshold",
        _threshold,
        (
            ("对年营业收入1亿元以上的企业给予奖励", "1亿元"),
            ("年纳税额500万元以上的企业", "500万元"),
        ),
    ),
    Gate(
        "loan",
        _is_loan,
        (
            ("公积金贷款最高可贷120万元", "120万元"),
            ("可申请80万元的住房公积金贷款", "80万元"),
        ),
    ),
    Gate(
        "relative",
        _relative,
        (
            ("生活补贴标准分别提高2000元", "2000元"),
            ("松北区的安家费标准较市直均高出1万元", "1万元"),
            ("对企业引进的人才,每个类别分别追加15万元房票奖励", "15万元"),
            ("按照博士研究生15万元、硕士研究生10万元的标准追加房票奖励", "15万元"),
        ),
    ),
    Gate(
        "worked_sum",
        _worked_sum,
        (
            ("1500元/月 × 36个月 = 5.4万元", "1500元"),
            ("1500元/月 × 36个月 = 5.4万元", "5.4万元"),
        ),
    ),
    Gate("insured_sum", _insured_sum, (("为引进人才办理保额不低于50万元的意外保险", "50万元"),)),
)


def not_received(text: str, money: Money, since: int = 0) -> str | None:
    """The name of the first gate that stops this sum, or None when someone receives it."""
    left = _left(text, money, since)
    for gate in GATES:
        if gate.stops(text, money, left):
            return gate.name
    return None


# Aggregates (the other kind of "not an offer": the sum becomes a metric), with sentences that show them.
AGGREGATE_EXAMPLES: tuple[tuple[str, str], ...] = (
    ("设立人才专项资金2.96亿元", "2.96亿元"),
    ("已累计兑现奖励资金8600万元", "8600万元"),
    ("全市共有3200名高校毕业生领取租房补贴,发放资金1536万元", "1536万元"),
    ("设立5亿元创新创业引导基金", "5亿元"),
)
