"""Conditions: the terms an offer is given on, as typed items in the article's own words.

"在地区连续工作满5年且在地区范围内购房的，经认定后给予…" carries three terms: a minimum service of five
years, a home purchase, and a certification. Each is kept as the clause the article wrote and the kind
of term it is, so that the calculator compares the service with a profile's years and asks about the
purchase without reading the words again, and pages can show every term verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from app.extract.numbers import NumberError, parse_number

ConditionKind = Literal[
    "service",  # a minimum service: years is set
    "purchase",  # buying a home where the offer is
    "duration",  # how long the offer runs: already in duration_months
    "recruitment",
    "certification",
    "case_by_case",
    "age",
    "hukou",
    "location",
    "other",
]


@dataclass(frozen=True)
class Condition:
    kind: ConditionKind
    text: str  # the article's own words
    years: int | None = None  # the minimum years of service, for kind "service"


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
# 全职引进 and 柔性引进 are alternatives: "全职引进博士给予30万元，柔性引进的给予10万元" gives each offer the one
# named last before it, never both.
_HIRE_MODES = ("全职引进", "柔性引进")

_NUMBER = r"(?P<n>\d+|[一二三四五六七八九十两]+)"
_SERVICE = re.compile(
    rf"(?:工作|服务|合同|协议).*?(?:满|不少于|不低于|至少)\s*{_NUMBER}\s*年"
    rf"|签订\s*{_NUMBER.replace('<n>', '<m>')}\s*年"
)
_DURATION = re.compile(r"(?:(?:补助|补贴)期限\s*)?(?:\d+|[一二三四五六七八九十两]+)\s*年内?|最长\s*\d+\s*个月")
_PURCHASE = re.compile(r"购房|(?:购买|购置)[^，,；;。]{0,6}?(?:住房|商品房|住宅|房屋)")
_KINDS: tuple[tuple[ConditionKind, re.Pattern[str]], ...] = (
    ("recruitment", re.compile(r"全职引进|柔性引进|新引进")),
    ("certification", re.compile(r"经认定")),
    ("case_by_case", re.compile(r"一事一议")),
    ("age", re.compile(r"岁")),
    ("hukou", re.compile(r"户籍|落户")),
    ("location", re.compile(r"^在.+(?:工作|就业|创业|社会保险|社保)")),
)


def _service_years(clause: str) -> int | None:
    m = _SERVICE.search(clause)
    if not m:
        return None
    try:
        return int(parse_number(m.group("n") or m.group("m")))
    except NumberError:
        return None


@lru_cache(maxsize=4096)  # the same few dozen terms recur across offers and articles
def read_condition(clause: str) -> Condition:
    """The kind of one term, in the article's words: service first (it may name a place too), then a
    purchase, a duration, and the kinds a reader must check themselves."""
    clause = clause.strip()
    years = _service_years(clause)
    if years is not None:
        return Condition("service", clause, years)
    if _PURCHASE.search(clause):
        return Condition("purchase", clause)
    if _DURATION.fullmatch(clause):
        return Condition("duration", clause)
    return Condition(next((kind for kind, rule in _KINDS if rule.search(clause)), "other"), clause)


def find_terms(text: str) -> list[tuple[int, str]]:
    """Every term stated in the text, with where it ends: read once per sentence, then cut for each
    figure by conditions_before."""
    return [(m.end(), m.group(0).strip()) for m in _CONDITIONS.finditer(text)]


def conditions_before(
    text: str, end: int, terms: list[tuple[int, str]] | None = None
) -> tuple[Condition, ...]:
    """The terms stated in text before `end`, in order, each once (`terms`: find_terms(text))."""
    matches = [t for e, t in (find_terms(text) if terms is None else terms) if e <= end]
    last_mode = [c for c in matches if c in _HIRE_MODES][-1:]
    found = [c for c in dict.fromkeys(matches) if c not in _HIRE_MODES or c in last_mode]
    return tuple(read_condition(c) for c in found)


def conditions_text(conditions: tuple[Condition, ...]) -> str | None:
    """The terms as one line for display and text search, joined the way the article would list them."""
    return "；".join(c.text for c in conditions) or None


def conditions_from_text(text: str | None) -> tuple[Condition, ...]:
    """The typed terms of a joined line (a row stored before the terms were typed)."""
    return tuple(read_condition(c) for c in re.split(r"[；;]", text or "") if c.strip())


def conditions_from_items(items: list[dict[str, object]]) -> tuple[Condition, ...]:
    """The typed terms as stored (JSON objects with kind, text and years)."""
    return tuple(
        Condition(
            kind=str(i["kind"]),  # type: ignore[arg-type]
            text=str(i["text"]),
            years=int(i["years"]) if i.get("years") is not None else None,  # type: ignore[call-overload]
        )
        for i in items
    )
