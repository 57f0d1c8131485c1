"""English names of places: the pinyin of the name with its type in English ("Kelamayi City",
"Futian District", "Changji Hui Autonomous Prefecture"), the way Chinese governments write them.

Derived from the Chinese name alone, so a place made at ingest (a development zone) has one too.
A handful of places are known abroad by another name (阿克苏 is Aksu, not Akesu; 西藏 is Xizang);
app/data/english_names.csv holds those, and every other name follows the rules here.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

from app.places.gazetteer import slug_syllables

DATA = Path(__file__).resolve().parents[1] / "data" / "english_names.csv"
MUNICIPALITIES = {"北京市", "天津市", "上海市", "重庆市"}
# Longest first: 自治州 before 州, 新区 and 林区 before 区.
TYPES = (
    ("特别行政区", "SAR"),
    ("自治区", "Autonomous Region"),
    ("自治州", "Autonomous Prefecture"),
    ("自治县", "Autonomous County"),
    ("自治旗", "Autonomous Banner"),
    ("地区", "Prefecture"),
    ("新区", "New Area"),
    ("林区", "Forestry District"),
    ("特区", "Special District"),
    ("省", "Province"),
    ("市", "City"),
    ("区", "District"),
    ("县", "County"),
    ("旗", "Banner"),
    ("盟", "League"),
)
# The peoples an autonomous place is named for, as its English name writes them.
PEOPLES = {
    "维吾尔": "Uygur", "回": "Hui", "藏": "Tibetan", "蒙古": "Mongol", "壮": "Zhuang", "苗": "Miao",
    "侗": "Dong", "彝": "Yi", "土家": "Tujia", "布依": "Bouyei", "哈萨克": "Kazakh", "柯尔克孜": "Kirgiz",
    "傣": "Dai", "景颇": "Jingpo", "傈僳": "Lisu", "白": "Bai", "哈尼": "Hani", "纳西": "Naxi",
    "羌": "Qiang", "朝鲜": "Korean", "满": "Manchu", "瑶": "Yao", "黎": "Li", "畲": "She", "土": "Tu",
    "撒拉": "Salar", "东乡": "Dongxiang", "保安": "Bonan", "裕固": "Yugur", "锡伯": "Xibe",
    "达斡尔": "Daur", "鄂伦春": "Oroqen", "鄂温克": "Evenki", "仡佬": "Gelao", "水": "Shui",
    "仫佬": "Mulao", "毛南": "Maonan", "拉祜": "Lahu", "佤": "Va", "普米": "Pumi", "怒": "Nu",
    "独龙": "Derung", "基诺": "Jino", "布朗": "Blang", "德昂": "De'ang", "阿昌": "Achang",
    "塔吉克": "Tajik", "各族": "Multi-ethnic",
}
_PEOPLE = re.compile("(" + "|".join(sorted(PEOPLES, key=len, reverse=True)) + ")族?")


@lru_cache(maxsize=1)
def _known() -> dict[str, str]:
    with DATA.open(encoding="utf-8", newline="") as f:
        return {row["name"]: row["english"] for row in csv.DictReader(f)}


def romanise(text: str, context: str | None = None) -> str:
    """Pinyin as one capitalised word, with an apostrophe where a syllable opens with a vowel
    (西安 Xi'an, 六安 Lu'an), read inside its full name so polyphones come out right."""
    syllables = [s for s in slug_syllables(text, context) if s]
    word = "".join(("'" + s if i and s[0] in "aoe" else s) for i, s in enumerate(syllables))
    return word[:1].upper() + word[1:]


def _peoples(middle: str) -> tuple[str, str]:
    """Split "昌吉回族" into its place part 昌吉 and the peoples it is named for, in English."""
    found = list(_PEOPLE.finditer(middle))
    # the peoples stand at the end, one after another: find where that run starts
    start = len(middle)
    for m in reversed(found):
        if m.end() != start:
            break
        start = m.start()
    names = [PEOPLES[m.group(1)] for m in found if m.start() >= start]
    if not names:
        return middle, ""
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return middle[:start], listed  # 鄂伦春自治旗 has no place part: "Oroqen Autonomous Banner"


@lru_cache(maxsize=8192)
def english_name(name: str) -> str:
    """"克拉玛依市" -> "Kelamayi City"; a name of no known type is its pinyin alone."""
    known = _known().get(name)
    if known:
        return known
    if name in MUNICIPALITIES:
        return f"{romanise(name[:-1], name)} Municipality"
    for suffix, english in TYPES:
        if name.endswith(suffix) and len(name) > len(suffix):
            stem, peoples = name[: -len(suffix)], ""
            if suffix.startswith("自治"):
                stem, peoples = _peoples(stem)
            words = [romanise(stem, name), peoples, english]
            return " ".join(w for w in words if w)
    return romanise(name)
