"""Roundups: each offer belongs to the place named last before it, and only a real roundup is split."""

from __future__ import annotations

from app.places.attribute import attribute, common_ancestor, topics
from app.places.recognise import default_index


def _names(codes: list[str | None]) -> list[str | None]:
    index = default_index()
    return [index.by_code[c].name if c else None for c in codes]


def _offsets(text: str, *figures: str) -> list[tuple[int, bool]]:
    return [(text.index(f), True) for f in figures]


def test_line_headed_districts_own_their_lines() -> None:
    text = (
        "广州各区硕士补贴一览\n"
        "黄埔区:新引进入户且在黄埔区企业工作满1年的硕士研究生补贴3万元。\n"
        "南沙区:具有硕士学位的人员住房补贴4万元/人。\n"
        "番禺区:研究生每人每月实习补贴400元。\n"
    )
    owners = attribute(text, _offsets(text, "3万元", "4万元", "400元"))
    assert owners is not None
    assert _names(owners) == ["黄埔区", "南沙区", "番禺区"]
    assert _names([common_ancestor([c for c in owners if c])]) == ["广州市"]


def test_a_topic_carries_over_paragraphs_until_another_is_named() -> None:
    text = (
        "1月4日,江苏省省会南京发布了人才政策2.0版。\n"
        "政策明确,对新就业高校毕业生,按学士1万元、硕士3万元发放生活补贴。\n"
        "例如南通,本科购房补贴10万元,大专购房补贴8万元。\n"
    )
    owners = attribute(text, _offsets(text, "1万元", "3万元", "10万元", "8万元"))
    assert owners is not None
    assert _names(owners) == ["南京市", "南京市", "南通市", "南通市"]


def test_a_list_of_places_names_no_owner() -> None:
    text = "对于招录到齐齐哈尔市的定向选调生,在本市龙沙区、铁锋区、建华区无住房的,每月发放生活补贴2000元。"
    names = [default_index().by_code[t.adcode].name for t in topics(text)]
    assert names == ["齐齐哈尔市"]


def test_a_single_place_article_that_mentions_another_city_is_not_split() -> None:
    text = (
        "昆山市出台人才新政。昆山对博士给予30万元购房补贴,硕士给予10万元购房补贴。"
        "与上海相比,昆山的生活成本更低,本科可获得每月1000元租房补贴。"
    )
    assert attribute(text, _offsets(text, "30万元", "10万元", "1000元")) is None


def test_a_district_under_its_own_city_is_not_a_roundup() -> None:
    text = "深圳市福田区发布人才住房政策。福田区对新引进的博士给予10万元租房补贴,硕士给予6万元租房补贴。"
    assert attribute(text, _offsets(text, "10万元", "6万元")) is None


def test_a_city_news_account_is_a_publisher_but_a_city_that_publishes_acts() -> None:
    index = default_index()
    acting = index.mentions("南京发布了人才政策2.0版")
    account = index.mentions("来自“南京发布”的消息")
    assert [index.by_code[m.adcodes[0]].name for m in acting] == ["南京市"]
    assert account == []


def test_the_other_districts_are_their_citys() -> None:
    text = (
        "哈尔滨市各区租房补贴标准如下。\n"
        "补贴标准双城区每人每年1万元、平房区每人每月600元、呼兰区每人每月500元,"
        "其他区均为每人每月1000元,租房补贴时间为3年。\n"
        "齐齐哈尔市:连续5年每月发放生活补贴2000元。\n"
    )
    owners = attribute(text, _offsets(text, "1万元", "600元", "500元", "1000元", "2000元"))
    assert owners is not None
    assert _names(owners) == ["双城区", "平房区", "呼兰区", "哈尔滨市", "齐齐哈尔市"]
