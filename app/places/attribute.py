"""Whose offer each row is, in an article that covers several places (a roundup).

"各地抢人大战", "黑龙江省各市定向选调生优惠政策汇总", "广州各区硕士补贴": one article, many places, each
paragraph, list item or heading naming whose policy follows. A reader takes the place named last before
an offer as its owner, the way a topic carries on until another is named; we do the same.

A place named in a list of places ("在龙沙区、铁锋区、建华区无住房的", "不止宿迁、南京") is where
someone lives or a comparison, not the topic, so it names no owner. Most articles are about one place
and mention others in passing: the owners are used only when the article really is a roundup, that is
when at least two places that are not one inside the other each own offers of their own.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from app.places.recognise import PlaceIndex, default_index, resolve_mentions, strip_source_lines

# Another place right beside a mention, joined by a list mark: the mention is one item of a list.
_LIST_JOIN = re.compile(r"[、和及与或]")


@dataclass(frozen=True)
class Topic:
    """A place named as the subject of what follows it, from `start` in the article text."""

    start: int
    adcode: str


def topics(text: str, index: PlaceIndex | None = None) -> list[Topic]:
    """The places named in the text as topics, in order: every resolved mention but the items of a
    list of places and the names of publishers or source lines."""
    index = index or default_index()
    body = strip_source_lines(text)
    resolved = resolve_mentions(index.mentions(body), index)
    spans = [(m.start, m.end) for m, _ in resolved]
    named = Counter(code for _, code in resolved)
    out: list[Topic] = []
    for k, (m, code) in enumerate(resolved):
        before = spans[k - 1][1] if k > 0 else None
        after = spans[k + 1][0] if k + 1 < len(spans) else None
        listed = (before is not None and _LIST_JOIN.fullmatch(body, before, m.start)) or (
            after is not None and _LIST_JOIN.fullmatch(body, m.end, after)
        )
        if listed or body.startswith("等", m.end):  # "南京等地": a comparison, not a topic
            continue
        if not _anchored(code, named, index):
            continue

        out.append(Topic(m.start, code))
    return _with_the_rest(body, out, index)


# "…平房区每人每月600元、呼兰区每人每月500元，其他区均为每人每月1000元": the other districts are the
# parent's, since the article names no one of them.
_THE_REST = re.compile(r"(?:其他|其余|其它|其他各|其余各)(?:区县|县区|区|县|县市|县（市、区）|县\(市、区\))")


def _with_the_rest(body: str, found: list[Topic], index: PlaceIndex) -> list[Topic]:
    """The topics with "其他区" and the like as topics too: the parent of the district or county
    named last before them, which is whose offer a rate for all the rest is."""
    rest = [m.start() for m in _THE_REST.finditer(body)]
    if not rest:
        return found
    out = list(found)
    for at in rest:
        owner = owner_at(found, at)
        if owner is None or index.by_code[owner].level not in ("county", "district"):
            continue
        parent = index.by_code[owner].parent_adcode
        if parent:
            out.append(Topic(at, parent))
    return sorted(out, key=lambda t: t.start)


def _anchored(code: str, named: Counter[str], index: PlaceIndex) -> bool:
    """A county or district is a topic only when the article names it twice or names its prefecture
    or province too: a lone "和县" in "各区和县" is a conjunction and a county's suffix, not 和县."""
    rec = index.by_code[code]
    if rec.level not in ("county", "district") or named[code] >= 2:
        return True
    return any(named[r.adcode] for r in index.chain(code)[:-1])


def owner_at(found: list[Topic], at: int) -> str | None:
    """The place named last before offset `at`, or None when none is."""
    owner = None
    for t in found:
        if t.start >= at:
            break
        owner = t.adcode
    return owner


def _unrelated_pair(codes: list[str], index: PlaceIndex) -> bool:
    """True when two of the places are not one inside the other (黄埔区 and 南沙区, 南京 and 南通)."""
    for i, a in enumerate(codes):
        for b in codes[i + 1 :]:
            if not index.is_ancestor(a, b) and not index.is_ancestor(b, a):
                return True
    return False


def is_roundup(counts: Counter[str], index: PlaceIndex) -> bool:
    """True when the money rows' owners make the article a roundup: two places, not one inside the
    other, that own at least two offers each, or three places or more with such a pair among them.
    A single-place article that mentions another city beside one offer is not one."""
    several = [code for code, n in counts.items() if n >= 2]
    if _unrelated_pair(several, index):
        return True
    return len(counts) >= 3 and _unrelated_pair(list(counts), index)


def attribute(
    text: str, offsets: list[tuple[int, bool]], index: PlaceIndex | None = None
) -> list[str | None] | None:
    """The owner of each row at (offset, has_amount), or None for the whole article when it is not a
    roundup (every row is then the article's own). A row before any place is named gets None too:
    it takes the article's place."""
    if sum(money for _, money in offsets) < 3:
        return None  # a roundup needs two owners of two offers each, or three owners
    index = index or default_index()
    found = topics(text, index)
    owners = [owner_at(found, at) for at, _ in offsets]
    counts = Counter(o for o, (_, money) in zip(owners, offsets, strict=True) if o and money)
    return owners if is_roundup(counts, index) else None


def common_ancestor(codes: list[str], index: PlaceIndex | None = None) -> str | None:
    """The most specific place that holds all of them (江苏省 for 南京 and 南通), or None."""
    index = index or default_index()
    chains = [[r.adcode for r in index.chain(c)] for c in codes]
    if not chains:
        return None
    shared = None
    for level in zip(*chains, strict=False):
        if len(set(level)) != 1:
            break
        shared = level[0]
    return shared
