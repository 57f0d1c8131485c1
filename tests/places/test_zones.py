"""Development zones: named after their host city, they are district-level places of their own."""

from __future__ import annotations

from app.places.recognise import default_index, find_place
from app.places.zones import find_zones


def _zones(text: str) -> dict[str, tuple[str, float]]:
    index = default_index()
    return {
        z.record.name: (index.by_code[z.record.parent_adcode].name, z.weight)
        for z in find_zones(text, index.mentions(text), index, 3.0)
    }


def test_a_zone_is_its_host_name_and_the_official_kind() -> None:
    assert _zones("合肥经开区将对企业家人才给予住房补助。")["合肥经济技术开发区"][0] == "合肥市"
    assert _zones("天津港保税区出台人才新政。")["天津港保税区"][0] == "天津市"
    assert _zones("苏州高新区发布人才计划。")["苏州高新技术产业开发区"][0] == "苏州市"


def test_a_zone_already_in_the_gazetteer_is_not_made_again() -> None:
    assert _zones("滨海新区对博士给予10万元安家补贴。") == {}
    assert _zones("哈尔滨新区人才政策。") == {}


def test_a_bare_kind_word_later_refers_back_to_the_one_zone_named() -> None:
    one = _zones("合肥经开区人才政策。经开区对博士给予购房补贴。开发区还提供人才公寓。")
    assert one["合肥经济技术开发区"][1] == 3.0 + 2 * 2.0
    two = _zones("合肥经开区与芜湖经开区对比。经开区对博士给予购房补贴。")
    assert {name: w for name, (_, w) in two.items()} == {"合肥经济技术开发区": 3.0, "芜湖经济技术开发区": 3.0}


def test_an_article_about_a_zone_belongs_to_the_zone_under_its_city() -> None:
    text = (
        "合肥经开区人才住房补助政策解读\n"
        "合肥经开区将对企业家人才、高校毕业生等给予住房补助。经开区对博士给予每月1500元租房补贴,"
        "在开发区购房的,给予最高20万元购房补贴。"
    )
    guess = find_place(text, "合肥经开区人才住房补助政策解读")
    assert guess is not None
    assert guess.place.name == "合肥经济技术开发区"
    assert guess.place.level == "district"
    assert [p.name for p in guess.chain] == ["安徽省", "合肥市", "合肥经济技术开发区"]


def test_a_city_article_that_names_a_zone_in_passing_stays_the_citys() -> None:
    text = (
        "合肥市出台人才新政。合肥市对博士给予10万元购房补贴,合肥市对硕士给予5万元购房补贴。"
        "合肥市还将建设人才公寓,其中合肥高新区将新建1000套。合肥市人才工作领导小组负责实施。"
    )
    guess = find_place(text)
    assert guess is not None and guess.place.name == "合肥市"
