"""A figure as the category strategies see it: its sentence, its span, its clause and list item,
and the two readings every strategy shares: the money noun right after a figure, and the purpose a
generic noun before it takes ("创业项目…资助" is start-up support).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from app.extract.categories import GENERIC_HEADS, PURPOSE_WORDS, Word, money_words
from app.extract.sentences import ITEM_BREAK, bounds

# The noun after a figure is its own only up to a clause break or a list mark.
_OWN_NOUN_STOP = re.compile(r"[，,；;：:。、]")
_ASIDE = re.compile(r"\s*[(（][^()（）]{0,24}[)）]")
# A money word followed by one of these names a property of the money, not the figure before it:
# "30—100万元资助期为3年" is an amount and then the funding period.
_PROPERTY = re.compile(r"期|标准|额度|对象|范围|年限|政策|办法|条件")
_PURPOSE = re.compile("|".join(w for words in PURPOSE_WORDS.values() for w in words))
_PURPOSE_OF = {w: cat for cat, words in PURPOSE_WORDS.items() for w in words}
# Set phrases that hold a purpose word but name none: 就业创业 describes a graduate, 创新创业 a team.
_NOT_PURPOSE = re.compile(r"就业创业|创新创业|创业创新|双创")
ADJACENT = 6  # characters between a figure and the noun after it that still name it


@dataclass(frozen=True)
class Figure:
    """What the strategies see of one figure: its sentence, its span in it, where the previous
    figure of the sentence ended, the category given to that one (when nothing but a list mark is
    between them), the figures of its sentence, its period, and the text of the sentences before."""

    text: str
    start: int
    end: int
    since: int = 0
    previous: str | None = None
    last: str | None = None  # the category of the previous figure of the sentence, whatever is between
    figures: tuple[tuple[int, int], ...] = ()
    period: str = "one_off"
    context: str = ""

    # Every strategy asks for these: computed once per figure.
    @cached_property
    def clause(self) -> tuple[int, int]:
        return bounds(self.text, self.start, self.end)

    @cached_property
    def item(self) -> tuple[int, int]:
        return bounds(self.text, self.start, self.end, ITEM_BREAK)


def purposed(f: Figure, w: Word) -> str:
    """A generic head (资助, 奖励, 支持) takes the purpose named before it in its clause; a 综合 head
    (综合支持: support for everything) takes one stated anywhere before it in the sentence
    ("支持…建设新型研发机构等创新平台，可给予1亿至5亿元的综合支持"), else it is a package."""
    if w.text not in GENERIC_HEADS:
        return w.category
    start = 0 if w.text.startswith("综合") else f.clause[0]
    text = _NOT_PURPOSE.sub(lambda m: " " * len(m.group(0)), f.text[start : w.start])
    found = list(_PURPOSE.finditer(text))
    return _PURPOSE_OF[found[-1].group(0)] if found else w.category


def noun_after(f: Figure, end: int) -> str | None:
    """The money word right after a figure ending at `end` (past a bracketed aside), never past a
    list mark: in "住房补贴1000元、生活补贴1000元" the word after 、 is the next item's."""
    aside = _ASIDE.match(f.text, end)
    at = aside.end() if aside else end
    stop = min(f.clause[1] if end == f.end else len(f.text), at + ADJACENT + 8)
    brk = _OWN_NOUN_STOP.search(f.text, at, stop)
    stop = brk.start() if brk else stop
    for w in money_words(f.text, at, stop):
        if w.start - at > ADJACENT:
            break
        if _PROPERTY.match(f.text, w.end) and w.start == at:
            return None  # "资助期为3年": the next clause's subject, not this figure's noun
        return purposed(f, w)
    return None


