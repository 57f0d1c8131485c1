"""English names: pinyin with the place's type, the peoples of an autonomous place, and the few
places known abroad by another name."""

from __future__ import annotations

import pytest

from app.places.english import english_name
from app.places.gazetteer import load_gazetteer


@pytest.mark.parametrize(
    ("name", "english"),
    [
        ("克拉玛依市", "Kelamayi City"),
        ("阿克苏地区", "Aksu Prefecture"),  # known abroad by its Uyghur name
        ("福田区", "Futian District"),
        ("北京市", "Beijing Municipality"),
        ("广东省", "Guangdong Province"),
        ("新疆维吾尔自治区", "Xinjiang Uygur Autonomous Region"),
        ("西安市", "Xi'an City"),  # a syllable opening with a vowel is set off
        ("朝阳区", "Chaoyang District"),  # a polyphone read inside its name
        ("昌吉回族自治州", "Changji Hui Autonomous Prefecture"),
        ("黔东南苗族侗族自治州", "Qiandongnan Miao and Dong Autonomous Prefecture"),
        ("积石山保安族东乡族撒拉族自治县", "Jishishan Bonan, Dongxiang and Salar Autonomous County"),
        ("鄂伦春自治旗", "Oroqen Autonomous Banner"),  # named for its people alone
        ("神农架林区", "Shennongjia Forestry District"),
        ("两江新区", "Liangjiang New Area"),
        ("锡林郭勒盟", "Xilingol League"),
        ("台湾省", "Taiwan Province"),
        ("香港特别行政区", "Hong Kong SAR"),
    ],
)
def test_english_names(name: str, english: str) -> None:
    assert english_name(name) == english


def test_every_place_of_the_gazetteer_has_an_english_name_in_latin_letters() -> None:
    for record in load_gazetteer():
        english = english_name(record.name)
        assert english and english.isascii() and english[0].isupper(), (record.name, english)
