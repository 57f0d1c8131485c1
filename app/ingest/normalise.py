"""Normalisation: the dirty article in, the clean simplified text every extractor reads out.

Each rule is a pure function over text, tested on real sentences. Damage is marked, never repaired
by guessing: a character lost to a broken re-encoding stays lost, and the article says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import opencc
from opencc import OpenCC

# --- character-level folding ---------------------------------------------------------------------

_FULLWIDTH_ALNUM = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF5B) if chr(c).isalnum()}
_SPACES = {0x3000: " ", 0x00A0: " ", 0x200B: None, 0xFEFF: None, 0x2002: " ", 0x2003: " "}


def fold_width(text: str) -> str:
    """Full-width digits and letters become ASCII (１２万 -> 12万) so numbers parse one way; CJK
    punctuation is kept, since quotes must read as the article wrote them."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.translate(_FULLWIDTH_ALNUM).translate(_SPACES)


# --- pinyin glosses --------------------------------------------------------------------------------

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
# A toned syllable in brackets is a gloss wherever it stands: after a character, or after the
# debris of one lost to a broken re-encoding ("越逃I(lǐng)域"). Untoned Latin text such as (AI) stays.
_PINYIN_GLOSS = re.compile(rf"[(（]\s*(?=[a-z{_TONED}]*[{_TONED}])[a-z{_TONED}]{{1,7}}\s*[)）]")


def strip_pinyin_glosses(text: str) -> tuple[str, int]:
    """Remove the readings a converter left after characters: 醫(yī)療 -> 醫療, 補(bǔ)貼 -> 補貼.
    Only toned pinyin counts, so (北京) or (AI) are never touched."""
    return _PINYIN_GLOSS.subn("", text)


# --- page junk -------------------------------------------------------------------------------------

_TAIL_MARKERS = re.compile(
    r"^\s*[\[【(（]?\s*(?:责任编辑|責任編輯|责编|責編|编辑|編輯|校对|校對|审核|審核|监制|監製)\s*[:：]"
    r"|^\s*(?:相关新闻|相關新聞|相关阅读|相關閱讀|相关链接|相關鏈接|新闻推荐|新聞推薦|最新推荐|最新推薦|推荐阅读|推薦閱讀"
    r"|热点推荐|熱點推薦|延伸阅读|延伸閱讀|猜你喜欢|猜你喜歡|热门推荐|熱門推薦|扫一扫|掃一掃|分享到|上一篇|下一篇)"
    r"|版权所有|版權所有|Copyright|©|ICP备|ICP備|公网安备|公網安備|许可证[:：]|許可證[:：]|举报电话|舉報電話|违法和不良信息"
)
_JUNK_LINE = re.compile(
    r"^\s*(?:\S+\.(?:jpe?g|png|gif|webp)"
    r"|.*_fororder_.*"
    r"|(?:热门|熱門|热搜|熱搜)\s*[:：].*"
    r"|(?:浏览量|瀏覽量|阅读量|閱讀量|点击数|點擊數|浏览次数|瀏覽次數)\s*[:：]?\s*\d*"
    r"|(?:分享|打印|关闭窗口|關閉窗口|收藏|【字体|【字體|字号|字號)\S{0,6}"
    r"|[【\[]?(?:字体|字體|字号|字號)\s*[:：]\s*(?:[大中小默认認]+\s*)+[】\]]?"
    r"|https?://\S+)\s*$",
    re.IGNORECASE,
)
TAIL_SEARCH_FROM = 0.3  # a tail marker in the first 30% of the text is a header, not the tail


def remove_page_junk(text: str) -> tuple[str, int]:
    """Drop the page furniture around an article: the tail from the first editor line, licence,
    copyright or related-links heading on, and stray image names, view counters and share buttons
    anywhere. Returns the text and how many lines were removed."""
    lines = text.split("\n")
    total = max(len(text), 1)
    offset = 0
    cut = len(lines)
    for i, line in enumerate(lines):
        if offset / total >= TAIL_SEARCH_FROM and _TAIL_MARKERS.search(line):
            cut = i
            break
        offset += len(line) + 1
    kept = [line for line in lines[:cut] if not _JUNK_LINE.match(line)]
    removed = len(lines) - len(kept) - _trailing_blank(lines[cut:])
    return "\n".join(kept).rstrip() + "\n", max(removed, 0)


def _trailing_blank(lines: list[str]) -> int:
    return sum(1 for line in lines if not line.strip())


# --- script ----------------------------------------------------------------------------------------


@lru_cache(maxsize=2)
def _converter(config: str) -> OpenCC:
    return OpenCC(config)


@lru_cache(maxsize=1)
def _traditional_chars() -> frozenset[str]:
    """Characters OpenCC's t2s character table changes (from its own TSCharacters data)."""
    table = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    chars = set()
    for line in table.read_text("utf-8").splitlines():
        key, _, values = line.partition("\t")
        if key not in values.split():
            chars.add(key)
    return frozenset(chars)


def to_simplified(text: str) -> str:
    """t2s, skipped when no character could change: most articles are simplified already and the
    pure-Python converter is the slowest step of ingest."""
    if _traditional_chars().isdisjoint(text):
        return text
    return _converter("t2s").convert(text)


def to_traditional(text: str) -> str:
    return _converter("s2t").convert(text)


_CJK = re.compile(r"[\u4e00-\u9fff]")


def detect_script(original: str, simplified: str) -> str:
    """traditional, simplified or mixed, from the share of characters that t2s changed."""
    if original is simplified or original == simplified:
        return "simplified"
    cjk = len(_CJK.findall(original))
    changed = sum(1 for a, b in zip(original, simplified, strict=False) if a != b)
    share = changed / cjk if cjk else 0.0
    if share >= 0.05:
        return "traditional"
    return "mixed" if share >= 0.01 else "simplified"


# --- lost characters -------------------------------------------------------------------------------

_LOST = re.compile(
    r"\ufffd+|锟斤拷|烫烫烫|屯屯屯"
    r"|(?<=[\u4e00-\u9fff])\?+(?=[\u4e00-\u9fff\d!])|(?<=[\u4e00-\u9fff\d])\?+(?=[\u4e00-\u9fff])"
)


# A clause that asks something ends in a real question mark, even when the next sentence follows it
# with no space (人才缘何纷纷落户油城?克拉玛依市委组织部相关负责人说).
_QUESTION_CLAUSE = re.compile(
    r"(?:何|吗|呢|什么|怎|哪|谁|多少|是否|难道|岂|([\u4e00-\u9fff])[不没]\1)[^，,。；;：:！!？?\n]*$"
)
_CLAUSE_START = re.compile(r"[，,。；;：:！!？?“”\n][^，,。；;：:！!？?“”\n]*$")


def _is_question(text: str, pos: int) -> bool:
    left = text[max(0, pos - 40) : pos]
    m = _CLAUSE_START.search(left)
    return bool(_QUESTION_CLAUSE.search(left[m.start() + 1 :] if m else left))


def find_lost_chars(text: str) -> list[tuple[int, int]]:
    """Spans where characters were lost to a broken re-encoding: U+FFFD, mojibake markers, or an ASCII
    '?' wedged inside Chinese text (群岛?创新). A '?' that ends a clause, or a clause that asks
    something (缘何…?), is a real question mark."""
    return [
        (m.start(), m.end())
        for m in _LOST.finditer(text)
        if not (m.group(0).startswith("?") and _is_question(text, m.start()))
    ]


# --- the whole step --------------------------------------------------------------------------------


@dataclass
class NormalisedText:
    text: str
    script: str
    damage: list[str] = field(default_factory=list)
    lost_spans: list[tuple[int, int]] = field(default_factory=list)


def normalise(original: str) -> NormalisedText:
    text = fold_width(original)
    text, glosses = strip_pinyin_glosses(text)
    text, junk_lines = remove_page_junk(text)
    simplified = to_simplified(text)
    script = detect_script(text, simplified)
    lost = find_lost_chars(simplified)
    damage = [
        flag
        for flag, present in (
            ("pinyin_gloss", glosses > 0),
            ("lost_chars", bool(lost)),
            ("page_junk", junk_lines > 0),
        )
        if present
    ]
    return NormalisedText(text=simplified, script=script, damage=damage, lost_spans=lost)
