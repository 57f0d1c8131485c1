"""An offer's conditions, as the article words them, sorted into what the profile settles and what it cannot.

The extractor stores conditions as clauses joined by "；" (app/extract/attach.py). Here each clause is:
- a minimum service ("在地区连续工作满5年", "签订5年以上合同"): compared with the committed years;
- a home purchase ("在地区范围内购房"): settled by buy_home;
- a stated duration ("5年内", "最长6个月"): already in duration_months, used by the valuation;
- anything else (a zone, 全职引进, 经认定后, an age limit, 户籍): a "check this" item, kept verbatim.
The quote is also searched for a discipline list or an age limit the extractor does not keep as a
condition, since the sentence may set them for the whole list of offers it contains.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from app.extract.numbers import NumberError, parse_number

CheckKind = Literal[
    "location",
    "recruitment",
    "certification",
    "case_by_case",
    "age",
    "hukou",
    "discipline",
    "graduate",
    "no_level",
    "other",
]

_NUMBER = r"(?P<n>\d+|[一二三四五六七八九十两]+)"
_SERVICE = re.compile(
    rf"(?:工作|服务|合同|协议).*?(?:满|不少于|不低于|至少)\s*{_NUMBER}\s*年"
    rf"|签订\s*{_NUMBER.replace('<n>', '<m>')}\s*年"
)
_DURATION = re.compile(
    r"(?:(?:补助|补贴)期限\s*)?(?:\d+|[一二三四五六七八九十两]+)\s*年内?|最长\s*\d+\s*个月"
)
_PURCHASE = re.compile(r"购房|购买商品房|购买住房")
_CLAUSE_KINDS: tuple[tuple[CheckKind, re.Pattern[str]], ...] = (
    ("recruitment", re.compile(r"全职引进|柔性引进|新引进")),
    ("certification", re.compile(r"经认定")),
    ("case_by_case", re.compile(r"一事一议")),
    ("age", re.compile(r"岁")),
    ("hukou", re.compile(r"户籍|落户")),
    ("location", re.compile(r"^在.+(?:工作|就业|创业|社会保险|社保)")),
)
_QUOTE_CHECKS: tuple[tuple[CheckKind, re.Pattern[str]], ...] = (
    ("discipline", re.compile(r"[^,，；;。]{0,24}(?:学科|紧缺专业|专业目录)[^,，；;。、]{0,12}")),
    ("age", re.compile(r"[^,，；;。]{0,8}\d+\s*周?岁(?:以下|以内)?")),
)


@dataclass(frozen=True)
class Check:
    """Something the reader must verify themselves; `text` is the article's own words."""

    kind: CheckKind
    text: str


@dataclass(frozen=True)
class Conditions:
    service_years: int | None  # the longest minimum service stated, if any
    needs_purchase: bool
    settled: tuple[str, ...]  # the service and purchase clauses, which the profile answers
    checks: tuple[Check, ...]


def _clauses(conditions: str | None) -> list[str]:
    return [c.strip() for c in re.split(r"[；;]", conditions or "") if c.strip()]


def _service_years(clause: str) -> int | None:
    m = _SERVICE.search(clause)
    if not m:
        return None
    try:
        return int(parse_number(m.group("n") or m.group("m")))
    except NumberError:
        return None


def _clause_kind(clause: str) -> CheckKind:
    return next((kind for kind, rule in _CLAUSE_KINDS if rule.search(clause)), "other")


def read_conditions(conditions: str | None, quote: str) -> Conditions:
    """Sort an offer's condition clauses (and what its quote adds) into service, purchase and checks."""
    service: list[int] = []
    purchase = False
    settled: list[str] = []
    checks: list[Check] = []
    for clause in _clauses(conditions):
        years = _service_years(clause)
        if years is not None:
            service.append(years)
            settled.append(clause)
        elif _PURCHASE.search(clause):
            purchase = True
            settled.append(clause)
        elif not _DURATION.fullmatch(clause):
            checks.append(Check(_clause_kind(clause), clause))
    seen = {c.kind for c in checks}
    for kind, rule in _QUOTE_CHECKS:
        m = rule.search(quote)
        if m and kind not in seen:
            checks.append(Check(kind, m.group(0).strip()))
    return Conditions(max(service, default=None), purchase, tuple(settled), tuple(checks))
