"""Numbers and sums of money as Chinese articles write them.

Handles Arabic digits with 万/亿 multipliers (1.5万元, 2.54亿元), Chinese numerals (五十万, 一亿五千万, 壹拾伍万,
千万支持), ranges (10万至30万元, 10-30万元), "more than" markers (300余万元) and amounts written without
元 when an incentive word follows (百万托举, 150万补助) or a word of giving comes before (最高可享受160万).
Money in a foreign currency is not yuan and is
not returned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CN_SMALL = {"十": 10, "百": 100, "千": 1000}
# 大写 numerals, the anti-forgery forms a notice or a contract writes sums in (壹拾伍万元, 伍仟元):
# each one is an ordinary numeral character in another dress.
FORMAL_NUMERALS = str.maketrans("壹贰叁肆伍陆柒捌玖拾佰仟", "一二三四五六七八九十百千")
CN_LARGE = {"万": 10_000, "亿": 100_000_000}
MULTIPLIERS = {
    "十": 10,
    "百": 100,
    "千": 1000,
    "万": 10_000,
    "十万": 100_000,
    "百万": 1_000_000,
    "千万": 10_000_000,
    "亿": 100_000_000,
    "万亿": 10**12,
}

_CN = "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟"
NUM = rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?|[{_CN}]+)"
MULT = r"(?:万亿|千万|百万|十万|万|亿|千)"
_RANGE_SEP = r"(?:至|到|-|~|～|—|－|–)"
# The currency may stand before the part of a figure written in two pieces ("新台币1万3600元": the
# 3600元 is still New Taiwan dollars).
_FOREIGN = re.compile(r"(?:台币|台幣|美元|美金|港币|港元|欧元|日元|英镑|卢布|新台币)\s*(?:\d+(?:\.\d+)?万)?\s*$")
# The money noun may follow a purpose of up to two characters (160万购房补贴, 2000的安家补贴), but
# never a counter (1万人次, 5万平方米) nor a currency (10万美元奖励): those are not yuan.
_BARE_NOUN = (
    r"(?:的)?(?:(?![人名户个平亩套家位次元]|美元|美金|港[币元]|欧元|日元|英镑|卢布|新?台币)"
    r"[\u4e00-\u9fff][\u4e00-\u9fff]??)??"
    r"(?:支持|资助|托举|奖励|奖金|补贴|补助|安家费|经费|待遇|津贴|年薪|生活费|购房款|贴息|贷款)"
)

MONEY_RE = re.compile(
    rf"(?:(?:人民币|RMB)\s*)?(?:(?P<lo>{NUM})\s*(?P<lomult>{MULT})?\s*(?:元)?\s*{_RANGE_SEP}\s*)?"
    rf"(?P<num>{NUM})\s*(?P<q1>余|多)?\s*(?P<mult>{MULT})?\s*(?P<q2>余|多)?\s*(?P<unit>元|人民币)"
    rf"|(?:人民币|RMB)\s*(?P<rnum>{NUM})\s*(?P<rmult>{MULT})?"
    rf"|(?P<bnum>{NUM})?\s*(?P<bmult>{MULT})(?=(?:\s*[(（][^)）]{{0,24}}[)）])?\s*(?:以上|起)?\s*{_BARE_NOUN})"
    # "每人每月2000的安家补贴": a rate per month or year, its 元 left out before the money it names
    rf"|(?<=每[月年])\s*(?P<pnum>\d{{3,6}})(?=\s*{_BARE_NOUN})"
    # "最高可享受160万", "给予50万": a magnitude right after a word of giving, its 元 left out
    rf"|(?P<gnum>{NUM})\s*(?P<gmult>万|亿)(?=\s*(?:[，,。；;、)）]|$))"
)
# Only a word of giving right before it makes a figure without 元 or money noun a sum of money:
# "最高可享受160万" is, "人口达到160万" is not.
_GIVEN_BEFORE = re.compile(r"(?:给予|最高|可享受?|享受|可获得?|奖励|补贴|补助|资助|支持)[^\d，,；;。]{0,3}$")


# No single figure in a talent policy reaches a trillion yuan; anything larger is a garbled number,
# and would not fit a 64-bit column either.
MAX_YUAN = 10**12


class NumberError(ValueError):
    pass


def parse_chinese_numeral(text: str) -> int:
    """一亿五千万 -> 150000000, 五十万 -> 500000, 千万 -> 10000000, 两千 -> 2000, 壹拾伍万 -> 150000."""
    text = text.translate(FORMAL_NUMERALS)
    if not text or any(c not in CN_DIGITS and c not in CN_SMALL and c not in CN_LARGE for c in text):
        raise NumberError(f"not a Chinese numeral: {text!r}")
    total = section = number = 0
    previous = ""
    for ch in text:
        if ch in CN_DIGITS:
            # Digits in a row are read positionally (二〇二四 -> 2024); after a unit they start afresh.
            number = number * 10 + CN_DIGITS[ch] if previous in CN_DIGITS else CN_DIGITS[ch]
        elif ch in CN_SMALL:
            section += (number or 1) * CN_SMALL[ch]
            number = 0
        elif ch == "万":
            total += ((section + number) or (0 if total else 1)) * 10_000
            section = number = 0
        else:  # 亿
            total = ((total + section + number) or 1) * 100_000_000
            section = number = 0
        previous = ch
    value = total + section + number
    if value > MAX_YUAN:  # 百万亿, 亿亿: stacked units no figure in an article reaches
        raise NumberError(f"a garbled numeral: {text!r}")
    return value


_WRITTEN_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")


def parse_number(text: str) -> Decimal:
    """A number as written: 1,500 / 2.54 / 五十 / 一百五十; raises NumberError when it is none.
    Only plain digits count: "1e999999999" is not how an article writes a number, and turning it
    into an integer would not finish."""
    text = text.strip()
    if not text:
        raise NumberError("empty number")
    if text[0].isdigit():
        if not _WRITTEN_DIGITS.fullmatch(text):
            raise NumberError(f"not a number: {text!r}")
        try:
            return Decimal(text.replace(",", ""))
        except InvalidOperation as exc:
            raise NumberError(f"not a number: {text!r}") from exc
    return Decimal(parse_chinese_numeral(text))


def apply_multiplier(value: Decimal, mult: str | None) -> int:
    return int((value * MULTIPLIERS.get(mult or "", 1)).to_integral_value())


@dataclass(frozen=True)
class Money:
    start: int
    end: int
    yuan: int
    low: int | None  # the lower end of a range (10万至30万元), else None
    more_than: bool  # 300余万元: "more than", the figure is a floor
    text: str


def _is_foreign(text: str, start: int) -> bool:
    return bool(_FOREIGN.search(text[max(0, start - 14) : start]))


# "数十万元", "几百万元": several hundred thousand, not 100,000; no figure can be read from it.
_VAGUE_BEFORE = re.compile(r"(?:数|几|若干)$")


def _is_vague(text: str, m: re.Match[str]) -> bool:
    return not m.group(0)[0].isdigit() and bool(_VAGUE_BEFORE.search(text, 0, m.start()))


# "逾百万元", "上千万元", "超百万元": more than the figure, as 300余万元 is. 上 counts only before a
# magnitude (上千万, 上亿), never after 以 (以上 closes the figure before).
_MORE_BEFORE = re.compile(r"(?:逾|(?<![以超])超)\s*$")
_MORE_MAGNITUDE = re.compile(r"(?<!以)上$")


def _more_before(text: str, m: re.Match[str]) -> bool:
    if _MORE_BEFORE.search(text, 0, m.start()):
        return True
    return m.group(0)[0] in "百千万亿" and bool(_MORE_MAGNITUDE.search(text, 0, m.start()))


# "可获万元住房补助": a magnitude with no count before it is an order of size or a figure whose digits
# were lost (annotation.md: no amount is read), while 百万, 千万 are counts of their own.
_LONE_MAGNITUDE = {"万", "亿"}

_MONEY_HINT = re.compile(r"[元万亿]|人民币|RMB|每[月年]\s*\d")


def find_money(text: str) -> list[Money]:
    """Every sum of money in yuan, in order, with its span in text."""
    if not _MONEY_HINT.search(text):  # most sentences hold no money; skip the long pattern
        return []
    out: list[Money] = []
    for m in MONEY_RE.finditer(text):
        if _is_foreign(text, m.start()) or _is_vague(text, m):
            continue
        try:
            if m.group("num") is not None:
                mult = m.group("mult")
                if m.group("num") in _LONE_MAGNITUDE and not mult:
                    continue
                value = apply_multiplier(parse_number(m.group("num")), mult)
                low = None
                if m.group("lo") is not None:
                    low = apply_multiplier(parse_number(m.group("lo")), m.group("lomult") or mult)
                    if low >= value:
                        low = None
                more = bool(m.group("q1") or m.group("q2"))
            elif m.group("rnum") is not None:
                value, low, more = (
                    apply_multiplier(parse_number(m.group("rnum")), m.group("rmult")),
                    None,
                    False,
                )
            elif m.group("pnum") is not None:
                value, low, more = int(m.group("pnum")), None, False
            elif m.group("gnum") is not None:
                if not _GIVEN_BEFORE.search(text, 0, m.start()):
                    continue
                value = apply_multiplier(parse_number(m.group("gnum")), m.group("gmult"))
                low, more = None, False
            else:
                base = parse_number(m.group("bnum")) if m.group("bnum") else Decimal(1)
                value, low, more = apply_multiplier(base, m.group("bmult")), None, False
        except NumberError:
            continue
        if value <= 0 or value > MAX_YUAN:
            continue
        more = more or _more_before(text, m)
        out.append(Money(m.start(), m.end(), value, low, more, m.group(0)))
    return out
