"""Which place an article is about: every seed and dev article, short names, nicknames, a county,
a district, a new area, and the decoys (a publisher in a source line, a place name inside a word)."""

from __future__ import annotations

import json

import pytest

from app.ingest.metadata import read_metadata
from app.ingest.normalise import normalise
from app.ingest.read import decode
from app.places.gazetteer import load_gazetteer, place_slugs, short_names
from app.places.recognise import find_place
from tests.ingest.helpers import CORPUS, DEV, SEED_FILES


def place_of(text: str, title: str | None = None) -> str | None:
    guess = find_place(text, title)
    return guess.place.name if guess else None


def chain_of(text: str, title: str | None = None) -> list[str]:
    guess = find_place(text, title)
    assert guess is not None
    return [p.name for p in guess.chain]


# --- the gazetteer --------------------------------------------------------------------------------


def test_gazetteer_covers_mainland_china_with_parents() -> None:
    places = load_gazetteer()
    assert len(places) > 3000
    by_code = {p.adcode: p for p in places}
    assert len(by_code) == len(places)
    for p in places:
        if p.level == "province":
            assert p.parent_adcode is None
        else:
            assert p.parent_adcode in by_code, p.name
            assert by_code[p.parent_adcode].level != p.level or p.level == "district"
    assert {p.name for p in places if p.level == "province"} >= {"北京市", "新疆维吾尔自治区", "黑龙江省"}
    assert not any(p.name in ("台北市", "香港特别行政区") for p in places)


def test_slugs_are_unique() -> None:
    slugs = list(place_slugs().values())
    assert len(slugs) == len(set(slugs))


@pytest.mark.parametrize(
    ("name", "level", "forms"),
    [
        ("阿克苏地区", "prefecture", ["阿克苏"]),
        ("昌吉回族自治州", "prefecture", ["昌吉州", "昌吉"]),
        ("新疆维吾尔自治区", "province", ["新疆"]),
        ("汶上县", "county", ["汶上"]),
        ("福田区", "district", ["福田"]),
    ],
)
def test_short_names(name: str, level: str, forms: list[str]) -> None:
    nations = ["维吾尔族", "维吾尔", "回族", "回"]
    assert short_names(name, level, nations) == forms


# --- the articles ---------------------------------------------------------------------------------

SEED_PLACES = {  # from gold/seeds.json
    "000": ["新疆维吾尔自治区", "克拉玛依市"],
    "001": ["新疆维吾尔自治区", "阿克苏地区"],
    "002": ["黑龙江省", "大庆市"],
    "003": ["新疆维吾尔自治区", "昌吉回族自治州"],
    "004": ["内蒙古自治区", "鄂尔多斯市"],
}


def _read(raw: bytes) -> tuple[str, str | None]:
    text = normalise(decode(raw).text).text
    return text, read_metadata(text).title


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
def test_every_seed_is_attributed_to_its_prefecture(path) -> None:
    assert chain_of(*_read(path.read_bytes())) == SEED_PLACES[path.name[:3]]


def _dev_gold() -> list[dict]:
    path = CORPUS / "gold" / "dev.json"
    return json.loads(path.read_text("utf-8")) if path.exists() else []


@pytest.mark.parametrize("gold", _dev_gold(), ids=lambda a: a["file"])
def test_every_dev_article_is_attributed_to_its_place(gold: dict) -> None:
    guess = find_place(*_read((DEV / gold["file"]).read_bytes()))
    assert guess is not None
    assert (guess.place.name, guess.place.level) == (gold["city"], gold["level"])


# --- short names and nicknames --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("“才聚阿克苏、圆梦在天山”这句耳熟能详的口号,是阿克苏招才引才、惜才爱才的“揽人招牌”。", "阿克苏地区"),
        (
            "昌吉州针对产业发展紧缺创新人才发布“人才新政15条”,昌吉州还设立5亿元的创新创业引导基金。",
            "昌吉回族自治州",
        ),
        ("人才缘何纷纷落户油城?为让人才安心扎根油城,推出“油城玫瑰金卡”。", "克拉玛依市"),
        ("暖城对人才的厚爱总是无数次超越我们想象,持续打响“暖城之邀”招才引智品牌。", "鄂尔多斯市"),
        ("庭州大地迎来了八方英才,创新人才在庭州大显身手。", "昌吉回族自治州"),
        # the abbreviations the two prefectures' own governments write (博州党委, 克州人社局)
        ("博州对新引进的博士给予安家费,博州人社局负责人介绍了有关情况。", "博尔塔拉蒙古自治州"),
        ("克州对新引进的博士给予每月3000元生活补贴,克州将建设人才公寓。", "克孜勒苏柯尔克孜自治州"),
    ],
)
def test_short_names_and_nicknames(text: str, place: str) -> None:
    assert place_of(text) == place


def test_the_stored_name_is_the_full_official_one() -> None:
    guess = find_place("昌吉州人才新政15条发布,昌吉州委组织部负责人介绍。")
    assert guess is not None
    assert (guess.place.name, guess.place.level) == ("昌吉回族自治州", "prefecture")


# --- a county, a district, a new area -------------------------------------------------------------


def test_a_county() -> None:
    text = "汶上县出台人才新政,对引进的博士研究生给予20万元安家费。汶上县委组织部负责人介绍了有关情况。"
    assert chain_of(text) == ["山东省", "济宁市", "汶上县"]


def test_a_county_by_its_short_name_when_its_prefecture_is_named() -> None:
    text = "济宁市汶上人才新政出台,汶上对引进的博士研究生给予20万元安家费,汶上人才工作再上新台阶。"
    assert chain_of(text) == ["山东省", "济宁市", "汶上县"]


def test_a_county_level_city_named_alone_by_headline_and_body() -> None:
    # 县级市 are written without 市 and without their prefecture in their own news
    text = "义乌对新引进的博士给予50万元购房补贴。义乌将持续优化人才服务,打造人才生态最优城市。"
    assert chain_of(text, "义乌出台人才新政") == ["浙江省", "金华市", "义乌市"]
    text = "昆山对顶尖人才给予最高1亿元项目资助。昆山人才服务中心将提供一站式服务。"
    assert chain_of(text, "重磅！昆山出台人才政策") == ["江苏省", "苏州市", "昆山市"]


def test_a_county_short_name_in_the_body_alone_is_not_enough() -> None:
    assert place_of("义乌对新引进的博士给予50万元购房补贴。", "人才新政出台") is None


def test_a_county_short_name_inside_a_headline_word_is_not_its_subject() -> None:
    # 弘扬中华 holds 扬中 (扬中市); 同仁 is also the word for colleagues (同仁市)
    text = "弘扬中华优秀传统文化,对新引进的博士给予10万元安家费。"
    assert place_of(text, "弘扬中华优秀传统文化 人才新政出台") is None
    assert place_of("各位同仁,对新引进的博士给予10万元安家费。", "同仁们共话人才发展") is None


def test_a_district_is_preferred_to_its_city() -> None:
    text = (
        "深圳市福田区发布人才住房政策。福田区对新引进的博士给予10万元租房补贴,"
        "福田区人才工作局表示,福田区将持续优化人才服务。"
    )
    assert chain_of(text, "福田区人才新政") == ["广东省", "深圳市", "福田区"]


def test_a_city_article_that_mentions_a_district_once_stays_with_the_city() -> None:
    text = (
        "深圳市出台人才新政,深圳市对新引进的博士给予10万元租房补贴。深圳市人社局表示,"
        "相关政策已在福田区试点。深圳市将持续优化人才服务。"
    )
    assert place_of(text, "深圳市人才新政") == "深圳市"


def test_a_national_new_area() -> None:
    text = "哈尔滨新区出台“惠民聚才”优惠政策,哈尔滨新区对新引进的博士给予每月2000元租房补贴。"
    assert chain_of(text) == ["黑龙江省", "哈尔滨市", "哈尔滨新区"]


# --- decoys ---------------------------------------------------------------------------------------


def test_a_publisher_in_the_source_line_is_not_the_subject() -> None:
    # dev05: a 舟山 policy republished by 义乌人才网
    text = (
        "关于实施人才发展新政策打造海洋经济人才新高地的意见\n来源:义乌人才网\n时间:2018-02-06\n作者:义乌人才网\n"
        "为浙江舟山群岛新区跑出加速度提供人才支撑,舟山市对新引进的国际级顶尖人才给予最高200万元奖励。"
    )
    assert place_of(text) == "舟山市"


def test_a_source_line_alone_names_no_place() -> None:
    assert place_of("来源:义乌人才网\n作者:义乌人才网\n对新引进的博士给予50万元购房补贴。") is None


def test_a_newspaper_name_is_not_a_vote() -> None:
    text = "阿克苏日报讯 阿克苏新闻网报道:对全职引进的博士研究生给予一次性50万元购房补助。"
    assert place_of(text) is None


def test_a_place_name_inside_a_common_word_is_not_a_mention() -> None:
    assert place_of("以真金白银的诚意引聚各类优秀人才,拿出“真金白银”留人才。") is None


def test_an_ambiguous_district_name_without_context_is_not_guessed() -> None:
    # 朝阳区 is in 北京市 and in 长春市
    assert place_of("朝阳区人才政策出台。朝阳区对博士给予补贴。") is None
    assert chain_of("北京市朝阳区人才政策出台。朝阳区对博士给予补贴。") == ["北京市", "朝阳区"]


def test_no_place_at_all() -> None:
    assert place_of("对新引进的博士研究生给予每月3000元生活补贴。") is None
