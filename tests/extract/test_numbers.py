"""The number parser: Chinese numerals, Arabic digits with 万/亿, ranges and "more than" markers, on
sentences as articles write them, plus property tests over every integer an article could hold."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from app.extract.numbers import (
    MAX_YUAN,
    NumberError,
    find_money,
    parse_chinese_numeral,
    parse_number,
)

FAST = settings(max_examples=200, deadline=None)

# --- Chinese numerals -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("五十万", 500_000),
        ("千万", 10_000_000),
        ("百万", 1_000_000),
        ("十万", 100_000),
        ("十", 10),
        ("十五", 15),
        ("二十", 20),
        ("两千", 2_000),
        ("三千五百", 3_500),
        ("一百零五", 105),
        ("一千零五十", 1_050),
        ("一万零五百", 10_500),
        ("一百二十万", 1_200_000),
        ("一亿五千万", 150_000_000),
        ("三亿零五百万", 305_000_000),
        ("一亿", 100_000_000),
        ("亿", 100_000_000),
        ("二〇二四", 2024),
        ("零", 0),
        # 大写 numerals, as a notice writes sums that must not be altered
        ("壹拾伍万", 150_000),
        ("伍仟", 5_000),
        ("贰万伍仟", 25_000),
        ("叁佰", 300),
    ],
)
def test_chinese_numerals(numeral: str, value: int) -> None:
    assert parse_chinese_numeral(numeral) == value


@pytest.mark.parametrize("text", ["", "五十块", "abc", "5万", "数十", "百万亿", "亿亿"])
def test_not_a_chinese_numeral(text: str) -> None:
    with pytest.raises(NumberError):
        parse_chinese_numeral(text)


_DIGITS = "零一二三四五六七八九"


def _section(n: int) -> str:
    """0 < n < 10000 the way it is written: 三千零五, 一百二十."""
    out, gap = "", False
    for unit, size in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        d = n // size % 10
        if d:
            out += ("零" if gap and out else "") + _DIGITS[d] + unit
            gap = False
        else:
            gap = True
    return out


def to_chinese(n: int) -> str:
    """1 <= n < 10**12 in standard Chinese numerals (一亿零五百万, 十万零三)."""
    out = ""
    for size, unit in ((10**8, "亿"), (10**4, "万"), (1, "")):
        part = n // size % 10**4 if size < 10**8 else n // size
        if part:
            if out and (part < 1000 or out[-1] == "零"):
                out = out.rstrip("零") + "零"
            out += _section(part) + unit
        elif out and not out.endswith("零") and n % size:
            out += "零"
    out = out.rstrip("零")
    return out[1:] if out.startswith("一十") else out


@pytest.mark.parametrize(
    ("n", "written"),
    [(10, "十"), (15, "十五"), (105, "一百零五"), (10_005, "一万零五"), (100_000_005, "一亿零五"),
     (305_000_000, "三亿零五百万"), (150_000_000, "一亿五千万"), (110_000, "十一万")],
)  # fmt: skip
def test_the_reference_writer_writes_like_articles(n: int, written: str) -> None:
    assert to_chinese(n) == written


@FAST
@given(st.integers(min_value=1, max_value=MAX_YUAN - 1))
@example(10_000_000)
@example(1_000_000)
@example(100_000)
@example(500_000)
@example(10_010_001)
def test_every_written_integer_reads_back(n: int) -> None:
    assert parse_chinese_numeral(to_chinese(n)) == n


@FAST
@given(st.integers(min_value=1, max_value=99_999_999))
def test_chinese_numeral_amounts_in_yuan(n: int) -> None:
    [money] = find_money(f"给予{to_chinese(n)}元购房补贴")
    assert money.yuan == n


# --- parse_number ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [("1,500", Decimal(1500)), ("2.54", Decimal("2.54")), ("五十", Decimal(50)), (" 300 ", Decimal(300))],
)
def test_parse_number(text: str, value: Decimal) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "  ", "1e999999999", "1E5", "1_000", "2.5.4", "3.", "二十abc", "²"])
def test_what_is_not_a_number(text: str) -> None:
    with pytest.raises(NumberError):
        parse_number(text)


@FAST
@given(st.text(max_size=30))
@example("1e999999999")
@example("9" * 400)
@example("1,,,5")
@example("〇〇〇")
def test_parse_number_gives_a_plain_number_or_number_error(text: str) -> None:
    try:
        value = parse_number(text)
    except NumberError:
        return
    assert value.is_finite()
    # a number is never larger than its written digits allow (no exponent notation sneaks in)
    assert value.adjusted() <= max(len(text), 12)


# --- amounts in sentences -------------------------------------------------------------------------

MONEY = {
    # unit words
    "硕士研究生给予一次性40万元购房补助": [(400_000, None, False)],
    "全年累计兑现各类人才奖补经费2.54亿元": [(254_000_000, None, False)],
    "给予一次性交通费补贴人民币 2000元": [(2000, None, False)],
    "每人补贴1,500元": [(1500, None, False)],
    "给予每月0.5万元生活补贴": [(5000, None, False)],
    "给予1.25万元奖励": [(12_500, None, False)],
    # Chinese numerals, with and without 元
    "给予五十万元安家费": [(500_000, None, False)],
    "战略人才千万支持、领军人才百万托举、青年人才十万资助": [
        (10_000_000, None, False),
        (1_000_000, None, False),
        (100_000, None, False),
    ],
    "给予一亿五千万元综合资助": [(150_000_000, None, False)],
    "博士每人每月两千元生活补贴": [(2000, None, False)],
    "对新引进的博士给予一次性生活补助壹拾伍万元": [(150_000, None, False)],
    "硕士研究生给予伍仟元一次性生活补助": [(5000, None, False)],
    # ranges
    "可享受10万至30万元不等的购房补贴": [(300_000, 100_000, False)],
    "给予10-30万元的奖励": [(300_000, 100_000, False)],
    "给予5万元～20万元购房补贴": [(200_000, 50_000, False)],
    # more than
    "州、县财政每年投入活动经费300余万元": [(3_000_000, None, True)],
    "争取资金9700多万元": [(97_000_000, None, True)],
    "对顶尖人才团队给予上千万元的项目资助": [(10_000_000, None, True)],
    "给予逾百万元科研经费支持": [(1_000_000, None, True)],
    "对本科及以上学历人才给予5万元安家费": [(50_000, None, False)],  # 以上 is not 上万
    # 元 left out: before the money noun (past a two-character purpose), after a word of giving,
    # or in a rate per month before the noun it names
    "博士最高可享160万购房补贴": [(1_600_000, None, False)],
    "博士研究生最高可享受160万。": [(1_600_000, None, False)],
    "给予连续3年、每人每月2000的安家补贴": [(2000, None, False)],
    "个人住房补贴可达到1,000万元": [(10_000_000, None, False)],
    "给创业者500万贴息贷款": [(5_000_000, None, False)],
    # several amounts in one sentence
    "本科、硕士、博士分别给予每月300元、500元、800元": [
        (300, None, False),
        (500, None, False),
        (800, None, False),
    ],
}


@pytest.mark.parametrize("sentence", list(MONEY))
def test_money_in_sentences(sentence: str) -> None:
    found = find_money(sentence)
    assert [(m.yuan, m.low, m.more_than) for m in found] == MONEY[sentence]
    for m in found:
        assert sentence[m.start : m.end] == m.text


@pytest.mark.parametrize(
    ("sentence", "yuan"),
    [
        ("每年发放30万人民币(约台币140万)的生活补贴", [300_000]),  # dev06: NT$ is a conversion
        ("给予5万美元的创业资助", []),
        ("奖励港币10万元", []),
        ("最高可获得100万新台币补助", []),
        ("给予10万美元奖励", []),
        ("每年补贴5000港元", []),
        ("提供3000元人民币(约新台币1万3600元)的补贴", [3000]),  # a conversion in two pieces
    ],
)
def test_foreign_currency_is_not_yuan(sentence: str, yuan: list[int]) -> None:
    assert [m.yuan for m in find_money(sentence)] == yuan


@pytest.mark.parametrize(
    "sentence",
    ["每年给予数十万元资助", "获得数百万元资助", "一次性补贴几万元", "给予若干万元奖励"],
)
def test_vague_amounts_are_not_read_as_figures(sentence: str) -> None:
    assert find_money(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "补贴0元",
        "新闻热线:0991-3532125",
        "2024年8月7日",
        "共有6162人",
        "全市人口达到160万。",  # a magnitude without 元 after no word of giving
        "惠及1万人次补贴",  # a counter before the noun
        "博士毕业生可获万元住房补助",  # a magnitude with its count lost (annotation.md: no amount)
        "每月2000名毕业生",
    ],
)
def test_numbers_that_are_not_money(sentence: str) -> None:
    assert find_money(sentence) == []


def test_garbled_figures_above_a_trillion_are_dropped() -> None:
    assert find_money("给予99999999999999万元补贴") == []


# --- properties -----------------------------------------------------------------------------------


@FAST
@given(
    st.integers(min_value=1, max_value=99_999_999),
    st.sampled_from([("元", 1), ("万元", 10_000), ("亿元", 100_000_000)]),
)
def test_digits_with_a_unit(n: int, unit: tuple[str, int]) -> None:
    word, factor = unit
    found = [m.yuan for m in find_money(f"对全职引进的博士研究生给予一次性{n}{word}购房补助")]
    assert found == ([n * factor] if n * factor <= MAX_YUAN else [])


@FAST
@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999.99"), places=2))
def test_decimals_of_ten_thousand(d: Decimal) -> None:
    [money] = find_money(f"给予{d}万元安家补贴")
    assert money.yuan == int(d * 10_000)


@FAST
@given(st.integers(min_value=1000, max_value=10**11))
def test_thousands_separators(n: int) -> None:
    [money] = find_money(f"每人补贴{n:,}元")
    assert money.yuan == n


@FAST
@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=1, max_value=9999))
def test_ranges_keep_both_ends(a: int, b: int) -> None:
    low, high = sorted((a, b))
    [money] = find_money(f"给予{low}万至{high}万元不等的购房补贴")
    assert money.yuan == high * 10_000
    assert money.low == (low * 10_000 if low < high else None)


@FAST
@given(st.text(max_size=200))
@example("给予" + "9" * 60 + "万元")
@example("人民币" * 30)
@example("万亿元" * 10)
@example("一亿亿亿亿元")
def test_find_money_never_raises_and_spans_are_exact(text: str) -> None:
    for m in find_money(text):
        assert text[m.start : m.end] == m.text
        assert 0 < m.yuan <= MAX_YUAN
        assert m.low is None or 0 <= m.low < m.yuan
