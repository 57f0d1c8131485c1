"""Title, source, date and byline from an article's header, on the seeds' real headers."""

from __future__ import annotations

from datetime import date

import pytest

from app.ingest.metadata import read_metadata
from app.ingest.normalise import normalise
from tests.ingest.helpers import seed_text

SEEDS = {  # from gold/seeds.json (title, source, published); authors as the bylines print them
    "000": (
        "克拉玛依市:油城热土让人才梦想“生根”",
        "光明日报",
        date(2025, 7, 11),
        ["靳昊", "赵明昊", "孙金行"],
    ),
    "001": ("招才聚阿“强磁场” 释放发展新活力", "阿克苏日报", date(2024, 8, 7), ["潘婷", "肖瑶"]),
    "002": ("“青年”大庆 “活力”满满", "黑龙江日报", date(2021, 12, 23), []),
    "003": ("汇聚八方英才 共谱庭州新篇", None, None, ["孙学良", "赵彦康"]),
    "004": ("聚才集智“亮”出新段位", None, None, ["张晓艳", "刘博仑"]),
}


@pytest.mark.parametrize("prefix", sorted(SEEDS))
def test_seed_headers(prefix: str) -> None:
    meta = read_metadata(normalise(seed_text(prefix)).text)
    assert (meta.title, meta.source, meta.published, meta.authors) == SEEDS[prefix]


def test_a_subtitle_marks_the_title_above_it() -> None:
    meta = read_metadata("本报讯\n招才聚阿“强磁场” 释放发展新活力\n——地区人才工作综述\n正文。")
    assert meta.title == "招才聚阿“强磁场” 释放发展新活力"


def test_an_impossible_date_is_skipped_for_the_next_one() -> None:
    meta = read_metadata("人才新政发布\n2024年13月45日\n发布时间:2024-02-06 来源:义乌人才网\n")
    assert (meta.published, meta.source) == (date(2024, 2, 6), "义乌人才网")


def test_nothing_to_read_stays_empty() -> None:
    meta = read_metadata("对博士给予一次性50万元购房补助。")
    assert (meta.title, meta.source, meta.published, meta.authors) == (None, None, None, [])


def test_a_title_may_open_with_a_year_but_a_dateline_is_no_title() -> None:
    header = "2024年铜仁市玉屏侗族自治县事业单位高层次及急需紧缺人才引进公告\n原创 玉屏人才 玉屏组工 2024-04-08 18:30 贵州\n"
    assert read_metadata(header).title == "2024年铜仁市玉屏侗族自治县事业单位高层次及急需紧缺人才引进公告"
    assert read_metadata("2024年08月07日 10:28:41\n咸宁出台人才新政十条\n").title == "咸宁出台人才新政十条"


def test_a_breadcrumb_of_the_page_is_no_title() -> None:
    header = "网易首页 > 网易号 > 正文 申请入驻\n\n江苏开启新一轮人才争夺战:多地升级攻势,南京最高补贴10万\n"
    assert read_metadata(header).title == "江苏开启新一轮人才争夺战:多地升级攻势,南京最高补贴10万"
    # markup in a title is no breadcrumb
    assert read_metadata("克拉玛依<b>人才</b>新政\n").title == "克拉玛依<b>人才</b>新政"


def test_a_notice_is_dated_and_signed_at_its_foot() -> None:
    """A notice read from a PDF or Word file has no dateline: its 落款 says who issued it and when,
    and a date in its first articles (when it applies) is not when it was published."""
    notice = (
        "杭州市临平区人才工作领导小组办公室文件\n临人才办〔2024〕3号\n临平区高层次人才引进培育实施办法\n"
        "为深入实施人才强区战略，根据有关文件精神，制定本办法。\n第六条 本办法自2024年4月1日起施行。\n"
        "临平区人才工作领导小组办公室\n2024年3月20日\n"
    )
    meta = read_metadata(notice)
    assert (meta.title, meta.source, meta.published, meta.authors) == (
        "临平区高层次人才引进培育实施办法",  # not the masthead nor the document number
        "临平区人才工作领导小组办公室",
        date(2024, 3, 20),
        [],  # "根据有关文件精神" names no author called 件精神
    )
    # a dateline at the top still wins over the foot
    dated = "临平区人才新政\n发布时间：2024-03-22 来源：临平发布\n正文。\n临平区人才工作领导小组办公室\n2024年3月20日\n"
    assert (read_metadata(dated).published, read_metadata(dated).source) == (date(2024, 3, 22), "临平发布")
