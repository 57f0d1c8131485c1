"""The reader's two choices, interface language (中文/English) and script (简/繁), and every UI label.

Both choices come from the URL (`lang=en`, `script=hant`) so a shared link shows what its sender saw,
and are mirrored in cookies so they survive navigation without every link carrying them. Data (quotes,
place names, article text) is stored in simplified characters and converted per request with OpenCC.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from functools import lru_cache
from http.cookies import SimpleCookie
from typing import Any

from opencc import OpenCC
from starlette.requests import Request

from app.formatting import format_yuan, format_yuan_short
from app.places.english import english_name
from app.vocab import AMOUNT_KINDS, CATEGORIES, PERIODS, PLACE_LEVELS, TARGET_LEVELS, label

LANGS = ("zh", "en")
SCRIPTS = ("hans", "hant")
DEFAULT_LANG = "zh"
DEFAULT_SCRIPT = "hans"
COOKIE_MAX_AGE = 365 * 24 * 3600

_S2T = OpenCC("s2t")  # stateless after loading its dictionaries; loading them per request is slow
_T2S = OpenCC("t2s")

TEXT: dict[str, tuple[str, str]] = {
    "site": ("人才政策地图", "Talent Policy Atlas"),
    "tagline": (
        "各地人才引进政策、补贴与待遇的可检索数据库",
        "A searchable database of Chinese regional talent incentives",
    ),
    "nav_overview": ("概览", "Overview"),
    "nav_places": ("地区", "Places"),
    "nav_incentives": ("政策检索", "Incentives"),
    "nav_map": ("地图", "Map"),
    "nav_compare": ("对比", "Compare"),
    "nav_calculator": ("待遇计算器", "Calculator"),
    "nav_api": ("API", "API"),
    "skip": ("跳到正文", "Skip to content"),
    "map_title": ("待遇地图", "Map of talent offers"),
    "measure": ("显示", "Show"),
    "measure_best": ("最高单项待遇", "Best single offer"),
    "measure_offers": ("待遇条数", "Number of offers"),
    "measure_kinds": ("待遇种类数", "Number of kinds"),
    "map_show": ("更新地图", "Update the map"),
    "map_legend": ("图例", "Legend"),
    "map_no_offers": ("无符合条件的待遇", "No matching offers"),
    "map_in_kind": ("仅实物待遇(无金额)", "In kind only (no amount)"),
    "map_sizes": ("圆点大小", "Circle sizes"),
    "map_inset": ("南海诸岛", "South China Sea Islands"),
    "map_table": ("地图上的地区", "Places on this map"),
    "map_more": ("另有 {n} 个地区,见地区列表", "and {n} more places, see the list of places"),
    "map_empty": ("没有符合这些条件的待遇。放宽筛选条件试试。", "No offers match these filters. Try fewer of them."),
    "map_in_explorer": ("在检索页查看这些待遇", "These offers in the explorer"),
    "map_highlighted": ("标出的地区", "Marked place"),
    "on_the_map": ("在地图上查看", "See it on the map"),
    "subscribe": ("订阅(Atom)", "Subscribe (Atom)"),
    "outdated": ("可能已过时", "possibly outdated"),
    "outdated_note": ("发布已超过五年,政策可能已更新", "Published more than five years ago; the policy may have changed since"),
    "date_unknown": ("日期不详", "date unknown"),
    "current_note": ("每类待遇取该地最新一篇文章的内容;较早文章的待遇见下方“历史”。", "Each kind shows what this place's newest article on it says; what earlier articles said is under History below."),
    "history": ("历史", "History"),
    "history_newest": ("以下为最近的 {shown} 条。", "The {shown} most recent are below."),
    "metrics_newest": ("显示最近文章中的 {shown} 项。", "The {shown} from the most recent articles."),
    "best_offer": ("最高", "best"),
    "no_own_offers": ("本地区的文章中暂无待遇;以下是上级地区同样适用的待遇。", "No offers of its own in the articles yet; below are those of the places above it, which apply here too."),
    "also_applies": ("上级地区的待遇(本地同样适用)", "Also applies here, from the places above"),
    "also_applies_note": ("地级市的政策通常覆盖其下辖区县,省级政策覆盖全省;每条注明来源地区。", "A prefecture's policies usually cover its counties and districts, a province's the whole province; each row says where it comes from."),
    "from_place": ("来自{place}", "From {place}"),
    "all_n_offers": ("查看全部 {n} 条", "All {n} offers"),
    "place_only": ("仅此地区(不含下辖地区)", "This place only (not the places under it)"),
    "history_note": ("较早文章中的同类待遇,可能已被新政策取代。", "The same kinds of offer in earlier articles; newer policies may have replaced them."),
    "copy_link": ("复制链接", "Copy link"),
    "copied": ("已复制", "Copied"),
    "language": ("语言", "Language"),
    "script": ("字形", "Script"),
    "script_hans": ("简体", "Simplified"),
    "script_hant": ("繁體", "Traditional"),
    "places": ("地区", "Places"),
    "articles": ("文章", "Articles"),
    "incentives": ("条待遇", "incentives"),
    "incentives_title": ("人才待遇", "Incentives"),
    "incentive": ("待遇", "Incentive"),
    "count_places": ("个有数据的地区", "places with data"),
    "count_articles": ("篇文章", "articles"),
    "count_incentives": ("条待遇", "incentives"),
    "headline_offer": ("各地最高单项待遇", "Largest single offer per place"),
    "headline_offer_for": ("各地最高待遇:", "Largest offer per place:"),
    "chart_desc": (
        "条形长度表示金额,每条都标注地区、金额、类别与原文。",
        "Bar length is the amount; each bar is labelled with place, amount, category and quote.",
    ),
    "categories_counts": ("待遇类别", "Categories"),
    "newest_articles": ("最新文章", "Newest articles"),
    "all_incentives": ("查看全部待遇", "See all incentives"),
    "filters": ("筛选", "Filters"),
    "skip_to_results": ("跳到结果", "Skip to the results"),
    "category": ("类别", "Category"),
    "province": ("省份", "Province"),
    "place": ("地区", "Place"),
    "target_level": ("人才层次", "Target level"),
    "amount": ("金额", "Amount"),
    "amount_min": ("最低金额(元)", "Minimum (yuan)"),
    "amount_max": ("最高金额(元)", "Maximum (yuan)"),
    "period": ("发放方式", "Period"),
    "has_amount": ("金额", "Amount"),
    "has_amount_any": ("不限", "Any"),
    "has_amount_true": ("有金额", "With an amount"),
    "has_amount_false": ("无金额(实物)", "In kind only"),
    "year": ("发布年份", "Year published"),
    "year_placeholder": ("如 2024", "e.g. 2024"),
    "q": ("全文检索", "Full-text search"),
    "q_placeholder": ("如:购房补贴、博士、克拉玛依", "e.g. 购房补贴, 博士, 克拉玛依"),
    "place_placeholder": ("输入地名或拼音,如 kelamayi", "Type a name or its pinyin, e.g. kelamayi"),
    "any": ("全部", "All"),
    "apply": ("应用筛选", "Apply filters"),
    "reset": ("清除筛选", "Clear filters"),
    "sort": ("排序", "Sort"),
    "sort_amount": ("金额从高到低", "Amount, highest first"),
    "sort_amount_asc": ("金额从低到高", "Amount, lowest first"),
    "sort_place": ("地区", "Place"),
    "sort_category": ("类别", "Category"),
    "sort_date": ("发布日期,最新在前", "Date, newest first"),
    "sort_date_asc": ("发布日期,最早在前", "Date, oldest first"),
    "results": ("结果", "Results"),
    "n_results": ("条结果", "results"),
    "facets_capped": (
        "匹配超过 {n} 条:加上类别、人才层次或地区,即可看到分类计数。",
        "More than {n} matches: add a kind, a level or a place to see the counts by kind and level.",
    ),
    "no_results": ("没有符合条件的待遇。试试减少筛选条件。", "No incentive matches. Try removing a filter."),
    "remove_filter": ("移除筛选", "Remove filter"),
    "download_csv": ("下载 CSV", "Download CSV"),
    "json": ("JSON", "JSON"),
    "page": ("页", "Page"),
    "page_of": ("第 {page} / {pages} 页", "Page {page} of {pages}"),
    "places_range": ("第 {first}–{last} 个,共 {total} 个地区", "Places {first}–{last} of {total}"),
    "prev": ("上一页", "Previous"),
    "next": ("下一页", "Next"),
    "pagination": ("分页", "Pagination"),
    "in_kind": ("实物/服务", "In kind"),
    "who": ("适用对象", "Who qualifies"),
    "conditions": ("条件", "Conditions"),
    "quote": ("原文", "Quote"),
    "source_article": ("来源文章", "Source article"),
    "published": ("发布日期", "Published"),
    "publisher": ("来源", "Publisher"),
    "file": ("文件", "File"),
    "original_page": ("原网页", "Original page"),
    "read_on": ("收录日期", "Read by the atlas on"),
    "unknown": ("未知", "unknown"),
    "place_list_title": ("有数据的地区", "Places with data"),
    "name": ("名称", "Name"),
    "level": ("级别", "Level"),
    "top_amount": ("最高金额", "Top amount"),
    "n_incentives": ("待遇数", "Incentives"),
    "parent": ("上级", "Part of"),
    "children": ("下辖有数据的地区", "Subdivisions with data"),
    "policies": ("政策文件", "Policies"),
    "metrics": ("数据指标", "Metrics"),
    "no_place_data": ("暂无该地区的数据。", "No data for this place yet."),
    "explore_place": ("在检索中查看", "Open in the explorer"),
    "compare_title": ("地区对比", "Compare places"),
    "compare_intro": (
        "类别为行、地区为列;每格列出各人才层次的最高待遇,悬停或聚焦可见原文。",
        "Categories down, places across; each cell shows the best offer per target level, "
        "with its quote on hover or focus.",
    ),
    "add_place": ("添加地区", "Add a place"),
    "add": ("添加", "Add"),
    "remove": ("移除", "Remove"),
    "compare_empty": ("请选择要对比的地区。", "Choose places to compare."),
    "compare_full": ("最多对比 {n} 个地区。", "At most {n} places can be compared."),
    "all_levels": ("未注明层次", "Any level"),
    "none": ("—", "—"),
    "article_text": ("正文(标出抽取内容)", "Text with extracted items highlighted"),
    "original_text": ("原始文本", "Original text"),
    "show_original": ("查看原始文本", "Show the original text"),
    "damage": ("文本损坏提示", "Damage warnings"),
    "damage_pinyin_gloss": (
        "转换残留的拼音注音已删除,如“服务(wù)”",
        "Pinyin glosses left by a converter were removed",
    ),
    "damage_lost_chars": (
        "部分字符在转码中丢失(显示为“?”或乱码),原文未作补全",
        "Some characters were lost to a broken re-encoding (shown as ? or stray symbols); "
        "they were not guessed",
    ),
    "damage_page_junk": (
        "文末的编辑署名、版权、相关链接等页面杂项已去除",
        "Page furniture (editor lines, copyright, related links) was cut off",
    ),
    "extracted": ("抽取内容", "Extracted items"),
    "legend_incentive": ("待遇", "Incentive"),
    "legend_metric": ("指标", "Metric"),
    "legend_policy": ("政策", "Policy"),
    "cite": ("引用", "Cite"),
    "cite_help": ("可直接粘贴到论文或笔记中的引用:", "A citation to paste into a paper or notes:"),
    "copy_citation": ("复制引用", "Copy citation"),
    "amount_kind": ("金额类型", "Amount kind"),
    "duration": ("期限", "Duration"),
    "months": ("个月", "months"),
    "error_404": ("找不到该页面", "Not found"),
    "error_404_text": ("没有这个地区、文章或待遇。", "There is no such place, article or incentive."),
    "error_422": ("参数有误", "Invalid parameters"),
    "error_422_text": ("以下参数无法使用:", "These parameters could not be used:"),
    "error_405": ("不支持的请求方法", "Method not allowed"),
    "error_other": ("出错了", "Something went wrong"),
    "back_home": ("返回首页", "Back to the overview"),
    "api_title": ("API 文档", "API documentation"),
    "api_intro": (
        "所有接口只读,返回 JSON;筛选参数与检索页相同。机器可读的 OpenAPI 描述:",
        "Every endpoint is read-only and returns JSON; filters are the explorer's. "
        "Machine-readable OpenAPI description:",
    ),
    "parameters": ("参数", "Parameters"),
    "data_view": ("数据视图", "Data view"),
    "table_caption_places": ("有数据的地区列表", "Places that have data"),
    "no_articles": ("暂无文章。", "No articles yet."),
}


@lru_cache(maxsize=4096)
def to_traditional(text: str) -> str:
    """Stored (simplified) text in traditional characters. Remembered: the converter is pure Python
    and slow (a page of fifty quotes took 30 ms), while the texts a reader meets repeat from page
    to page; 4,096 quotes and labels are a few megabytes."""
    return _S2T.convert(text)


def to_simplified(text: str) -> str:
    """What a reader typed in either script, as the data is stored (simplified), for matching."""
    return _T2S.convert(text)


def in_language(pair: tuple[str, str], lang: str) -> str:
    """The Chinese or English half of a (zh, en) label pair; every label table holds such pairs."""
    return pair[0] if lang == "zh" else pair[1]


def _lookup(key: str, lang: str) -> str:
    return in_language(TEXT[key], lang)


@dataclass(frozen=True)
class Prefs:
    """One request's language and script, with the label and conversion helpers templates call."""

    lang: str = DEFAULT_LANG
    script: str = DEFAULT_SCRIPT

    @property
    def html_lang(self) -> str:
        if self.lang == "en":
            return "en"
        return "zh-Hant" if self.script == "hant" else "zh-Hans"

    def t(self, key: str, **values: Any) -> str:
        """A UI label in the interface language (and script), with {placeholders} filled."""
        text = _lookup(key, self.lang).format(**values) if values else _lookup(key, self.lang)
        return self.data(text)

    def data(self, text: str | None) -> str:
        """Stored text as the reader asked to see it: simplified as stored, or traditional."""
        if not text:
            return ""
        return to_traditional(text) if self.script == "hant" else text

    def category(self, slug: str | None) -> str:
        return self.data(label(CATEGORIES, slug, self.lang))

    def level(self, slug: str | None) -> str:
        return self.data(label(TARGET_LEVELS, slug, self.lang))

    def period(self, slug: str | None) -> str:
        return self.data(label(PERIODS, slug, self.lang))

    def amount_kind(self, slug: str | None) -> str:
        return self.data(label(AMOUNT_KINDS, slug, self.lang))

    def damage(self, code: str) -> str:
        """A damage code explained; a code this version does not know shows as itself."""
        key = f"damage_{code}"
        return self.t(key) if key in TEXT else code

    def place(self, name: str | None) -> str:
        """A place's name: in the English interface its English name with the Chinese beside it
        ("Kelamayi City (克拉玛依市)"), so a reader can still match it to what the articles say."""
        if not name:
            return ""
        if self.lang == "en":
            return f"{english_name(name)} ({self.data(name)})"
        return self.data(name)

    def place_level(self, slug: str | None) -> str:
        return self.data(label(PLACE_LEVELS, slug, self.lang))

    def yuan(self, amount: int | None) -> str:
        return self.data(format_yuan(amount, self.lang))

    def amount(self, amount: int | None, kind: str | None) -> str:
        """An offer's amount with its kind ("最高 50万元", "from ¥10,000"); "" when in kind."""
        if amount is None:
            return ""
        prefix = f"{self.amount_kind(kind)} " if kind in ("up_to", "from") else ""
        return prefix + self.yuan(amount)

    def yuan_short(self, amount: int) -> str:
        return self.data(format_yuan_short(amount, self.lang))


def _choice(request: Request, name: str, allowed: tuple[str, ...], default: str) -> str:
    for value in (request.query_params.get(name), request.cookies.get(name)):
        if value in allowed:
            return value
    return default


def get_prefs(request: Request) -> Prefs:
    """URL first (a shared link wins), then the cookie, then Chinese in simplified characters."""
    return Prefs(
        lang=_choice(request, "lang", LANGS, DEFAULT_LANG),
        script=_choice(request, "script", SCRIPTS, DEFAULT_SCRIPT),
    )


ASGIApp = Callable[
    [MutableMapping[str, Any], Callable[[], Awaitable[Any]], Callable[[Any], Awaitable[None]]],
    Awaitable[None],
]


class RememberPreferences:
    """ASGI middleware: a valid `lang`/`script` in the URL is mirrored into a cookie on the response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        chosen = {name: request.query_params.get(name) for name in ("lang", "script")}
        allowed = {"lang": LANGS, "script": SCRIPTS}
        cookies = [(n, v) for n, v in chosen.items() if v in allowed[n] and request.cookies.get(n) != v]
        if not cookies:
            await self.app(scope, receive, send)
            return

        async def send_with_cookies(message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                for name, value in cookies:
                    cookie = SimpleCookie()
                    cookie[name] = value
                    cookie[name]["path"] = "/"
                    cookie[name]["max-age"] = COOKIE_MAX_AGE
                    cookie[name]["samesite"] = "Lax"
                    headers.append((b"set-cookie", cookie.output(header="").strip().encode("latin-1")))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_cookies)
