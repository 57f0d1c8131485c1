"""Sentences with their offsets in the normalised text, the unit every extractor quotes from."""

from __future__ import annotations

import re
from dataclasses import dataclass

_END = re.compile(r"[。！？!]+[”」』]?|\n+|\?(?=\s|$)")
MAX_QUOTE = 220
_CLAUSE_END = re.compile(r"[；;]")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


# Inside a sentence: a clause ends at any of these, a list item only at a semicolon or a full stop
# ("每月给予生活补贴1200元、租房补贴1000元；硕士3万元" is two items, the first of two clauses' worth).
CLAUSE_BREAK = re.compile(r"[，,；;：:。]")
ITEM_BREAK = re.compile(r"[；;。]")


def bounds(text: str, start: int, end: int, breaks: re.Pattern[str] = CLAUSE_BREAK) -> tuple[int, int]:
    """The span of the clause (or, with ITEM_BREAK, the list item) around text[start:end]."""
    left = 0
    for m in breaks.finditer(text, 0, start):
        left = m.end()
    right = breaks.search(text, end)
    return left, right.start() if right else len(text)


def clause_left(text: str, pos: int) -> str:
    """The clause before `pos`, up to it."""
    return text[bounds(text, pos, pos)[0] : pos]


def clause_right(text: str, pos: int) -> str:
    """The clause from `pos` on, up to its end."""
    return text[pos : bounds(text, pos, pos)[1]]


def split_sentences(text: str) -> list[Sentence]:
    """Split on full stops, exclamation and question marks and line breaks; keep offsets exact."""
    out: list[Sentence] = []
    pos = 0
    for m in _END.finditer(text):
        _append(out, text, pos, m.end())
        pos = m.end()
    _append(out, text, pos, len(text))
    return out


def _append(out: list[Sentence], text: str, start: int, end: int) -> None:
    raw = text[start:end]
    stripped = raw.strip()
    if not stripped:
        return
    lead = len(raw) - len(raw.lstrip())
    s = start + lead
    out.append(Sentence(s, s + len(stripped), stripped))


def quote_span(sentence: Sentence, start: int, end: int) -> tuple[int, int]:
    """The span to quote for a figure at [start, end): its sentence, or, when the sentence is very
    long, the semicolon clause around the figure, so that the quote stays readable."""
    if sentence.end - sentence.start <= MAX_QUOTE:
        return sentence.start, sentence.end
    rel_s, rel_e = start - sentence.start, end - sentence.start
    left = max((m.end() for m in _CLAUSE_END.finditer(sentence.text, 0, rel_s)), default=0)
    right_m = _CLAUSE_END.search(sentence.text, rel_e)
    right = right_m.end() if right_m else len(sentence.text)
    return sentence.start + left, sentence.start + right
