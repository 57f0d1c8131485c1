"""Which place an article is about: the most specific place whose policy it describes.

Every mention of a full name, short name or nickname is a vote, weighted by how sure the form is
and where it stands (the title counts double). Publisher names (阿克苏日报, 义乌人才网) and source or
byline lines are not votes: a 舟山 article republished by 义乌人才网 is still about 舟山. Once the
best-supported place is known we walk down to a child that is discussed nearly as much (an article on
福田区's subsidies belongs to 福田区, not 深圳市).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from app.places.gazetteer import DATA_DIR, LEVEL_RANK, PlaceRecord, load_gazetteer
from app.places.zones import Zone, find_zones

FORM_WEIGHT = {"full": 3.0, "short": 2.0, "nickname": 2.0}
TITLE_FACTOR = 2.0
DESCEND_RATIO = 0.5
MIN_SCORE = 2.0

# A name followed by one of these is a publisher or a website, not the subject. "南京发布" is a
# government's news account, but "南京发布了人才政策" is the city acting: 发布 names an account only
# when nothing of a sentence goes on after it (a quote mark, a bracket, a line end, 微信/公众号/消息).
_PUBLISHER_AFTER = re.compile(
    r"(?:人才网|新闻网|人民政府网|政府网|网讯|网|日报|晚报|商报|都市报|广播电视台|电视台|融媒体"
    r"|发布(?=$|[\s”」』\"'）)】\]、，,。]|微信|公众号|消息|客户端))"
)
_SOURCE_LINE = re.compile(
    r"^\s*[\[【(（]?\s*(?:来源|稿源|来自|出处|作者|编辑|责任编辑|记者|通讯员|发布时间|时间|浏览)\s*[:：]|来源\s*[:：]"
)
_HAN = re.compile(r"[\u4e00-\u9fff]")
COMMON_WORDS_FILE = DATA_DIR / "common_short_names.txt"


def _common_words() -> frozenset[str]:
    """Short names that are also ordinary words (白银 in 真金白银, 全州): they only count in full."""
    lines = COMMON_WORDS_FILE.read_text("utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


@dataclass(frozen=True)
class Mention:
    adcodes: tuple[str, ...]
    form: str
    start: int
    end: int
    weight: float
    in_title: bool = False
    opens: bool = False  # starts its text or follows a non-Han character: not inside a word


@dataclass
class PlaceGuess:
    place: PlaceRecord
    chain: list[PlaceRecord]  # from the province down to the place


class PlaceIndex:
    """An Aho-Corasick automaton over every name form, built once per process (about 10k patterns)."""

    def __init__(self, records: tuple[PlaceRecord, ...]):
        self.by_code = {r.adcode: r for r in records}
        self.names = frozenset(r.name for r in records)
        common = _common_words()
        forms: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for r in records:
            forms[r.name].append((r.adcode, "full"))
            for s in r.short_names:
                if s not in common:
                    forms[s].append((r.adcode, "short"))
            for n in r.nicknames:
                forms[n].append((r.adcode, "nickname"))
        self.automaton = ahocorasick.Automaton()
        for text, entries in forms.items():
            # A full name beats a short form of the same spelling (朝阳区 vs 朝阳 of 朝阳市).
            best = min(FORM_RANK[f] for _, f in entries)
            kept = tuple(sorted({(c, f) for c, f in entries if FORM_RANK[f] == best}))
            self.automaton.add_word(text, (text, kept))
        self.automaton.make_automaton()
        self._last: tuple[tuple[str, float], tuple[Mention, ...]] | None = None

    def chain(self, adcode: str) -> list[PlaceRecord]:
        out = []
        rec: PlaceRecord | None = self.by_code[adcode]
        while rec is not None:
            out.append(rec)
            rec = self.by_code.get(rec.parent_adcode) if rec.parent_adcode else None
        return out[::-1]

    def is_ancestor(self, ancestor: str, adcode: str) -> bool:
        return any(r.adcode == ancestor for r in self.chain(adcode)[:-1])

    def mentions(self, text: str, weight: float = 1.0, in_title: bool = False) -> list[Mention]:
        """Every name form in the text. The last body's answer is kept: finding the article's place
        and attributing a roundup's rows read the same body one after the other."""
        if in_title:
            return self._find(text, weight, in_title)
        key = (text, weight)
        last = self._last
        if last is not None and last[0] == key:
            return list(last[1])
        out = self._find(text, weight, in_title)
        self._last = (key, tuple(out))
        return out

    def _find(self, text: str, weight: float, in_title: bool) -> list[Mention]:
        out = []
        for end, (word, entries) in self.automaton.iter_long(text):
            start = end - len(word) + 1
            if _PUBLISHER_AFTER.match(text, end + 1):
                continue
            form = entries[0][1]
            out.append(
                Mention(
                    tuple(c for c, _ in entries),
                    form,
                    start,
                    end + 1,
                    FORM_WEIGHT[form] * weight,
                    in_title,
                    opens=start == 0 or not _HAN.match(text, start - 1),
                )
            )
        return out


FORM_RANK = {"full": 0, "short": 1, "nickname": 2}


@lru_cache(maxsize=1)
def default_index() -> PlaceIndex:
    return PlaceIndex(load_gazetteer())


@lru_cache(maxsize=2)  # finding the place and reading a roundup strip the same text in turn
def strip_source_lines(text: str) -> str:
    """Blank out source, byline and date lines, keeping offsets (they name publishers, not subjects)."""
    lines = text.split("\n")
    return "\n".join(" " * len(line) if _SOURCE_LINE.search(line) else line for line in lines)


def _plausible(
    m: Mention, index: PlaceIndex, named: set[str], full: set[str], headlined: set[str]
) -> tuple[str, ...]:
    """The candidates a mention may stand for. A county's short name (汶上, 松北) is also often an
    ordinary word (资源, 友好, 全州), so it counts only when its parent is named too, its full name
    appears somewhere in the article, or (for a county, 县级市 included: 义乌, 昆山) the headline
    names it and the body names it again: a word that happens to spell a county is not the subject
    of both."""
    if m.form != "short":
        return m.adcodes
    out = []
    for code in m.adcodes:
        rec = index.by_code[code]
        if (
            rec.level in ("county", "district")
            and code not in full
            and rec.parent_adcode not in named
            and not (rec.level == "county" and code in headlined)
        ):
            continue
        out.append(code)
    return tuple(out)


def resolve_mentions(mentions: list[Mention], index: PlaceIndex) -> list[tuple[Mention, str]]:
    """Each mention with the place it stands for, in text order; a mention whose form is shared by
    several places goes to the one the rest of the article supports, and a truly ambiguous one (two
    prefectures called 朝阳 with no context) or an implausible one is left out."""
    named = {c for m in mentions for c in m.adcodes}
    full = {m.adcodes[0] for m in mentions if m.form == "full" and len(m.adcodes) == 1}
    # A headline that opens on a name ("义乌出台人才新政", "重磅！昆山…") names its subject; one met
    # inside a word ("弘扬中华" holds 扬中) does not.
    in_title = {c for m in mentions if m.in_title and m.opens for c in m.adcodes}
    in_body = {c for m in mentions if not m.in_title for c in m.adcodes}
    headlined = in_title & in_body
    plausible = [(m, _plausible(m, index, named, full, headlined)) for m in mentions]
    scores: dict[str, float] = defaultdict(float)
    for m, codes in plausible:
        if len(codes) == 1:
            scores[codes[0]] += m.weight
    chosen: dict[int, str] = {}
    for k, (m, codes) in enumerate(plausible):
        if len(codes) == 1:
            chosen[k] = codes[0]
            continue
        if not codes:
            continue

        def support(code: str) -> tuple[float, int]:
            context = sum(scores.get(r.adcode, 0.0) for r in index.chain(code))
            return (context, -LEVEL_RANK[index.by_code[code].level])

        ranked = sorted(codes, key=support, reverse=True)
        if support(ranked[0]) == support(ranked[1]):
            continue
        scores[ranked[0]] += m.weight
        chosen[k] = ranked[0]
    return [(plausible[k][0], code) for k, code in sorted(chosen.items())]


def _resolve(mentions: list[Mention], index: PlaceIndex) -> dict[str, float]:
    """Turn mentions into scores: each resolved mention votes for its place with its weight."""
    scores: dict[str, float] = defaultdict(float)
    for m, code in resolve_mentions(mentions, index):
        scores[code] += m.weight
    return scores


def find_place(text: str, title: str | None = None, index: PlaceIndex | None = None) -> PlaceGuess | None:
    """The place an article is about, or None when no place is named often enough to be sure."""
    index = index or default_index()
    body = strip_source_lines(text)
    mentions = index.mentions(body)
    zones = find_zones(body, mentions, index, FORM_WEIGHT["full"])
    if title:
        title_mentions = index.mentions(title, TITLE_FACTOR, in_title=True)
        zones += find_zones(title, title_mentions, index, FORM_WEIGHT["full"] * TITLE_FACTOR)
        mentions += title_mentions
    scores = _resolve(mentions, index)
    if not scores:
        return None
    best = max(scores, key=lambda c: (scores[c], -LEVEL_RANK[index.by_code[c].level]))
    if scores[best] < MIN_SCORE:
        return None
    current = best
    while True:
        children = [
            c
            for c in scores
            if c != current and index.is_ancestor(current, c) and scores[c] >= DESCEND_RATIO * scores[current]
        ]
        if not children:
            break
        current = max(children, key=lambda c: scores[c])
    zone = _zone_under(current, zones, scores, index)
    if zone is not None:
        return PlaceGuess(place=zone, chain=[*index.chain(zone.parent_adcode or current), zone])
    return PlaceGuess(place=index.by_code[current], chain=index.chain(current))


def _zone_under(
    current: str, zones: list[Zone], scores: dict[str, float], index: PlaceIndex
) -> PlaceRecord | None:
    """A development zone hosted by the place found (or by one of its descendants) that the article
    discusses nearly as much as that place: the article is the zone's (合肥经开区's policy, not 合肥's)."""
    weights: dict[str, float] = defaultdict(float)
    records: dict[str, PlaceRecord] = {}
    for z in zones:
        weights[z.record.adcode] += z.weight
        records[z.record.adcode] = z.record
    ranked = sorted(weights, key=lambda c: weights[c], reverse=True)
    for code in ranked:
        host = records[code].parent_adcode or ""
        if host != current and not index.is_ancestor(current, host):
            continue
        if weights[code] >= max(MIN_SCORE, DESCEND_RATIO * scores.get(current, 0.0)):
            return records[code]
    return None
