"""An offer's conditions sorted into what the profile settles and what it cannot.

The extractor types each term of an offer (app/extract/conditions.py) and the store keeps them; here
they are only sorted:
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

from app.extract.conditions import Condition

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
# Each rule with the words it cannot match without: the patterns open with a long run of any
# characters, which is slow to try at every position of 100,000 quotes, so a quote is searched only
# when it holds one of the words at all.
_QUOTE_CHECKS: tuple[tuple[CheckKind, tuple[str, ...], re.Pattern[str]], ...] = (
    ("discipline", ("学科", "紧缺专业", "专业目录"), re.compile(r"[^,，；;。]{0,24}(?:学科|紧缺专业|专业目录)[^,，；;。、]{0,12}")),
    ("age", ("岁",), re.compile(r"[^,，；;。]{0,8}\d+\s*周?岁(?:以下|以内)?")),
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


def read_conditions(conditions: tuple[Condition, ...], quote: str) -> Conditions:
    """Sort an offer's typed terms (and what its quote adds) into service, purchase and checks."""
    service = [c.years for c in conditions if c.kind == "service" and c.years is not None]
    settled = tuple(c.text for c in conditions if c.kind in ("service", "purchase"))
    checks = [
        Check(c.kind, c.text)  # type: ignore[arg-type]  # the other kinds are check kinds too
        for c in conditions
        if c.kind not in ("service", "purchase", "duration")
    ]
    seen = {c.kind for c in checks}
    for kind, words, rule in _QUOTE_CHECKS:
        if kind in seen or not any(w in quote for w in words):
            continue
        m = rule.search(quote)
        if m:
            checks.append(Check(kind, m.group(0).strip()))
    purchase = any(c.kind == "purchase" for c in conditions)
    return Conditions(max(service, default=None), purchase, settled, tuple(checks))
