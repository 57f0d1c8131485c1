"""Benefits named without an amount (人才公寓, 配偶就业, 人才卡)."""

from __future__ import annotations

import re

from app.extract.categories import Word, in_kind_words, money_words
from app.extract.conditions import Condition, conditions_before
from app.extract.facts import IncentiveFact
from app.extract.gates import RECEIVING
from app.extract.numbers import Money
from app.extract.sentences import Sentence, clause_left, clause_right, quote_span
from app.extract.targets import find_targets, target_levels

# The last noun of a compound is what it names: "人才公寓租住补贴" is money towards rent, "人才住房补贴"
# money towards a home; the benefit word before the subsidy only says what the money is for. A word
# that already names money ("住房租金奖励补贴") is qualified, not renamed, by the generic subsidy after it.
_SUBSIDY_HEAD = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:补贴|补助|津贴)")


def _head_of_compound(text: str, w: Word) -> Word:
    """The word that names a compound an in-kind word begins: the money word ending it, if any."""
    head = _SUBSIDY_HEAD.match(text, w.end)
    if not head or money_words(w.text):  # "住房租金奖励补贴": a subsidy word keeps its own name
        return w
    inside = [m for m in money_words(text, w.start, head.end()) if m.end == head.end() and m.end > w.end]
    return Word(w.start, head.end(), text[w.start : head.end()], inside[-1].category) if inside else w


# The rest of a fund's name after a benefit word: "人才奖|补资金", "人才公寓租赁补贴|资金".
_FUND_NAME = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:资金|经费|基金)")


def _total_clauses(sentence: Sentence, totals: list[Money]) -> list[tuple[int, int]]:
    """The clauses (offsets in the sentence) that report a total: "去年共兑现人才奖补资金1.2亿元"."""
    text = sentence.text
    spans = []
    for m in totals:
        start, end = m.start - sentence.start, m.end - sentence.start
        spans.append((start - len(clause_left(text, start)), end + len(clause_right(text, end))))
    return spans


# A clause that reports what was built, done or presented ("已建成人才公寓2000套", "介绍了人才公寓建设情况",
# "去年共为86名人才办理人才卡") mentions a benefit in passing; it offers nobody anything.
_REPORTED = re.compile(
    r"介绍了?|汇报|通报|建成|建设情况|新开工|开工建设|竣工|在建|已建|筹建|共为|已为|累计为|先后为|共有|已有"
)


def in_kind_from_sentence(
    sentence: Sentence, money_categories: set[str], totals: list[Money] | None = None
) -> list[IncentiveFact]:
    """Benefits named without an amount (人才公寓, 配偶就业, 人才卡): one row per category per sentence.
    `totals`: the sums of the sentence read as aggregates (absolute offsets). In the clause of one, a
    benefit the money was paid as is still one the city offers ("兑现人才津贴、购房补贴3700余万元"), but a
    word that opens the name of the fund paid from ("兑现人才奖补资金1.2亿元") names no benefit."""
    out: list[IncentiveFact] = []
    seen = set(money_categories)
    names: list[str] | None = None  # who and on what terms: the same for every row of the sentence
    conditions: tuple[Condition, ...] = ()
    reported = _total_clauses(sentence, totals or [])
    for found in in_kind_words(sentence.text):
        w = _head_of_compound(sentence.text, found)
        if w.category in seen or RECEIVING.search(clause_left(sentence.text, w.start) + w.text):
            continue
        clause = clause_left(sentence.text, w.start) + clause_right(sentence.text, w.start)
        if _REPORTED.search(clause):
            continue
        if _FUND_NAME.match(sentence.text, w.end) and any(s <= w.start < e for s, e in reported):
            continue
        seen.add(w.category)
        if names is None:
            names = list(dict.fromkeys(t.text for t in find_targets(sentence.text)))
            conditions = conditions_before(sentence.text, len(sentence.text))
        q_start, q_end = quote_span(sentence, sentence.start + w.start, sentence.start + w.end)
        out.append(
            IncentiveFact(
                category=w.category,
                amount_yuan=None,
                amount_min=None,
                amount_kind=None,
                period=None,
                duration_months=None,
                targets=names,
                target_levels=target_levels(names),
                conditions=conditions,
                quote=sentence.text[q_start - sentence.start : q_end - sentence.start],
                quote_start=q_start,
                quote_end=q_end,
                at=sentence.start + w.start,
                read_by="in_kind",
            )
        )
    return out
