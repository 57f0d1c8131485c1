"""Issue 6: the normaliser and the extractor never raise, whatever text arrives.

Hypothesis feeds arbitrary unicode, text built from real article fragments mixed with other scripts,
huge numbers and unbalanced brackets and quotes. Every output must also stay consistent with its
input (quotes are slices of the text they claim to come from), so "did not raise" is not all we check.
A longer, coverage-guided run over the normaliser is bench/fuzz_normalise.py (atheris).
"""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from app.extract.article import extract
from app.ingest.metadata import read_metadata
from app.ingest.normalise import normalise
from app.ingest.process import process_article
from app.ingest.read import UnreadableArticle
from app.places.recognise import find_place
from tests.ingest.helpers import SEED_FILES

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_SEED_LINES = [
    line.strip()
    for path in SEED_FILES
    for line in path.read_text("utf-8").split("\n")
    if 10 <= len(line.strip()) <= 300
]

FRAGMENTS = st.sampled_from(
    [
        *_SEED_LINES[::3],
        "对本科、硕士、博士人才分别给予每月300元、500元、800元的租房补贴",
        "醫(yī)療",
        "決心?!苯衲?月",
        "\ufffd\ufffd锟斤拷",
        "[責(zé)任編輯: 劉芳 ]",
        "来源:义乌人才网",
        "99999999999999999999999999999万亿元",
        "一亿亿亿亿亿亿万万万千千百十元",
        "〇〇〇〇〇〇〇〇元",
        "10万至5万元",
        "最高不超过不低于分别每月每年一次性5年内",
        "((((（（（《《《“““「「『【【",
        "))))））」』】》》”””",
        "《" * 50,
        "“" * 50 + "人才",
        "ＡＢＣ１２３　ｘｙｚ",
        "\u202e\u200b\ufeff\u00a0\u3000",
        "人材政策の補助金は五十万円",
        "인재 정책 보조금",
        "Город предлагает субсидии",
        "مدينة",
        "🏠💰👨‍🎓",
        "\r\n\r\r\n\n\n",
        "2024年13月45日 来源：",
        "?" * 20,
        "分别" * 10 + "、" * 10 + "元" * 10,
    ]
)

MIXED = st.lists(st.one_of(FRAGMENTS, st.text(max_size=40)), min_size=1, max_size=12).map("".join)
HUGE = st.builds(
    lambda digits, unit, prefix: f"{prefix}{digits}{unit}",
    st.text("0123456789.,", min_size=1, max_size=80),
    st.sampled_from(["元", "万元", "亿元", "万亿元", "千万", "百万支持", "余万元", "至9万元", "人", "名"]),
    st.sampled_from(["", "给予", "最高", "人民币", "累计发放", "不低于", "每月", "约台币"]),
)
ANY_TEXT = st.one_of(st.text(max_size=400), MIXED, HUGE, st.lists(HUGE, max_size=6).map("、".join))


@FUZZ
@given(ANY_TEXT)
@example("")
@example("\n")
@example("(yī)")
@example("醫(yī")
@example("編輯:" * 100)
def test_normalise_never_raises(text: str) -> None:
    result = normalise(text)
    assert result.script in ("simplified", "traditional", "mixed")
    assert set(result.damage) <= {"pinyin_gloss", "lost_chars", "page_junk"}
    for start, end in result.lost_spans:
        assert 0 <= start < end <= len(result.text)
    assert "\r" not in result.text
    assert not any("\uff10" <= c <= "\uff19" for c in result.text)  # full-width digits are folded
    assert result.text.endswith("\n")


@FUZZ
@given(ANY_TEXT)
@example("《" * 500 + "办法")
@example("“" * 500)
@example("给予" + "9" * 500 + "万元购房补贴")
@example("本科、硕士、博士分别给予")
@example("分别给予每月300元、500元、800元")
def test_extract_never_raises_and_quotes_come_from_the_text(text: str) -> None:
    clean = normalise(text).text
    extraction = extract(clean)
    for fact in extraction.incentives:
        assert clean[fact.quote_start : fact.quote_end] == fact.quote
        assert fact.amount_yuan is None or 0 < fact.amount_yuan <= 10**12
        assert fact.amount_min is None or fact.amount_yuan is None or fact.amount_min < fact.amount_yuan
        assert fact.amount_kind in (None, "exact", "up_to", "from")
        assert fact.period in (None, "one_off", "monthly", "yearly", "multi_year")
    for metric in extraction.metrics:
        assert clean[metric.quote_start : metric.quote_end] == metric.quote
    for policy in extraction.policies:
        assert clean[policy.quote_start : policy.quote_end] == policy.quote


@FUZZ
@given(ANY_TEXT, st.one_of(st.none(), st.text(max_size=60)))
def test_metadata_and_place_never_raise(text: str, title: str | None) -> None:
    meta = read_metadata(text)
    assert meta.title is None or meta.title in text
    guess = find_place(text, title)
    assert guess is None or guess.chain[-1] == guess.place


@FUZZ
@given(st.one_of(st.binary(max_size=2000), ANY_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass"))))
@example(b"\xef\xbb\xbf")
@example(b"\xff\xfe")
@example(b"\xfe\xff\x00")
@example("人才".encode("utf-16-le"))
def test_any_bytes_are_processed_or_refused_with_a_reason(raw: bytes) -> None:
    try:
        item = process_article("fuzz.txt", raw)
    except UnreadableArticle as exc:
        assert str(exc)
        return
    assert item.raw == raw
    assert item.normalised.text == normalise(item.original).text
