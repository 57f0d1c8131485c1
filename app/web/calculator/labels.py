"""The calculator's own labels in Chinese and English, converted to traditional characters on request.

Kept apart from app.web.i18n.TEXT so the calculator can change without touching the shared label table;
the reader's language and script still come from the same Prefs, so the site's switch works here too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.web.i18n import Prefs, in_language

TEXT: dict[str, tuple[str, str]] = {
    "title": ("人才待遇计算器", "What would I get? Talent package calculator"),
    "intro": (
        "选择学历、职称、技能等级、是否购房和愿意服务的年限,看看各地按政策一共能给多少,并逐条给出原文与条件。",
        "Choose a degree, title, skill level, whether you would buy a home and how many years you would "
        "stay: see what each place's policies add up to, line by line, with the article's own words.",
    ),
    "profile": ("个人情况", "Your profile"),
    "degree": ("最高学历", "Highest degree"),
    "degree_none": ("无/不填", "None / skip"),
    "degree_postdoc": ("博士后", "Postdoc"),
    "degree_doctorate": ("博士", "Doctorate"),
    "degree_master": ("硕士", "Master"),
    "degree_bachelor": ("本科", "Bachelor"),
    "degree_college": ("大专", "College (大专)"),
    "title_field": ("职称", "Senior title"),
    "title_none": ("无", "None"),
    "title_associate": ("副高级", "Associate senior (副高)"),
    "title_full": ("正高级", "Full senior (正高)"),
    "skill": ("技能等级", "Skilled-worker level"),
    "skill_none": ("无", "None"),
    "skill_senior_worker": ("高级工", "Senior worker (高级工)"),
    "skill_technician": ("技师", "Technician (技师)"),
    "skill_senior_technician": ("高级技师", "Senior technician (高级技师)"),
    "buy_home": ("是否在当地购房", "Will you buy a home there?"),
    "buy_home_1": ("购房", "Yes"),
    "buy_home_0": ("不购房", "No"),
    "years": ("愿意服务年限", "Years you would stay"),
    "years_n": ("{n}年", "{n} years"),
    "province": ("省份", "Province"),
    "all_provinces": ("全部省份", "All provinces"),
    "calculate": ("计算", "Calculate"),
    "empty_profile": (
        "请至少选择学历、职称或技能等级中的一项。",
        "Choose at least a degree, a title or a skill level.",
    ),
    "no_places": ("没有地区有适用于该情况的待遇。", "No place has an offer for this profile."),
    "how_title": ("怎么算的", "How this is counted"),
    "rule_levels": (
        "学历按层次对应(博士对博士);写明“及以上”的对更高学历也适用;博士后可享受博士待遇。职称、技能等级为最低要求。",
        "Degrees match their own tier (a doctorate gets the 博士 offer); a phrase saying 及以上 is "
        "open to higher degrees; postdocs also get 博士 offers. Titles and skill levels are minimums.",
    ),
    "rule_periods": (
        "一次性金额计一次;按月发放的×12×年限,按年发放的×年限,文章写明期限的以期限为上限;多年合计的按服务年限折算。",
        "One-off amounts count once; monthly ones ×12×years, yearly ones ×years, capped by any "
        "duration the article states; a multi-year total is pro-rated to the years you stay.",
    ),
    "rule_up_to": (
        "“最高”金额是上限,与确定金额分开相加。",
        "“Up to” amounts are ceilings, summed apart from exact ones.",
    ),
    "rule_alternatives": (
        "同一地区同一类别的多项待遇视为可选方案(政策通常“就高不重复”):计入金额最高的一项,其余列为备选,可点选改用。",
        "Several offers of one category at one place are alternatives (policies usually grant "
        "the best one only): the largest counts, the others are listed and you may pick one.",
    ),
    "rule_hierarchy": (
        "区县的结果包含其所属地级市和省的待遇(注明来源),每项待遇只计一次;同一类别中本级与上级的待遇视为可选方案,计入较高者。",
        "A county's or district's result includes its prefecture's and province's offers (each marked "
        "with where it comes from), every offer once; its own and a higher level's offer of one "
        "kind are alternatives, and the larger counts.",
    ),
    "rule_package": (
        "“综合待遇”是多项待遇的合计,与其组成部分只计其一(取较大者),从不相加。",
        "A package total bundles several offers, so either the package or its parts count "
        "(the larger), never both.",
    ),
    "rule_checks": (
        "无法从个人情况判断的条件(园区、学科、年龄、全职引进等)列为“请核实”;未写明对象的待遇列为“可能适用”,不计入合计;只有实物待遇的地区不排名。",
        "Conditions a profile cannot settle (a zone, a discipline list, an age limit, full-time "
        "recruitment) are listed under “check this”; offers naming no one “may apply” and are "
        "not added; places with in-kind offers only are listed without a total, not ranked.",
    ),
    "results_for": ("计算结果", "Results"),
    "more_offers": ("{place}另有 {n} 条待遇(可选方案、实物、可能适用或不符合)", "{n} more offers at {place}: alternatives, in kind, may apply or not for you"),
    "all_places": ("全部地区的排名", "The ranking of all places"),
    "truncated": (
        "显示排名前 {shown} 个地区(共 {total} 个);选择省份可查看其余地区。",
        "Showing the first {shown} of {total} places; choose a province to see the others.",
    ),
    "ranked": ("按确定金额排名", "Ranked by the certain total"),
    "unranked": ("没有可计算金额的地区", "Places without a total"),
    "unranked_note": (
        "以下地区只有实物待遇、可能适用的待遇或不符合条件的待遇,因此不给出合计,也不排名。",
        "These places have only in-kind offers, offers that may apply, or offers you do not "
        "qualify for: no total is given and they are not ranked.",
    ),
    "chart_title": ("前{n}个地区的待遇构成", "What makes up the total, top {n} places"),
    "chart_desc": (
        "条形按类别分段;实心为确定金额,斜线为“最高”上限。每段的类别与金额也以文字列出。",
        "Each bar is split by category; solid parts are certain, hatched parts are “up to” "
        "ceilings. Every segment's category and amount is also written out.",
    ),
    "legend": ("图例", "Legend"),
    "certain": ("确定", "certain"),
    "ceiling": ("最高", "up to"),
    "total_certain": ("确定可得", "Certain"),
    "total_up_to": ("另有最高", "Plus up to"),
    "rank_n": ("第{n}名", "No. {n}"),
    "status_counted": ("计入合计", "Counted"),
    "status_alternative": ("备选方案(未计入)", "Alternative (not added)"),
    "status_in_package": ("已含在综合待遇中(未另计)", "Included in the package (not added again)"),
    "status_package_not_added": (
        "综合待遇(小于各项之和,未计入)",
        "Package (smaller than its parts, not added)",
    ),
    "status_in_kind": ("实物/服务", "In kind"),
    "status_may_apply": ("可能适用,请核实(未计入)", "May apply, check (not added)"),
    "status_excluded": ("不符合", "Does not apply"),
    "may_apply_title": ("可能适用", "May apply"),
    "in_kind_title": ("实物与服务", "In kind"),
    "excluded_title": ("不符合条件的待遇({n}条)", "Offers that do not apply ({n})"),
    "alternatives_note": (
        "同类待遇只计一项,这里计入的是:",
        "Only one offer per category counts; counted here:",
    ),
    "in_package_note": ("已含在该综合待遇中:", "Already included in this package:"),
    "use_this": ("改用此方案", "Count this one instead"),
    "reason_no_home": ("购房补贴需要在当地购房", "A home-purchase subsidy needs a home purchase"),
    "reason_purchase": ("条件要求在当地购房", "The conditions require buying a home"),
    "reason_service": (
        "要求服务满{detail}年,超过所填年限",
        "Requires {detail} years of service, more than you commit",
    ),
    "reason_rank": ("要求:{detail}", "Requires: {detail}"),
    "check_this": ("请核实", "Check this"),
    "met": ("已满足", "Met by your profile"),
    "check_location": ("工作地点/园区", "Place of work / zone"),
    "check_recruitment": ("引进方式", "Recruitment terms"),
    "check_certification": ("需经认定", "Needs certification"),
    "check_case_by_case": ("一事一议", "Negotiated case by case"),
    "check_age": ("年龄限制", "Age limit"),
    "check_hukou": ("户籍", "Household registration (户籍)"),
    "check_discipline": ("学科/专业限制", "Discipline list"),
    "check_graduate": ("面向高校毕业生,多指应届", "For graduates, often recent ones only"),
    "check_no_level": ("未写明对象", "Names no target level"),
    "check_other": ("其他条件", "Other condition"),
    "valued": ("按所填年限计", "Over your years"),
    "basis_one_off": ("一次性", "one-off"),
    "basis_monthly": ("每月{amount} × {n}个月", "{amount} a month × {n} months"),
    "basis_yearly": ("每年{amount} × {n}年", "{amount} a year × {n} years"),
    "basis_multi_year": ("多年合计", "multi-year total"),
    "capped": ("以文章写明的期限为上限", "capped by the duration the article states"),
    "prorated": ("按{stay}/{months}个月折算", "pro-rated: {stay} of {months} months"),
    "json": ("JSON", "JSON"),
    "share": ("本页网址即为该情况,可直接发送。", "This page's address holds the profile: send it as it is."),
}


def _lookup(key: str, lang: str) -> str:
    return in_language(TEXT[key], lang)


def labeller(prefs: Prefs) -> Callable[..., str]:
    """A `c(key, **values)` for templates: the label in the reader's language and script."""

    def c(key: str, **values: Any) -> str:
        text = _lookup(key, prefs.lang)
        return prefs.data(text.format(**values) if values else text)

    return c


def api_label(key: str, lang: str) -> str:
    """A label for the JSON API, which follows `lang` but always answers in simplified characters."""
    return _lookup(key, lang)
