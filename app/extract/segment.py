"""Segment: an article as sentences, each with the role it plays, so that later stages ask the role
instead of guessing it again.

Roles: a heading names a topic ("第三条 安家补贴", "（二）人才公寓") and its offer is in the lines under it;
a table header names the columns of a flattened table whose rows follow, each cell taking its
column's name; in a Q&A (答记者问) a question opens a topic that its answer carries; a list item opens
with a list mark ("1.", "（三）", "一是"); everything else is body. Inside a sentence, clauses and list
items are bounded by app.extract.sentences (a semicolon ends an item), so each amount sees its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from app.extract.sentences import Sentence, split_sentences
from app.extract.tables import table_columns

Role = Literal["heading", "table_header", "table_row", "question", "answer", "list_item", "body"]


@dataclass(frozen=True)
class Segment:
    sentence: Sentence
    role: Role
    own_line: bool  # nothing else on its line
    columns: tuple[str, ...] | None = None  # a table row's column names, from its header


# A heading names a topic, not an offer: "第三条 安家补贴。", "（二）人才公寓", "四、购房优惠", or a short
# line of its own with no figure and no verb of giving. The offer is in the lines under it.
_LABEL = re.compile(
    r"^(?:第[一二三四五六七八九十百零\d]+[条章节款项]|[（(][一二三四五六七八九十\d]+[)）]"
    r"|[一二三四五六七八九十]+[、.．]|\d+[、.．]|[★☆●◆■▲►✔√·\-—])\s*"
)
_HEADING_END = re.compile(r"[。：:；;！!]$")
_GIVING_VERB = re.compile(
    r"给予|提供|享受|享有|发放|安排|解决|落实|予以|协调|入住|免费|办理|开通|配备|优先|纳入|可|按|每|对"
)
HEADING_MAX = 12
LABEL_MAX = 12  # the longest label with its spaces and end mark ("第一百二十三条 ", "。")


def is_heading(text: str, own_line: bool) -> bool:
    """True for a heading: a label followed only by a short topic ("第三条 安家补贴。", "二、发放生活补贴"),
    or a short line of its own with no verb of giving."""
    if len(text) > HEADING_MAX + LABEL_MAX:
        return False  # most sentences: longer than any label and topic together
    label = _LABEL.match(text)
    if not label and not own_line:
        return False
    topic = _HEADING_END.sub("", text[label.end() if label else 0 :]).strip()
    if not 0 < len(topic) <= HEADING_MAX or re.search(r"[\d，,、]", topic):
        return False
    # a numbered heading may name its topic with a verb ("二、发放生活补贴"); an unnumbered line may not
    return bool(label) or not _GIVING_VERB.search(topic)


_ASKS = re.compile(r"(?:问|记者|提问)\s*[:：]")
_ANSWER = re.compile(r"^答\s*[:：]")
_LIST_MARK = re.compile(r"^(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]|[①-⑳]|[一二三四五六七八九十]是)")


_BLANK = " \t\u3000"


def _own_line(text: str, sentence: Sentence) -> bool:
    """Only blanks between the sentence and the line breaks around it (read in place: slicing the
    text before every sentence would cost the square of the article's length)."""
    i = sentence.start - 1
    while i >= 0 and text[i] in _BLANK:
        i -= 1
    j = sentence.end
    while j < len(text) and text[j] in _BLANK:
        j += 1
    return (i < 0 or text[i] == "\n") and (j == len(text) or text[j] == "\n")


def segment(text: str) -> list[Segment]:
    """The sentences of the text in order, each with its role."""
    out: list[Segment] = []
    columns: list[str] | None = None  # the header of the table whose rows follow, if any
    for sentence in split_sentences(text):
        own = _own_line(text, sentence)
        header = table_columns(sentence.text)
        if header is not None:
            columns = header
            out.append(Segment(sentence, "table_header", own))
            continue
        if columns and len(sentence.text.split()) != len(columns):
            columns = None  # the table ended
        if columns:
            out.append(Segment(sentence, "table_row", own, tuple(columns)))
            continue
        out.append(Segment(sentence, _role(sentence.text, own), own))
    return out


def _role(text: str, own_line: bool) -> Role:
    if is_heading(text, own_line):  # a short question on its own line heads what follows as well
        return "heading"
    if text.endswith(("？", "?")) or _ASKS.match(text):
        return "question"
    if _ANSWER.match(text):
        return "answer"
    return "list_item" if _LIST_MARK.match(text) else "body"


# A heading, a table's header and a question each open a topic: what came before them names nothing
# of what follows.
OPENS_TOPIC: frozenset[Role] = frozenset({"heading", "table_header", "question"})
