"""Every normalisation rule, on sentences taken from the seed and dev articles."""

from __future__ import annotations

import json

import pytest

from app.ingest.normalise import (
    detect_script,
    find_lost_chars,
    fold_width,
    normalise,
    remove_page_junk,
    strip_pinyin_glosses,
    to_simplified,
)
from app.ingest.read import decode
from tests.ingest.helpers import CORPUS, DEV, seed_bytes, seed_text

# --- fold_width ----------------------------------------------------------------------------------


def test_full_width_digits_become_ascii() -> None:
    assert fold_width("对博士给予一次性５０万元购房补助") == "对博士给予一次性50万元购房补助"


def test_full_width_letters_become_ascii_and_cjk_punctuation_stays() -> None:
    assert fold_width("人才新政“双３０条”，ＡＩ人才，ＰＢＡＴ。") == "人才新政“双30条”，AI人才，PBAT。"


def test_windows_and_old_mac_line_ends_become_newlines() -> None:
    assert fold_width("第一段\r\n第二段\r第三段") == "第一段\n第二段\n第三段"


def test_odd_spaces_are_folded_and_invisible_ones_dropped() -> None:
    text = "\ufeff\u3000\u3000鄂尔多斯市\u00a0人才\u200b总量"
    assert fold_width(text) == "  鄂尔多斯市 人才总量"


# --- pinyin glosses -------------------------------------------------------------------------------


def test_glosses_after_traditional_characters_are_removed() -> None:
    # seed 000
    text, n = strip_pinyin_glosses("還有‘拎包入住’人才公寓、教育醫(yī)療等優(yōu)質(zhì)服務(wù)……")
    assert (text, n) == ("還有‘拎包入住’人才公寓、教育醫療等優質服務……", 4)


def test_glosses_in_a_title_and_a_name() -> None:
    # dev07: the new area's name is glossed too
    text, n = strip_pinyin_glosses(
        "哈爾濱新區(qū)(江北一體發(fā)展區(qū))惠民聚才優(yōu)惠政策(試行)出臺(tái)"
    )
    assert text == "哈爾濱新區(江北一體發展區)惠民聚才優惠政策(試行)出臺"
    assert n == 5


@pytest.mark.parametrize(
    "text",
    [
        "梁金強是中國石油大學(北京)克拉瑪依校區引進的博士研究生",  # a place in brackets
        "中亞區域經濟合作(CAREC)領導力培訓在疆舉辦",  # an acronym
        "新疆蓝山屯河化工与国外专家合作实施PBAT生物降解树脂(pbat)生产装置",  # untoned latin
        "为浙江舟山群岛新区(以下简称“新区”)跑出加速度",
        "参加百名硕博社会实践活动,也是响应家乡号召, (下转二版)",
        "InXinjiang (90)丨土耳其记者建议",
        "对顶尖人才（团队）给予资助",
    ],
)
def test_brackets_that_are_not_glosses_are_kept(text: str) -> None:
    assert strip_pinyin_glosses(text) == (text, 0)


def test_a_gloss_after_the_debris_of_a_lost_character_is_removed_too() -> None:
    # Seed 000: the character before the gloss was lost to a broken re-encoding.
    assert strip_pinyin_glosses("教育逃I(lǐng)域的“銀齡人才”") == ("教育逃I域的“銀齡人才”", 1)


def test_untoned_latin_in_brackets_is_not_a_gloss() -> None:
    assert strip_pinyin_glosses("人工智能(AI)与大数据(big data)") == ("人工智能(AI)与大数据(big data)", 0)


# --- page junk ------------------------------------------------------------------------------------


def _body(n: int = 12) -> str:
    line = "地区对全职引进的博士研究生,经认定后给予一次性50万元购房补助;硕士研究生给予一次性40万元购房补助。"
    return "\n".join([line] * n)


def test_editor_line_and_everything_after_it_is_cut() -> None:
    text = (
        _body()
        + "\n(徐衛 記者 劉楠 趙吉會)\n\n編輯:牟海微\n新聞熱線_fororder_微信圖片_20220517151231\n最新推薦\n新聞\n文娛"
    )
    cleaned, removed = remove_page_junk(text)
    assert cleaned == _body() + "\n(徐衛 記者 劉楠 趙吉會)\n"
    assert removed == 5  # the five furniture lines; the blank line before them is trailing space


@pytest.mark.parametrize(
    "tail",
    [
        "[責任編輯: 劉芳 ]",
        "【责任编辑：王晓】",
        "相关新闻",
        "版权所有 天山网",
        "Copyright ©2024 www.akss.gov.cn All Rights Reserved",
        "互联网新闻信息服务许可证:65120170002",
        "新ICP备11000096号",
        "举报电话:0991-3532125",
        "上一篇：柳州市人才新政解读",
    ],
)
def test_each_tail_marker_starts_the_page_furniture(tail: str) -> None:
    cleaned, _ = remove_page_junk(_body() + "\n" + tail + "\n陈小江在乌鲁木齐接待信访群众")
    assert cleaned == _body() + "\n"


def test_an_editor_line_in_the_header_is_not_the_tail() -> None:
    text = "聚才集智“亮”出新段位\n编辑:张晓艳\n" + _body()
    cleaned, removed = remove_page_junk(text)
    assert cleaned == text + "\n"
    assert removed == 0


@pytest.mark.parametrize(
    "junk",
    [
        "浏览量:",
        "瀏覽量: 1024",
        "热门: 006208 00900 00896 天气 AI",
        "微信图片_20220517151231.jpg",
        "新聞熱線_fororder_微信圖片_20220517151231",
        "https://www.xinjiang.gov.cn/share?id=123",
        "分享到",
        "打印",
        "【字体：大 中 小】",
    ],
)
def test_junk_lines_anywhere_are_dropped(junk: str) -> None:
    cleaned, removed = remove_page_junk("关于实施人才发展新政策的意见\n" + junk + "\n" + _body())
    assert cleaned == "关于实施人才发展新政策的意见\n" + _body() + "\n"
    assert removed == 1


def test_a_body_line_mentioning_sharing_is_kept() -> None:
    line = "分享发展红利,让人才享受更多政策支持。"
    assert remove_page_junk(_body() + "\n" + line)[0] == _body() + "\n" + line + "\n"


def test_seed_000_tail_is_gone_and_the_last_paragraph_stays() -> None:
    text = normalise(seed_text("000")).text
    assert "为石油、算力等产业高质量发展提供了厚实智力支撑" in text
    for junk in ("责任编辑", "许可证", "版权所有", "陈小江在乌鲁木齐", "Copyright"):
        assert junk not in text


def test_seed_002_tail_is_gone_and_the_byline_stays() -> None:
    text = normalise(seed_text("002")).text
    assert text.rstrip().endswith("(徐卫 记者 刘楠 赵吉会)")
    assert "fororder" not in text and "最新推荐" not in text


# --- script ---------------------------------------------------------------------------------------


def test_traditional_is_read_in_simplified() -> None:
    assert to_simplified("克拉瑪依市:油城熱土讓人才夢想“生根”") == "克拉玛依市:油城热土让人才梦想“生根”"
    assert (
        to_simplified("對全職引進的博士給予一次性50萬元購房補助")
        == "对全职引进的博士给予一次性50万元购房补助"
    )


def test_simplified_text_is_returned_unchanged() -> None:
    text = seed_text("001")
    assert to_simplified(text) is text


@pytest.mark.parametrize(
    ("original", "script"),
    [
        (
            "大慶市委市政府每年列支3000萬元作為人才發展專項資金,各縣區、開發區每年共列支人才專項資金。",
            "traditional",
        ),
        (
            "大庆市委市政府每年列支3000万元作为人才发展专项资金,各县区、开发区每年共列支人才专项资金。",
            "simplified",
        ),
        ("", "simplified"),
        ("12345 ABC", "simplified"),
    ],
)
def test_detect_script(original: str, script: str) -> None:
    assert detect_script(original, to_simplified(original)) == script


def test_an_article_with_a_few_traditional_characters_is_mixed() -> None:
    # A simplified article that quotes a traditional name: 2 changed characters in about 150.
    original = seed_text("001").split("\n")[6] + "来自臺灣的人才"
    assert len(original) > 140
    assert detect_script(original, to_simplified(original)) == "mixed"


# --- lost characters ------------------------------------------------------------------------------


def test_question_marks_left_by_a_broken_re_encoding_are_lost_characters() -> None:
    # seed 000: “……坚定了我扎根克拉玛依的决心。”今年4月 went through a wrong codec
    text = "这些政策红利坚定了我扎根克拉玛依的决心?!苯衲?月,新疆克拉玛依市委组织部"
    spans = find_lost_chars(text)
    assert [text[s:e] for s, e in spans] == ["?", "?"]
    assert spans[0][0] == text.index("决心?") + 2


def test_a_question_mark_between_two_words_is_a_lost_character() -> None:
    text = "深入实施“智汇群岛?创新引领”战略"  # dev05: 群岛·创新
    assert find_lost_chars(text) == [(9, 10)]


@pytest.mark.parametrize("marker", ["\ufffd", "\ufffd\ufffd", "锟斤拷", "烫烫烫"])
def test_replacement_characters_and_mojibake_markers(marker: str) -> None:
    text = f"给予一次性{marker}万元购房补助"
    assert find_lost_chars(text) == [(5, 5 + len(marker))]


@pytest.mark.parametrize(
    "text",
    [
        "人才缘何纷纷落户油城?克拉玛依市委组织部相关负责人说",  # seed 000: a real question
        "如何留住驻大庆高校毕业生在大庆就业发展?\n",  # seed 002
        "为什么选择阿克苏?因为这里有机会",
        "这里有没有人才公寓?有,拎包入住",
        "你还会回来吗?会",
        "Is this a question? Yes.",
    ],
)
def test_real_question_marks_are_not_damage(text: str) -> None:
    assert find_lost_chars(text) == []


# --- the whole step -------------------------------------------------------------------------------

SEED_EXPECTED = {  # from gold/seeds.json
    "000": ("traditional", {"pinyin_gloss", "lost_chars", "page_junk"}),
    "001": ("simplified", set()),
    "002": ("traditional", {"page_junk"}),
    "003": ("simplified", set()),
    "004": ("simplified", set()),
}


@pytest.mark.parametrize("prefix", sorted(SEED_EXPECTED))
def test_seed_script_and_damage(prefix: str) -> None:
    result = normalise(decode(seed_bytes(prefix)).text)
    assert (result.script, set(result.damage)) == SEED_EXPECTED[prefix]


def _dev_gold() -> list[dict]:
    path = CORPUS / "gold" / "dev.json"
    if not path.exists():
        return []
    return [a for a in json.loads(path.read_text("utf-8")) if a.get("damage") is not None]


@pytest.mark.parametrize("gold", _dev_gold(), ids=lambda a: a["file"])
def test_dev_script_and_damage(gold: dict) -> None:
    result = normalise(decode((DEV / gold["file"]).read_bytes()).text)
    assert (result.script, set(result.damage)) == (gold["script"], set(gold["damage"]))


def test_normalised_seed_000_reads_clean_in_simplified() -> None:
    result = normalise(seed_text("000"))
    assert "教育医疗等优质服务" in result.text
    assert "战略人才千万支持、领军人才百万托举、青年人才十万资助" in result.text
    assert "(yī)" not in result.text
    assert result.lost_spans and all(result.text[s:e] == "?" * (e - s) for s, e in result.lost_spans)


def test_normalise_is_idempotent_on_every_seed() -> None:
    for prefix in SEED_EXPECTED:
        once = normalise(seed_text(prefix)).text
        assert normalise(once).text == once
