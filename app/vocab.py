"""The product's vocabulary (spec/taxonomy.md) as data: category slugs, target levels, periods, kinds.

Every label exists in Chinese and English so that pages, filters and exports share one source.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    slug: str
    zh: str
    en: str

    def label(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


CATEGORIES: tuple[Term, ...] = (
    Term("housing_subsidy", "购房补贴", "Home-purchase subsidy"),
    Term("settling_allowance", "安家费", "Settling-in allowance"),
    Term("rent_subsidy", "租房补贴", "Rent subsidy"),
    Term("talent_housing", "人才公寓", "Talent apartment"),
    Term("living_allowance", "生活/岗位津贴", "Living / post allowance"),
    Term("research_funding", "科研/培养经费", "Research / training funding"),
    Term("startup_support", "创业扶持", "Start-up support"),
    Term("award", "奖励", "Award"),
    Term("family_support", "家属保障", "Family support"),
    Term("service_perk", "人才服务", "Talent services"),
    Term("internship", "实习实践", "Internship support"),
    Term("package", "综合待遇", "Package total"),
)

# Ordered from the most to the least academic so that lists read naturally.
TARGET_LEVELS: tuple[Term, ...] = (
    Term("academician", "院士", "Academician"),
    Term("top_talent", "顶尖/战略人才", "Top / strategic talent"),
    Term("leading_talent", "领军人才", "Leading talent"),
    Term("outstanding_talent", "拔尖人才", "Outstanding talent"),
    Term("young_talent", "青年人才", "Young talent"),
    Term("postdoc", "博士后", "Postdoc"),
    Term("doctorate", "博士", "Doctorate"),
    Term("master", "硕士", "Master"),
    Term("bachelor", "本科", "Bachelor"),
    Term("college", "大专", "College (大专)"),
    Term("senior_title", "高级职称", "Senior title (副高/正高)"),
    Term("skilled_worker", "技师/技能人才", "Skilled worker (技师)"),
    Term("graduate", "高校毕业生", "Graduate"),
    Term("team", "团队", "Team"),
)

PERIODS: tuple[Term, ...] = (
    Term("one_off", "一次性", "One-off"),
    Term("monthly", "每月", "Monthly"),
    Term("yearly", "每年", "Yearly"),
    Term("multi_year", "多年合计", "Multi-year total"),
)

AMOUNT_KINDS: tuple[Term, ...] = (
    Term("exact", "定额", "Exact"),
    Term("up_to", "最高", "Up to"),
    Term("from", "不低于", "At least"),
)

PLACE_LEVELS: tuple[Term, ...] = (
    Term("province", "省级", "Province"),
    Term("prefecture", "地级", "Prefecture"),
    Term("county", "县级", "County"),
    Term("district", "区", "District"),
)

CATEGORY_SLUGS = frozenset(t.slug for t in CATEGORIES)
TARGET_LEVEL_SLUGS = frozenset(t.slug for t in TARGET_LEVELS)
PERIOD_SLUGS = frozenset(t.slug for t in PERIODS)


_BY_SLUG: dict[int, dict[str, Term]] = {}  # per vocabulary (by identity: they are module constants)


def label(terms: tuple[Term, ...], slug: str | None, lang: str = "zh") -> str:
    """The label of a slug in a language; an unknown slug shows as itself rather than failing a page.
    Looked up in a dict made once per vocabulary: a listing asks some two hundred times a page, and
    walking the tuple was a seventh of building its rows."""
    by_slug = _BY_SLUG.get(id(terms))
    if by_slug is None:
        by_slug = _BY_SLUG[id(terms)] = {t.slug: t for t in terms}
    term = by_slug.get(slug or "")
    return term.label(lang) if term is not None else slug or ""
