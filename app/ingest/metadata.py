"""Title, publisher, publication date and authors, read from an article's header lines.

News pages put these in a handful of shapes (a title, an optional "——" subtitle, a line with the date
and "来源:", a byline with 记者/通讯员/文/图); anything we cannot read stays empty rather than guessed.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import date

HEADER_LINES = 12

_DATE = re.compile(r"(20\d\d|19\d\d)\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
_SOURCE = re.compile(r"(?:来源|稿源|来自)\s*[:：]\s*([^\s|｜丨/,，]{2,30})")
# 记者 and 通讯员 may stand before a name with a space alone; 文, 图 and 摄 only with a slash or colon
# ("文/张晓艳"), or "根据有关文件精神" would give an author called 件精神.
_BYLINE = re.compile(
    r"(?:(?:记者|通讯员|作者)\s*[/／:：]?|(?:文|图|摄)\s*[/／:：])\s*((?:[\u4e00-\u9fff·]{2,4}(?:[ 　、,，]+|$))+)"
)
# A line that opens with a date is a dateline; one that opens with a year is often the title itself
# ("2024年铜仁市玉屏侗族自治县…人才引进公告"). A breadcrumb of the page's navigation is none.
_NOT_TITLE = re.compile(
    r"^(?:发布时间|时间|来源|作者|浏览|热门|本报|记者|□|\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.])"
    r"|^[\d\s:：.-]+$|来源\s*[:：]"
    r"|\s[>›»＞]\s.*\s[>›»＞]\s|^首页"  # a breadcrumb: "网易首页 > 网易号 > 正文"
    r"|文件$|[〔\[【]\d{4}[〕\]】]\s*\d+\s*号$"  # a notice's masthead ("…办公室文件") and its number
)
# A notice ends with its issuer and the date it was issued (落款), each on a line of its own.
_DATE_LINE = re.compile(r"^\s*(?:20\d\d|19\d\d)\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$")
_ISSUER = re.compile(r"^[\u4e00-\u9fff（）()]{4,40}(?:办公室|人民政府|委员会|领导小组|局|厅|部|中心|办|院|会)$")
CLOSING_LINES = 6
# what marks a header line as the article's own dateline: a time, or a word naming the date
_DATELINE_MARK = re.compile(r"\d{1,2}:\d{2}|发布|时间|日期|来源")
_NOT_NAME = {"记者", "通讯员", "本报", "报道", "图片", "摄影"}


@dataclass
class ArticleMeta:
    title: str | None = None
    source: str | None = None
    published: date | None = None
    authors: list[str] = field(default_factory=list)


def _header(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()][:HEADER_LINES]


def find_title(lines: list[str]) -> str | None:
    """A line followed by a "——" subtitle, else a line repeated at the top, else the first plausible line."""
    for prev, line in itertools.pairwise(lines):
        if line.startswith("——") and not _NOT_TITLE.search(prev):
            return prev
    for i, line in enumerate(lines):
        if line in lines[i + 1 :] and 4 <= len(line) <= 60:
            return line
    for line in lines:
        if 4 <= len(line) <= 60 and not _NOT_TITLE.search(line) and not line.endswith(("。", "；", ";")):
            return line
    return None


def find_published(lines: list[str]) -> date | None:
    for line in lines:
        m = _DATE.search(line)
        if m:
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
    return None


def closing(text: str) -> tuple[date | None, str | None]:
    """The date and issuer a notice is signed with at its foot; (None, None) for an article that
    ends otherwise."""
    lines = [line.strip() for line in text.split("\n") if line.strip()][-CLOSING_LINES:]
    for i in range(len(lines) - 1, -1, -1):
        if _DATE_LINE.match(lines[i]):
            issued = find_published(lines[i : i + 1])
            issuer = lines[i - 1] if i > 0 and _ISSUER.match(lines[i - 1]) else None
            return issued, issuer
    return None, None


def find_source(lines: list[str]) -> str | None:
    for line in lines:
        m = _SOURCE.search(line)
        if m:
            return m.group(1)
    return None


def find_authors(lines: list[str]) -> list[str]:
    names: list[str] = []
    for line in lines[:6]:
        for m in _BYLINE.finditer(line):
            for name in re.split(r"[ 　、,，]+", m.group(1)):
                if 2 <= len(name) <= 4 and name not in _NOT_NAME and name not in names:
                    names.append(name)
    return names


def read_metadata(text: str) -> ArticleMeta:
    lines = _header(text)
    issued, issuer = closing(text)
    # a dateline at the top, then the 落款 at the foot, then any date near the top: "本办法自2024年4月
    # 1日起施行" in the first sentences is when a notice applies, not when it was issued
    datelines = [line for line in lines if _DATE_LINE.match(line) or _DATELINE_MARK.search(line)]
    published = find_published(datelines) or issued or find_published(lines)
    source = find_source(lines) or issuer
    return ArticleMeta(
        title=find_title(lines),
        source=source,
        published=published,
        authors=find_authors(lines),
    )
