"""Mentions: the sums of money in a sentence as found, before anything is decided about them.

Each mention knows where the words that lead to it start (the end of the mention before it, so that
"博士10万元、硕士5万元" gives 硕士 to the second figure only) and whether nothing but a list mark stands
between it and the one before ("分别给予3000元、2000元、1000元"): the gates, the category strategies and
the attach functions all read these, and none of them changes a mention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.extract.numbers import Money, find_money

_LIST_GLUE = re.compile(r"^[、,，和及与或\s]*(?:分别)?[、,，和及与或\s]*$")


@dataclass(frozen=True)
class Mention:
    money: Money
    segment_start: int  # where the text that leads to this figure starts: the previous figure's end
    continues_list: bool  # only a list mark stands between this figure and the one before


def find_mentions(text: str) -> list[Mention]:
    out: list[Mention] = []
    prev_end = 0
    for money in find_money(text):
        glue = text[prev_end : money.start]
        out.append(Mention(money, prev_end, bool(out) and bool(_LIST_GLUE.match(glue))))
        prev_end = money.end
    return out
