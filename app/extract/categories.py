"""Which kind of incentive a word names: the taxonomy's typical words, read from words.toml.

The word lists live in words.toml, beside this module, so that someone who reads Chinese can check
and extend them without reading code: MONEY_WORDS classify a sum of money by the nearest word around
it (50万元购房补助 -> housing_subsidy); IN_KIND_WORDS are phrases that name a benefit by themselves,
with or without an amount (人才公寓, 配偶就业, 人才卡). This module matches them: longer words win over
the shorter words inside them (创业经费 is start-up support although 经费 alone is research funding).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import ahocorasick

_WORDS = tomllib.loads((Path(__file__).parent / "words.toml").read_text(encoding="utf-8"))

PACKAGE_HEADS: tuple[str, ...] = tuple(_WORDS["package_heads"])
MONEY_WORDS: dict[str, tuple[str, ...]] = {
    category: tuple(words) + (PACKAGE_HEADS if category == "package" else ())
    for category, words in _WORDS["money"].items()
}
MONEY_WORDS[""] = tuple(_WORDS["not_a_benefit"]["words"])  # matched only to be skipped
IN_KIND_WORDS: dict[str, tuple[str, ...]] = {c: tuple(w) for c, w in _WORDS["in_kind"].items()}
GENERIC_HEADS = frozenset(_WORDS["generic_heads"]) | frozenset(PACKAGE_HEADS)
PURPOSE_WORDS: dict[str, tuple[str, ...]] = {c: tuple(w) for c, w in _WORDS["purpose"].items()}
WEAK_WORDS = frozenset(_WORDS["weak"])


# What the money is for, said by a verb phrase rather than a compound noun.
PURPOSE_PHRASES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "housing_subsidy",
        re.compile(
            r"(?:购买|购置|购)[^，,；;。\d]{0,4}[\d.]*[^，,；;。]{0,10}?(?:住房|住宅|商品房|房屋|房产)"
        ),
    ),
    ("rent_subsidy", re.compile(r"租(?:赁|住|用)[^，,；;。]{0,8}?(?:住房|房屋|公寓)")),
    ("startup_support", re.compile(r"自主创业|创办企业|领办")),
    ("internship", re.compile(r"实习|见习")),
    ("research_funding", re.compile(r"培训|技能提升")),
)


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    text: str
    category: str

    @property
    def weak(self) -> bool:
        return self.text in WEAK_WORDS


def _compile(table: dict[str, tuple[str, ...]]) -> tuple[ahocorasick.Automaton, dict[str, str]]:
    owner: dict[str, str] = {}
    for category, words in table.items():
        for w in words:
            owner.setdefault(w, category)
    automaton = ahocorasick.Automaton()
    for w in owner:
        automaton.add_word(w, w)
    automaton.make_automaton()
    return automaton, owner


def _words(
    automaton: ahocorasick.Automaton, owner: dict[str, str], text: str, start: int, end: int
) -> list[Word]:
    """Every word in text[start:end], overlaps resolved as a reader does: the longer word wins, and of
    two as long the later one, since the last noun of a compound names it ("住房租赁补贴" is a 租赁补贴,
    not the 房租 a leftmost match would read)."""
    found = [
        Word(e + 1 - len(w), e + 1, w, owner[w])
        for e, w in automaton.iter(text, start, end)
        if e + 1 - len(w) >= start
    ]
    if len(found) <= 1:
        return found  # most spans hold one word or none: nothing overlaps
    chosen: list[Word] = []
    for w in sorted(found, key=lambda w: (-len(w.text), -w.end)):
        if all(w.end <= c.start or w.start >= c.end for c in chosen):
            chosen.append(w)
    return sorted(chosen, key=lambda w: w.start)


_MONEY, _MONEY_OWNER = _compile(MONEY_WORDS)
_IN_KIND, _IN_KIND_OWNER = _compile(IN_KIND_WORDS)


_PAIR_JOIN = frozenset("和及与")


def _first_named(text: str, words: list[Word]) -> list[Word]:
    """One amount for two kinds named together ("租房和生活补贴", "工作经费和生活补贴") is the first
    kind's (annotation.md): the second word of such a pair takes the first one's category."""
    out = list(words)
    for k in range(1, len(out)):
        a, b = out[k - 1], out[k]
        if b.start == a.end + 1 and text[a.end] in _PAIR_JOIN and a.category != b.category:
            out[k] = Word(b.start, b.end, b.text, a.category)
    return out


def money_words(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    stop = len(text) if end is None else end
    if stop <= start:
        return []
    # set phrases (就业创业) are matched only to be skipped
    return _first_named(text, [w for w in _words(_MONEY, _MONEY_OWNER, text, start, stop) if w.category])


def in_kind_words(text: str) -> list[Word]:
    return _words(_IN_KIND, _IN_KIND_OWNER, text, 0, len(text))
